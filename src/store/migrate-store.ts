import type { Store } from './store.ts';
import { type StoreCounts, TRANSFERRED_TABLES } from './store-transfer.ts';

/** Articles per transaction: what `addArticles` takes at once (about 10 MB of real news). */
const ARTICLE_PAGE = 500;
/** Rows of the other tables per transaction and round trip (a few MB at most). */
const ROW_PAGE = 5000;

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
 * `addArticles` (so the destination indexes them its own way), then every other table in pages
 * of rows, then checks that both stores count the same rows in every table. Throws when `to` is
 * not empty or when a count differs.
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
  let done = 0;
  for await (const page of from.exportArticles(ARTICLE_PAGE)) {
    await to.addArticles(page);
    done += page.length;
    progress(done, source.articles ?? 0);
  }
  for (const table of Object.keys(TRANSFERRED_TABLES)) {
    let first = true;
    for await (const rows of from.exportRows(table, ROW_PAGE)) {
      await to.importRows(table, rows, first);
      first = false;
    }
    // An empty source table still empties the destination's (SQLite seeds story_documents).
    if (first) await to.importRows(table, [], true);
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
