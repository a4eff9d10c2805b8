/** One RSS item or Atom entry, normalised: absolute URL, ISO date, plain-text title. */
export interface FeedItem {
  /** What deduplicates it within its feed: the guid, else the link, else a hash of title and text. */
  key: string;
  guid?: string;
  title?: string;
  /** The item's link, resolved against the feed's URL. */
  url?: string;
  /** ISO 8601: the item's published date, else its updated date. */
  published?: string;
  /** The full body (`content:encoded`, Atom `content`), HTML. */
  content?: string;
  /** The short description (RSS `description`, Atom `summary`), HTML. */
  summary?: string;
  /** The feed's own title, used as the outlet. */
  feedTitle?: string;
  /** The feed URL as configured. */
  feedUrl: string;
}
