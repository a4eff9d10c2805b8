/** What the poller remembers about one feed between polls. */
export interface FeedState {
  /** The feed URL as configured: the key of the state. */
  url: string;
  /** Validators from the last successful response, sent back for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Consecutive failed polls; 0 after a success. */
  failures: number;
  /** ISO time before which the feed is not polled again (set while backing off). */
  nextPollAt?: string;
  /** The last failure's message, kept until the next success. */
  lastError?: string;
  /** ISO time of the last successful poll (200 or 304). Unset until the feed was read once. */
  polledAt?: string;
}

/** Persistence the poller needs; the lead implements it in SQLite. */
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
}
