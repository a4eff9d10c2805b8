import { BlockedAddressError } from './address-guard.ts';
import { FetchError } from './fetch-error.ts';
import { type FetchOptions, fetchDefaults } from './fetch-options.ts';

/** A fetched response, its body decoded to text. */
export interface HttpResponse {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Media type without parameters, lower case (`application/rss+xml`); '' when absent. */
  contentType: string;
  /** Empty for 304. */
  body: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET with the guards a bot needs against the open web: one time budget for the whole exchange,
 * a body read as a stream and cut at `maxBytes`, redirects followed by hand so a loop or a long
 * chain stops with a clear error. 2xx and 304 resolve; anything else throws a `FetchError`.
 */
export async function httpGet(
  url: string,
  options: FetchOptions & { headers?: Record<string, string> } = {},
): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? fetchDefaults.timeoutMs;
  const maxBytes = options.maxBytes ?? fetchDefaults.maxBytes;
  const maxRedirects = options.maxRedirects ?? fetchDefaults.maxRedirects;
  const timeout = AbortSignal.timeout(timeoutMs);
  const cut = new AbortController();
  const signal = AbortSignal.any(
    [timeout, cut.signal, options.signal].filter((s): s is AbortSignal => s !== undefined),
  );
  const headers = {
    'user-agent': options.userAgent ?? fetchDefaults.userAgent,
    ...options.headers,
  };

  const visited = new Set<string>();
  let current = checkUrl(url, url);
  try {
    for (;;) {
      visited.add(current.href);
      // The guard may resolve names, which `fetch`'s abort does not cover: it runs in the budget too.
      if (options.guard) await untilAborted(options.guard(current), signal);
      const dispatcher = options.guard?.dispatcher?.(current);
      const res = await fetch(current, {
        headers,
        signal,
        redirect: 'manual',
        // Node's fetch is undici: a guard's dispatcher checks the address it connects to.
        ...(dispatcher && { dispatcher }),
      } as RequestInit);
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location) {
          throw new FetchError('redirect', url, `${url}: HTTP ${res.status} without a Location`);
        }
        const next = checkUrl(url, location, current);
        if (visited.has(next.href)) {
          throw new FetchError('redirect', url, `${url}: redirect loop at ${next.href}`);
        }
        if (visited.size > maxRedirects) {
          throw new FetchError('redirect', url, `${url}: more than ${maxRedirects} redirects`);
        }
        current = next;
        continue;
      }
      const contentType = (res.headers.get('content-type') ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (res.status === 304) {
        await res.body?.cancel();
        return { url: current.href, status: 304, headers: res.headers, contentType, body: '' };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel();
        throw new FetchError(
          'http-status',
          url,
          `${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
          { status: res.status, retryAfterSeconds: retryAfter(res.headers.get('retry-after')) },
        );
      }
      const bytes = await readCapped(res, url, maxBytes, cut);
      const body = decode(bytes, res.headers.get('content-type'));
      return { url: current.href, status: res.status, headers: res.headers, contentType, body };
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof BlockedAddressError) {
      throw new FetchError(
        'blocked-address',
        url,
        `${url}: refused, ${cause.message} when connecting; a feed's links may only lead to the public internet or to the feed's own host`,
        { cause: err },
      );
    }
    if (timeout.aborted) {
      throw new FetchError('timeout', url, `${url}: no complete response within ${timeoutMs} ms`, {
        cause: err,
      });
    }
    const reason =
      err instanceof Error
        ? err.cause instanceof Error
          ? err.cause.message
          : err.message
        : String(err);
    throw new FetchError('network', url, `${url}: ${reason}`, { cause: err });
  }
}

/** The promise's outcome, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkUrl(original: string, href: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(href, base);
  } catch {
    throw new FetchError('unsupported-url', original, `${href} is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('unsupported-url', original, `${parsed.href}: only http and https URLs`);
  }
  return parsed;
}

async function readCapped(
  res: Response,
  url: string,
  maxBytes: number,
  cut: AbortController,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new FetchError('too-large', url, `${url}: body larger than ${formatBytes(maxBytes)}, aborted`);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    cut.abort();
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      // Aborting the request closes the socket, so the server stops sending too.
      cut.abort();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Header charset first, then a byte-order mark, an XML declaration or an HTML meta tag. */
function decode(bytes: Uint8Array, contentTypeHeader: string | null): string {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const label =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentTypeHeader ?? '')?.[1] ??
    (head.startsWith('\xef\xbb\xbf') ? 'utf-8' : undefined) ??
    /^<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  const decoder = (() => {
    try {
      return new TextDecoder(label);
    } catch {
      return new TextDecoder('utf-8');
    }
  })();
  return decoder.decode(bytes);
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - Date.now()) / 1000));
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} bytes`;
}
