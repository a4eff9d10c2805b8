import type { Logger } from 'pino';
import type { Briefer } from '../briefing/briefing.ts';
import { SqliteLedger } from '../store/sqlite/sqlite-ledger.ts';
import type { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { type BuildDigest, createDigestBuilder } from './build-digest.ts';
import type { DigestAdapter } from './digest-adapter.ts';
import { createDigestScheduler, type DigestScheduler } from './digest-scheduler.ts';

/** What `main.ts` passes in to run digests on the SQLite store. */
export interface DigestsOptions {
  store: SqliteStore;
  adapters: readonly DigestAdapter[];
  log: Logger;
  clock?: () => Date;
  /** Default 6. */
  catchUpHours?: number;
  /** Post "Nothing new on …" (default) or skip empty digests. */
  postWhenEmpty?: boolean;
  /** Default: the extractive briefer on the windowed store. */
  brieferFor?: (store: Store) => Briefer;
}

/** Digests wired to the SQLite store: the ledger, the builder (`/digest now` uses it too) and the scheduler. */
export interface Digests {
  ledger: SqliteLedger;
  build: BuildDigest;
  scheduler: DigestScheduler;
}

export function createDigests(options: DigestsOptions): Digests {
  const ledger = new SqliteLedger(options.store.db);
  const build = createDigestBuilder({
    store: options.store,
    newArticles: ledger,
    postWhenEmpty: options.postWhenEmpty,
    brieferFor: options.brieferFor,
  });
  const scheduler = createDigestScheduler({
    subscriptions: options.store,
    ledger,
    build,
    adapters: options.adapters,
    log: options.log.child({ mod: 'digests' }),
    clock: options.clock,
    catchUpHours: options.catchUpHours,
  });
  return { ledger, build, scheduler };
}
