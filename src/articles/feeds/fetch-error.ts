/** Why a fetch failed, for logs, backoff and tests. */
export type FetchErrorCode =
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'redirect'
  | 'network'
  | 'unsupported-url'
  | 'blocked-address'
  | 'invalid-feed'
  | 'not-a-page';

/** A feed or page that could not be fetched or read; the message says which URL and why. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    message: string,
    readonly details: {
      status?: number;
      /** Seconds the server asked us to wait (429/503 Retry-After). */
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
