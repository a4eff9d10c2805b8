import type { Logger } from 'pino';
import type { Briefer } from '../briefing/briefing.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { DeliveryLedger } from '../store/delivery-ledger.ts';
import type { Store } from '../store/store.ts';
import { type BuildDigest, createDigestBuilder } from './build-digest.ts';
import type { DigestAdapter } from './digest-adapter.ts';
import {
  createDigestScheduler,
  type DigestScheduler,
  type DigestSchedulerOptions,
} from './digest-scheduler.ts';

/** What digests run on: the store (its subscriptions, articles and ledger), a log and a clock. */
export interface DigestsOptions {
  store: Store;
  log: Logger;
  clock?: () => Date;
  /** Where the scheduler counts digests posted and failed. */
  metrics?: Pick<Metrics, 'digest'>;
  /** Default 6. */
  catchUpHours?: number;
  /** Post "Nothing new on …" (default) or skip empty digests. */
  postWhenEmpty?: boolean;
  /** Default: the extractive briefer on the windowed store. */
  brieferFor?: (store: Store) => Briefer;
  /** What drives the ticks (default every minute by cron); the digest bench compresses it. */
  every?: DigestSchedulerOptions['every'];
}

/**
 * Digests wired once to one store: the builder (`/digest now` and the scheduler share it), the
 * store's ledger, and the scheduler, made once the platforms to post to exist.
 */
export interface Digests {
  build: BuildDigest;
  ledger: DeliveryLedger;
  schedule(adapters: readonly DigestAdapter[]): DigestScheduler;
}

export function createDigests(options: DigestsOptions): Digests {
  const { store } = options;
  const build = createDigestBuilder({
    store,
    postWhenEmpty: options.postWhenEmpty,
    brieferFor: options.brieferFor,
  });
  return {
    build,
    ledger: store.ledger,
    schedule: (adapters) =>
      createDigestScheduler({
        subscriptions: store,
        ledger: store.ledger,
        build,
        adapters,
        log: options.log.child({ mod: 'digests' }),
        clock: options.clock,
        metrics: options.metrics,
        catchUpHours: options.catchUpHours,
        every: options.every,
      }),
  };
}
