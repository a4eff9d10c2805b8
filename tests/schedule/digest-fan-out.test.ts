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
    // The limit was hit and every 429 retried until accepted.
    expect(r.rateLimited).toBeGreaterThan(0);
    // Floor (49 - 25 sent at once) / 25 = ~1 s; generous bound so a loaded CI machine passes.
    expect(r.ms).toBeLessThan(r.floorMs * 2);
  });
});
