import type { Config } from '../config.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** What picks and opens the store: the SQLite file, unless PostgreSQL is configured. */
export type StoreConfig = Pick<Config, 'NEWSBRIEF_DB'>;

/**
 * Opens the configured store, migrated and ready. Built from the config alone, so a worker
 * thread or another process opens its own connection to the same database the same way.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  return new SqliteStore(config.NEWSBRIEF_DB);
}
