import type { Article } from '../articles/article.ts';

/**
 * Tables copied row for row by `migrate-store`, with the columns they are ordered by (their
 * primary keys, so that a page is read after the last key of the one before). Articles are not
 * among them: they go through `addArticles`, which also writes their paragraphs, quotes,
 * speaker aliases and speaker counts. A new table that is neither derived from articles nor listed here is not
 * copied, and the counts check says so.
 */
export const TRANSFERRED_TABLES: Readonly<Record<string, readonly string[]>> = {
  subscriptions: ['platform', 'channel_id'],
  feed_state: ['url'],
  feed_seen: ['feed_url', 'item_key'],
  digest_deliveries: ['platform', 'channel_id', 'period'],
  stories: ['id'],
  story_keys: ['term', 'center', 'story_id'],
  story_members: ['article_id', 'outlet'],
  story_terms: ['term'],
  story_documents: ['one'],
  story_aliases: ['id'],
};

/** Every table a copy is verified by: the article tables and the copied ones. */
export const COUNTED_TABLES: readonly string[] = [
  'articles',
  'paragraphs',
  'quotes',
  'speaker_aliases',
  'speaker_counts',
  ...Object.keys(TRANSFERRED_TABLES),
];

/** Rows per table, by table name. */
export type StoreCounts = Record<string, number>;

/** A row as a store reads it: column name to value. */
export type Row = Record<string, unknown>;

/**
 * A whole store read out and written back as it was, for `newsbrief migrate-store`. Table names
 * come from the lists above only, never from input.
 */
export interface StoreTransfer {
  counts(): Promise<StoreCounts>;
  /** Every article in the order stored (oldest first), backfill flag included, `size` a page. */
  exportArticles(size: number): AsyncIterable<Article[]>;
  /** A `TRANSFERRED_TABLES` table in its key order, `size` rows a page. */
  exportRows(table: string, size: number): AsyncIterable<Row[]>;
  /**
   * Writes rows read by `exportRows` in one transaction; `first` replaces whatever the table
   * held (seed rows), so a copy calls it once with `first` even for an empty table.
   */
  importRows(table: string, rows: readonly Row[], first: boolean): Promise<void>;
}

/**
 * Pages of rows in key order, each read after the last key of the page before. An `OFFSET`
 * rereads every row before its page, which made copying a million story keys quadratic.
 */
export async function* keysetPages<T extends object>(
  keys: readonly string[],
  size: number,
  read: (after: unknown[] | undefined) => Promise<T[]> | T[],
): AsyncGenerator<T[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const rows = await read(after);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = keys.map((k) => (last as Row)[k]);
  }
}

/** A column value for another store: objects and arrays as JSON text (both take it). */
export function portable(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

/** The name of a table a copy may touch; anything else is a programming error. */
export function transferredTable(table: string): readonly string[] {
  const keys = TRANSFERRED_TABLES[table];
  if (!keys) throw new Error(`not a transferable table: ${table}`);
  return keys;
}

/**
 * Column names of rows to import, double-quoted: they come from the other store's `SELECT *`
 * (our own schema), so anything but a plain lower-case name is a programming error.
 */
export function importedColumns(rows: readonly Row[]): string[] {
  return Object.keys(rows[0] ?? {}).map((c) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not a column a copy writes: ${c}`);
    return `"${c}"`;
  });
}
