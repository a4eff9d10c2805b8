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
