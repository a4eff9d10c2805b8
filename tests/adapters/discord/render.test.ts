import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../../src/adapters/discord/escape-discord.ts';
import {
  DISCORD_LIMITS,
  type DiscordMessage,
  renderDiscord,
  splitText,
} from '../../../src/adapters/discord/render.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { longReply } from './test-commands.ts';

const texts = (messages: DiscordMessage[]) =>
  messages.flatMap((m) => [
    m.content ?? '',
    ...(m.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '']),
  ]);

function expectWithinLimits(messages: DiscordMessage[]): void {
  for (const m of messages) {
    expect(m.allowedMentions).toEqual({ parse: [] });
    expect(m.content === undefined || m.content.length <= DISCORD_LIMITS.content).toBe(true);
    const embeds = m.embeds ?? [];
    expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    let total = 0;
    for (const e of embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      total += (e.title?.length ?? 0) + (e.description?.length ?? 0);
    }
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.totalPerMessage);
    expect(m.content !== undefined || embeds.length > 0).toBe(true);
  }
}

describe('escapeDiscord', () => {
  it('neutralises every kind of ping so it neither notifies nor looks like one', () => {
    const out = escapeDiscord('@everyone @here <@123> <@!123> <@&456> <#789> </brief:1>');
    expect(out).not.toMatch(/@everyone|@here|<@|<#|<\//);
    expect(out.replaceAll('\u200b', '')).toBe(
      '@everyone @here <@123> <@!123> <@&456> <#789> </brief:1>',
    );
  });

  it('escapes markdown that would change how article text reads', () => {
    expect(escapeDiscord('a *b* __c__ ~~d~~ `e` ||f|| [g](http://x)')).toBe(
      'a \\*b\\* \\_\\_c\\_\\_ \\~\\~d\\~\\~ \\`e\\` \\|\\|f\\|\\| \\[g\\](http://x)',
    );
    expect(escapeDiscord('> not a quote\n# not a heading\n- not a list')).toBe(
      '\\> not a quote\n\\# not a heading\n\\- not a list',
    );
  });

  it('leaves emoji and right-to-left text as they are', () => {
    const text = 'שלום עולם مرحبا 👩🏽‍💻 🇹🇷';
    expect(escapeDiscord(text)).toBe(text);
  });
});

describe('splitText', () => {
  it('cuts at sentence ends and spaces, never inside a citation', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Claim ${i} holds [${i}][${i + 1}].`).join(
      ' ',
    );
    const chunks = splitText(text, 300);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(300);
      expect(c).toMatch(/^Claim \d+ holds/);
      expect(c).toMatch(/\[\d+\]\[\d+\]\.$/);
    }
    expect(chunks.join(' ')).toBe(text);
  });

  it('cuts a word longer than the limit between graphemes, keeping emoji whole', () => {
    const text = '👩🏽‍💻'.repeat(400);
    const chunks = splitText(text, 100);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(100);
      expect(c.length % '👩🏽‍💻'.length).toBe(0);
    }
  });
});

describe('renderDiscord', () => {
  it('renders a short plain answer as content', () => {
    expect(
      renderDiscord({ blocks: [{ type: 'text', text: 'No articles mention idlib yet.' }] }),
    ).toEqual([{ content: 'No articles mention idlib yet.', allowedMentions: { parse: [] } }]);
  });

  it('renders a briefing as an embed: title, points with citations, quotes, numbered sources', () => {
    const reply: Reply = {
      title: 'Briefing: idlib',
      blocks: [
        { type: 'heading', text: 'Key points' },
        { type: 'list', items: [{ text: 'Talks resumed', cites: [1, 2] }] },
        {
          type: 'quote',
          speaker: 'Hassan Rouhani',
          role: 'Iranian President',
          text: 'We want peace',
          kind: 'direct',
          cite: 1,
        },
        {
          type: 'quote',
          speaker: 'Putin',
          text: 'the ceasefire would hold',
          kind: 'reported',
          cite: 2,
        },
        {
          type: 'sources',
          items: [
            {
              n: 1,
              articleId: 'a',
              title: 'Talks (again)',
              outlet: 'AP',
              url: 'https://example.org/a_(b)',
              published: '2024-03-01T10:00:00Z',
            },
            { n: 2, articleId: 'b', title: 'Second', url: 'javascript:alert(1)' },
          ],
        },
      ],
    };
    const [message, ...rest] = renderDiscord(reply);
    expect(rest).toHaveLength(0);
    const embed = message?.embeds?.[0];
    expect(embed?.title).toBe('Briefing: idlib');
    expect(embed?.description).toBe(
      [
        '**Key points**',
        '• Talks resumed [1][2]',
        '',
        '> “We want peace” — **Hassan Rouhani**, Iranian President [1]',
        '',
        '> **Putin** (reported): the ceasefire would hold [2]',
        '',
        '**[1]** [Talks (again)](https://example.org/a_%28b%29) (AP, 2024-03-01)',
        '**[2]** Second',
      ].join('\n'),
    );
  });

  it('keeps a long briefing within every limit, in several messages, losing nothing', () => {
    const messages = renderDiscord(longReply());
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    const all = texts(messages).join('\n');
    for (let i = 0; i < 90; i++) expect(all).toContain(`Point ${i}:`);
    // Every quote is whole in one embed.
    const quotes = texts(messages).flatMap((t) => t.split('\n').filter((l) => l.startsWith('> ')));
    expect(quotes).toHaveLength(3);
    for (const q of quotes) expect(q).toMatch(/^> “.*” — \*\*Recep Tayyip Erdogan\*\*, .* \[3\]$/);
  });

  it('splits 10,000 characters of text without a citation or a word cut', () => {
    const text = Array.from({ length: 800 }, (_, i) => `word${i}`).join(' ');
    const messages = renderDiscord({ blocks: [{ type: 'text', text, cites: [12, 13] }] });
    expectWithinLimits(messages);
    const all = texts(messages).filter(Boolean);
    expect(all.join(' ')).toBe(`${text} [12][13]`);
  });

  it('never lets article text ping: @everyone, users, roles, in every field', () => {
    const hostile = '@everyone look <@123> and <@&456> @here';
    const messages = renderDiscord({
      title: hostile,
      blocks: [
        { type: 'heading', text: hostile },
        { type: 'text', text: hostile },
        { type: 'list', items: [{ text: hostile }] },
        { type: 'quote', speaker: hostile, role: hostile, text: hostile, kind: 'direct' },
        { type: 'sources', items: [{ n: 1, articleId: 'x', title: hostile, outlet: hostile }] },
      ],
    });
    expectWithinLimits(messages);
    for (const t of texts(messages)) expect(t).not.toMatch(/@everyone|@here|<@\d|<@&/);
    expect(texts(messages).join('').split('@\u200beveryone').length - 1).toBe(9);
  });

  it('truncates an over-long title to 256 characters', () => {
    const [message] = renderDiscord({ title: 'T'.repeat(1000), blocks: [] });
    expect(message?.embeds?.[0]?.title).toHaveLength(DISCORD_LIMITS.title);
    expect(message?.embeds?.[0]?.title?.endsWith('…')).toBe(true);
  });

  it('keeps a heading with what follows it', () => {
    const blocks: Reply['blocks'] = [
      { type: 'text', text: 'x'.repeat(4060) },
      { type: 'heading', text: 'Who said what' },
      { type: 'text', text: 'Someone said something.' },
    ];
    const messages = renderDiscord({ title: 'T', blocks });
    const descriptions = messages.flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '');
    expect(descriptions).toHaveLength(2);
    expect(descriptions[1]).toBe('**Who said what**\nSomeone said something.');
  });
});
