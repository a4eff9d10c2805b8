import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { ROOT, SAMPLES } from '../../src/paths.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { article, quote } from './contract/test-database.ts';
import { createTestDatabase, postgresUrl } from './postgres-databases.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-migrate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const open = (place: string) =>
  openStore(
    place.startsWith('postgres')
      ? { DATABASE_URL: place, NEWSBRIEF_DB: '' }
      : { NEWSBRIEF_DB: place, DATABASE_URL: undefined },
  );

/** A SQLite store with some of everything: articles (one backfill), quotes, stories, a channel, a feed, digests. */
async function source(path: string): Promise<void> {
  const store = await open(path);
  try {
    await ingestPaths([SAMPLES], { store, log: pino({ level: 'silent' }) });
    await store.addArticles([
      article('no', ['"We stand together," Støre said.'], {
        quotes: [quote('Jonas Gahr Støre', 'We stand together')],
      }),
      article('bf', ['Old news from a feed.'], { backfill: true }),
    ]);
    await store.putSubscription({
      platform: 'discord',
      channelId: 'C1',
      time: '08:00',
      timezone: 'Europe/Oslo',
      topics: ['idlib'],
      createdBy: 'u',
      createdAt: '2026-11-20T00:00:00.000Z',
      // What COPY's text format must escape: a tab, a line break, a backslash, a literal \N.
      lastError: 'timeout\tafter \\N retries\r\nC:\\feeds\\',
    });
    await store.putFeedState({ url: 'https://news.example/rss', etag: '"e"', failures: 0 });
    await store.markItemsSeen('https://news.example/rss', ['g1', 'g2']);
    const owner = { id: 'o', host: 'h', pid: 1 };
    const now = new Date('2026-11-25T05:00:00Z');
    await store.ledger.claim(
      { platform: 'discord', channelId: 'C1', period: '2026-11-25' },
      {
        owner,
        now,
        leaseMs: 60_000,
        since: '2026-11-24T05:00:00.000Z',
      },
    );
    await store.ledger.skip(
      { platform: 'discord', channelId: 'C1', period: '2026-11-24' },
      owner,
      now,
      'too late',
    );
  } finally {
    await store.close();
  }
}

/** What a user of the store sees, for comparing two stores. */
async function view(store: Store) {
  const listed = await store.listArticles({ limit: 500 });
  const ids = listed.map((a) => a.id).sort();
  return {
    counts: await store.counts(),
    articles: await Promise.all(ids.map((id) => store.getArticle(id))),
    listed: listed.map(({ id, removedByReason, paragraphs }) => ({
      id,
      removedByReason,
      paragraphs,
    })),
    fresh: await store.articlesIngestedSince('2000-01-01T00:00:00.000Z', 100),
    store: (await store.quotesBySpeaker('Store')).map((q) => q.quote),
    subscriptions: await store.listSubscriptions(),
    feed: await store.getFeedState('https://news.example/rss'),
    unseen: await store.unseenItems('https://news.example/rss', ['g1', 'g2', 'g3']),
    deliveries: await store.ledger.recent('discord', 'C1', 10),
    stories: await store.recentStories(50),
  };
}

/** `newsbrief migrate-store <from> <to>` as a user runs it. */
function migrate(
  from: string,
  to: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'newsbrief.js'), 'migrate-store', from, to],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' },
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

async function viewOf(place: string) {
  const store = await open(place);
  try {
    return await view(store);
  } finally {
    await store.close();
  }
}

describe('newsbrief migrate-store', { timeout: 120_000 }, () => {
  it('copies a SQLite store into a new SQLite file, verified by counts', async () => {
    const from = join(dir, 'from.db');
    await source(from);
    const to = join(dir, 'to.db');
    const result = await migrate(from, to);
    expect(result.err).toBe('');
    expect(result.out).toMatch(
      /^Copied 3 articles \(\d+ paragraphs, \d+ quotes\), 1 subscriptions, 1 feeds \(2 items seen\), 2 digest deliveries and \d+ stories; every table's count verified\.\n$/,
    );
    const before = await viewOf(from);
    expect(before.stories.length).toBeGreaterThan(0);
    expect(await viewOf(to)).toEqual(before);
  });

  it.skipIf(!postgresUrl)(
    'copies SQLite into PostgreSQL and back, and both read the same',
    async () => {
      const from = join(dir, 'round.db');
      await source(from);
      const db = await createTestDatabase();
      try {
        const there = await migrate(from, db.url);
        expect(there.err).toBe('');
        expect(there.code).toBe(0);
        const back = join(dir, 'back.db');
        const again = await migrate(db.url, back);
        expect(again.err).toBe('');
        const original = await viewOf(from);
        expect(await viewOf(db.url)).toEqual(original);
        expect(await viewOf(back)).toEqual(original);
        expect(original.store).toEqual(['We stand together']);
      } finally {
        await db.drop();
      }
    },
  );

  it.skipIf(!postgresUrl)(
    'copies a PostgreSQL store without stories into SQLite, whose empty store seeds them',
    async () => {
      const db = await createTestDatabase();
      try {
        const store = await open(db.url);
        await store.putSubscription({
          platform: 'slack',
          channelId: 'C9',
          time: '07:00',
          timezone: 'UTC',
          topics: [],
          createdBy: 'u',
          createdAt: '2026-11-20T00:00:00.000Z',
        });
        await store.close();
        const to = join(dir, 'seeded.db');
        const result = await migrate(db.url, to);
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        expect(await viewOf(to)).toEqual(await viewOf(db.url));
      } finally {
        await db.drop();
      }
    },
  );

  it('refuses a destination that holds data, and a source that does not exist', async () => {
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    await source(a);
    await source(b);
    const full = await migrate(a, b);
    expect(full.code).toBe(1);
    expect(full.err).toMatch(
      /^newsbrief: the destination store is not empty \(3 articles, 1 subscriptions\)/,
    );
    const missing = await migrate(join(dir, 'nope.db'), join(dir, 'c.db'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no SQLite store at .*nope\.db/);
  });
});

/** Every row `exportRows` gives in pages of `size`, each page checked to be no larger. */
async function rowsOf(store: Store, table: string, size: number) {
  const rows: unknown[] = [];
  for await (const page of store.exportRows(table, size)) {
    expect(page.length).toBeLessThanOrEqual(size);
    rows.push(...page);
  }
  return rows;
}

describe('store transfer pages', () => {
  type Place = () => Promise<{ place: string; drop(): Promise<void> }>;
  const places: Array<[string, Place]> = [
    ['SQLite', async () => ({ place: join(dir, `pages-${Date.now()}.db`), drop: async () => {} })],
  ];
  if (postgresUrl) {
    places.push(['PostgreSQL', () => createTestDatabase().then((d) => ({ place: d.url, ...d }))]);
  }

  it.each(places)(
    'reads a table and the articles page by page after the last key, every row once (%s)',
    async (_, make) => {
      const { place, drop } = await make();
      const store = await open(place);
      try {
        for (const feed of ['https://b.example/rss', 'https://a.example/rss'])
          await store.markItemsSeen(feed, ['k5', 'k1', 'k3', 'k2', 'k4']);
        await store.addArticles(
          ['e', 'c', 'a', 'd', 'b'].map((id) => article(id, [`Paragraph of ${id}.`])),
        );
        const all = await rowsOf(store, 'feed_seen', 1000);
        expect(
          all.map((r) =>
            Object.values(r as object)
              .slice(0, 2)
              .join(' '),
          ),
        ).toEqual(
          ['a', 'b'].flatMap((f) =>
            ['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => `https://${f}.example/rss ${k}`),
          ),
        );
        for (const size of [1, 3, 5]) expect(await rowsOf(store, 'feed_seen', size)).toEqual(all);
        const pages: string[][] = [];
        for await (const page of store.exportArticles(2)) pages.push(page.map((a) => a.id));
        expect(pages).toEqual([['e', 'c'], ['a', 'd'], ['b']]);
      } finally {
        await store.close();
        await drop();
      }
    },
  );
});
