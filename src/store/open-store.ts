import type { Config } from '../config.ts';
import type { Store } from './store.ts';
import { redactUrl, StoreOpenError } from './store-open-error.ts';

/** What picks and opens the store: PostgreSQL when `DATABASE_URL` is set, else the SQLite file. */
export type StoreConfig = Pick<Config, 'NEWSBRIEF_DB' | 'DATABASE_URL'>;

/**
 * Opens the configured store, migrated and ready. Built from the config alone, so a worker
 * thread or another process opens its own connection to the same database the same way.
 * Throws `StoreOpenError` saying which database and why when it cannot be opened.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  const url = config.DATABASE_URL;
  try {
    // Each store's driver is loaded only when it is the one configured.
    if (url) return await (await import('./postgres/pg-store.ts')).PgStore.open(url);
    return new (await import('./sqlite/sqlite-store.ts')).SqliteStore(config.NEWSBRIEF_DB);
  } catch (error) {
    const where = url
      ? `PostgreSQL at DATABASE_URL=${redactUrl(url)}`
      : `SQLite file ${config.NEWSBRIEF_DB}`;
    throw new StoreOpenError(
      `cannot open the store (${where}): ${(error as Error).message}${hint(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** How to fix the usual refusals, by the error's code (SQLite's, Node's or PostgreSQL's). */
function hint(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code?.startsWith('SQLITE_READONLY'))
    return '; give the user running newsbrief write permission on the file and its folder (SQLite writes a -wal file beside it), or set NEWSBRIEF_DB to another path';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN')
    return '; create the folder with write permission for the user running newsbrief, or set NEWSBRIEF_DB to a path it may write';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return '; it is not a newsbrief store: set NEWSBRIEF_DB to another file, or move this one away';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
    return '; is the server running and the host and port right?';
  if (code === '28P01' || code === '28000') return '; check the user and password in DATABASE_URL';
  if (code === '3D000') return '; create the database first (createdb NAME)';
  if (code === '42501' || code === '0A000')
    return '; the role needs to create tables and the unaccent extension (Debian: postgresql-contrib), or ask an administrator to run CREATE EXTENSION unaccent';
  return '';
}
