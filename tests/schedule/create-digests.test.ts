import { hostname } from 'node:os';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDigests } from '../../src/schedule/create-digests.ts';
import { ownerAlive } from '../../src/schedule/delivery-owner.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { fakeAdapter } from './fake-adapter.ts';

describe('createDigests', () => {
  it('wires the builder and scheduler to one store and its ledger', async () => {
    const store = new SqliteStore(':memory:');
    const adapter = fakeAdapter({ platform: 'slack' });
    const { schedule, ledger } = createDigests({
      store,
      log: pino({ level: 'silent' }),
      clock: () => new Date('2026-11-25T06:00:00Z'),
    });
    expect(ledger).toBe(store.ledger);
    const scheduler = schedule([adapter]);
    try {
      await store.putSubscription({
        platform: 'slack',
        channelId: 'C9',
        time: '08:45',
        timezone: 'Asia/Kathmandu',
        topics: ['idlib'],
        createdBy: 'u',
        createdAt: '2026-11-01T00:00:00.000Z',
      });
      // 08:45 in Kathmandu is 03:00Z: three hours late is within the catch-up limit. start()
      // also schedules the real node-cron tick, which stop() must end for vitest to exit.
      expect(await scheduler.start()).toMatchObject({ posted: 1 });
      expect(await scheduler.refresh()).toMatchObject({ posted: 0 });
      expect(adapter.posts[0]?.text).toContain('Nothing new on idlib.');
      expect(
        await ledger.get({ platform: 'slack', channelId: 'C9', period: '2026-11-25' }),
      ).toMatchObject({ state: 'posted' });
    } finally {
      await scheduler.stop();
      await store.close();
    }
  });
});

describe('ownerAlive', () => {
  const self = { id: 'me', host: hostname(), pid: process.pid };
  it('probes processes on this host and trusts the lease for other hosts', () => {
    expect(ownerAlive(self, self)).toBe(true);
    expect(ownerAlive({ id: 'x', host: hostname(), pid: process.ppid }, self)).toBe(true);
    // A previous run of this process with the same pid (pid 1 in a container) is gone.
    expect(ownerAlive({ id: 'old', host: hostname(), pid: process.pid }, self)).toBe(false);
    expect(ownerAlive({ id: 'x', host: hostname(), pid: 2 ** 22 + 7 }, self)).toBe(false);
    expect(ownerAlive({ id: 'x', host: 'elsewhere', pid: 2 ** 22 + 7 }, self)).toBe(true);
  });
});
