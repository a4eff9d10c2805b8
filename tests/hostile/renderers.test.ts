import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.ts';
import { escapeDiscord } from '../../src/adapters/discord/escape-discord.ts';
import { renderDiscord } from '../../src/adapters/discord/render.ts';
import { renderSlack } from '../../src/adapters/slack/render.ts';
import { prepareArticle } from '../../src/articles/prepare-article.ts';
import { ExtractiveBriefer, MAX_POINT_CHARS } from '../../src/briefing/extractive-briefer.ts';
import type { Reply } from '../../src/core/reply.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const RLO = '\u202e';
/** Every field of a reply carrying a right-to-left override (and the other bidi controls). */
const spoof = (s: string) => `${s} ${RLO}txt.exe\u202c \u2066x\u2069 \u202ay\u202c`;
const reply: Reply = {
  title: spoof('Title'),
  blocks: [
    { type: 'heading', text: spoof('Heading') },
    { type: 'text', text: spoof('Text'), cites: [1] },
    { type: 'list', items: [{ text: spoof('Point'), cites: [1] }] },
    {
      type: 'quote',
      speaker: spoof('Speaker'),
      role: spoof('Role'),
      text: spoof('Words'),
      kind: 'direct',
      cite: 1,
    },
    {
      type: 'sources',
      items: [
        {
          n: 1,
          articleId: 'a',
          title: spoof('Source'),
          outlet: spoof('Outlet'),
          url: `https://x.example/${RLO}gpj.exe`,
        },
      ],
    },
  ],
};
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

describe('bidi overrides never reach a channel or a terminal (issue 13, item 7)', () => {
  it('console', () => {
    expect(renderConsole(reply)).not.toMatch(BIDI);
    expect(renderConsole(reply)).toContain('txt.exe');
  });
  it('Discord', () => {
    expect(JSON.stringify(renderDiscord(reply))).not.toMatch(BIDI);
  });
  it('Slack', () => {
    expect(JSON.stringify(renderSlack(reply))).not.toMatch(BIDI);
  });
});

describe('escapeDiscord escapes an ordered list marker at its dot (issue 13, item 7)', () => {
  it.each([
    ['1. n', '1\\. n'],
    ['  12. twelve', '  12\\. twelve'],
    ['In 2019. Then', 'In 2019. Then'],
    ['- item', '\\- item'],
  ])('%j -> %j', (text, escaped) => {
    expect(escapeDiscord(text)).toBe(escaped);
  });
});

describe('a run of quote marks is no key point (issue 13, item 7)', () => {
  it('5,000 quote marks do not make a 5,068-character point', async () => {
    const store = new SqliteStore(':memory:');
    const raw = `Harbour council vote\n\nThe harbour council voted on Tuesday to approve the new budget for the district, officials said.\n\nThe vote on the harbour budget ended ${'"'.repeat(5000)} a long debate in the council.\n\nCouncil members said the harbour budget would fund 40 new berths by 2027.`;
    await store.addArticles([prepareArticle({ raw, format: 'text', origin: 'quotes.txt' })]);
    const b = await new ExtractiveBriefer(store).brief('harbour');
    expect(b.points.length).toBeGreaterThan(0);
    for (const p of b.points) expect(p.text.length).toBeLessThanOrEqual(MAX_POINT_CHARS);
    await store.close();
  });
});
