import type { FeedState } from '../articles/feeds/feed-state.ts';

/** What the feed poller keeps between polls: each feed's state and the items already seen. */
export interface FeedStateStore {
  getFeedState(url: string): Promise<FeedState | undefined>;
  putFeedState(state: FeedState): Promise<void>;
  /**
   * Returns the keys (guid or link) not seen before for this feed, without recording them.
   * The poller records them with `markItemsSeen` only once ingest succeeded, so a crash or an
   * ingest error in between re-delivers them (the store's content hash absorbs the repeat)
   * instead of losing them.
   */
  unseenItems(feedUrl: string, keys: readonly string[]): Promise<string[]>;
  /** Returns the keys (guid or link) not seen before for this feed, and records them as seen. */
  markItemsSeen(feedUrl: string, keys: readonly string[]): Promise<string[]>;
  /**
   * Takes, renews or extends the right to poll a feed until `until`: true when `owner` holds it
   * now (the feed was free, its lease had ended before `now`, or it was already `owner`'s).
   * Processes sharing a store poll each feed one at a time.
   */
  leaseFeed(url: string, owner: string, now: Date, until: Date): Promise<boolean>;
}
