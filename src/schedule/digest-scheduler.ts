import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Metrics } from '../ops/metrics.ts';
import type {
  Delivery,
  DeliveryKey,
  DeliveryLedger,
  DeliveryOwner,
} from '../store/delivery-ledger.ts';
import type { Subscription, SubscriptionStore } from '../store/store.ts';
import type { BuildDigest } from './build-digest.ts';
import { deliveryOwner, ownerAlive } from './delivery-owner.ts';
import type { DigestAdapter } from './digest-adapter.ts';
import { digestMarker } from './digest-marker.ts';
import { type DigestPeriod, digestPeriod } from './digest-period.ts';

/** What the scheduler needs; everything is passed in so tests give a fake clock and adapters. */
export interface DigestSchedulerOptions {
  subscriptions: SubscriptionStore;
  ledger: DeliveryLedger;
  build: BuildDigest;
  adapters: readonly DigestAdapter[];
  log: Logger;
  /** Counts each digest posted, or settled as failed (built or posted in vain). */
  metrics?: Pick<Metrics, 'digest'>;
  clock?: () => Date;
  /** A digest missed while the bot was down is posted when less late than this (default 6). */
  catchUpHours?: number;
  /** Digests posted at once; the platform clients queue behind it and honour 429s (default 16). */
  concurrency?: number;
  /** How long a claim holds without renewal; renewed every third of it while posting (2 min). */
  leaseMs?: number;
  owner?: DeliveryOwner;
  /** Whether a claim's owner may still be posting (default: same host, process exists). */
  isAlive?: (owner: DeliveryOwner, self: DeliveryOwner) => boolean;
  /** Starts the every-minute tick (default node-cron `* * * * *`); tests call `tick()` instead. */
  every?: (tick: () => void) => { stop(): void };
}

/** What one tick did, for logs, tests and the bench. */
export interface TickResult {
  posted: number;
  failed: number;
  /** Too late to catch up, or empty with skipping on. */
  skipped: number;
  /** Stale claims nobody could check: logged and shown as the subscription's last error. */
  uncertain: number;
  /** Stale claims found on the platform: recorded as posted without posting again. */
  found: number;
}

export interface DigestScheduler {
  /** Recovers stale claims, catches up missed digests, then ticks every minute. */
  start(): Promise<TickResult>;
  /** Stops ticking and waits for the digests being posted. */
  stop(): Promise<void>;
  /** Call after a subscription changes: re-reads them and posts anything due now. */
  refresh(): Promise<TickResult>;
  /** One check of every subscription; concurrent calls share one run. */
  tick(): Promise<TickResult>;
}

const HOUR = 3_600_000;
/** Ledger rows older than this are deleted at start: long past any catch-up or recovery. */
const KEEP_DAYS = 90;

const shortError = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);

/** Runs `run` over `items`, `size` at a time; one item's error is reported, never the others'. */
async function inPool<T>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item).catch((error: unknown) => onError(item, error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Posts each channel's digest once per period. One every-minute tick that checks every
 * subscription against its own period, rather than one cron job per time and timezone: a tick
 * reads the subscriptions fresh (so changes apply live without rebuilding jobs), computes DST
 * with the same code for every zone, and makes catch-up after a restart the same code path as a
 * punctual digest; the ledger makes ticks idempotent, so two processes ticking is harmless.
 * Cost: one subscription read and one ledger look-up per subscription a minute.
 *
 * A claim whose owner died (kill -9 between posting and recording) is never blindly re-posted:
 * when the adapter can `findDigest`, it is asked whether the period's marker is in the channel
 * (found: recorded as posted; absent: posted now). When it cannot, the row becomes `uncertain`,
 * is logged, and `/digest list` shows it as the last error with a hint to run `/digest now`:
 * a visible "maybe" beats a silent duplicate. Its window stays open, so the next digest covers
 * its articles too and nothing is lost.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { ledger, log, build } = options;
  const clock = options.clock ?? (() => new Date());
  const catchUpMs = (options.catchUpHours ?? 6) * HOUR;
  const concurrency = options.concurrency ?? 16;
  const leaseMs = options.leaseMs ?? 120_000;
  const self = options.owner ?? deliveryOwner();
  const isAlive = options.isAlive ?? ownerAlive;
  const adapters = new Map(options.adapters.map((a) => [a.platform, a]));
  let task: { stop(): void } | undefined;
  let running: Promise<TickResult> | undefined;
  let queued: Promise<TickResult> | undefined;

  async function note(
    sub: Pick<Subscription, 'platform' | 'channelId'>,
    patch: Partial<Subscription>,
  ) {
    // Read fresh: the channel may have changed or dropped its subscription meanwhile.
    const current = await options.subscriptions.getSubscription(sub.platform, sub.channelId);
    if (current) await options.subscriptions.putSubscription({ ...current, ...patch });
  }

  /** Builds and posts a claimed digest, renewing the lease meanwhile; records the outcome. */
  async function post(
    sub: Subscription,
    key: DeliveryKey,
    since: string,
    claimedAt: Date,
    result: TickResult,
  ) {
    const adapter = adapters.get(sub.platform);
    if (!adapter) return;
    const clog = log.child({ platform: key.platform, channel: key.channelId, period: key.period });
    const renew = setInterval(() => {
      void ledger
        .renew(key, self, clock(), leaseMs)
        .catch((error: unknown) => clog.warn({ err: error }, 'digest lease renewal failed'));
    }, leaseMs / 3);
    try {
      let articles = 0;
      let empty = false;
      try {
        const digest = await build({ subscription: sub, since, period: key.period });
        if (!digest.reply) {
          await ledger.settle(key, self, 'skipped', clock(), 'nothing new');
          result.skipped++;
          clog.info('digest skipped: nothing new');
          return;
        }
        ({ articles, empty } = digest);
        await adapter.publish(key.channelId, digest.reply);
      } catch (error) {
        // The platform refused it (deleted channel, missing permission) or it could not be built:
        // the message is not there. Recorded for this period; the next period tries again.
        result.failed++;
        options.metrics?.digest('failed', key.platform);
        await ledger.settle(key, self, 'failed', clock(), shortError(error));
        await note(sub, { lastError: `${key.period}: ${shortError(error)}` });
        clog.warn({ err: error }, 'digest failed');
        return;
      }
      result.posted++;
      options.metrics?.digest('posted', key.platform);
      if (!(await ledger.settle(key, self, 'posted', clock()))) {
        // Only when this process froze past its lease and another took the claim over.
        clog.error('digest posted but its claim was taken over meanwhile: check for a duplicate');
      }
      await note(sub, { lastDigestAt: claimedAt.toISOString(), lastError: undefined });
      clog.info({ articles, empty }, 'digest posted');
    } finally {
      clearInterval(renew);
    }
  }

  /** A claim left by a process that died or froze: decide its fate exactly once. */
  async function recover(d: Delivery, subs: Map<string, Subscription>, result: TickResult) {
    const adapter = adapters.get(d.platform);
    // Another process may serve that platform; it will recover its own.
    if (!adapter) return;
    const now = clock();
    if (!(await ledger.takeOver(d, d.owner, { owner: self, now, leaseMs }))) return;
    const dlog = log.child({ platform: d.platform, channel: d.channelId, period: d.period });
    const sub = subs.get(`${d.platform}:${d.channelId}`);
    if (!sub) {
      await ledger.settle(d, self, 'skipped', clock(), 'unsubscribed after an interrupted post');
      return;
    }
    let found: boolean | undefined;
    if (adapter.findDigest) {
      try {
        found = await adapter.findDigest(d.channelId, digestMarker(d.period));
      } catch (error) {
        dlog.warn({ err: error }, 'could not check whether an interrupted digest was posted');
      }
    }
    if (found === true) {
      await ledger.settle(d, self, 'posted', clock(), 'found in the channel after a crash');
      result.found++;
      await note(sub, { lastDigestAt: d.claimedAt, lastError: undefined });
      dlog.warn('interrupted digest was posted before the crash: recorded, not re-posted');
    } else if (found === false) {
      dlog.warn('interrupted digest is not in the channel: posting it now');
      await post(sub, d, d.since ?? d.claimedAt, new Date(d.claimedAt), result);
    } else {
      const why = 'the bot stopped while posting it and could not check the channel';
      await ledger.settle(d, self, 'uncertain', clock(), why);
      result.uncertain++;
      await note(sub, {
        lastError: `${d.period}: the digest may not have been posted (${why}); if it is missing, run /digest now`,
      });
      dlog.error({ owner: d.owner }, 'interrupted digest may or may not have been posted');
    }
  }

  async function once(): Promise<TickResult> {
    const result: TickResult = { posted: 0, failed: 0, skipped: 0, uncertain: 0, found: 0 };
    const now = clock();
    const all = await options.subscriptions.listSubscriptions();
    const subs = new Map(all.map((s) => [`${s.platform}:${s.channelId}`, s]));
    const stale = (await ledger.openClaims(now, { all: true })).filter(
      (d) =>
        d.owner.id !== self.id && (d.leaseUntil < now.toISOString() || !isAlive(d.owner, self)),
    );
    await inPool(
      stale,
      concurrency,
      (d) => recover(d, subs, result),
      (d, error) => {
        result.failed++;
        log.error({ err: error, channel: d.channelId, period: d.period }, 'digest recovery failed');
      },
    );

    const due: Array<{ sub: Subscription; period: DigestPeriod }> = [];
    const periods = all
      .filter((sub) => adapters.has(sub.platform))
      .map((sub) => ({ sub, period: digestPeriod(sub, now) }))
      // Subscribed (or changed) after today's time: the first digest is the next one.
      .filter(({ sub, period }) => period.dueAt.getTime() >= Date.parse(sub.createdAt));
    // Which periods the ledger already has, `concurrency` look-ups at once: one by one, 4,000
    // channels on PostgreSQL cost 8 s of round trips before the first post (3 s this way).
    const recorded = new Set<Subscription>();
    let readError: unknown;
    await inPool(
      periods,
      concurrency,
      async ({ sub, period }) => {
        const key = { platform: sub.platform, channelId: sub.channelId, period: period.key };
        if (await ledger.get(key)) recorded.add(sub);
      },
      (_, error) => {
        readError ??= error;
      },
    );
    if (readError) throw readError;
    for (const { sub, period } of periods) {
      if (recorded.has(sub)) continue;
      const key = { platform: sub.platform, channelId: sub.channelId, period: period.key };
      const late = now.getTime() - period.dueAt.getTime();
      if (late > catchUpMs) {
        const hours = (late / HOUR).toFixed(1);
        const why = `missed while the bot was down (${hours} h late; the catch-up limit is ${catchUpMs / HOUR} h)`;
        if (await ledger.skip(key, self, now, why)) {
          result.skipped++;
          await note(sub, { lastError: `${period.key}: digest ${why}` });
          log.warn(
            { platform: sub.platform, channel: sub.channelId, period: period.key, hours },
            'digest skipped: too late',
          );
        }
        continue;
      }
      due.push({ sub, period });
    }
    await inPool(
      due,
      concurrency,
      async ({ sub, period }) => {
        const key = { platform: sub.platform, channelId: sub.channelId, period: period.key };
        const claimedAt = clock();
        // A channel's first digest covers the day before it, not the whole archive.
        const since =
          sub.lastDigestAt ?? new Date(period.dueAt.getTime() - 24 * HOUR).toISOString();
        if (!(await ledger.claim(key, { owner: self, now: claimedAt, leaseMs, since }))) return;
        await post(sub, key, since, claimedAt, result);
      },
      // The store itself failed (busy past its timeout, disk full): an unclaimed period is due
      // again next tick; a claimed one, its lease no longer renewed, is recovered like a crash's
      // by the next process to start or by another process on the database.
      ({ sub }, error) => {
        result.failed++;
        log.error({ err: error, channel: sub.channelId }, 'digest delivery failed');
      },
    );
    if (due.length + stale.length > 0) log.info({ ...result, due: due.length }, 'digest tick');
    return result;
  }

  function run(): Promise<TickResult> {
    running = once().finally(() => {
      running = undefined;
    });
    return running;
  }

  const scheduler: DigestScheduler = {
    tick() {
      if (queued) return queued;
      if (running) {
        // One more run after the current one sees changes made while it ran; more would repeat it.
        queued = running
          .catch(() => undefined)
          .then(() => {
            queued = undefined;
            return run();
          });
        return queued;
      }
      return run();
    },
    refresh: () => scheduler.tick(),
    async start() {
      const pruned = await ledger.prune(new Date(clock().getTime() - KEEP_DAYS * 24 * HOUR));
      if (pruned > 0) log.debug({ pruned }, 'old digest deliveries pruned');
      const result = await scheduler.tick();
      const every =
        options.every ??
        ((fn: () => void) => cron.schedule('* * * * *', fn, { name: 'digests', noOverlap: true }));
      task = every(() => {
        scheduler.tick().catch((error: unknown) => log.error({ err: error }, 'digest tick failed'));
      });
      return result;
    },
    async stop() {
      task?.stop();
      task = undefined;
      await queued?.catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
  return scheduler;
}
