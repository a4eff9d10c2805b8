import { describe, expect, it } from 'vitest';
import { benchSlackAck } from '../../../scripts/bench-ack-slack.ts';

describe('benchSlackAck', () => {
  it('measures acks of concurrent signed commands, all inside the 3 seconds Slack allows', async () => {
    const figures = await benchSlackAck(10);
    for (const { p50, p99 } of [figures, figures.server, figures.baseline]) {
      expect(Number.isFinite(p50)).toBe(true);
      expect(p50).toBeGreaterThan(0);
      expect(p50).toBeLessThanOrEqual(p99);
      expect(p99).toBeLessThan(3000);
    }
    // The server side is part of the round trip the client sees.
    expect(figures.server.p50).toBeLessThanOrEqual(figures.p50);
  });
});
