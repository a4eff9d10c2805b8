import { describe, expect, it } from 'vitest';
import { digestStatus } from '../../../src/schedule/digest-status.ts';
import type { DeliveryOwner } from '../../../src/store/delivery-ledger.ts';
import { type TestDatabaseFactory, withStores } from './test-database.ts';

const a: DeliveryOwner = { id: 'a', host: 'h', pid: 1 };
const b: DeliveryOwner = { id: 'b', host: 'h', pid: 2 };
const key = { platform: 'discord' as const, channelId: 'C1', period: '2026-11-25' };
const now = new Date('2026-11-25T05:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

/** The delivery ledger, with two connections to one database standing for two processes. */
export function ledgerContract(factory: TestDatabaseFactory): void {
  const withTwo = (run: Parameters<typeof withStores>[2]) => withStores(factory, 2, run);

  describe('delivery ledger', () => {
    it('lets one of two processes claim a period, and confirms only for the owner', () =>
      withTwo(async (s1, s2) => {
        const [one, two] = [s1!.ledger, s2!.ledger];
        expect(await one.claim(key, { owner: a, now, leaseMs: 60_000, since: 'S' })).toBe(true);
        expect(await two.claim(key, { owner: b, now, leaseMs: 60_000 })).toBe(false);
        const next = { ...key, period: '2026-11-26' };
        expect(await two.claim(next, { owner: b, now, leaseMs: 1 })).toBe(true);
        expect(await two.claim({ ...key, channelId: 'C2' }, { owner: b, now, leaseMs: 1 })).toBe(
          true,
        );
        expect(await two.settle(key, b, 'posted', later(1000))).toBe(false);
        expect(await one.settle(key, a, 'posted', later(1000))).toBe(true);
        expect(await two.get(key)).toEqual({
          ...key,
          state: 'posted',
          owner: a,
          claimedAt: now.toISOString(),
          leaseUntil: later(60_000).toISOString(),
          since: 'S',
          doneAt: later(1000).toISOString(),
          attempts: 1,
        });
        expect(await two.get({ ...key, period: '1999-01-01' })).toBeUndefined();
        // A posted period can never be claimed again.
        expect(await two.claim(key, { owner: b, now: later(86_400_000), leaseMs: 1 })).toBe(false);
      }));

    it('gives each of many periods claimed at once by two processes exactly one owner', () =>
      withTwo(async (s1, s2) => {
        const keys = Array.from({ length: 40 }, (_, i) => ({ ...key, channelId: `R${i}` }));
        const claims = await Promise.all(
          keys.flatMap((k) => [
            s1!.ledger.claim(k, { owner: a, now, leaseMs: 60_000 }),
            s2!.ledger.claim(k, { owner: b, now, leaseMs: 60_000 }),
          ]),
        );
        expect(claims.filter(Boolean)).toHaveLength(keys.length);
        for (let i = 0; i < keys.length; i++)
          expect(claims[2 * i] !== claims[2 * i + 1]).toBe(true);
      }));

    it('lists expired claims and lets exactly one process take one over', () =>
      withTwo(async (s1, s2) => {
        const [one, two] = [s1!.ledger, s2!.ledger];
        await one.claim(key, { owner: a, now, leaseMs: 60_000 });
        expect(await two.openClaims(later(30_000))).toEqual([]);
        expect(await two.openClaims(later(30_000), { all: true })).toHaveLength(1);
        const stale = await two.openClaims(later(61_000));
        expect(stale.map((d) => d.owner)).toEqual([a]);
        const c: DeliveryOwner = { id: 'c', host: 'h', pid: 3 };
        const takes = await Promise.all([
          two.takeOver(key, a, { owner: b, now: later(61_000), leaseMs: 60_000 }),
          one.takeOver(key, a, { owner: c, now: later(61_000), leaseMs: 60_000 }),
        ]);
        expect(takes.filter(Boolean)).toHaveLength(1);
        const winner = takes[0] ? b : c;
        // The dead owner's late confirm is refused: the row is no longer its own.
        expect(await one.settle(key, a, 'posted', later(62_000))).toBe(false);
        expect(await two.settle(key, winner, 'uncertain', later(62_000), 'crashed')).toBe(true);
        expect(await one.get(key)).toMatchObject({
          state: 'uncertain',
          owner: winner,
          attempts: 2,
          note: 'crashed',
        });
      }));

    it('renews a lease only for its owner, records skips once and lists recent deliveries', () =>
      withTwo(async (s1, s2) => {
        const [one, two] = [s1!.ledger, s2!.ledger];
        await one.claim(key, { owner: a, now, leaseMs: 1000 });
        expect(await two.renew(key, b, later(500), 60_000)).toBe(false);
        expect(await one.renew(key, a, later(500), 60_000)).toBe(true);
        expect(await two.openClaims(later(5000))).toEqual([]);
        const yesterday = { ...key, period: '2026-11-24' };
        expect(await two.skip(yesterday, b, now, 'too late')).toBe(true);
        expect(await one.skip(yesterday, a, now, 'too late')).toBe(false);
        expect(await one.claim(yesterday, { owner: a, now, leaseMs: 1 })).toBe(false);
        const recent = await two.recent('discord', 'C1');
        expect(recent.map((d) => [d.period, d.state, d.note])).toEqual([
          ['2026-11-25', 'claimed', undefined],
          ['2026-11-24', 'skipped', 'too late'],
        ]);
      }));

    it('prunes settled rows before a date, keeps open claims, and reports recent periods', () =>
      withTwo(async (s1) => {
        const ledger = s1!.ledger;
        const day = (d: string) => ({ ...key, period: d });
        await ledger.skip(day('2026-08-01'), a, new Date('2026-08-01T05:00:00Z'), 'too late');
        await ledger.claim(day('2026-08-02'), {
          owner: a,
          now: new Date('2026-08-02T05:00:00Z'),
          leaseMs: 1,
        });
        await ledger.claim(day('2026-11-24'), {
          owner: a,
          now: new Date('2026-11-24T05:00:00Z'),
          leaseMs: 1,
        });
        await ledger.settle(day('2026-11-24'), a, 'uncertain', now, 'crashed');
        await ledger.claim(key, { owner: a, now, leaseMs: 1 });
        await ledger.settle(key, a, 'posted', now);
        expect(await ledger.prune(new Date('2026-09-01T00:00:00Z'))).toBe(1);
        expect((await ledger.recent('discord', 'C1', 10)).map((d) => d.period)).toEqual([
          '2026-11-25',
          '2026-11-24',
          '2026-08-02',
        ]);
        const lines = await digestStatus(
          {
            platform: 'discord',
            channelId: 'C1',
            time: '08:00',
            timezone: 'Europe/Istanbul',
            topics: [],
            createdBy: 'u',
            createdAt: now.toISOString(),
          },
          ledger,
          new Date('2026-11-25T06:00:00Z'),
          2,
        );
        expect(lines.map((l) => l.text)).toEqual([
          'Next digest: 2026-11-26 at 08:00 (Europe/Istanbul), in 23.0 h',
          'Recent digests: 2026-11-25 posted; 2026-11-24 uncertain (crashed)',
        ]);
      }));
  });
}
