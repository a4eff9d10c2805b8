import { dedupeQuotes } from '../../analysis/quotes/dedupe-quotes.ts';
import type { Store } from '../../store/store.ts';
import type { Evidence } from './llm-briefer.ts';

/** How much retrieval hands the LLM briefer; the token budget trims it further. */
export interface EvidenceLimits {
  passages?: number;
  quotes?: number;
}

/**
 * A `retrieve` for the LLM briefer straight from the store: ranked passages and the quote index's
 * hits on the same words. The lead's retrieval may replace it (e.g. with candidate bounding).
 */
export function evidenceFromStore(store: Store, limits: EvidenceLimits = {}) {
  return async (query: string, options: { since?: string } = {}): Promise<Evidence> => {
    const since = options.since ? { since: options.since } : {};
    const quoteLimit = limits.quotes ?? 60;
    const [passages, quotes] = await Promise.all([
      store.searchPassages(query, { limit: limits.passages ?? 60, ...since }),
      store.quotesByTopic(query, { limit: 2 * quoteLimit, ...since }),
    ]);
    // A quote repeated word for word (another outlet's copy, a pull quote) costs tokens once:
    // twice as many are read, so that as many are given.
    return { passages, quotes: dedupeQuotes(quotes).slice(0, quoteLimit) };
  };
}
