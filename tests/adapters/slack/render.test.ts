import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwnLink } from '../../../src/adapters/slack/mrkdwn.ts';
import {
  renderSlack,
  SLACK_LIMITS,
  type SlackMessage,
} from '../../../src/adapters/slack/render.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { briefReply } from './fixtures.ts';

/** Every mrkdwn/plain text in a message, in order. */
function texts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) =>
    (b.type === 'section' || b.type === 'header') && b.text ? [b.text.text] : [],
  );
}

function allText(messages: SlackMessage[]): string {
  return messages.flatMap((m) => [m.text, ...texts(m)]).join('\n');
}

function expectWithinLimits(messages: SlackMessage[]): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(message.text.length).toBeGreaterThan(0);
    for (const block of message.blocks) {
      if (block.type === 'header') {
        expect(block.text.type).toBe('plain_text');
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      }
      if (block.type === 'section') {
        expect(block.text?.text.length).toBeGreaterThan(0);
        expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }
    }
  }
}

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so mentions and links stay text', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <https://evil|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil|click&gt;',
    );
  });

  it('neutralises formatting characters but keeps an underscore inside a word', () => {
    const out = escapeMrkdwn('*bold* _it_ ~strike~ `code` snake_case');
    expect(out).not.toMatch(/[*~`]/);
    expect(out).toContain('snake_case');
    expect(out).not.toMatch(/(^|\s)_|_(\s|$)/);
  });
});

describe('mrkdwnLink', () => {
  it('escapes the url and the label, and drops non-http links', () => {
    expect(mrkdwnLink('https://x.example/a?b=1&c=2|x>', 'A <b> & c|d')).toBe(
      '<https://x.example/a?b=1&amp;c=2%7Cx%3E|A &lt;b&gt; &amp; c\u2223d>',
    );
    expect(mrkdwnLink('javascript:alert(1)', 'click')).toBe('click');
    expect(mrkdwnLink(undefined, 'plain')).toBe('plain');
  });
});

describe('renderSlack', () => {
  it('renders title, heading, bullets with cites, a blockquote and numbered sources', () => {
    const [message, ...rest] = renderSlack(briefReply('idlib'));
    expect(rest).toHaveLength(0);
    if (!message) throw new Error('no message');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Briefing: idlib', emoji: true },
    });
    const [, heading, list, quote, sources] = texts(message);
    expect(heading).toBe('*Key points*');
    expect(list).toBe(
      '• Shelling resumed near Idlib &lt;!channel&gt; &amp; &lt;@U123&gt; [1]\n• Talks moved to \u2217Ankara\u2217 [1] [2]',
    );
    expect(quote).toBe(
      '> “We will not allow &lt;!here&gt; provocations”\n> — *Recep Tayyip Erdogan*, Turkish President (quoted) [1]',
    );
    expect(sources).toBe(
      '*Sources*\n1. <https://news.example/a?x=1&amp;y=2|Idlib &amp; the &lt;truce&gt;> (Reuters)\n2. Ankara talks (2019-02-14)',
    );
    expect(message.text).toBe('Briefing: idlib');
    expectWithinLimits([message]);
  });

  it('never lets article text ping or link, in blocks or in the fallback text', () => {
    const hostile =
      '<!channel> <!here> <!everyone> <@U123> <#C1> <!subteam^S1> <https://evil.example|click>';
    const messages = renderSlack({
      title: hostile,
      blocks: [
        { type: 'text', text: hostile },
        { type: 'list', items: [{ text: hostile }] },
        { type: 'quote', speaker: hostile, text: hostile, kind: 'reported' },
        { type: 'sources', items: [{ n: 1, articleId: 'x', title: hostile, outlet: hostile }] },
      ],
    });
    const mrkdwn = messages.flatMap((m) => [
      m.text,
      ...m.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : [])),
    ]);
    for (const text of mrkdwn) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toContain('<https://evil');
    }
  });

  it('splits a long text into sections of at most 3,000 characters and loses nothing', () => {
    const words = Array.from({ length: 2500 }, (_, i) => `word${i}`).join(' ');
    const messages = renderSlack({ blocks: [{ type: 'text', text: words, cites: [4] }] });
    expectWithinLimits(messages);
    const joined = messages.flatMap(texts).join(' ').replace(/\s+/g, ' ');
    expect(joined).toBe(`${words} [4]`);
    expect(messages.flatMap(texts).length).toBeGreaterThan(5);
  });

  it('does not cut an escaped entity or an emoji in half', () => {
    const text = '&'.repeat(2000) + '👩‍👩‍👧‍👦'.repeat(400);
    const messages = renderSlack({ blocks: [{ type: 'text', text }] });
    expectWithinLimits(messages);
    for (const piece of messages.flatMap(texts)) {
      expect(piece).not.toMatch(/&(?!amp;)/);
      expect(piece).toMatch(/^(&amp;)*(👩‍👩‍👧‍👦)*$/u);
    }
    expect(messages.flatMap(texts).join('')).toBe('&amp;'.repeat(2000) + '👩‍👩‍👧‍👦'.repeat(400));
  });

  it('chunks into several messages at 50 blocks and keeps the header on the first only', () => {
    const reply: Reply = {
      title: 'Many',
      blocks: Array.from({ length: 120 }, (_, i) => ({
        type: 'text' as const,
        text: `point ${i}`,
      })),
    };
    const messages = renderSlack(reply);
    expect(messages).toHaveLength(3);
    expectWithinLimits(messages);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 21]);
    expect(messages[1]?.blocks.some((b) => b.type === 'header')).toBe(false);
    expect(messages[2]?.text).toBe('Many (continued 3/3)');
    expect(messages.flatMap(texts).filter((t) => t.startsWith('point'))).toHaveLength(120);
  });

  it('caps the characters of one message', () => {
    const long = 'x '.repeat(1400);
    const messages = renderSlack({
      blocks: Array.from({ length: 20 }, () => ({ type: 'text' as const, text: long })),
    });
    expectWithinLimits(messages);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(texts(m).reduce((n, t) => n + t.length, 0)).toBeLessThanOrEqual(
        SLACK_LIMITS.messageChars,
      );
    }
  });

  it('truncates a long title to 150 characters on a grapheme boundary', () => {
    const messages = renderSlack({
      title: '🇸🇾'.repeat(100),
      blocks: [{ type: 'text', text: 'x' }],
    });
    const header = messages[0]?.blocks[0];
    if (header?.type !== 'header') throw new Error('no header');
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).toMatch(/^(🇸🇾)+…$/u);
  });

  it('keeps emoji and isolates right-to-left text so the cite stays at the end', () => {
    const arabic = 'قال الرئيس إن المحادثات ستستمر 🕊️';
    const [message] = renderSlack({ blocks: [{ type: 'text', text: arabic, cites: [2] }] });
    expect(message && texts(message)[0]).toBe(`\u2068${arabic}\u2069 [2]`);
    const [latin] = renderSlack({ blocks: [{ type: 'text', text: 'plain 🙂', cites: [1] }] });
    expect(latin && texts(latin)[0]).toBe('plain 🙂 [1]');
  });

  it('splits a very long quote into sections that all stay blockquoted', () => {
    const messages = renderSlack({
      blocks: [
        { type: 'quote', speaker: 'Rouhani', text: 'peace '.repeat(1200), kind: 'direct', cite: 3 },
      ],
    });
    const pieces = messages.flatMap(texts);
    expectWithinLimits(messages);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      for (const line of piece.split('\n')) expect(line.startsWith('> ')).toBe(true);
    }
    expect(pieces.at(-1)).toMatch(/— \*Rouhani\* \(quoted\) \[3\]$/);
  });

  it('marks reported speech and renders an empty reply as something Slack accepts', () => {
    const [message] = renderSlack({
      blocks: [{ type: 'quote', speaker: 'Putin', text: 'talks would go on', kind: 'reported' }],
    });
    expect(message && texts(message)[0]).toBe('> talks would go on\n> — *Putin* (reported)');
    const [empty] = renderSlack({ blocks: [] });
    expect(empty?.blocks).toHaveLength(1);
    expect(allText(renderSlack({ blocks: [] }))).toContain('(empty reply)');
  });
});
