import type { Store } from './store.ts';
import { type StoreCounts, TRANSFERRED_TABLES } from './store-transfer.ts';

/** Articles or rows copied per round trip. */
const PAGE = 500;

/** What a copy did: the counts of both stores, which match table for table. */
export interface MigrateResult {
  counts: StoreCounts;
}

/** The copy's destination already holds data; copying into it would mix two stores. */
export class DestinationNotEmptyError extends Error {
  override readonly name = 'DestinationNotEmptyError';
}

/**
 * Copies everything in `from` into the empty store `to`: articles oldest first through
 * `addArticles` (so the destination indexes them its own way), then every other table row for
 * row, then checks that both stores count the same rows in every table. Throws when `to` is not
 * empty or when a count differs.
 */
export async function migrateStore(
  from: Store,
  to: Store,
  progress: (done: number, total: number) => void = () => {},
): Promise<MigrateResult> {
  const existing = await to.counts();
  if ((existing.articles ?? 0) > 0 || (existing.subscriptions ?? 0) > 0) {
    throw new DestinationNotEmptyError(
      `the destination store is not empty (${existing.articles} articles, ${existing.subscriptions} subscriptions); copy into a new database or file`,
    );
  }
  const source = await from.counts();
  for (let offset = 0; ; offset += PAGE) {
    const page = await from.exportArticles(offset, PAGE);
    if (page.length === 0) break;
    await to.addArticles(page);
    progress(offset + page.length, source.articles ?? 0);
  }
  for (const table of Object.keys(TRANSFERRED_TABLES)) {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await from.exportRows(table, offset, PAGE);
      if (rows.length === 0) break;
      await to.importRows(table, rows, offset === 0);
    }
  }
  const copied = await to.counts();
  const differ = Object.keys(source).filter((t) => source[t] !== copied[t]);
  if (differ.length > 0) {
    throw new Error(
      `the copy does not match: ${differ.map((t) => `${t} ${source[t]} -> ${copied[t]}`).join(', ')}`,
    );
  }
  return { counts: copied };
}
