import { describe, expect, it } from 'vitest';
import {
  digestPeriod,
  localInstant,
  nextDigestPeriod,
  zoneOffset,
} from '../../src/schedule/digest-period.ts';

const at = (iso: string) => new Date(iso);

describe('digestPeriod', () => {
  it('is today once the local time has passed, yesterday before (Europe/Istanbul, +03:00)', () => {
    const sub = { time: '08:00', timezone: 'Europe/Istanbul' };
    expect(digestPeriod(sub, at('2026-11-25T05:00:00Z'))).toEqual({
      key: '2026-11-25',
      dueAt: at('2026-11-25T05:00:00Z'),
    });
    expect(digestPeriod(sub, at('2026-11-25T04:59:59Z'))).toEqual({
      key: '2026-11-24',
      dueAt: at('2026-11-24T05:00:00Z'),
    });
  });

  it('uses the local date, not the UTC one, near midnight', () => {
    // 23:30 UTC on the 24th is 02:30 on the 25th in Istanbul.
    const sub = { time: '01:00', timezone: 'Europe/Istanbul' };
    expect(digestPeriod(sub, at('2026-11-24T23:30:00Z')).key).toBe('2026-11-25');
    // And 20:00 in Los Angeles on the 24th is already the 25th in UTC.
    const la = { time: '19:00', timezone: 'America/Los_Angeles' };
    expect(digestPeriod(la, at('2026-11-25T04:00:00Z')).key).toBe('2026-11-24');
  });

  it('handles a +05:45 zone (Asia/Kathmandu)', () => {
    expect(zoneOffset(Date.parse('2026-11-25T00:00:00Z'), 'Asia/Kathmandu')).toBe(
      (5 * 60 + 45) * 60_000,
    );
    const sub = { time: '07:00', timezone: 'Asia/Kathmandu' };
    expect(digestPeriod(sub, at('2026-11-25T01:15:00Z'))).toEqual({
      key: '2026-11-25',
      dueAt: at('2026-11-25T01:15:00Z'),
    });
  });

  it('follows New York across the spring-forward change', () => {
    const sub = { time: '08:00', timezone: 'America/New_York' };
    // EST (-05:00) on Saturday 7 March 2026, EDT (-04:00) from Sunday 8 March.
    expect(digestPeriod(sub, at('2026-03-07T13:00:00Z')).dueAt).toEqual(at('2026-03-07T13:00:00Z'));
    expect(digestPeriod(sub, at('2026-03-08T12:30:00Z')).dueAt).toEqual(at('2026-03-08T12:00:00Z'));
    // Between the two: still Saturday's period, one hour shorter night.
    expect(digestPeriod(sub, at('2026-03-08T11:59:00Z')).key).toBe('2026-03-07');
  });

  it('posts a time skipped by DST once, just after the gap, and an ambiguous time at its first occurrence', () => {
    // 02:30 does not exist in New York on 8 March 2026: the clock jumps from 02:00 to 03:00 EST->EDT.
    expect(localInstant('2026-03-08', '02:30', 'America/New_York')).toEqual(
      at('2026-03-08T07:30:00Z'),
    );
    // 01:30 happens twice on 1 November 2026 (EDT then EST): the first is 05:30Z.
    expect(localInstant('2026-11-01', '01:30', 'America/New_York')).toEqual(
      at('2026-11-01T05:30:00Z'),
    );
    // During the repeated hour the period stays the same day: no second digest at 06:30Z.
    const sub = { time: '01:30', timezone: 'America/New_York' };
    expect(digestPeriod(sub, at('2026-11-01T06:45:00Z'))).toEqual({
      key: '2026-11-01',
      dueAt: at('2026-11-01T05:30:00Z'),
    });
  });

  it('follows New York across the fall-back change', () => {
    const sub = { time: '08:00', timezone: 'America/New_York' };
    expect(digestPeriod(sub, at('2026-10-31T12:00:00Z')).dueAt).toEqual(at('2026-10-31T12:00:00Z'));
    expect(digestPeriod(sub, at('2026-11-01T13:00:00Z')).dueAt).toEqual(at('2026-11-01T13:00:00Z'));
    expect(digestPeriod(sub, at('2026-11-01T12:30:00Z')).key).toBe('2026-10-31');
  });

  it('gives the next period after now', () => {
    const sub = { time: '08:00', timezone: 'Europe/Istanbul' };
    expect(nextDigestPeriod(sub, at('2026-11-25T05:00:00Z'))).toEqual({
      key: '2026-11-26',
      dueAt: at('2026-11-26T05:00:00Z'),
    });
    expect(nextDigestPeriod(sub, at('2026-11-25T04:00:00Z')).key).toBe('2026-11-25');
  });
});
