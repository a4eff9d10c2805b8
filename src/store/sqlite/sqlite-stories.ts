import type Database from 'better-sqlite3';
import { LIMITS } from '../limits.ts';
import type { Story, StoryMember, StoryPlan, StoryState, StoryStore } from '../story-store.ts';

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
function* slices<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += LIMITS.inList) yield items.slice(i, i + LIMITS.inList);
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** The story tables of the SQLite store (see migration 6). */
export class SqliteStories implements StoryStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async termFrequencies(terms: readonly string[]) {
    const df = new Map<string, number>();
    for (const part of slices(terms)) {
      const rows = this.#db
        .prepare<string[], { term: string; df: number }>(
          `SELECT term, df FROM story_terms WHERE term IN (${marks(part.length)})`,
        )
        .all(...part);
      for (const r of rows) df.set(r.term, r.df);
    }
    const row = this.#db.prepare('SELECT n FROM story_documents WHERE one = 1').get() as
      | { n: number }
      | undefined;
    return { documents: row?.n ?? 0, df };
  }

  async storyCandidates(keys: readonly string[], from: string, to: string) {
    const ids = new Set<string>();
    for (const part of slices(keys)) {
      const rows = this.#db
        .prepare<unknown[], { story_id: string }>(
          `SELECT DISTINCT story_id FROM story_keys
           WHERE term IN (${marks(part.length)}) AND center BETWEEN ? AND ?`,
        )
        .all(...part, from, to);
      for (const r of rows) ids.add(r.story_id);
    }
    const states = this.#states([...ids]);
    // Bounded: the most recently active first.
    states.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
    return states.slice(0, LIMITS.storyCandidates);
  }

  async storiesOfArticles(articleIds: readonly string[]) {
    const storyOf = new Map<string, string>();
    for (const part of slices([...new Set(articleIds)])) {
      const rows = this.#db
        .prepare<string[], { article_id: string; story_id: string }>(
          `SELECT article_id, story_id FROM story_members WHERE article_id IN (${marks(part.length)})`,
        )
        .all(...part);
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
      const rows = this.#db
        .prepare<string[], StoryRow>(`SELECT * FROM stories WHERE id IN (${marks(part.length)})`)
        .all(...part);
      const keys = new Map<string, string[]>();
      const keyRows = this.#db
        .prepare<string[], { story_id: string; term: string }>(
          `SELECT story_id, term FROM story_keys WHERE story_id IN (${marks(part.length)})`,
        )
        .all(...part);
      for (const k of keyRows) {
        const list = keys.get(k.story_id);
        if (list) list.push(k.term);
        else keys.set(k.story_id, [k.term]);
      }
      for (const r of rows) out.push(toState(r, keys.get(r.id) ?? []));
    }
    return out;
  }

  async saveStories(plan: StoryPlan): Promise<void> {
    const db = this.#db;
    const upsert = db.prepare(
      `INSERT INTO stories (id, title, first, last, center, size, title_vector, centroid)
       VALUES (@id, @title, @first, @last, @center, @size, @titleVector, @centroid)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first,
         last = excluded.last, center = excluded.center, size = excluded.size,
         title_vector = excluded.title_vector, centroid = excluded.centroid`,
    );
    const dropKeys = db.prepare('DELETE FROM story_keys WHERE story_id = ?');
    const addKey = db.prepare(
      'INSERT OR IGNORE INTO story_keys (term, center, story_id) VALUES (?, ?, ?)',
    );
    const addMember = db.prepare(
      `INSERT OR IGNORE INTO story_members (article_id, outlet, story_id, title, url, published, dated)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const count = db.prepare(
      `INSERT INTO story_terms (term, df) VALUES (?, ?)
       ON CONFLICT (term) DO UPDATE SET df = df + excluded.df`,
    );
    const documents = db.prepare(
      `INSERT INTO story_documents (one, n) VALUES (1, ?)
       ON CONFLICT (one) DO UPDATE SET n = n + excluded.n`,
    );
    db.transaction(() => {
      for (const s of plan.stories) {
        upsert.run({
          ...s,
          titleVector: JSON.stringify(s.titleVector),
          centroid: JSON.stringify(s.centroid),
        });
        dropKeys.run(s.id);
        for (const term of s.keys) addKey.run(term, s.center, s.id);
      }
      for (const m of plan.members) {
        addMember.run(
          m.articleId,
          m.outlet ?? '',
          m.storyId,
          m.title,
          m.url ?? null,
          m.published ?? null,
          m.dated,
        );
      }
      for (const [term, n] of plan.terms) count.run(term, n);
      if (plan.documents > 0) documents.run(plan.documents);
    }).immediate();
  }

  async getStories(ids: readonly string[]): Promise<Story[]> {
    const states = this.#states([...new Set(ids)]);
    const members = await this.storyMembers(states.map((s) => s.id));
    return states.map((s) => {
      const own = members.filter((m) => m.storyId === s.id);
      const outlets = [...new Set(own.map((m) => m.outlet).filter((o): o is string => !!o))];
      return {
        id: s.id,
        title: s.title,
        outlets,
        first: s.first,
        last: s.last,
        articles: own.length,
      };
    });
  }

  async storyMembers(storyIds: readonly string[]): Promise<StoryMember[]> {
    const out: StoryMember[] = [];
    for (const part of slices([...new Set(storyIds)])) {
      out.push(
        ...this.#db
          .prepare<string[], MemberRow>(
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
    const ids = this.#db
      .prepare<[number], { id: string }>('SELECT id FROM stories ORDER BY last DESC LIMIT ?')
      .all(Math.max(1, Math.min(limit, LIMITS.stories.max)))
      .map((r) => r.id);
    const byId = new Map((await this.getStories(ids)).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id)).filter((s): s is Story => s !== undefined);
  }
}
