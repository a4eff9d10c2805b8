import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicOrTrusted, type Resolver } from '../../src/articles/feeds/address-guard.ts';
import { fetchArticle } from '../../src/articles/feeds/fetch-article.ts';
import { FetchError } from '../../src/articles/feeds/fetch-error.ts';
import { createFeedServer, type FeedServer, page, serve } from '../fakes/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await createFeedServer();
  server.route(
    '/page',
    serve(page({ title: 'Inside', body: '<p>secret</p>' }), { contentType: 'text/html' }),
  );
});
afterAll(() => server.close());

/** A resolver that answers from a script: one answer per call, the last one repeated. */
function scripted(...answers: string[]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = ((hostname, _options, callback) => {
    calls.push(hostname);
    const address = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    const found: LookupAddress[] = [{ address, family: address.includes(':') ? 6 : 4 }];
    queueMicrotask(() => callback(null, found));
  }) as Resolver & { calls: string[] };
  resolve.calls = calls;
  return resolve;
}

async function refusal(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('the address guard checks at connect time too (issue 13, item 10)', () => {
  it('a name that resolves public when checked and to 127.0.0.1 when connecting is refused', async () => {
    const resolve = scripted('93.184.216.34', '127.0.0.1');
    const url = server.url('/page').replace('127.0.0.1', 'rebind.test');
    const error = await refusal(
      fetchArticle(url, { guard: publicOrTrusted([], resolve), timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('blocked-address');
    expect(error.message).toBe(
      `${url}: refused, rebind.test is a private or local address (127.0.0.1) when connecting; a feed's links may only lead to the public internet or to the feed's own host`,
    );
    // Resolved twice: once by the check, once for the connection, which never reached the server.
    expect(resolve.calls).toEqual(['rebind.test', 'rebind.test']);
    expect(server.hits('/page')).toHaveLength(0);
  });

  it('a name that resolves to 127.0.0.1 is refused before any request', async () => {
    const resolve = scripted('127.0.0.1');
    const url = server.url('/page').replace('127.0.0.1', 'inside.test');
    const error = await refusal(
      fetchArticle(url, { guard: publicOrTrusted([], resolve), timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('blocked-address');
    expect(resolve.calls).toEqual(['inside.test']);
    expect(server.hits('/page')).toHaveLength(0);
  });

  it('keeps the literal-address check and the feed host exception', async () => {
    const resolve = scripted('127.0.0.1');
    const literal = await refusal(
      fetchArticle(server.url('/page'), { guard: publicOrTrusted([], resolve), timeoutMs: 5_000 }),
    );
    expect(literal.code).toBe('blocked-address');
    expect(resolve.calls).toEqual([]);
    const own = new URL(server.url('/page')).host;
    const article = await fetchArticle(server.url('/page'), {
      guard: publicOrTrusted([own], resolve),
      timeoutMs: 5_000,
    });
    expect(article.title).toBe('Inside');
  });
});
