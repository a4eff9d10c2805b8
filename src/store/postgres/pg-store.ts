import pg from 'pg';
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
  keysetPages,
  type Row,
  type StoreCounts,
  transferredTable,
} from '../store-transfer.ts';
import type { StoryPlan } from '../story-store.ts';
import { topicWords } from '../topic-words.ts';
import { copyRows } from './pg-copy.ts';
import { PgLedger } from './pg-ledger.ts';
import { migratePg } from './pg-migrate.ts';
import { PgStories } from './pg-stories.ts';

/** Connections per process: commands, digests and ingest share them; PostgreSQL's default cap is 100. */
const POOL_SIZE = 10;

/** How many speaker alias rows a store remembers having written (a few MB at most). */
const MAX_REMEMBERED_ALIASES = 50_000;

/** The advisory lock article batches are written under ("nbwr"). */
const WRITE_LOCK = 0x6e627772;

/** Deadlock and serialization failures: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/** A quote's columns as `QuoteRow` names them (`end` is a reserved word in PostgreSQL). */
const QUOTE_COLUMNS =
  'q.paragraph, q.speaker, q.role, q.quote, q.kind, q.cue, q.start_offset AS start, q.end_offset AS "end"';

/**
 * The text a topic is searched by: its plain words only (never tsquery syntax), joined for
 * `websearch_to_tsquery`, which then needs all of them, or any with `or` between them. The word
 * "or" itself is dropped: websearch would read it as the operator, and it is a stop word anyway.
 */
function searchText(topic: string, mode: 'all' | 'any'): string | undefined {
  const words = topicWords(topic).filter((w) => w.toLowerCase() !== 'or');
  return words.length === 0 ? undefined : words.join(mode === 'all' ? ' ' : ' or ');
}

/** The tsquery of the search text in parameter `param`, accents folded as the paragraphs are. */
const tsquery = (param: string) => `websearch_to_tsquery('english', nb_fold(${param}))`;

/**
 * The newest paragraphs matching the search text in `param`, at most `LIMITS.candidates`: the
 * only ones ranked, so a word found in half the corpus costs no more than a rare one.
 */
const candidates = (param: string) => `SELECT p.id, p.article_seq, p.tsv FROM paragraphs p
  WHERE p.tsv @@ ${tsquery(param)} ORDER BY p.id DESC LIMIT ${LIMITS.candidates}`;

/** Articles within a search's dates: $2 `since` (published, else ingested), $3 `ingestedSince`. */
const WITHIN = 'a.dated >= $2 AND ($3::text IS NULL OR (a.ingested_at >= $3 AND NOT a.backfill))';

/**
 * Articles with their paragraphs and quotes, aggregated as JSON in the same row: one round trip
 * for any number of articles (three queries each made a story digest's reads 3 round trips an
 * article). Followed by a WHERE on `a`.
 */
const ARTICLES_WITH_PARTS = `SELECT a.*,
  (SELECT coalesce(json_agg(json_build_object('text', p.text, 'sentences', p.sentences)
     ORDER BY p.idx), '[]') FROM paragraphs p WHERE p.article_seq = a.seq) AS paragraph_rows,
  (SELECT coalesce(json_agg(json_build_object('paragraph', q.paragraph, 'speaker', q.speaker,
     'role', q.role, 'quote', q.quote, 'kind', q.kind, 'cue', q.cue, 'start', q.start_offset,
     'end', q.end_offset) ORDER BY q.start_offset, q.id), '[]')
   FROM quotes q WHERE q.article_seq = a.seq) AS quote_rows
  FROM articles a`;

/** A row of `ARTICLES_WITH_PARTS`. */
type ArticleWithParts = ArticleRow & {
  backfill: boolean;
  paragraph_rows: ParagraphRow[];
  quote_rows: ArticleQuoteRow[];
};

/**
 * The PostgreSQL store: several bot processes on one database. Full-text search over a stored
 * `tsvector` (English stemming, accents folded by `unaccent`), ranked by `ts_rank` over the
 * newest matches only, as the SQLite store bounds BM25. Connections are pooled; every write
 * that touches several rows is one transaction.
 */
export class PgStore implements Store {
  readonly #pool: pg.Pool;
  readonly ledger: PgLedger;
  readonly #stories: PgStories;
  /** Alias rows known to be stored, as in the SQLite store: only committed rows, bounded. */
  readonly #storedAliases = new Set<string>();

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.ledger = new PgLedger(pool);
    this.#stories = new PgStories(pool, (work) => this.#transaction(work));
  }

  /** Connects, migrates (one process at a time, the others wait) and returns the store. */
  static async open(url: string, options: { poolSize?: number } = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? POOL_SIZE });
    // An idle connection the server dropped (restart, failover) is discarded by the pool; the
    // next query reports the problem to its caller. Unhandled, it would end the process.
    pool.on('error', () => {});
    try {
      await migratePg(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStore(pool);
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  /** Runs `work` in one transaction; a deadlock or serialization failure runs it again. */
  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw error;
      } finally {
        client.release();
      }
    }
  }

  async addArticles(articles: readonly Article[]): Promise<AddResult[]> {
    // The first of several copies in a batch is the one stored; batch order is age order.
    const firsts = new Map<string, Article>();
    for (const a of articles) if (!firsts.has(a.id)) firsts.set(a.id, a);
    const unique = [...firsts.values()];
    const newAliases = new Set<string>();
    const inserted = await this.#transaction(async (client) => {
      newAliases.clear();
      // One batch at a time across processes, as SQLite's single writer: overlapping batches
      // would otherwise lock the same ids and aliases in different orders and deadlock. The
      // costly part of ingest (cleaning, analysis) happens before, in parallel.
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const { rows } = await client.query<{ seq: string; id: string }>(
        `INSERT INTO articles (id, title, outlet, url, published, origin, raw, captions, removed,
           ingested_at, dated, backfill)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::boolean[])
         ON CONFLICT (id) DO NOTHING
         RETURNING seq, id`,
        [
          unique.map((a) => a.id),
          unique.map((a) => a.title),
          unique.map((a) => a.outlet ?? null),
          unique.map((a) => a.url ?? null),
          unique.map((a) => a.published ?? null),
          unique.map((a) => a.origin),
          unique.map((a) => a.raw),
          unique.map((a) => JSON.stringify(a.captions)),
          unique.map((a) => JSON.stringify(a.removed)),
          unique.map((a) => a.ingestedAt),
          unique.map((a) => a.published ?? a.ingestedAt),
          unique.map((a) => Boolean(a.backfill)),
        ],
      );
      const seqs = new Map(rows.map((r) => [r.id, r.seq]));
      const stored = unique.filter((a) => seqs.has(a.id));
      const paragraphs = stored.flatMap((a) =>
        a.paragraphs.map((text, idx) => ({
          seq: seqs.get(a.id),
          idx,
          text,
          sentences: JSON.stringify(a.sentences[idx] ?? []),
        })),
      );
      if (paragraphs.length > 0) {
        await client.query(
          `INSERT INTO paragraphs (article_seq, idx, text, sentences)
           SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::jsonb[])`,
          [
            paragraphs.map((p) => p.seq),
            paragraphs.map((p) => p.idx),
            paragraphs.map((p) => p.text),
            paragraphs.map((p) => p.sentences),
          ],
        );
      }
      const quotes = stored.flatMap((a) =>
        a.quotes.map((q) => ({ ...q, seq: seqs.get(a.id), key: speakerKey(q.speaker) })),
      );
      if (quotes.length > 0) {
        await client.query(
          `INSERT INTO quotes (article_seq, paragraph, speaker, speaker_key, role, quote, kind, cue,
             start_offset, end_offset)
           SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[],
             $6::text[], $7::text[], $8::text[], $9::int[], $10::int[])`,
          [
            quotes.map((q) => q.seq),
            quotes.map((q) => q.paragraph),
            quotes.map((q) => q.speaker),
            quotes.map((q) => q.key),
            quotes.map((q) => q.role ?? null),
            quotes.map((q) => q.quote),
            quotes.map((q) => q.kind),
            quotes.map((q) => q.cue ?? null),
            quotes.map((q) => q.start),
            quotes.map((q) => q.end),
          ],
        );
      }
      const counts = new SpeakerCounts();
      for (const q of quotes) counts.add(q.key, q.speaker);
      const counted = counts.rows();
      if (counted.length > 0) {
        await client.query(
          `INSERT INTO speaker_counts (speaker_key, speaker, n)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
           ON CONFLICT (speaker_key, speaker) DO UPDATE SET n = speaker_counts.n + excluded.n`,
          [counted.map((r) => r[0]), counted.map((r) => r[1]), counted.map((r) => r[2])],
        );
      }
      for (const q of quotes) {
        for (const alias of aliasKeys(q.speaker)) {
          const row = `${alias}\u0000${q.key}`;
          if (!this.#storedAliases.has(row)) newAliases.add(row);
        }
      }
      if (newAliases.size > 0) {
        const pairs = [...newAliases].sort().map((row) => row.split('\u0000'));
        await client.query(
          `INSERT INTO speaker_aliases (alias_key, speaker_key)
           SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
      }
      return seqs;
    });
    if (this.#storedAliases.size + newAliases.size > MAX_REMEMBERED_ALIASES) {
      this.#storedAliases.clear();
    }
    for (const row of newAliases) this.#storedAliases.add(row);
    const first = new Set<string>();
    return articles.map((a) => {
      const isNew = inserted.has(a.id) && !first.has(a.id);
      first.add(a.id);
      return { id: a.id, inserted: isNew };
    });
  }

  async getArticle(id: string): Promise<Article | undefined> {
    return (await this.getArticles([id]))[0];
  }

  async getArticles(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query<ArticleWithParts>(
      `${ARTICLES_WITH_PARTS} WHERE a.id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, toArticle(r, r.paragraph_rows, r.quote_rows)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async countArticles(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>('SELECT count(*) AS n FROM articles');
    return Number(rows[0]?.n ?? 0);
  }

  async listArticles(options: { topic?: string; limit?: number } = {}): Promise<ArticleSummary[]> {
    const limit = clampLimit(options.limit, LIMITS.articles);
    let where = '';
    const params: unknown[] = [limit];
    if (options.topic !== undefined) {
      const text = searchText(options.topic, 'all');
      if (!text) return [];
      where = `WHERE a.seq IN (SELECT c.article_seq FROM (${candidates('$2')}) c)`;
      params.push(text);
    }
    const { rows } = await this.#pool.query<ArticleRow & { paragraphs: number }>(
      `SELECT a.*, (SELECT count(*)::int FROM paragraphs p WHERE p.article_seq = a.seq) AS paragraphs
       FROM articles a ${where} ORDER BY a.dated DESC, a.seq DESC LIMIT $1`,
      params,
    );
    return rows.map(toArticleSummary);
  }

  async searchPassages(topic: string, options: SearchOptions = {}): Promise<Passage[]> {
    const limit = clampLimit(options.limit, LIMITS.passages);
    const run = async (mode: 'all' | 'any') => {
      const text = searchText(topic, mode);
      if (!text) return [];
      // Ranked first, then joined in rank order until `limit` pass the dates: `OFFSET 0` keeps
      // the ranked list a sorted subquery, so the joins stop after about `limit` rows instead of
      // reading an article and a paragraph for every candidate (which made the planner hash-join
      // a scan of the whole articles table for a common word).
      const { rows } = await this.#pool.query<PassageRow>(
        `SELECT r.score, p.idx, p.text, p.sentences, a.id, a.title, a.outlet, a.url, a.published
         FROM (SELECT c.id, c.article_seq, ts_rank(c.tsv, ${tsquery('$1')}) AS score
               FROM (${candidates('$1')}) c ORDER BY score DESC, c.id DESC OFFSET 0) r
         JOIN articles a ON a.seq = r.article_seq
         JOIN paragraphs p ON p.id = r.id
         WHERE ${WITHIN}
         ORDER BY r.score DESC, r.id DESC LIMIT $4`,
        [text, options.since ?? '', options.ingestedSince ?? null, limit],
      );
      return rows;
    };
    let rows = options.anyWord ? [] : await run('all');
    if (rows.length === 0) rows = await run('any');
    return rows.map(toPassage);
  }

  async articlePassages(articleIds: readonly string[]): Promise<Passage[]> {
    if (articleIds.length === 0) return [];
    const { rows } = await this.#pool.query<PassageRow>(
      `SELECT 0::real AS score, p.idx, p.text, p.sentences, a.id, a.title, a.outlet, a.url, a.published
       FROM articles a JOIN paragraphs p ON p.article_seq = a.seq
       WHERE a.id = ANY($1::text[]) ORDER BY a.seq, p.idx`,
      [articleIds],
    );
    return rows.map(toPassage);
  }

  async quotesBySpeaker(name: string, options: SearchOptions = {}): Promise<StoredQuote[]> {
    const person = (await this.peopleNamed(name))[0];
    if (!person) return [];
    const quotes = await this.#quotes('q.speaker_key = ANY($4::text[])', person.keys, options);
    return quotes.map((q) => ({ ...q, speaker: person.name }));
  }

  async peopleNamed(name: string): Promise<Person[]> {
    return findPeople(
      name,
      async (alias) => {
        const { rows } = await this.#pool.query<{ speaker_key: string }>(
          'SELECT speaker_key FROM speaker_aliases WHERE alias_key = $1',
          [alias],
        );
        return rows.map((r) => r.speaker_key);
      },
      async (keys) => {
        const { rows } = await this.#pool.query<{ key: string; speaker: string; n: number }>(
          `SELECT speaker_key AS key, speaker, n::int AS n FROM speaker_counts
           WHERE speaker_key = ANY($1::text[]) ORDER BY speaker_key, speaker`,
          [keys],
        );
        return speakerCounts(rows);
      },
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
    const quotes = await this.#quotes('a.id = ANY($4::text[])', ids, {
      ...options,
      limit: LIMITS.quotesOfArticles,
    });
    return quotes
      .filter((q) => wanted.has(`${q.articleId}:${q.paragraph}`))
      .slice(0, clampLimit(options.limit, LIMITS.quotes));
  }

  /** Quotes matching `condition` on $4 = `values`, newest article first. */
  async #quotes(
    condition: string,
    values: readonly string[],
    options: SearchOptions,
  ): Promise<StoredQuote[]> {
    const { rows } = await this.#pool.query<QuoteRow>(
      `SELECT a.id AS article_id, a.title, a.outlet, a.url, a.published, ${QUOTE_COLUMNS}
       FROM quotes q JOIN articles a ON a.seq = q.article_seq
       WHERE ${condition} AND ${WITHIN}
       ORDER BY a.dated DESC, q.start_offset LIMIT $1`,
      [
        clampLimit(options.limit, LIMITS.quotes),
        options.since ?? '',
        options.ingestedSince ?? null,
        values,
      ],
    );
    return rows.map(toStoredQuote);
  }

  async leaseFeed(url: string, owner: string, now: Date, until: Date): Promise<boolean> {
    // One statement: the row's lock makes a second process wait, then see the lease taken.
    return (
      (
        await this.#pool.query(
          `INSERT INTO feed_leases (url, owner, lease_until) VALUES ($1, $2, $3)
           ON CONFLICT (url) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE feed_leases.owner = excluded.owner OR feed_leases.lease_until <= $4`,
          [url, owner, until.toISOString(), now.toISOString()],
        )
      ).rowCount === 1
    );
  }

  async articlesIngestedSince(since: string, limit: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      `SELECT id FROM articles WHERE ingested_at >= $1 AND NOT backfill
       ORDER BY ingested_at DESC, seq DESC LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => r.id);
  }

  async putSubscription(s: Subscription): Promise<void> {
    await this.#pool.query(
      `INSERT INTO subscriptions (platform, channel_id, time, timezone, topics, created_by,
         created_at, last_digest_at, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time,
         timezone = excluded.timezone, topics = excluded.topics, created_by = excluded.created_by,
         created_at = excluded.created_at, last_digest_at = excluded.last_digest_at,
         last_error = excluded.last_error`,
      [
        s.platform,
        s.channelId,
        s.time,
        s.timezone,
        JSON.stringify(s.topics),
        s.createdBy,
        s.createdAt,
        s.lastDigestAt ?? null,
        s.lastError ?? null,
      ],
    );
  }

  async getSubscription(
    platform: Subscription['platform'],
    channelId: string,
  ): Promise<Subscription | undefined> {
    const { rows } = await this.#pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2',
      [platform, channelId],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const { rows } = await this.#pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions ORDER BY platform, channel_id',
    );
    return rows.map(toSubscription);
  }

  async deleteSubscription(
    platform: Subscription['platform'],
    channelId: string,
  ): Promise<boolean> {
    const result = await this.#pool.query(
      'DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2',
      [platform, channelId],
    );
    return result.rowCount === 1;
  }

  async getFeedState(url: string): Promise<FeedState | undefined> {
    const { rows } = await this.#pool.query<{ state: FeedState }>(
      'SELECT state FROM feed_state WHERE url = $1',
      [url],
    );
    return rows[0]?.state;
  }

  async putFeedState(state: FeedState): Promise<void> {
    await this.#pool.query(
      `INSERT INTO feed_state (url, state) VALUES ($1, $2)
       ON CONFLICT (url) DO UPDATE SET state = excluded.state`,
      [state.url, JSON.stringify(state)],
    );
  }

  async unseenItems(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const { rows } = await this.#pool.query<{ item_key: string }>(
      'SELECT item_key FROM feed_seen WHERE feed_url = $1 AND item_key = ANY($2::text[])',
      [feedUrl, [...new Set(keys)]],
    );
    const seen = new Set(rows.map((r) => r.item_key));
    return [...new Set(keys)].filter((k) => !seen.has(k));
  }

  async markItemsSeen(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const unique = [...new Set(keys)];
    const { rows } = await this.#pool.query<{ item_key: string }>(
      `INSERT INTO feed_seen (feed_url, item_key, seen_at)
       SELECT $1, k, $3 FROM unnest($2::text[]) AS k
       ON CONFLICT DO NOTHING RETURNING item_key`,
      [feedUrl, [...unique].sort(), new Date().toISOString()],
    );
    const fresh = new Set(rows.map((r) => r.item_key));
    return unique.filter((k) => fresh.has(k));
  }

  // Stories live in tables of their own (pg-stories.ts).
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
    const { rows } = await this.#pool.query<Record<string, string>>(
      `SELECT ${COUNTED_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    return Object.fromEntries(COUNTED_TABLES.map((t) => [t, Number(rows[0]?.[t] ?? 0)]));
  }

  async *exportArticles(size: number): AsyncGenerator<Article[]> {
    const pages = keysetPages(['seq'], size, async (after) => {
      const { rows } = await this.#pool.query<ArticleWithParts>(
        `${ARTICLES_WITH_PARTS} WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
        [after?.[0] ?? 0, size],
      );
      return rows;
    });
    for await (const rows of pages) {
      yield rows.map((r) => {
        const a = toArticle(r, r.paragraph_rows, r.quote_rows);
        return r.backfill ? { ...a, backfill: true } : a;
      });
    }
  }

  exportRows(table: string, size: number): AsyncGenerator<Row[]> {
    const keys = transferredTable(table);
    const order = keys.map((k) => `"${k}"`).join(', ');
    const after = keys.map((_, i) => `$${i + 2}`).join(', ');
    return keysetPages(keys, size, async (last) => {
      const { rows } = await this.#pool.query<Row>(
        last
          ? `SELECT * FROM ${table} WHERE (${order}) > (${after}) ORDER BY ${order} LIMIT $1`
          : `SELECT * FROM ${table} ORDER BY ${order} LIMIT $1`,
        [size, ...(last ?? [])],
      );
      return rows;
    });
  }

  async importRows(table: string, rows: readonly Row[], first: boolean): Promise<void> {
    transferredTable(table);
    await this.#transaction(async (client) => {
      if (first) await client.query(`DELETE FROM ${table}`);
      await copyRows(client, table, rows);
    });
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
