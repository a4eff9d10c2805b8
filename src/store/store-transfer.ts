import type { Article } from '../articles/article.ts';

/**
 * Tables copied row for row by `migrate-store`, with the columns they are ordered by. Articles
 * are not among them: they go through `addArticles`, which also writes their paragraphs, quotes
 * and speaker aliases. A new table that is neither derived from articles nor listed here is not
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
};

/** Every table a copy is verified by: the article tables and the copied ones. */
export const COUNTED_TABLES: readonly string[] = [
  'articles',
  'paragraphs',
  'quotes',
  'speaker_aliases',
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
  /** Articles in the order they were stored (oldest first), backfill flag included. */
  exportArticles(offset: number, limit: number): Promise<Article[]>;
  /** A page of a `TRANSFERRED_TABLES` table, in its key order. */
  exportRows(table: string, offset: number, limit: number): Promise<Row[]>;
  /** Writes rows read by `exportRows`; `first` replaces whatever the table held (seed rows). */
  importRows(table: string, rows: readonly Row[], first: boolean): Promise<void>;
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
