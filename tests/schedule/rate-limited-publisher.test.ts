import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRateLimitedPublisher,
  PublishError,
} from '../../src/schedule/rate-limited-publisher.ts';

/**
 * Answers by channel: `limited` 429s with Retry-After: 1 for its next `limitedLeft` requests (a
 * count, not a time, so a slow machine cannot make the first request arrive after the limit ends),
 * `gone` 404s, `always` 429s.
 */
let limitedLeft = 0;
const hits: Array<{ channel: string; at: number }> = [];
const server = createServer((req, res) => {
  const channel = (req.url ?? '').slice(1);
  hits.push({ channel, at: Date.now() });
  req.resume();
  if (channel === 'gone') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Unknown Channel"}');
  } else if (channel === 'always' || (channel === 'limited' && limitedLeft-- > 0)) {
    res.writeHead(429, { 'retry-after': '1' }).end('slow down');
  } else {
    res.writeHead(200).end('{}');
  }
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const publisher = (maxWaitMs?: number) =>
  createRateLimitedPublisher({
    maxWaitMs,
    send: (channel) => fetch(`${base}/${channel}`, { method: 'POST', body: '{}' }),
  });

describe('createRateLimitedPublisher', () => {
  it('waits out a 429’s Retry-After header, then posts', async () => {
    hits.length = 0;
    limitedLeft = 1;
    const p = publisher();
    const started = Date.now();
    await p.publish('limited', {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits.map((h) => h.channel)).toEqual(['limited', 'limited']);
    expect(p.stats).toMatchObject({ requests: 2, rateLimited: 1 });
  });

  it('throws a PublishError with the platform’s words for any other refusal, without retrying', async () => {
    hits.length = 0;
    const error = await publisher()
      .publish('gone', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ status: 404, message: 'HTTP 404: Unknown Channel' });
    expect(hits).toHaveLength(1);
  });

  it('gives up on a channel that stays rate limited past the wait bound', async () => {
    const error = await publisher(500)
      .publish('always', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
  });
});
