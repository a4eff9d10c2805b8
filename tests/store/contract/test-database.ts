import type { Article, Quote } from '../../../src/articles/article.ts';
import type { Store } from '../../../src/store/store.ts';

/**
 * One empty database for one test, opened as often as the test needs: each `open()` is a
 * connection of its own, as another bot process would have.
 */
export interface TestDatabase {
  open(): Promise<Store>;
  /** Removes the database once every store opened on it is closed. */
  drop(): Promise<void>;
}

/** Makes a fresh, empty database per call. */
export type TestDatabaseFactory = () => Promise<TestDatabase>;

/** Runs `run` on `count` stores opened on one fresh database, then closes and drops them. */
export async function withStores<T>(
  factory: TestDatabaseFactory,
  count: number,
  run: (...stores: Store[]) => Promise<T>,
): Promise<T> {
  const db = await factory();
  const stores: Store[] = [];
  try {
    for (let i = 0; i < count; i++) stores.push(await db.open());
    return await run(...stores);
  } finally {
    for (const s of stores) await s.close();
    await db.drop();
  }
}

/** An article as the pipeline would store it: one sentence per paragraph. */
export function article(id: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id,
    title: `Title ${id}`,
    origin: `/tmp/${id}.txt`,
    raw: paragraphs.join('\n\n'),
    paragraphs,
    captions: [],
    removed: [{ text: '.', reason: 'boilerplate (punctuation only)' }],
    sentences: paragraphs.map((p) => [[0, p.length]]),
    quotes: [],
    ingestedAt: '2024-05-01T00:00:00.000Z',
    ...extra,
  };
}

export function quote(speaker: string, text: string, paragraph = 0): Quote {
  return {
    speaker,
    quote: text,
    kind: 'direct',
    paragraph,
    cue: 'said',
    start: 1,
    end: 1 + text.length,
  };
}
