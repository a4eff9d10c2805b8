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
  /** How long one message may wait on 429s before it is given up as failed (default 10 min). */
  maxWaitMs?: number;
  /**
   * The clock and the wait (default `Date.now` and a timer). Tests pass a virtual pair, with the
   * platform on the same clock, so when the limit is hit depends on counts, not machine speed.
   */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Counters for the bench and logs. */
export interface PublisherStats {
  requests: number;
  rateLimited: number;
  /** Requests per second learned from the first 429, if any. */
  learnedLimit?: number;
}

export interface RateLimitedPublisher {
  publish(channelId: string, body: unknown): Promise<void>;
  /**
   * Any other request to the platform (reading a channel's recent messages), paced and retried
   * on 429 with the posts, since a platform's limit counts every request; resolves with the
   * successful response, its body unread.
   */
  request(send: () => Promise<Response>): Promise<Response>;
  readonly stats: PublisherStats;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds to wait from a 429: the JSON body's fractional `retry_after` (Discord), else the header. */
async function retryAfterMs(res: Response, now: number): Promise<number> {
  try {
    const body = (await res.json()) as { retry_after?: unknown };
    if (typeof body.retry_after === 'number') return body.retry_after * 1000;
  } catch {
    // Not JSON: the header decides.
  }
  const header = res.headers.get('retry-after');
  if (header && /^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
  const date = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now);
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
  const maxWaitMs = options.maxWaitMs ?? 600_000;
  const clock = options.now ?? Date.now;
  const sleep = options.sleep ?? timer;
  const stats: PublisherStats = { requests: 0, rateLimited: 0 };
  let pausedUntil = 0;
  let active = 0;
  const waiting: Array<() => void> = [];
  // Start times of requests and arrival times of successes in the last second, for pacing.
  const sent: number[] = [];
  const succeeded: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  let lastLimited = 0;
  let lastRaised = 0;

  const trim = (times: number[], now: number) => {
    while (times.length > 0 && (times[0] ?? 0) <= now - 1000) times.shift();
  };

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

  /**
   * Waits for this request's turn, one request at a time: after a pause, and once a 429 has
   * shown the platform's rate, no faster than it. Without pacing every pause ends in a burst
   * that earns a new round of 429s, and platforms ban bots that collect too many.
   */
  function turn(): Promise<void> {
    const mine = gate.then(async () => {
      for (;;) {
        const now = clock();
        if (pausedUntil > now) {
          await sleep(pausedUntil - now);
          continue;
        }
        trim(sent, now);
        const limit = stats.learnedLimit;
        if (limit !== undefined && sent.length >= limit) {
          // Probe upwards, a request per quiet second, so one unlucky 429 does not slow us forever.
          if (now - lastLimited > 1000 && now - lastRaised > 1000) {
            stats.learnedLimit = limit + 1;
            lastRaised = now;
            continue;
          }
          await sleep((sent[0] ?? now) + 1000 - now + 1);
          continue;
        }
        sent.push(now);
        return;
      }
    });
    gate = mine.catch(() => undefined);
    return mine;
  }

  async function request(send: () => Promise<Response>): Promise<Response> {
    const started = clock();
    for (;;) {
      await slot();
      let res: Response;
      try {
        await turn();
        stats.requests++;
        res = await send();
        const now = clock();
        if (res.status === 429) {
          stats.rateLimited++;
          pausedUntil = Math.max(pausedUntil, now + (await retryAfterMs(res, now)));
          trim(succeeded, now);
          // What got through in the last second is what the platform allows.
          stats.learnedLimit = Math.max(1, succeeded.length);
          lastLimited = now;
        } else if (res.ok) {
          succeeded.push(now);
        }
      } finally {
        release();
      }
      if (res.ok) return res;
      if (res.status !== 429) throw new PublishError(await refusal(res), res.status);
      if (clock() - started > maxWaitMs) {
        throw new PublishError(`still rate limited after ${Math.round(maxWaitMs / 1000)} s`, 429);
      }
    }
  }

  async function publish(channelId: string, body: unknown): Promise<void> {
    const res = await request(() => options.send(channelId, body));
    await res.body?.cancel();
  }

  return { publish, request, stats };
}
