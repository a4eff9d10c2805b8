import { once } from 'node:events';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore, useWal } from '../../src/store/sqlite/sqlite-store.ts';
import { describeStoreContract } from './contract/store-contract.ts';
import { article } from './contract/test-database.ts';

let dir: string;
let n = 0;
const require = createRequire(import.meta.url);
/** This process's file descriptors open on `path` or its WAL files (Linux). */
const openDescriptors = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(path);
    } catch {
      return false;
    }
  });
const dbPath = () => join(dir, `store-${++n}.db`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStoreContract('SQLite', async () => {
  const path = dbPath();
  return {
    open: async () => new SqliteStore(path),
    drop: () => rm(path, { force: true }).then(() => rm(`${path}-wal`, { force: true })),
  };
});

async function withStore<T>(run: (store: SqliteStore) => Promise<T>, path = dbPath()): Promise<T> {
  const store = new SqliteStore(path);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe('SQLite migrations', () => {
  it('creates the schema, turns WAL on, and reopens idempotently', async () => {
    const path = dbPath();
    await withStore(async (s) => {
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
      expect(s.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      await s.addArticles([article('a1', ['Idlib paragraph one.'])]);
    }, path);
    await withStore(async (s) => {
      expect(s.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(await s.countArticles()).toBe(1);
    }, path);
  });

  it('refuses a database written by a newer newsbrief, saying so', () => {
    const path = dbPath();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new SqliteStore(path)).toThrow(
      /written by a newer newsbrief \(schema \d+, this one knows \d+\); upgrade newsbrief/,
    );
  });

  it('rewrites the speaker keys of a store written before one folding was used for both sides', async () => {
    const path = dbPath();
    const db = new Database(path);
    for (const m of MIGRATIONS.slice(0, 4)) db.exec(m as string);
    db.pragma('user_version = 4');
    db.prepare(
      `INSERT INTO articles (seq, id, title, origin, raw, captions, removed, ingested_at, dated)
       VALUES (1, 'no', 't', 'o', 'r', '[]', '[]', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO quotes (article_seq, paragraph, speaker, speaker_key, quote, kind, start, end)
       VALUES (1, 0, 'Jonas Gahr Støre', 'jonas gahr støre', 'We stand together', 'direct', 0, 17)`,
    ).run();
    // As the old store wrote them: alias keys folded one way, the speaker key another.
    for (const alias of ['jonas gahr store', 'jonas', 'gahr', 'store']) {
      db.prepare('INSERT INTO speaker_aliases VALUES (?, ?)').run(alias, 'jonas gahr støre');
    }
    db.close();
    await withStore(async (s) => {
      expect((await s.quotesBySpeaker('Støre')).map((q) => q.speaker)).toEqual([
        'Jonas Gahr Støre',
      ]);
    }, path);
  });

  it('counts the quotes of a store written before speakers were counted', async () => {
    const path = dbPath();
    const db = new Database(path);
    const before = MIGRATIONS.findIndex(
      (m) => typeof m === 'string' && m.includes('CREATE TABLE speaker_counts'),
    );
    for (const m of MIGRATIONS.slice(0, before)) {
      if (typeof m === 'string') db.exec(m);
      else m(db);
    }
    db.pragma(`user_version = ${before}`);
    db.prepare(
      `INSERT INTO articles (seq, id, title, origin, raw, captions, removed, ingested_at, dated)
       VALUES (1, 'a', 't', 'o', 'r', '[]', '[]', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')`,
    ).run();
    const insertQuote = db.prepare(
      `INSERT INTO quotes (article_seq, paragraph, speaker, speaker_key, quote, kind, start, end)
       VALUES (1, 0, ?, 'pedro sanchez', ?, 'direct', 0, 5)`,
    );
    for (const [speaker, text] of [
      ['Pedro Sánchez', 'One'],
      ['Pedro Sánchez', 'Two'],
      ['Pedro Sanchez', 'Three'],
    ])
      insertQuote.run(speaker, text);
    db.prepare('INSERT INTO speaker_aliases VALUES (?, ?)').run('sanchez', 'pedro sanchez');
    db.close();
    await withStore(async (s) => {
      expect((await s.peopleNamed('sanchez')).map((p) => [p.name, p.quotes])).toEqual([
        ['Pedro Sánchez', 3],
      ]);
    }, path);
  });

  it('searches by word stem in a store indexed before stems, without re-ingesting', async () => {
    const path = dbPath();
    const db = new Database(path);
    const before = MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes("'porter "));
    for (const m of MIGRATIONS.slice(0, before)) {
      if (typeof m === 'string') db.exec(m);
      else m(db);
    }
    db.pragma(`user_version = ${before}`);
    db.prepare(
      `INSERT INTO articles (seq, id, title, origin, raw, captions, removed, ingested_at, dated)
       VALUES (1, 'a', 't', 'o', 'r', '[]', '[]', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO paragraphs (rowid, article_seq, idx, text, sentences)
       VALUES (1, 1, 0, 'Trump visited Mexico.', '[[0,21]]')`,
    ).run();
    db.prepare('INSERT INTO paragraphs_fts (rowid, text) VALUES (1, ?)').run(
      'Trump visited Mexico.',
    );
    expect(
      db.prepare(`SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH '"visit"'`).all(),
    ).toEqual([]);
    db.close();
    await withStore(async (s) => {
      // "visit" alone: with any word of a topic as the fallback, "trump visit" would pass unstemmed.
      expect((await s.searchPassages('visit')).map((p) => p.text)).toEqual([
        'Trump visited Mexico.',
      ]);
      expect((await s.searchPassages('visited')).map((p) => p.articleId)).toEqual(['a']);
    }, path);
  });

  it('keeps the stories of a store written when they were a WITHOUT ROWID table', async () => {
    const path = dbPath();
    const db = new Database(path);
    // Every migration before the one that made stories a rowid table (the 8th).
    const before = 7;
    for (const m of MIGRATIONS.slice(0, before)) {
      if (typeof m === 'string') db.exec(m);
      else m(db);
    }
    db.pragma(`user_version = ${before}`);
    db.prepare(
      `INSERT INTO stories (id, title, first, last, center, size, title_vector, centroid)
       VALUES ('s1', 'Comey letter', '2016-10-28', '2016-10-30', '2016-10-29', 2,
               '[["comey",0.5]]', '[["comey",1],["letter",0.8]]')`,
    ).run();
    db.prepare(
      `INSERT INTO story_members (article_id, outlet, story_id, title, dated)
       VALUES ('a1', 'AP', 's1', 'Comey writes to Congress', '2016-10-28')`,
    ).run();
    db.close();
    await withStore(async (s) => {
      const table = s.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'stories'").get() as {
        sql: string;
      };
      expect(table.sql).not.toMatch(/WITHOUT ROWID/);
      expect(await s.getStories(['s1'])).toEqual([
        {
          id: 's1',
          title: 'Comey letter',
          outlets: ['AP'],
          first: '2016-10-28',
          last: '2016-10-30',
          articles: 1,
        },
      ]);
      const [state] = (await s.storiesOfArticles(['a1'])).values();
      expect(state?.centroid).toEqual([
        ['comey', 1],
        ['letter', 0.8],
      ]);
      expect(await s.recentStories(5)).toHaveLength(1);
    }, path);
  });
});

describe('SQLite FTS index', () => {
  it('indexes each stored paragraph once', () =>
    withStore(async (s) => {
      const a = article('same', ['Erdogan met Putin in Tehran.', 'Talks went on.']);
      await s.addArticles([a, a, article('other', ['Other text.'])]);
      const count = (sql: string) => (s.db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM paragraphs')).toBe(3);
      expect(
        count("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH 'erdogan'"),
      ).toBe(1);
    }));
});

describe('switching a new file to WAL while another process holds it', () => {
  // SQLite answers SQLITE_BUSY at once, without its busy handler, where waiting could deadlock
  // (two processes opening one new file at the same instant); a busy_timeout of 0 stands in.
  const locked = () => {
    const path = dbPath();
    const holder = new Database(path);
    holder.exec('CREATE TABLE t (x)');
    holder.exec('BEGIN EXCLUSIVE');
    const db = new Database(path);
    db.pragma('busy_timeout = 0');
    return { holder, db };
  };

  it('waits and tries again until the other lets go', () => {
    const { holder, db } = locked();
    let waits = 0;
    useWal(db, Date.now, () => {
      waits++;
      holder.exec('COMMIT');
    });
    expect(waits).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    holder.close();
  });

  it('gives up with the busy error once the time is spent', () => {
    const { holder, db } = locked();
    let clock = 0;
    const slept: number[] = [];
    expect(() =>
      useWal(
        db,
        () => clock,
        (ms) => {
          slept.push(ms);
          clock += 10_000;
        },
      ),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(slept.length).toBeGreaterThan(0);
    holder.exec('COMMIT');
    db.close();
    holder.close();
  });
});

describe('opening a store while another process holds the write lock to migrate it', () => {
  // Another thread holds the lock on a new file as a long migration would; this thread's open
  // then has to wait longer than a write's busy timeout. The waits are shortened. The other
  // thread holds the lock for 1.5 s from the moment this one says it starts opening, so nothing
  // depends on the machine's speed but the ratio of 100 ms to 1.5 s.
  const holdLock = (ms: number) => {
    const path = dbPath();
    const go = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const Database = require(workerData.sqlite);
       const db = new Database(workerData.path);
       db.pragma('journal_mode = WAL');
       db.exec('CREATE TABLE holder (x)');
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       Atomics.wait(workerData.go, 0, 0);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
       db.exec('COMMIT');
       db.close();`,
      { eval: true, workerData: { path, ms, go, sqlite: require.resolve('better-sqlite3') } },
    );
    return {
      path,
      locked: once(worker, 'message'),
      /** Tells the other thread this one is about to open the file. */
      opening: () => {
        Atomics.store(go, 0, 1);
        Atomics.notify(go, 0);
      },
      done: once(worker, 'exit'),
    };
  };

  it('waits for the lock as long as a migration may take, then goes back to the short wait', async () => {
    const other = holdLock(1500);
    await other.locked;
    other.opening();
    const started = Date.now();
    const store = new SqliteStore(other.path, { busyTimeoutMs: 100, migrationWaitMs: 60_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(100);
    await store.close();
    await other.done;
  });

  it('fails as before when the migration wait is as short as a write', async () => {
    const other = holdLock(1500);
    await other.locked;
    other.opening();
    expect(() => new SqliteStore(other.path, { busyTimeoutMs: 100, migrationWaitMs: 100 })).toThrow(
      expect.objectContaining({ code: 'SQLITE_BUSY' }),
    );
    await other.done;
  });

  it('refuses a newer schema at once, without waiting for the lock', async () => {
    const path = dbPath();
    new SqliteStore(path).db.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(() => new SqliteStore(path, { migrationWaitMs: 60_000 })).toThrow(/newer newsbrief/);
    expect(Date.now() - started).toBeLessThan(30_000);
    raw.exec('COMMIT');
    raw.close();
    // And it left no connection open: no file descriptor of this process points at the file.
    if (existsSync('/proc/self/fd')) expect(openDescriptors(path)).toEqual([]);
  });
});
