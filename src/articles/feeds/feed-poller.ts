import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { FeedStateStore } from '../../store/feed-state-store.ts';
import type { ArticleInput } from '../article.ts';
import type { FeedItem } from './feed-item.ts';
import { type FeedItemsToArticlesOptions, feedItemsToArticles } from './feed-items-to-articles.ts';
import type { FeedState } from './feed-state.ts';
import { FetchError } from './fetch-error.ts';
import { fetchFeed } from './fetch-feed.ts';
import type { FetchOptions } from './fetch-options.ts';

/** The outcome of polling one feed. */
export interface PollResult {
  feed: string;
  /**
   * `backing-off`: skipped, the feed failed recently and its next poll is not due yet;
   * `elsewhere`: skipped, another process sharing the store holds the feed's poll lease.
   */
  status: 'ok' | 'not-modified' | 'failed' | 'backing-off' | 'elsewhere';
  newItems: number;
  error?: string;
}

/** What the poller needs; everything but the feeds, the store, ingest and log has a default. */
export interface FeedPollerOptions {
  feeds: readonly string[];
  state: FeedStateStore;
  /**
   * Cleans and stores new items. `firstPoll` is true for a feed never read before: its items
   * are old news and must be stored as backfill, not delivered in digests.
   */
  ingest(inputs: ArticleInput[], meta: { feed: string; firstPoll: boolean }): Promise<void>;
  log: Logger;
  clock?: () => Date;
  fetchOptions?: FetchOptions;
  /** How teasers become articles (page fetches). */
  articles?: Omit<FeedItemsToArticlesOptions, 'fetchOptions' | 'log'>;
  /** Backoff after the first failure, doubled each further failure. Default 5 minutes. */
  backoffBaseMs?: number;
  /** The longest backoff. Default 6 hours. */
  backoffMaxMs?: number;
  /** Feeds polled at once. Default 4. */
  concurrency?: number;
  /** This process, as a feed lease owner (default: a fresh random id). */
  owner?: string;
  /**
   * How long a poll lease lasts (default 5 minutes, renewed while polling): processes sharing a
   * store poll each feed once per round, and a dead process's feeds are free once it ends.
   */
  leaseMs?: number;
}

/** Polls feeds on a schedule. */
export interface FeedPoller {
  /** Polls every feed that is due; never throws. A call during a run joins that run. */
  pollAll(): Promise<PollResult[]>;
  /** Schedules `pollAll` (default every 15 minutes); it does not poll at once. */
  start(cronExpression?: string): void;
  /** Unschedules and aborts requests in flight (their feeds' state is left as it was). */
  stop(): void;
}

export const DEFAULT_FEED_CRON = '*/15 * * * *';

export function createFeedPoller(o: FeedPollerOptions): FeedPoller {
  const clock = o.clock ?? (() => new Date());
  const baseMs = o.backoffBaseMs ?? 5 * 60_000;
  const maxMs = o.backoffMaxMs ?? 6 * 60 * 60_000;
  const feeds = [...new Set(o.feeds)];
  const owner = o.owner ?? randomBytes(6).toString('hex');
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  let running: Promise<PollResult[]> | undefined;
  let task: ScheduledTask | undefined;
  let stopper = new AbortController();

  /** Polls the feed when this process holds its lease; another process's poll is left to it. */
  async function pollLeased(feed: string, signal: AbortSignal): Promise<PollResult> {
    const lease = () => {
      const now = clock();
      return o.state.leaseFeed(feed, owner, now, new Date(now.getTime() + leaseMs));
    };
    if (!(await lease())) return { feed, status: 'elsewhere', newItems: 0 };
    const renew = setInterval(() => {
      lease().catch((err: unknown) => o.log.warn({ err, feed }, 'feed lease renewal failed'));
    }, leaseMs / 3);
    try {
      return await pollOne(feed, signal);
    } finally {
      clearInterval(renew);
    }
  }

  async function pollOne(feed: string, signal: AbortSignal): Promise<PollResult> {
    const log = o.log.child({ feed });
    let state: FeedState | undefined;
    try {
      state = await o.state.getFeedState(feed);
    } catch (err) {
      log.error({ err }, 'feed state unreadable; feed skipped');
      return {
        feed,
        status: 'failed',
        newItems: 0,
        error: `feed state unreadable: ${message(err)}`,
      };
    }
    const now = clock();
    if (state?.nextPollAt && Date.parse(state.nextPollAt) > now.getTime()) {
      log.debug({ nextPollAt: state.nextPollAt }, 'feed backing off');
      return {
        feed,
        status: 'backing-off',
        newItems: 0,
        ...(state.lastError && { error: state.lastError }),
      };
    }
    const firstPoll = state?.polledAt === undefined;
    try {
      const fetched = await fetchFeed(feed, state, { ...o.fetchOptions, clock, signal });
      let fresh: FeedItem[] = [];
      if (fetched.status === 'ok') {
        fresh = await unseen(feed, fetched.items);
        if (fresh.length > 0) {
          const inputs = await feedItemsToArticles(fresh, {
            ...o.articles,
            fetchOptions: { ...o.fetchOptions, signal },
            log,
          });
          // Pages cut short by stop() fell back to summaries; store nothing rather than those.
          signal.throwIfAborted();
          try {
            await o.ingest(inputs, { feed, firstPoll });
          } catch (err) {
            throw new Error(`ingest failed: ${message(err)}`, { cause: err });
          }
          // Only now: a crash before this line re-delivers these items, which the store's
          // content hash turns into a no-op, where marking them first would lose them.
          await o.state.markItemsSeen(
            feed,
            fresh.map((i) => i.key),
          );
        }
      }
      // The new validators are stored last too, or a failed ingest would be followed by a 304.
      await o.state.putFeedState(fetched.state);
      log.info(
        { status: fetched.status, items: fetched.items.length, newItems: fresh.length, firstPoll },
        'feed polled',
      );
      return { feed, status: fetched.status, newItems: fresh.length };
    } catch (err) {
      if (signal.aborted) {
        return { feed, status: 'failed', newItems: 0, error: 'stopped' };
      }
      return await recordFailure(feed, state, err, log);
    }
  }

  async function unseen(feed: string, items: readonly FeedItem[]): Promise<FeedItem[]> {
    const wanted = new Set(
      await o.state.unseenItems(
        feed,
        items.map((i) => i.key),
      ),
    );
    // The first of two items sharing a key wins, as a reader would see it.
    return items.filter((i) => wanted.delete(i.key));
  }

  async function recordFailure(
    feed: string,
    state: FeedState | undefined,
    err: unknown,
    log: Logger,
  ): Promise<PollResult> {
    const failures = (state?.failures ?? 0) + 1;
    let delay = Math.min(baseMs * 2 ** Math.min(failures - 1, 30), maxMs);
    const retryAfter = err instanceof FetchError ? err.details.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) delay = Math.max(delay, Math.min(retryAfter * 1000, maxMs));
    const next: FeedState = {
      ...(state ?? { url: feed }),
      url: feed,
      failures,
      lastError: message(err),
      nextPollAt: new Date(clock().getTime() + delay).toISOString(),
    };
    if (err instanceof FetchError) {
      log.warn(
        { err: err.message, code: err.code, failures, nextPollAt: next.nextPollAt },
        'feed poll failed',
      );
    } else {
      log.error({ err, failures, nextPollAt: next.nextPollAt }, 'feed poll failed');
    }
    try {
      await o.state.putFeedState(next);
    } catch (putErr) {
      log.error({ err: putErr }, 'feed state not saved');
    }
    return { feed, status: 'failed', newItems: 0, error: next.lastError! };
  }

  async function runAll(): Promise<PollResult[]> {
    const signal = stopper.signal;
    const results = new Array<PollResult>(feeds.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < feeds.length; i = next++) {
        try {
          results[i] = await pollLeased(feeds[i]!, signal);
        } catch (err) {
          // pollOne handles its own failures; this is the last guard of "never throws".
          o.log.error({ err, feed: feeds[i] }, 'feed poll crashed');
          results[i] = { feed: feeds[i]!, status: 'failed', newItems: 0, error: message(err) };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
    const count = (s: PollResult['status']) => results.filter((r) => r.status === s).length;
    o.log.info(
      {
        feeds: feeds.length,
        ok: count('ok'),
        notModified: count('not-modified'),
        failed: count('failed'),
        backingOff: count('backing-off'),
        elsewhere: count('elsewhere'),
        newItems: results.reduce((n, r) => n + r.newItems, 0),
      },
      'feeds polled',
    );
    return results;
  }

  function pollAll(): Promise<PollResult[]> {
    running ??= runAll().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    pollAll,
    start(cronExpression = DEFAULT_FEED_CRON) {
      if (!cron.validate(cronExpression)) {
        throw new Error(
          `feed poll schedule "${cronExpression}" is not a cron expression, e.g. ${DEFAULT_FEED_CRON}`,
        );
      }
      task?.destroy();
      task = cron.schedule(
        cronExpression,
        async () => {
          await pollAll();
        },
        { name: 'feed-poll', noOverlap: true },
      );
    },
    stop() {
      task?.destroy();
      task = undefined;
      // Aborts the run in flight only; a later pollAll() starts with a fresh signal.
      stopper.abort();
      stopper = new AbortController();
    },
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
