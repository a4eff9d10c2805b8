import type { Removal } from '../article.ts';

/**
 * Removal counts by reason for `/sources`, e.g. `{ "duplicate paragraph": 12 }`. Reasons carry
 * details ("caption repeats source paragraph 3", "duplicate paragraph (same as …)"); the
 * details are dropped so the same kind of removal is counted once.
 */
export function removalsByReason(removed: readonly Removal[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of removed) {
    const reason = item.reason.replace(/\s*\(.*$|, moved to captions$| source paragraph \d+$/g, '');
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}
