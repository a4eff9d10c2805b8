import type Database from 'better-sqlite3';
import { LIMITS } from '../limits.ts';
import { type OutletRow, withOutlets } from '../sql-rows.ts';
import { planStoryIds, redirectPlan } from '../story-aliases.ts';
import type { Story, StoryMember, StoryPlan, StoryState, StoryStore } from '../story-store.ts';
import { TermCounts } from '../term-counts.ts';

interface StoryRow {
  id: string;
  title: string;
  first: string;
  last: string;
  center: string;
  size: number;
  title_vector: string;
  centroid: string;
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

function toState(r: StoryRow, keys: string[]): StoryState {
  return {
    id: r.id,
    title: r.title,
    first: r.first,
    last: r.last,
    center: r.center,
    size: r.size,
    titleVector: JSON.parse(r.title_vector) as StoryState['titleVector'],
    centroid: JSON.parse(r.centroid) as StoryState['centroid'],
    keys,
  };
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

/** `items` in slices small enough for one statement's parameters. */
export function* slices<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += LIMITS.inList) yield items.slice(i, i + LIMITS.inList);
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Statements kept compiled at most. */
const MAX_STATEMENTS = 256;
/** Rows one multi-row INSERT writes (x columns stays far below SQLite's parameter limit). */
const ROWS_PER_INSERT = 100;

/** `rows` in chunks for multi-row statements: one statement per chunk size, not per row. */
function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) yield rows.slice(i, i + ROWS_PER_INSERT);
}

const tuples = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${marks(columns)})`).join(',');

/** The story tables of the SQLite store (see migration 6). */
export class SqliteStories implements StoryStore {
  readonly #db: Database.Database;
  /**
   * Statements by SQL text: ingest asks the same few questions for every run of articles, and
   * compiling a statement each time cost more than running it.
   */
  readonly #statements = new Map<string, Database.Statement>();

  readonly #counts: TermCounts;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#counts = new TermCounts({
      read: (terms) => {
        const df = new Map<string, number>();
        for (const part of slices(terms)) {
          const rows = this.#prepare<string[], { term: string; df: number }>(
            `SELECT term, df FROM story_terms WHERE term IN (${marks(part.length)})`,
          ).all(...part);
          for (const r of rows) df.set(r.term, r.df);
        }
        return df;
      },
      readDocuments: () =>
        (
          this.#prepare('SELECT n FROM story_documents WHERE one = 1').get() as
            | { n: number }
            | undefined
        )?.n ?? 0,
      add: (terms, documents) => {
        // Sorted, as the PostgreSQL store does, so that writers lock rows in one order.
        const rows = [...terms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        this.#db
          .transaction(() => {
            for (const part of chunks(rows)) {
              this.#prepare(
                `INSERT INTO story_terms (term, df) VALUES ${tuples(part.length, 2)}
                 ON CONFLICT (term) DO UPDATE SET df = df + excluded.df`,
              ).run(...part.flat());
            }
            if (documents > 0) {
              this.#prepare(
                `INSERT INTO story_documents (one, n) VALUES (1, ?)
                 ON CONFLICT (one) DO UPDATE SET n = n + excluded.n`,
              ).run(documents);
            }
          })
          .immediate();
      },
    });
  }

  #prepare<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      // Bounded: IN lists of every length up to LIMITS.inList make distinct statements.
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as Database.Statement<P, R>;
  }

  async termFrequencies(terms: readonly string[]) {
    return this.#counts.read(terms);
  }

  /** Writes the term counts still in memory (at close). */
  flush(): void {
    this.#counts.flush();
  }

  async storyCandidates(keys: readonly string[], from: string, to: string) {
    // One statement for any number of keys: an article looks stories up by dozens of terms, and
    // an IN list compiled per length cost more than the look-up.
    const rows = this.#prepare<unknown[], { story_id: string }>(
      `SELECT DISTINCT story_id FROM story_keys
         WHERE term IN (SELECT value FROM json_each(?)) AND center BETWEEN ? AND ?`,
    ).all(JSON.stringify(keys), from, to);
    const ids = new Set(rows.map((r) => r.story_id));
    const states = this.#states([...ids]);
    // Bounded: the most recently active first.
    states.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
    return states.slice(0, LIMITS.storyCandidates);
  }

  async storiesOfArticles(articleIds: readonly string[]) {
    const storyOf = new Map<string, string>();
    for (const part of slices([...new Set(articleIds)])) {
      const rows = this.#prepare<string[], { article_id: string; story_id: string }>(
        `SELECT article_id, story_id FROM story_members WHERE article_id IN (${marks(part.length)})`,
      ).all(...part);
      for (const r of rows) storyOf.set(r.article_id, r.story_id);
    }
    const states = new Map(this.#states([...new Set(storyOf.values())]).map((s) => [s.id, s]));
    const found = new Map<string, StoryState>();
    for (const [article, story] of storyOf) {
      const state = states.get(story);
      if (state) found.set(article, state);
    }
    return found;
  }

  #states(ids: readonly string[]): StoryState[] {
    const out: StoryState[] = [];
    for (const part of slices(ids)) {
      const rows = this.#prepare<string[], StoryRow>(
        `SELECT * FROM stories WHERE id IN (${marks(part.length)})`,
      ).all(...part);
      const keys = new Map<string, string[]>();
      const keyRows = this.#prepare<string[], { story_id: string; term: string }>(
        `SELECT story_id, term FROM story_keys WHERE story_id IN (${marks(part.length)})`,
      ).all(...part);
      for (const k of keyRows) {
        const list = keys.get(k.story_id);
        if (list) list.push(k.term);
        else keys.set(k.story_id, [k.term]);
      }
      for (const r of rows) out.push(toState(r, keys.get(r.id) ?? []));
    }
    return out;
  }

  /** The story each of `ids` was merged into, for those merged away. */
  #aliases(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    // One statement for any number of ids (an IN list compiles one per length).
    const rows = this.#prepare<[string], { id: string; story_id: string }>(
      'SELECT id, story_id FROM story_aliases WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids));
    return new Map(rows.map((r) => [r.id, r.story_id]));
  }

  async saveStories(given: StoryPlan): Promise<void> {
    this.#db
      .transaction(() => {
        // Stories a merge here keeps: their dates are set from their articles below.
        const kept = new Set<string>();
        for (const merge of given.merged) {
          // Each side as it stands now: another process may have merged either away since this
          // batch read them (aliases point straight at live stories, so one look-up is enough).
          // Moved into the dead id, this story's articles would belong to no live story.
          const now = this.#aliases([merge.from, merge.into]);
          const from = now.get(merge.from) ?? merge.from;
          const into = now.get(merge.into) ?? merge.into;
          if (from === into) continue; // Already one story.
          kept.add(into);
          this.#prepare('UPDATE story_members SET story_id = ? WHERE story_id = ?').run(into, from);
          this.#prepare('DELETE FROM story_keys WHERE story_id = ?').run(from);
          this.#prepare('DELETE FROM stories WHERE id = ?').run(from);
          this.#prepare('UPDATE story_aliases SET story_id = ? WHERE story_id = ?').run(into, from);
          this.#prepare(
            `INSERT INTO story_aliases (id, story_id) VALUES (?, ?)
             ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id`,
          ).run(from, into);
        }
        // Read in the write transaction: no other process merges between the read and the write.
        const plan = redirectPlan(given, this.#aliases(planStoryIds(given)));
        const keys = plan.stories.flatMap((s) => s.keys.map((term) => [term, s.center, s.id]));
        const members = plan.members.map((m) => [
          m.articleId,
          m.outlet ?? '',
          m.storyId,
          m.title,
          m.url ?? null,
          m.published ?? null,
          m.dated,
        ]);
        for (const part of chunks(plan.stories)) {
          this.#prepare(
            `INSERT INTO stories (id, title, first, last, center, size, title_vector, centroid)
             VALUES ${tuples(part.length, 8)}
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first,
               last = excluded.last, center = excluded.center, size = excluded.size,
               title_vector = excluded.title_vector, centroid = excluded.centroid`,
          ).run(
            ...part.flatMap((s) => [
              s.id,
              s.title,
              s.first,
              s.last,
              s.center,
              s.size,
              JSON.stringify(s.titleVector),
              JSON.stringify(s.centroid),
            ]),
          );
          this.#prepare(`DELETE FROM story_keys WHERE story_id IN (${marks(part.length)})`).run(
            ...part.map((s) => s.id),
          );
        }
        for (const part of chunks(keys)) {
          this.#prepare(
            `INSERT OR IGNORE INTO story_keys (term, center, story_id) VALUES ${tuples(part.length, 3)}`,
          ).run(...part.flat());
        }
        for (const part of chunks(members)) {
          this.#prepare(
            `INSERT OR IGNORE INTO story_members (article_id, outlet, story_id, title, url, published, dated)
             VALUES ${tuples(part.length, 7)}`,
          ).run(...part.flat());
        }
        // A story's dates are its articles', read back here: the rows above are written whole
        // from what this batch read, and another process may have added articles since (or this
        // batch's went to a story its rows no longer name); the later write would drop those.
        const dated = [...new Set([...kept, ...planStoryIds(plan)])];
        if (dated.length > 0) {
          this.#prepare(
            `UPDATE stories SET
               first = coalesce((SELECT min(dated) FROM story_members WHERE story_id = stories.id), first),
               last = coalesce((SELECT max(dated) FROM story_members WHERE story_id = stories.id), last)
             WHERE id IN (SELECT value FROM json_each(?))`,
          ).run(JSON.stringify(dated));
        }
      })
      .immediate();
    this.#counts.add(given.terms, given.documents);
  }

  async storyIdsOf(articleIds: readonly string[]) {
    const storyOf = new Map<string, string>();
    for (const part of slices([...new Set(articleIds)])) {
      const rows = this.#prepare<string[], { article_id: string; story_id: string }>(
        `SELECT article_id, story_id FROM story_members WHERE article_id IN (${marks(part.length)})`,
      ).all(...part);
      for (const r of rows) storyOf.set(r.article_id, r.story_id);
    }
    return storyOf;
  }

  async getStories(ids: readonly string[]): Promise<Story[]> {
    const out = this.#stories(ids);
    // A merged story's id finds the story it joined (looked up only for ids not found).
    const found = new Set(out.map((s) => s.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return out;
    const joined = [...new Set(this.#aliases(missing).values())].filter((id) => !found.has(id));
    return [...out, ...this.#stories(joined)];
  }

  #stories(ids: readonly string[]): Story[] {
    const out: Story[] = [];
    // Counted in SQL: a story of thousands of articles is one row per outlet here, and its
    // centroid and key terms (which only assignment needs) are never read.
    for (const part of slices([...new Set(ids)])) {
      const rows = this.#prepare<string[], Omit<Story, 'outlets' | 'articles'>>(
        `SELECT id, title, first, last FROM stories WHERE id IN (${marks(part.length)})`,
      ).all(...part);
      const outletRows = this.#prepare<string[], OutletRow>(
        `SELECT story_id, outlet, count(*) AS n, min(dated || char(1) || article_id) AS seen
           FROM story_members WHERE story_id IN (${marks(part.length)}) GROUP BY story_id, outlet`,
      ).all(...part);
      out.push(...withOutlets(rows, outletRows));
    }
    return out;
  }

  async storyMembers(storyIds: readonly string[]): Promise<StoryMember[]> {
    const out: StoryMember[] = [];
    for (const part of slices([...new Set(storyIds)])) {
      out.push(
        ...this.#prepare<string[], MemberRow>(
          `SELECT * FROM story_members WHERE story_id IN (${marks(part.length)})
             ORDER BY dated, article_id, outlet`,
        )
          .all(...part)
          .map(toMember),
      );
    }
    return out.sort((a, b) => (a.dated < b.dated ? -1 : a.dated > b.dated ? 1 : 0));
  }

  async recentStories(limit: number): Promise<Story[]> {
    const ids = this.#prepare<[number], { id: string }>(
      'SELECT id FROM stories ORDER BY last DESC LIMIT ?',
    )
      .all(Math.max(1, Math.min(limit, LIMITS.stories.max)))
      .map((r) => r.id);
    const byId = new Map((await this.getStories(ids)).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id)).filter((s): s is Story => s !== undefined);
  }
}
