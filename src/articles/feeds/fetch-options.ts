import type { UrlGuard } from './address-guard.ts';

/** How feeds and pages are fetched; every field has a safe default. */
export interface FetchOptions {
  /** Whole-request budget (redirects, headers and body), in ms. Default 15,000. */
  timeoutMs?: number;
  /** Largest body read, in bytes; a larger one is aborted. Default 25 MB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Default `newsbrief/0.1 (news briefing bot; feed reader)`. */
  userAgent?: string;
  /** Cancels the request from outside, e.g. at shutdown. */
  signal?: AbortSignal;
  /** Checks every URL before it is requested, redirects included. Default: none. */
  guard?: UrlGuard;
  /** Stamps `polledAt`; tests pass a fixed clock. */
  clock?: () => Date;
}

export const fetchDefaults = {
  timeoutMs: 15_000,
  maxBytes: 25 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'newsbrief/0.1 (news briefing bot; feed reader)',
} as const;
