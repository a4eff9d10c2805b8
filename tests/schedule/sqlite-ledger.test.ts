import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryOwner } from '../../src/schedule/delivery-ledger.ts';
import { digestStatus } from '../../src/schedule/digest-status.ts';
import { SqliteLedger } from '../../src/store/sqlite/sqlite-ledger.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const a: DeliveryOwner = { id: 'a', host: 'h', pid: 1 };
const b: DeliveryOwner = { id: 'b', host: 'h', pid: 2 };
const key = { platform: 'discord' as const, channelId: 'C1', period: '2026-11-25' };
const now = new Date('2026-11-25T05:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

function twoStores(name: string) {
  const file = join(dir, `${name}.db`);
  const one = new SqliteStore(file);
  const two = new SqliteStore(file);
  return {
    one: new SqliteLedger(one.db),
    two: new SqliteLedger(two.db),
    close: async () => {
      await one.close();
      await two.close();
    },
  };
}

describe('SqliteLedger', () => {
  it('lets one of two stores on the same file claim a period, and confirms only for the owner', async () => {
    const { one, two, close } = twoStores('claim');
    try {
      expect(await one.claim(key, { owner: a, now, leaseMs: 60_000, since: 'S' })).toBe(true);
      expect(await two.claim(key, { owner: b, now, leaseMs: 60_000 })).toBe(false);
      // Another period and another channel are separate claims.
      expect(await two.claim({ ...key, period: '2026-11-26' }, { owner: b, now, leaseMs: 1 })).toBe(
        true,
      );
      expect(await two.claim({ ...key, channelId: 'C2' }, { owner: b, now, leaseMs: 1 })).toBe(
        true,
      );
      expect(await two.settle(key, b, 'posted', later(1000))).toBe(false);
      expect(await one.settle(key, a, 'posted', later(1000))).toBe(true);
      const row = await two.get(key);
      expect(row).toMatchObject({
        state: 'posted',
        owner: a,
        since: 'S',
        doneAt: later(1000).toISOString(),
        attempts: 1,
      });
      // A posted period can never be claimed again.
      expect(await two.claim(key, { owner: b, now: later(86_400_000), leaseMs: 1 })).toBe(false);
    } finally {
      await close();
    }
  });

  it('lists expired claims and lets exactly one process take one over', async () => {
    const { one, two, close } = twoStores('takeover');
    try {
      await one.claim(key, { owner: a, now, leaseMs: 60_000 });
      expect(await two.openClaims(later(30_000))).toEqual([]);
      expect(await two.openClaims(later(30_000), { all: true })).toHaveLength(1);
      const stale = await two.openClaims(later(61_000));
      expect(stale.map((d) => d.owner.id)).toEqual(['a']);
      const c: DeliveryOwner = { id: 'c', host: 'h', pid: 3 };
      expect(await two.takeOver(key, a, { owner: b, now: later(61_000), leaseMs: 60_000 })).toBe(
        true,
      );
      // The second taker's compare-and-set on the old owner fails.
      expect(await one.takeOver(key, a, { owner: c, now: later(61_000), leaseMs: 60_000 })).toBe(
        false,
      );
      // The dead owner's late confirm is refused: the row is no longer its own.
      expect(await one.settle(key, a, 'posted', later(62_000))).toBe(false);
      expect(await two.settle(key, b, 'uncertain', later(62_000), 'crashed')).toBe(true);
      expect(await one.get(key)).toMatchObject({
        state: 'uncertain',
        attempts: 2,
        note: 'crashed',
      });
    } finally {
      await close();
    }
  });

  it('renews a lease only for its owner, records skips once and lists recent deliveries', async () => {
    const { one, two, close } = twoStores('renew');
    try {
      await one.claim(key, { owner: a, now, leaseMs: 1000 });
      expect(await two.renew(key, b, later(500), 60_000)).toBe(false);
      expect(await one.renew(key, a, later(500), 60_000)).toBe(true);
      expect(await two.openClaims(later(5000))).toEqual([]);
      const yesterday = { ...key, period: '2026-11-24' };
      expect(await two.skip(yesterday, b, now, 'too late')).toBe(true);
      expect(await one.skip(yesterday, a, now, 'too late')).toBe(false);
      expect(await one.claim(yesterday, { owner: a, now, leaseMs: 1 })).toBe(false);
      const recent = await two.recent('discord', 'C1');
      expect(recent.map((d) => [d.period, d.state])).toEqual([
        ['2026-11-25', 'claimed'],
        ['2026-11-24', 'skipped'],
      ]);
    } finally {
      await close();
    }
  });
});

describe('SqliteLedger.prune and digestStatus', () => {
  it('prunes settled rows before a date, keeps open claims, and reports recent periods', async () => {
    const store = new SqliteStore(':memory:');
    const ledger = new SqliteLedger(store.db);
    try {
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
    } finally {
      await store.close();
    }
  });
});
