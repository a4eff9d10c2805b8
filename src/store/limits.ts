/**
 * How much a store query returns, the same for every store: a caller's `limit` is clamped to
 * these bounds so a typo (or a hostile `limit`) never reads the whole database.
 */
export const LIMITS = {
  passages: { default: 50, max: 1000 },
  articles: { default: 20, max: 500 },
  quotes: { default: 50, max: 500 },
  /** Passages a topic's quotes are looked for in (`quotesByTopic`). */
  topicPassages: 200,
  /** Quotes of the found articles read before keeping those in the found paragraphs. */
  quotesOfArticles: 500,
  /**
   * Matching paragraphs, newest first, that are ranked. Ranking every match of a word found in
   * half the corpus cost ~380 ms at 100,000 articles in SQLite; news readers want recent ones.
   */
  candidates: 1000,
  /** Stories a list shows. */
  stories: { default: 20, max: 200 },
  /** Stories one batch of articles is compared with (the most recently active first). */
  storyCandidates: 2000,
  /** Ids or terms per SQL statement: SQLite allows 32,766 parameters; keep well under. */
  inList: 500,
} as const;

/** `limit` within `[1, bounds.max]`, `bounds.default` when unset. */
export function clampLimit(
  limit: number | undefined,
  bounds: { default: number; max: number },
): number {
  return Math.min(Math.max(Math.trunc(limit ?? bounds.default) || 1, 1), bounds.max);
}
