import type { FeedItem } from './feed-item.ts';
import type { FeedState } from './feed-state.ts';
import type { FetchOptions } from './fetch-options.ts';
import { httpGet } from './http-get.ts';
import { parseFeedXml } from './parse-feed-xml.ts';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** A successful fetch: the items (none when not modified) and the state to store. */
export interface FetchFeedResult {
  status: 'ok' | 'not-modified';
  items: FeedItem[];
  /** The feed's title, when fetched. */
  title?: string;
  /** Validators of this response, `failures` reset, `polledAt` now. */
  state: FeedState;
}

/**
 * Fetches and parses one feed with a conditional GET built from `state`. A 304 is
 * `not-modified` with no items. Throws a `FetchError` on any failure (network, status, size,
 * time, broken XML); the caller decides about backoff.
 */
export async function fetchFeed(
  url: string,
  state: FeedState | undefined,
  options: FetchOptions = {},
): Promise<FetchFeedResult> {
  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  const res = await httpGet(url, { ...options, headers });
  const polledAt = (options.clock?.() ?? new Date()).toISOString();
  if (res.status === 304) {
    return {
      status: 'not-modified',
      items: [],
      state: { ...withoutFailure(state, url), polledAt },
    };
  }
  const feed = parseFeedXml(res.body, res.url, url);
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return {
    status: 'ok',
    items: feed.items,
    ...(feed.title && { title: feed.title }),
    state: {
      url,
      failures: 0,
      polledAt,
      ...(etag && { etag }),
      ...(lastModified && { lastModified }),
    },
  };
}

function withoutFailure(state: FeedState | undefined, url: string): FeedState {
  const { nextPollAt: _next, lastError: _error, ...rest } = state ?? { url, failures: 0 };
  return { ...rest, url, failures: 0 };
}
