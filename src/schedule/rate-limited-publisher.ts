/** A platform's refusal other than a rate limit (403 missing permission, 404 unknown channel). */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** How to reach the platform, how many requests at once, how often to retry a 429. */
export interface RateLimitedPublisherOptions {
  /** Sends one message; the publisher reads the status, `Retry-After` and a JSON `retry_after`. */
  send: (channelId: string, body: unknown) => Promise<Response>;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Tries per message, 429s included (default 10). */
  maxAttempts?: number;
}

/** Counters for the bench and logs. */
export interface PublisherStats {
  requests: number;
  rateLimited: number;
}

export interface RateLimitedPublisher {
  publish(channelId: string, body: unknown): Promise<void>;
  readonly stats: PublisherStats;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a 429: the JSON body's fractional `retry_after` (Discord), else the header. */
async function retryAfterMs(res: Response): Promise<number> {
  try {
    const body = (await res.json()) as { retry_after?: unknown };
    if (typeof body.retry_after === 'number') return body.retry_after * 1000;
  } catch {
    // Not JSON: the header decides.
  }
  const header = res.headers.get('retry-after');
  if (header && /^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
  const date = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

/** "HTTP 403: Missing Permissions": the status and the platform's own words for it. */
async function refusal(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 500);
  let message = text;
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') message = body.message;
    else if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: the text as it came.
  }
  message = message.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${res.status}${message ? `: ${message}` : ''}`;
}

/**
 * Posts through a platform's HTTP API at its pace: at most `concurrency` requests at once, and a
 * 429 pauses every request (rate limits are per bot or per route, not per request) until its
 * Retry-After, then retries. Other refusals throw a `PublishError`, which the scheduler records
 * on that channel alone. discord.js and Bolt queue like this internally; this one serves
 * plain-HTTP platforms, the bench, and adapters that bypass a client library.
 */
export function createRateLimitedPublisher(
  options: RateLimitedPublisherOptions,
): RateLimitedPublisher {
  const concurrency = options.concurrency ?? 8;
  const maxAttempts = options.maxAttempts ?? 10;
  const stats: PublisherStats = { requests: 0, rateLimited: 0 };
  let pausedUntil = 0;
  let active = 0;
  const waiting: Array<() => void> = [];

  async function slot(): Promise<void> {
    if (active < concurrency) {
      active++;
      return;
    }
    // The releasing request hands its slot over directly, so `active` stays right.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }

  async function publish(channelId: string, body: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await slot();
      let res: Response;
      try {
        while (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now());
        stats.requests++;
        res = await options.send(channelId, body);
        if (res.status === 429) {
          stats.rateLimited++;
          pausedUntil = Math.max(pausedUntil, Date.now() + (await retryAfterMs(res)));
        }
      } finally {
        release();
      }
      if (res.ok) {
        await res.body?.cancel();
        return;
      }
      if (res.status !== 429) {
        throw new PublishError(await refusal(res), res.status);
      }
      if (attempt >= maxAttempts) {
        throw new PublishError(`still rate limited after ${attempt} attempts`, 429);
      }
    }
  }

  return { publish, stats };
}
