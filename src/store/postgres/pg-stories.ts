import type pg from 'pg';
import { LIMITS } from '../limits.ts';
import { type OutletRow, withOutlets } from '../sql-rows.ts';
import { planStoryIds, redirectPlan } from '../story-aliases.ts';
import type { Story, StoryMember, StoryPlan, StoryState, StoryStore } from '../story-store.ts';

interface StoryRow {
  id: string;
  title: string;
  first: string;
  last: string;
  center: string;
  size: number;
  title_vector: StoryState['titleVector'];
  centroid: StoryState['centroid'];
  keys: string[] | null;
}

interface MemberRow {
  article_id: string;
  outlet: string;
  story_id: string;
  title: string;
  url: string | null;
  published: string | null;
  dated: string;
}

function toMember(r: MemberRow): StoryMember {
  return {
    storyId: r.story_id,
    articleId: r.article_id,
    title: r.title,
    ...(r.outlet ? { outlet: r.outlet } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.published ? { published: r.published } : {}),
    dated: r.dated,
  };
}

/**
 * The advisory lock story batches are written under ("nbsm"): shared by every batch, exclusive
 * for one that merges stories, so that no merge commits between a batch's look-up of merged ids
 * and its commit (SQLite's writes are serial already).
 */
const MERGE_LOCK = 0x6e62736d;

const byDated = (a: StoryMember, b: StoryMember) =>
  a.dated < b.dated ? -1 : a.dated > b.dated ? 1 : 0;

/** The story tables of the PostgreSQL store, with the same rules as `SqliteStories`. */
export class PgStories implements StoryStore {
  readonly #pool: pg.Pool;
  readonly #transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

  constructor(
    pool: pg.Pool,
    transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
  ) {
    this.#pool = pool;
    this.#transaction = transaction;
  }

  async termFrequencies(terms: readonly string[]) {
    const [{ rows }, documents] = await Promise.all([
      this.#pool.query<{ term: string; df: string }>(
        'SELECT term, df FROM story_terms WHERE term = ANY($1::text[])',
        [terms],
      ),
      this.#pool.query<{ n: string }>('SELECT n FROM story_documents WHERE one = 1'),
    ]);
    return {
      documents: Number(documents.rows[0]?.n ?? 0),
      df: new Map(rows.map((r) => [r.term, Number(r.df)])),
    };
  }

  async storyCandidates(keys: readonly string[], from: string, to: string) {
    const { rows } = await this.#pool.query<{ story_id: string }>(
      `SELECT DISTINCT story_id FROM story_keys
       WHERE term = ANY($1::text[]) AND center BETWEEN $2 AND $3`,
      [keys, from, to],
    );
    const states = await this.#states(rows.map((r) => r.story_id));
    states.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
    return states.slice(0, LIMITS.storyCandidates);
  }

  async storiesOfArticles(articleIds: readonly string[]) {
    const { rows } = await this.#pool.query<{ article_id: string; story_id: string }>(
      'SELECT DISTINCT ON (article_id) article_id, story_id FROM story_members WHERE article_id = ANY($1::text[])',
      [articleIds],
    );
    const states = new Map(
      (await this.#states([...new Set(rows.map((r) => r.story_id))])).map((s) => [s.id, s]),
    );
    const found = new Map<string, StoryState>();
    for (const r of rows) {
      const state = states.get(r.story_id);
      if (state) found.set(r.article_id, state);
    }
    return found;
  }

  async #states(ids: readonly string[]): Promise<StoryState[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query<StoryRow>(
      `SELECT s.*, (SELECT array_agg(k.term ORDER BY k.term) FROM story_keys k WHERE k.story_id = s.id) AS keys
       FROM stories s WHERE s.id = ANY($1::text[])`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      first: r.first,
      last: r.last,
      center: r.center,
      size: r.size,
      titleVector: r.title_vector,
      centroid: r.centroid,
      keys: r.keys ?? [],
    }));
  }

  /** The story each of `ids` was merged into, for those merged away. */
  async #aliases(db: pg.Pool | pg.PoolClient, ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const { rows } = await db.query<{ id: string; story_id: string }>(
      'SELECT id, story_id FROM story_aliases WHERE id = ANY($1::text[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.story_id]));
  }

  async saveStories(given: StoryPlan): Promise<void> {
    const terms = [...given.terms];
    await this.#transaction(async (client) => {
      await client.query(
        given.merged.length > 0
          ? 'SELECT pg_advisory_xact_lock($1)'
          : 'SELECT pg_advisory_xact_lock_shared($1)',
        [MERGE_LOCK],
      );
      // Stories a merge here keeps: their dates are set from their articles below.
      const kept = new Set<string>();
      for (const merge of given.merged) {
        // Each side as it stands now: another writer may have merged either away since this
        // batch read them (aliases point straight at live stories, so one look-up is enough).
        // Moved into the dead id, this story's articles would belong to no live story.
        const now = await this.#aliases(client, [merge.from, merge.into]);
        const from = now.get(merge.from) ?? merge.from;
        const into = now.get(merge.into) ?? merge.into;
        if (from === into) continue; // Already one story.
        kept.add(into);
        await client.query(
          `INSERT INTO story_aliases (id, story_id) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id`,
          [from, into],
        );
        await client.query('UPDATE story_aliases SET story_id = $2 WHERE story_id = $1', [
          from,
          into,
        ]);
        await client.query('UPDATE story_members SET story_id = $2 WHERE story_id = $1', [
          from,
          into,
        ]);
        await client.query('DELETE FROM story_keys WHERE story_id = $1', [from]);
        await client.query('DELETE FROM stories WHERE id = $1', [from]);
      }
      const plan = redirectPlan(given, await this.#aliases(client, planStoryIds(given)));
      const stories = plan.stories;
      const keys = stories.flatMap((s) =>
        s.keys.map((term) => ({ term, center: s.center, id: s.id })),
      );
      if (stories.length > 0) {
        await client.query(
          `INSERT INTO stories (id, title, first, last, center, size, title_vector, centroid)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
             $6::int[], $7::jsonb[], $8::jsonb[])
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first,
             last = excluded.last, center = excluded.center, size = excluded.size,
             title_vector = excluded.title_vector, centroid = excluded.centroid`,
          [
            stories.map((s) => s.id),
            stories.map((s) => s.title),
            stories.map((s) => s.first),
            stories.map((s) => s.last),
            stories.map((s) => s.center),
            stories.map((s) => s.size),
            stories.map((s) => JSON.stringify(s.titleVector)),
            stories.map((s) => JSON.stringify(s.centroid)),
          ],
        );
        await client.query('DELETE FROM story_keys WHERE story_id = ANY($1::text[])', [
          stories.map((s) => s.id),
        ]);
        await client.query(
          `INSERT INTO story_keys (term, center, story_id)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
          [keys.map((k) => k.term), keys.map((k) => k.center), keys.map((k) => k.id)],
        );
      }
      if (plan.members.length > 0) {
        const m = plan.members;
        await client.query(
          `INSERT INTO story_members (article_id, outlet, story_id, title, url, published, dated)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
             $6::text[], $7::text[])
           ON CONFLICT DO NOTHING`,
          [
            m.map((x) => x.articleId),
            m.map((x) => x.outlet ?? ''),
            m.map((x) => x.storyId),
            m.map((x) => x.title),
            m.map((x) => x.url ?? null),
            m.map((x) => x.published ?? null),
            m.map((x) => x.dated),
          ],
        );
      }
      // A story's dates are its articles', read back here: the rows above are written whole from
      // what this batch read, and another writer may have added articles since (or this batch's
      // went to a story its rows no longer name), so the later commit would drop the earlier's.
      const dated = [...new Set([...kept, ...planStoryIds(plan)])];
      if (dated.length > 0) {
        await client.query(
          `UPDATE stories s SET
             first = coalesce((SELECT min(dated) FROM story_members WHERE story_id = s.id), s.first),
             last = coalesce((SELECT max(dated) FROM story_members WHERE story_id = s.id), s.last)
           WHERE s.id = ANY($1::text[])`,
          [dated],
        );
      }
      if (terms.length > 0) {
        // Sorted, so that two writers lock the same rows in the same order.
        terms.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        await client.query(
          `INSERT INTO story_terms (term, df) SELECT * FROM unnest($1::text[], $2::bigint[])
           ON CONFLICT (term) DO UPDATE SET df = story_terms.df + excluded.df`,
          [terms.map(([t]) => t), terms.map(([, n]) => n)],
        );
      }
      if (given.documents > 0) {
        await client.query(
          `INSERT INTO story_documents (one, n) VALUES (1, $1)
           ON CONFLICT (one) DO UPDATE SET n = story_documents.n + excluded.n`,
          [given.documents],
        );
      }
    });
  }

  async storyIdsOf(articleIds: readonly string[]) {
    const { rows } = await this.#pool.query<{ article_id: string; story_id: string }>(
      'SELECT DISTINCT ON (article_id) article_id, story_id FROM story_members WHERE article_id = ANY($1::text[])',
      [[...new Set(articleIds)]],
    );
    return new Map(rows.map((r) => [r.article_id, r.story_id]));
  }

  async getStories(ids: readonly string[]): Promise<Story[]> {
    const out = await this.#stories(ids);
    // A merged story's id finds the story it joined (looked up only for ids not found).
    const found = new Set(out.map((s) => s.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return out;
    const aliases = await this.#aliases(this.#pool, missing);
    const joined = [...new Set(aliases.values())].filter((id) => !found.has(id));
    return [...out, ...(await this.#stories(joined))];
  }

  async #stories(ids: readonly string[]): Promise<Story[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    // Counted in SQL, without the centroids and key terms only assignment needs (see SQLite's).
    const [stories, outlets] = await Promise.all([
      this.#pool.query<Omit<Story, 'outlets' | 'articles'>>(
        'SELECT id, title, first, last FROM stories WHERE id = ANY($1::text[])',
        [unique],
      ),
      this.#pool.query<OutletRow>(
        `SELECT story_id, outlet, count(*) AS n,
           min(dated || chr(1) || article_id COLLATE "C") AS seen
         FROM story_members WHERE story_id = ANY($1::text[]) GROUP BY story_id, outlet`,
        [unique],
      ),
    ]);
    return withOutlets(stories.rows, outlets.rows);
  }

  async storyMembers(storyIds: readonly string[]): Promise<StoryMember[]> {
    if (storyIds.length === 0) return [];
    const { rows } = await this.#pool.query<MemberRow>(
      `SELECT * FROM story_members WHERE story_id = ANY($1::text[])
       ORDER BY dated, article_id, outlet`,
      [[...new Set(storyIds)]],
    );
    return rows.map(toMember).sort(byDated);
  }

  async recentStories(limit: number): Promise<Story[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      'SELECT id FROM stories ORDER BY last DESC LIMIT $1',
      [Math.max(1, Math.min(limit, LIMITS.stories.max))],
    );
    const ids = rows.map((r) => r.id);
    const byId = new Map((await this.getStories(ids)).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id)).filter((s): s is Story => s !== undefined);
  }
}
