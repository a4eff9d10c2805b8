import { describe, expect, it } from 'vitest';
import { digestFanOut } from './fixtures/digest-fan-out.ts';

describe('digest fan-out against a rate-limited platform (the bench, scaled down)', () => {
  it('posts 50 channels once each at 25 messages/s, honouring 429s, near the floor', async () => {
    const r = await digestFanOut({ channels: 50, perSecond: 25, forbidden: ['C1007'] });
    expect(r.duplicates).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.tick).toMatchObject({ posted: 49, failed: 1 });
    // The forbidden channel's refusal is on its subscription, for /digest list.
    expect(r.errors).toEqual({ C1007: '2026-11-25: HTTP 403: Missing Permissions' });
    // The limit was hit and every 429 retried until accepted. The platform and the publisher
    // share a virtual clock (the fixture), so this holds on any machine, however loaded: the 26th
    // request of the first burst is refused, and so is each of the 10 in flight with it, once.
    expect(r.rateLimited).toBeGreaterThan(0);
    expect(r.rateLimited).toBeLessThanOrEqual(10);
    expect(r.requests).toBe(50 + r.rateLimited);
    // Paced at the learned rate after the pause: no second round of 429s, near the floor.
    expect(r.ms).toBeLessThanOrEqual(r.floorMs * 1.2);
  });

  it('hits the limit on a machine too slow to send 25 requests in a wall-clock second', async () => {
    // 10 at once, each 500 ms on its way: 20 requests per wall-clock second. On the wall clock
    // the platform never saw 25 in a second and answered no 429 (the flaky failure of
    // "expected 0 to be greater than 0"); on the shared virtual clock the burst is one instant.
    const r = await digestFanOut({ channels: 40, perSecond: 25, sendDelayMs: 500 });
    expect(r.duplicates).toBe(0);
    expect(r.lost).toBe(0);
    expect(r.tick).toMatchObject({ posted: 40, failed: 0 });
    expect(r.rateLimited).toBeGreaterThan(0);
    expect(r.ms).toBeLessThanOrEqual(r.floorMs * 1.2);
  });
});
