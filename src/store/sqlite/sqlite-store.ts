import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { speakerKey } from '../../analysis/quotes/speaker-key.ts';
import type { Article } from '../../articles/article.ts';
import type { FeedState } from '../../articles/feeds/feed-state.ts';
import { clampLimit, LIMITS } from '../limits.ts';
import {
  aliasKeys,
  findPeople,
  type Person,
  SpeakerCounts,
  speakerCounts,
} from '../speaker-names.ts';
import {
  type ArticleQuoteRow,
  type ArticleRow,
  groupBy,
  type ParagraphRow,
  type PassageRow,
  type QuoteRow,
  type SubscriptionRow,
  toArticle,
  toArticleSummary,
  toPassage,
  toStoredQuote,
  toSubscription,
} from '../sql-rows.ts';
import type {
  AddResult,
  ArticleSummary,
  Passage,
  SearchOptions,
  Store,
  StoredQuote,
  Subscription,
} from '../store.ts';
import {
  COUNTED_TABLES,
  importedColumns,
  keysetPages,
  portable,
  type Row,
  type StoreCounts,
  transferredTable,
} from '../store-transfer.ts';
import type { StoryPlan } from '../story-store.ts';
import { ftsQuery } from './fts-query.ts';
import { MIGRATIONS } from './migrations.ts';
import { PAGE_SIZE } from './page-size.ts';
import { SqliteLedger } from './sqlite-ledger.ts';
import { SqliteStories, slices } from './sqlite-stories.ts';

const CANDIDATE_LIMIT = LIMITS.candidates;

/**
 * How long a connection waits for another process's write to finish before failing with
 * SQLITE_BUSY. Writes take milliseconds to a few hundred (a batch of ingest), so a long wait
 * only ever happens under real contention, where waiting beats losing the batch.
 */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * How long a process opening a store waits for the write lock to migrate it. Another process may
 * be running a migration at that moment, and a migration can hold the lock far longer than a
 * write: the stemming migration rebuilds the search index, ~1.8 s per 10,000 articles here, so
 * past ~170,000 articles the bot and an `ingest` started together would fail with "database is
 * locked" after `BUSY_TIMEOUT_MS`. Neither can work before the schema is current, so this waits.
 */
const MIGRATION_WAIT_MS = 15 * 60_000;

/** Waits, for tests; the defaults are the constants above. */
export interface SqliteStoreOptions {
  busyTimeoutMs?: number;
  migrationWaitMs?: number;
}

/**
 * Opens the file, giving a new one `PAGE_SIZE` pages (a file's page size is fixed once it holds
 * a table, and in WAL mode). The page size is written (switching to WAL writes the header) by a
 * connection of its own: the connection that changed it from the default went on to write
 * ~0.1 ms per article slower than one opened on the sized file (interleaved batches, same code).
 */
function openFile(path: string, busyTimeoutMs: number): Database.Database {
  const open = () => {
    const db = new Database(path);
    // First, so that everything after it waits for other processes instead of failing.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return db;
  };
  const db = open();
  if (db.pragma('page_count', { simple: true }) !== 0) return db;
  db.pragma(`page_size = ${PAGE_SIZE}`);
  if (path === ':memory:' || path === '') return db;
  useWal(db);
  db.close();
  return open();
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches the file to WAL. Several processes opening one new file at the same instant may find
 * it busy here without SQLite's busy handler waiting for them (seen as `SQLITE_BUSY` under load
 * with five processes), so this waits too, up to the same `BUSY_TIMEOUT_MS`.
 */
export function useWal(
  db: Database.Database,
  now = Date.now,
  sleep: (ms: number) => void = (ms) => {
    Atomics.wait(pause, 0, 0, ms);
  },
): void {
  const deadline = now() + BUSY_TIMEOUT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith('SQLITE_BUSY');
      if (!busy || now() >= deadline) throw error;
      sleep(wait);
    }
  }
}

/**
 * From this many quotes on, a speaker's newest quotes are found by walking articles newest first
 * (see `#quotes`): 1,000 in 100,000 articles finds 50 within about 5,000 articles.
 */
export const MANY_QUOTES = 1_000;

/** How many speaker alias rows a store remembers having written (a few MB at most). */
const MAX_REMEMBERED_ALIASES = 50_000;

/**
 * The SQLite store: one file, WAL, FTS5 over clean paragraphs. Several processes may share the
 * file: every write transaction takes the write lock up front (`BEGIN IMMEDIATE`, so a reader
 * never has to upgrade and fail), and a busy file is waited for (`busy_timeout`).
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly ledger: SqliteLedger;
  readonly #stories: SqliteStories;
  /**
   * Speaker alias rows known to be in the database. The same speakers recur in article after
   * article, and skipping their three or so `INSERT OR IGNORE`s per quote cut the store's time
   * per article by 15-20% (345-384 -> 294-317 µs on the bench corpus). Alias rows are never
   * deleted, so a remembered row stays true; only committed rows are remembered. Bounded:
   * cleared when full.
   */
  readonly #storedAliases = new Set<string>();

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = openFile(path, busyTimeoutMs);
    try {
      if (path !== ':memory:' && path !== '') useWal(this.#db);
      this.#db.pragma('synchronous = NORMAL');
      this.#db.pragma('foreign_keys = ON');
      this.#db.pragma(`busy_timeout = ${options.migrationWaitMs ?? MIGRATION_WAIT_MS}`);
      try {
        this.#migrate();
      } finally {
        this.#db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      }
      this.#assertWritable();
      this.ledger = new SqliteLedger(this.#db);
      this.#stories = new SqliteStories(this.#db);
    } catch (error) {
      // A store refused (newer schema, read-only, busy) leaves no open file behind: a caller
      // that goes on (a test, a bot retrying) would otherwise hold it until exit.
      this.#db.close();
      throw error;
    }
  }

  /**
   * Refuses a file this process may read but not write, before any work is done: SQLite opens a
   * write-protected file read-only without a word, and `ingest` used to clean every article and
   * then fail on the first write. A write that is rolled back is the one test SQLite answers
   * truly (file mode, folder, ACLs, a read-only mount).
   */
  #assertWritable(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.pragma(`user_version = ${version}`);
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
    }
  }

  /**
   * Applies the missing migrations. The version is read again inside the write transaction:
   * processes opening a new file at once queue on the lock, and each finds the work done by the
   * one before it (reading it outside made them all create the tables: "table articles already
   * exists"). The caller sets the longer busy timeout for the wait (`MIGRATION_WAIT_MS`).
   */
  #migrate(): void {
    const version = () => this.#db.pragma('user_version', { simple: true }) as number;
    const known = MIGRATIONS.length;
    const newer = (from: number) => {
      if (from > known) {
        throw new Error(
          `The database was written by a newer newsbrief (schema ${from}, this one knows ${known}); upgrade newsbrief`,
        );
      }
    };
    if (version() === known) return;
    // Before taking the lock: a newer schema is refused at once, not after the migration wait.
    newer(version());
    this.#db
      .transaction(() => {
        const from = version();
        newer(from);
        for (let v = from; v < known; v++) {
          const migration = MIGRATIONS[v] ?? '';
          if (typeof migration === 'string') this.#db.exec(migration);
          else migration(this.#db);
        }
        this.#db.pragma(`user_version = ${known}`);
      })
      .immediate();
  }

  /** The SQLite handle, for SQLite-only checks in tests; the rest of the code uses `Store`. */
  get db(): Database.Database {
    return this.#db;
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async addArticles(articles: readonly Article[]): Promise<AddResult[]> {
    const db = this.#db;
    const exists = db.prepare<[string], { seq: number }>('SELECT seq FROM articles WHERE id = ?');
    const insertArticle = db.prepare(
      `INSERT INTO articles (id, title, outlet, url, published, origin, raw, captions, removed, ingested_at, dated, backfill)
       VALUES (@id, @title, @outlet, @url, @published, @origin, @raw, @captions, @removed, @ingestedAt, @dated, @backfill)`,
    );
    const insertParagraph = db.prepare(
      'INSERT INTO paragraphs (article_seq, idx, text, sentences) VALUES (?, ?, ?, ?)',
    );
    const insertFts = db.prepare('INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)');
    const insertQuote = db.prepare(
      `INSERT INTO quotes (article_seq, paragraph, speaker, speaker_key, role, quote, kind, cue, start, end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAlias = db.prepare(
      'INSERT OR IGNORE INTO speaker_aliases (alias_key, speaker_key) VALUES (?, ?)',
    );
    const countQuotes = db.prepare(
      `INSERT INTO speaker_counts (speaker_key, speaker, n) VALUES (?, ?, ?)
       ON CONFLICT (speaker_key, speaker) DO UPDATE SET n = n + excluded.n`,
    );
    // Alias rows this batch writes, remembered once it commits.
    const newAliases = new Set<string>();
    const addAll = db.transaction((batch: readonly Article[]) => {
      const counts = new SpeakerCounts();
      const results = batch.map((a): AddResult => {
        if (exists.get(a.id)) return { id: a.id, inserted: false };
        const seq = Number(
          insertArticle.run({
            id: a.id,
            title: a.title,
            outlet: a.outlet ?? null,
            url: a.url ?? null,
            published: a.published ?? null,
            origin: a.origin,
            raw: a.raw,
            captions: JSON.stringify(a.captions),
            removed: JSON.stringify(a.removed),
            ingestedAt: a.ingestedAt,
            dated: a.published ?? a.ingestedAt,
            backfill: a.backfill ? 1 : 0,
          }).lastInsertRowid,
        );
        a.paragraphs.forEach((text, idx) => {
          const rowid = insertParagraph.run(
            seq,
            idx,
            text,
            JSON.stringify(a.sentences[idx] ?? []),
          ).lastInsertRowid;
          insertFts.run(rowid, text);
        });
        for (const q of a.quotes) {
          const key = speakerKey(q.speaker);
          insertQuote.run(
            seq,
            q.paragraph,
            q.speaker,
            key,
            q.role ?? null,
            q.quote,
            q.kind,
            q.cue ?? null,
            q.start,
            q.end,
          );
          counts.add(key, q.speaker);
          for (const alias of aliasKeys(q.speaker)) {
            const row = `${alias}\u0000${key}`;
            if (this.#storedAliases.has(row) || newAliases.has(row)) continue;
            insertAlias.run(alias, key);
            newAliases.add(row);
          }
        }
        return { id: a.id, inserted: true };
      });
      for (const [key, speaker, n] of counts.rows()) countQuotes.run(key, speaker, n);
      return results;
    });
    const results = addAll.immediate(articles);
    if (this.#storedAliases.size + newAliases.size > MAX_REMEMBERED_ALIASES)
      this.#storedAliases.clear();
    for (const row of newAliases) this.#storedAliases.add(row);
    return results;
  }

  async getArticle(id: string): Promise<Article | undefined> {
    return (await this.getArticles([id]))[0];
  }

  async getArticles(ids: readonly string[]): Promise<Article[]> {
    const byId = new Map<string, Article>();
    for (const part of slices([...new Set(ids)])) {
      const rows = this.#db
        .prepare<string[], ArticleRow>(
          `SELECT * FROM articles WHERE id IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part);
      for (const a of this.#withParts(rows)) byId.set(a.id, a);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Articles of `rows` (at most `LIMITS.inList`), their paragraphs and quotes read in one query each. */
  #withParts(rows: readonly ArticleRow[]): Article[] {
    if (rows.length === 0) return [];
    const seqs = rows.map((r) => r.seq);
    const marks = seqs.map(() => '?').join(',');
    const paragraphs = groupBy(
      this.#db
        .prepare<unknown[], ParagraphRow & { article_seq: number }>(
          `SELECT article_seq, text, sentences FROM paragraphs WHERE article_seq IN (${marks})
           ORDER BY article_seq, idx`,
        )
        .all(...seqs),
    );
    const quotes = groupBy(
      this.#db
        .prepare<unknown[], ArticleQuoteRow & { article_seq: number }>(
          `SELECT * FROM quotes WHERE article_seq IN (${marks}) ORDER BY article_seq, start, rowid`,
        )
        .all(...seqs),
    );
    return rows.map((r) =>
      toArticle(r, paragraphs.get(String(r.seq)) ?? [], quotes.get(String(r.seq)) ?? []),
    );
  }

  async countArticles(): Promise<number> {
    return (this.#db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  async listArticles(options: { topic?: string; limit?: number } = {}): Promise<ArticleSummary[]> {
    const limit = clampLimit(options.limit, LIMITS.articles);
    let seqs: number[] | undefined;
    if (options.topic) {
      const query = ftsQuery(options.topic, 'all');
      if (!query) return [];
      seqs = this.#db
        .prepare<[string, number], { seq: number }>(
          `SELECT DISTINCT p.article_seq AS seq FROM paragraphs_fts f JOIN paragraphs p ON p.rowid = f.rowid
           WHERE paragraphs_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
        )
        .all(query, CANDIDATE_LIMIT)
        .map((r) => r.seq);
      if (seqs.length === 0) return [];
    }
    const where = seqs ? `WHERE a.seq IN (${seqs.join(',')})` : '';
    const rows = this.#db
      .prepare<[number], ArticleRow & { paragraphs: number }>(
        `SELECT a.*, (SELECT count(*) FROM paragraphs p WHERE p.article_seq = a.seq) AS paragraphs
         FROM articles a ${where} ORDER BY a.dated DESC, a.seq DESC LIMIT ?`,
      )
      .all(limit);
    return rows.map(toArticleSummary);
  }

  async searchPassages(topic: string, options: SearchOptions = {}): Promise<Passage[]> {
    const limit = clampLimit(options.limit, LIMITS.passages);
    const filtered = Boolean(options.since || options.ingestedSince);
    const run = (mode: 'all' | 'any') => {
      const query = ftsQuery(topic, mode);
      if (!query) return [];
      // Newest CANDIDATE_LIMIT matches first (cheap: FTS5 walks rowids), then BM25 over those
      // only; without a date filter the ranking and limit happen before any join.
      const candidates = `SELECT f.rowid AS rowid, bm25(paragraphs_fts) AS rank FROM paragraphs_fts f
             WHERE paragraphs_fts MATCH ? ORDER BY f.rowid DESC LIMIT ${CANDIDATE_LIMIT}`;
      const ranked = filtered
        ? candidates
        : `SELECT * FROM (${candidates}) ORDER BY rank LIMIT ${limit}`;
      return this.#db
        .prepare<[string, string, string | null, string | null, number], PassageRow>(
          `SELECT -c.rank AS score, p.idx, p.text, p.sentences, a.id, a.title, a.outlet, a.url,
             a.published
           FROM (${ranked}) c
           JOIN paragraphs p ON p.rowid = c.rowid
           JOIN articles a ON a.seq = p.article_seq
           WHERE a.dated >= ? AND (? IS NULL OR (a.ingested_at >= ? AND a.backfill = 0))
           ORDER BY c.rank LIMIT ?`,
        )
        .all(
          query,
          options.since ?? '',
          options.ingestedSince ?? null,
          options.ingestedSince ?? null,
          limit,
        );
    };
    let rows = options.anyWord ? [] : run('all');
    if (rows.length === 0) rows = run('any');
    return rows.map(toPassage);
  }

  async articlePassages(articleIds: readonly string[]): Promise<Passage[]> {
    if (articleIds.length === 0) return [];
    const rows = this.#db
      .prepare<string[], PassageRow>(
        `SELECT 0 AS score, p.idx, p.text, p.sentences, a.id, a.title, a.outlet, a.url, a.published
         FROM articles a JOIN paragraphs p ON p.article_seq = a.seq
         WHERE a.id IN (${articleIds.map(() => '?').join(',')}) ORDER BY a.seq, p.idx`,
      )
      .all(...articleIds);
    return rows.map(toPassage);
  }

  async quotesBySpeaker(name: string, options: SearchOptions = {}): Promise<StoredQuote[]> {
    const person = (await this.peopleNamed(name))[0];
    if (!person) return [];
    const { keys } = person;
    const condition = `q.speaker_key IN (${keys.map(() => '?').join(',')})`;
    // Not for a digest's "ingested since": recent ingests may be spread over old dates.
    const articleFirst = person.quotes >= MANY_QUOTES && !options.ingestedSince;
    return this.#quotes(condition, keys, options, articleFirst).map((q) => ({
      ...q,
      speaker: person.name,
    }));
  }

  async peopleNamed(name: string): Promise<Person[]> {
    const keysFor = this.#db.prepare<[string], { speaker_key: string }>(
      'SELECT speaker_key FROM speaker_aliases WHERE alias_key = ?',
    );
    return findPeople(
      name,
      async (alias) => keysFor.all(alias).map((r) => r.speaker_key),
      async (keys) =>
        speakerCounts(
          this.#db
            .prepare<string[], { key: string; speaker: string; n: number }>(
              `SELECT speaker_key AS key, speaker, n FROM speaker_counts
               WHERE speaker_key IN (${keys.map(() => '?').join(',')}) ORDER BY speaker_key, speaker`,
            )
            .all(...keys),
        ),
    );
  }

  async quotesByTopic(topic: string, options: SearchOptions = {}): Promise<StoredQuote[]> {
    return this.quotesIn(
      await this.searchPassages(topic, { ...options, limit: LIMITS.topicPassages }),
      options,
    );
  }

  async quotesIn(
    passages: readonly Pick<Passage, 'articleId' | 'paragraph'>[],
    options: SearchOptions = {},
  ): Promise<StoredQuote[]> {
    if (passages.length === 0) return [];
    const wanted = new Set(passages.map((p) => `${p.articleId}:${p.paragraph}`));
    const ids = [...new Set(passages.map((p) => p.articleId))];
    // By article (indexed), then the paragraphs in JS: a (id, paragraph) IN (VALUES …) scans.
    const quotes = this.#quotes(`a.id IN (${ids.map(() => '?').join(',')})`, ids, {
      ...options,
      limit: LIMITS.quotesOfArticles,
    });
    return quotes
      .filter((q) => wanted.has(`${q.articleId}:${q.paragraph}`))
      .slice(0, clampLimit(options.limit, LIMITS.quotes));
  }

  /**
   * `articleFirst`: walk articles newest first and look up each one's quotes, stopping at the
   * limit, instead of reading every quote that matches and sorting them all. For someone quoted
   * 150,000 times in 100,000 articles that is 13 ms instead of 450; for someone quoted rarely it
   * would read most of the store, so the caller chooses by how many quotes there are.
   */
  #quotes(
    condition: string,
    params: unknown[],
    options: SearchOptions,
    articleFirst = false,
  ): StoredQuote[] {
    const limit = clampLimit(options.limit, LIMITS.quotes);
    // CROSS JOIN is SQLite's way to fix the join order: articles outside, by their date index.
    const from = articleFirst
      ? 'articles a CROSS JOIN quotes q ON q.article_seq = a.seq'
      : 'quotes q JOIN articles a ON a.seq = q.article_seq';
    return this.#db
      .prepare<unknown[], QuoteRow>(
        `SELECT a.id AS article_id, a.title, a.outlet, a.url, a.published, q.paragraph, q.speaker, q.role,
                q.quote, q.kind, q.cue, q.start, q.end
         FROM ${from}
         WHERE ${condition} AND a.dated >= ? AND (? IS NULL OR (a.ingested_at >= ? AND a.backfill = 0))
         ORDER BY a.dated DESC, q.start LIMIT ?`,
      )
      .all(
        ...params,
        options.since ?? '',
        options.ingestedSince ?? null,
        options.ingestedSince ?? null,
        limit,
      )
      .map(toStoredQuote);
  }

  async putSubscription(s: Subscription): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, time, timezone, topics, created_by, created_at, last_digest_at, last_error)
         VALUES (@platform, @channelId, @time, @timezone, @topics, @createdBy, @createdAt, @lastDigestAt, @lastError)
         ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
           topics = excluded.topics, created_by = excluded.created_by, created_at = excluded.created_at,
           last_digest_at = excluded.last_digest_at, last_error = excluded.last_error`,
      )
      .run({
        ...s,
        topics: JSON.stringify(s.topics),
        lastDigestAt: s.lastDigestAt ?? null,
        lastError: s.lastError ?? null,
      });
  }

  async getSubscription(
    platform: Subscription['platform'],
    channelId: string,
  ): Promise<Subscription | undefined> {
    const row = this.#db
      .prepare<[string, string], SubscriptionRow>(
        'SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?',
      )
      .get(platform, channelId);
    return row ? toSubscription(row) : undefined;
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return this.#db
      .prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel_id')
      .all()
      .map(toSubscription);
  }

  async deleteSubscription(
    platform: Subscription['platform'],
    channelId: string,
  ): Promise<boolean> {
    return (
      this.#db
        .prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?')
        .run(platform, channelId).changes > 0
    );
  }

  async getFeedState(url: string): Promise<FeedState | undefined> {
    const row = this.#db
      .prepare<[string], { state: string }>('SELECT state FROM feed_state WHERE url = ?')
      .get(url);
    return row ? (JSON.parse(row.state) as FeedState) : undefined;
  }

  async putFeedState(state: FeedState): Promise<void> {
    this.#db
      .prepare(
        'INSERT INTO feed_state (url, state) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET state = excluded.state',
      )
      .run(state.url, JSON.stringify(state));
  }

  async unseenItems(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const seen = this.#db.prepare<[string, string], { k: number }>(
      'SELECT 1 AS k FROM feed_seen WHERE feed_url = ? AND item_key = ?',
    );
    return [...new Set(keys)].filter((k) => !seen.get(feedUrl, k));
  }

  async markItemsSeen(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const insert = this.#db.prepare(
      'INSERT OR IGNORE INTO feed_seen (feed_url, item_key, seen_at) VALUES (?, ?, ?)',
    );
    const now = new Date().toISOString();
    return this.#db
      .transaction(() => [...new Set(keys)].filter((k) => insert.run(feedUrl, k, now).changes > 0))
      .immediate();
  }

  async leaseFeed(url: string, owner: string, now: Date, until: Date): Promise<boolean> {
    // One statement: the row's lock makes a second process wait, then see the lease taken.
    return (
      this.#db
        .prepare(
          `INSERT INTO feed_leases (url, owner, lease_until) VALUES (?, ?, ?)
           ON CONFLICT (url) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE feed_leases.owner = excluded.owner OR feed_leases.lease_until <= ?`,
        )
        .run(url, owner, until.toISOString(), now.toISOString()).changes === 1
    );
  }

  async articlesIngestedSince(since: string, limit: number): Promise<string[]> {
    return this.#db
      .prepare<[string, number], { id: string }>(
        `SELECT id FROM articles WHERE ingested_at >= ? AND backfill = 0
         ORDER BY ingested_at DESC, seq DESC LIMIT ?`,
      )
      .all(since, limit)
      .map((r) => r.id);
  }

  // Stories live in tables of their own (sqlite-stories.ts).
  termFrequencies(terms: readonly string[]) {
    return this.#stories.termFrequencies(terms);
  }
  storyCandidates(keys: readonly string[], from: string, to: string) {
    return this.#stories.storyCandidates(keys, from, to);
  }
  storiesOfArticles(articleIds: readonly string[]) {
    return this.#stories.storiesOfArticles(articleIds);
  }
  saveStories(plan: StoryPlan) {
    return this.#stories.saveStories(plan);
  }
  storyIdsOf(articleIds: readonly string[]) {
    return this.#stories.storyIdsOf(articleIds);
  }

  getStories(ids: readonly string[]) {
    return this.#stories.getStories(ids);
  }
  storyMembers(storyIds: readonly string[]) {
    return this.#stories.storyMembers(storyIds);
  }
  recentStories(limit: number) {
    return this.#stories.recentStories(limit);
  }

  async counts(): Promise<StoreCounts> {
    const count = (table: string) =>
      (this.#db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return Object.fromEntries(COUNTED_TABLES.map((t) => [t, count(t)]));
  }

  async *exportArticles(size: number): AsyncGenerator<Article[]> {
    const page = this.#db.prepare<[number, number], ArticleRow & { backfill: number }>(
      'SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    // Pages no larger than one IN list of `#withParts`.
    const limit = Math.min(size, LIMITS.inList);
    for await (const rows of keysetPages(['seq'], limit, (after) =>
      page.all(Number(after?.[0] ?? 0), limit),
    )) {
      const backfill = new Set(rows.filter((r) => r.backfill).map((r) => r.id));
      yield this.#withParts(rows).map((a) => (backfill.has(a.id) ? { ...a, backfill: true } : a));
    }
  }

  exportRows(table: string, size: number): AsyncGenerator<Row[]> {
    const keys = transferredTable(table);
    const order = keys.map((k) => `"${k}"`).join(', ');
    const first = this.#db.prepare<[number], Row>(
      `SELECT * FROM ${table} ORDER BY ${order} LIMIT ?`,
    );
    const next = this.#db.prepare<unknown[], Row>(
      `SELECT * FROM ${table} WHERE (${order}) > (${keys.map(() => '?').join(', ')})
       ORDER BY ${order} LIMIT ?`,
    );
    return keysetPages(keys, size, (after) => {
      if (after) return next.all(...after, size);
      this.#stories.flush(); // term counts still in memory go with the rest
      return first.all(size);
    });
  }

  async importRows(table: string, rows: readonly Row[], first: boolean): Promise<void> {
    transferredTable(table);
    const columns = importedColumns(rows);
    const names = Object.keys(rows[0] ?? {});
    const insert =
      rows.length > 0
        ? this.#db.prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
        : undefined;
    this.#db
      .transaction(() => {
        if (first) this.#db.prepare(`DELETE FROM ${table}`).run();
        for (const row of rows) {
          insert?.run(
            names.map((c) => {
              const v = portable(row[c]);
              return typeof v === 'boolean' ? Number(v) : v;
            }),
          );
        }
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#stories.flush();
    this.#db.close();
  }
}
