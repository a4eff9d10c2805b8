import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.ts';
import { createDigestBuilder } from '../../src/schedule/build-digest.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { makeArticle } from './make-article.ts';

const store = new SqliteStore(':memory:');

beforeAll(async () => {
  const said = 'the ceasefire in Idlib must hold for everyone';
  const para = `"${said}," Erdogan said in Ankara on Tuesday.`;
  await store.addArticles([
    makeArticle('old', ['Idlib shelling killed 12 people in the old week of fighting there.'], {
      ingestedAt: '2026-11-20T10:00:00.000Z',
    }),
    makeArticle('backfill', ['Idlib backfill story about the first poll of a feed today.'], {
      ingestedAt: '2026-11-25T01:00:00.000Z',
      backfill: true,
    }),
    makeArticle(
      'new-idlib',
      ['Turkish troops moved into Idlib province on Tuesday, officials in Ankara said.', para],
      {
        ingestedAt: '2026-11-25T02:00:00.000Z',
        quotes: [
          {
            speaker: 'Recep Tayyip Erdogan',
            quote: said,
            kind: 'direct',
            paragraph: 1,
            start: 82,
            end: 82 + said.length,
          },
        ],
      },
    ),
    makeArticle('new-other', ['The central bank raised rates by 50 basis points on Monday.'], {
      ingestedAt: '2026-11-25T03:00:00.000Z',
    }),
  ]);
});
afterAll(() => store.close());

const since = '2026-11-24T05:00:00.000Z';

describe('createDigestBuilder', () => {
  it('briefs only what was ingested since the last digest, on the topics, with the period marker', async () => {
    const build = createDigestBuilder({ store });
    const digest = await build({
      subscription: { topics: ['idlib'], timezone: 'Europe/Istanbul' },
      since,
      period: '2026-11-25',
    });
    expect(digest.empty).toBe(false);
    const text = renderConsole(digest.reply ?? { blocks: [] });
    expect(text).toContain('Turkish troops moved into Idlib');
    expect(text).toContain('Recep Tayyip Erdogan');
    expect(text).not.toContain('old week');
    expect(text).not.toContain('backfill story');
    expect(text).toContain('nb-digest:2026-11-25');
    expect(text).toContain('https://news.test/new-idlib');
  });

  it('covers every topic when the channel has none, newest first, backfill excluded', async () => {
    const build = createDigestBuilder({ store });
    const digest = await build({ subscription: { topics: [], timezone: 'UTC' }, since });
    expect(digest.articles).toBe(2);
    const text = renderConsole(digest.reply ?? { blocks: [] });
    expect(text.indexOf('central bank')).toBeGreaterThan(-1);
    expect(text.indexOf('central bank')).toBeLessThan(text.indexOf('Turkish troops'));
    expect(text).toContain('“the ceasefire in Idlib must hold for everyone”');
    expect(text).not.toContain('backfill');
    expect(text).not.toContain('nb-digest');
  });

  it('says "Nothing new on …" when empty, or skips when configured to', async () => {
    const later = '2026-11-25T04:00:00.000Z';
    const request = {
      subscription: { topics: ['idlib', 'syria'], timezone: 'UTC' },
      since: later,
      period: '2026-11-26',
    };
    const posted = await createDigestBuilder({ store })(request);
    expect(posted.empty).toBe(true);
    expect(renderConsole(posted.reply ?? { blocks: [] })).toContain('Nothing new on idlib, syria.');
    expect(renderConsole(posted.reply ?? { blocks: [] })).toContain('nb-digest:2026-11-26');
    const skipped = await createDigestBuilder({ store, postWhenEmpty: false })(request);
    expect(skipped).toEqual({ empty: true, articles: 0 });
  });
});
