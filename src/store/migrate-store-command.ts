import { existsSync } from 'node:fs';
import { UserError } from '../core/errors.ts';
import { DestinationNotEmptyError, migrateStore } from './migrate-store.ts';
import { openStore, type StoreConfig } from './open-store.ts';
import type { Store } from './store.ts';

/** A store named on the command line: a postgres:// URL, else a SQLite file path. */
function storeConfig(place: string): StoreConfig {
  return /^postgres(ql)?:\/\//i.test(place)
    ? { DATABASE_URL: place, NEWSBRIEF_DB: '' }
    : { NEWSBRIEF_DB: place, DATABASE_URL: undefined };
}

/** `newsbrief migrate-store <from> <to>`: the copy, and one line saying what it verified. */
export async function migrateStoreCommand(from: string, to: string): Promise<string> {
  if (from === to)
    throw new UserError('the two stores are the same; name another one to copy into');
  // Opening a SQLite path creates the file: a mistyped source would be copied as an empty store.
  const fromConfig = storeConfig(from);
  if (!fromConfig.DATABASE_URL && !existsSync(from))
    throw new UserError(`no SQLite store at ${from}`);
  const source: Store = await openStore(fromConfig);
  try {
    const destination = await openStore(storeConfig(to));
    try {
      const { counts } = await migrateStore(source, destination);
      const n = (t: string) => (counts[t] ?? 0).toLocaleString('en-US');
      return (
        `Copied ${n('articles')} articles (${n('paragraphs')} paragraphs, ${n('quotes')} quotes), ` +
        `${n('subscriptions')} subscriptions, ${n('feed_state')} feeds (${n('feed_seen')} items seen), ` +
        `${n('digest_deliveries')} digest deliveries and ${n('stories')} stories; every table's count verified.`
      );
    } catch (error) {
      if (error instanceof DestinationNotEmptyError) throw new UserError(error.message);
      throw error;
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}
