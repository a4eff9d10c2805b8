import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigestBuilder } from '../../src/schedule/build-digest.ts';
import type { DigestAdapter } from '../../src/schedule/digest-adapter.ts';
import { createDigestScheduler } from '../../src/schedule/digest-scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Subscription } from '../../src/store/store.ts';
import { fakeAdapter } from './fake-adapter.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-sched-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function logs() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

function sub(channelId: string, time = '08:00', extra: Partial<Subscription> = {}): Subscription {
  return {
    platform: 'discord',
    channelId,
    time,
    timezone: 'Europe/Istanbul',
    topics: [],
    createdBy: 'u1',
    createdAt: '2026-11-20T00:00:00.000Z',
    lastDigestAt: '2026-11-20T00:00:00.000Z',
    ...extra,
  };
}

/** A store on a file, the scheduler on it, a settable clock. */
async function setup(
  name: string,
  subs: Subscription[],
  adapter: DigestAdapter,
  opts: { catchUpHours?: number; isAlive?: () => boolean; file?: string; leaseMs?: number } = {},
) {
  const store = new SqliteStore(opts.file ?? join(dir, `${name}.db`));
  for (const s of subs) await store.putSubscription(s);
  const ledger = store.ledger;
  const clock = { now: new Date('2026-11-25T05:00:30Z') };
  const { log, lines } = logs();
  const scheduler = createDigestScheduler({
    subscriptions: store,
    ledger,
    build: createDigestBuilder({ store }),
    adapters: [adapter],
    log,
    clock: () => clock.now,
    catchUpHours: opts.catchUpHours,
    isAlive: opts.isAlive,
    leaseMs: opts.leaseMs,
    every: () => ({ stop() {} }),
  });
  return { store, ledger, clock, scheduler, lines };
}

describe('createDigestScheduler', () => {
  it('posts each due digest once per period, at the channel’s own time, and again the next day', async () => {
    const adapter = fakeAdapter();
    const { store, clock, scheduler } = await setup('once', [sub('A'), sub('B', '09:00')], adapter);
    try {
      expect(await scheduler.tick()).toMatchObject({ posted: 1, failed: 0 });
      expect(adapter.posts.map((p) => p.channelId)).toEqual(['A']);
      expect(adapter.posts[0]?.text).toContain('nb-digest:2026-11-25');
      // Ticks the same day, and concurrent ticks, post nothing more.
      await Promise.all([scheduler.tick(), scheduler.tick(), scheduler.refresh()]);
      expect(adapter.posts).toHaveLength(1);
      expect((await store.getSubscription('discord', 'A'))?.lastDigestAt).toBe(
        '2026-11-25T05:00:30.000Z',
      );
      clock.now = new Date('2026-11-25T06:00:10Z');
      await scheduler.tick();
      expect(adapter.posts.map((p) => p.channelId)).toEqual(['A', 'B']);
      clock.now = new Date('2026-11-26T05:00:05Z');
      await scheduler.tick();
      expect(adapter.posts.map((p) => p.channelId)).toEqual(['A', 'B', 'A']);
      expect(adapter.posts[2]?.text).toContain('nb-digest:2026-11-26');
    } finally {
      await scheduler.stop();
      await store.close();
    }
  });

  it('keeps posting to other channels when one fails, and records the error on it', async () => {
    const adapter = fakeAdapter({ refuse: { B: 'Missing Permissions' } });
    const subs = [sub('A'), sub('B'), sub('C')];
    const { store, ledger, scheduler } = await setup('fail', subs, adapter);
    try {
      expect(await scheduler.tick()).toMatchObject({ posted: 2, failed: 1 });
      expect(adapter.posts.map((p) => p.channelId).sort()).toEqual(['A', 'C']);
      const b = await store.getSubscription('discord', 'B');
      expect(b?.lastError).toBe('2026-11-25: Missing Permissions');
      expect(b?.lastDigestAt).toBe('2026-11-20T00:00:00.000Z');
      expect((await store.getSubscription('discord', 'A'))?.lastError).toBeUndefined();
      expect(
        await ledger.get({ platform: 'discord', channelId: 'B', period: '2026-11-25' }),
      ).toMatchObject({ state: 'failed', note: 'Missing Permissions' });
    } finally {
      await store.close();
    }
  });

  it('keeps going when the store fails for one channel', async () => {
    const adapter = fakeAdapter();
    const { store, ledger } = await setup('storefail', [sub('A'), sub('B')], adapter);
    const flaky = Object.create(ledger) as typeof ledger;
    flaky.claim = async (key, o) => {
      if (key.channelId === 'A') throw new Error('SQLITE_BUSY: database is locked');
      return ledger.claim(key, o);
    };
    const scheduler = createDigestScheduler({
      subscriptions: store,
      ledger: flaky,
      build: createDigestBuilder({ store }),
      adapters: [adapter],
      log: pino({ level: 'silent' }),
      clock: () => new Date('2026-11-25T05:00:30Z'),
      every: () => ({ stop() {} }),
    });
    try {
      expect(await scheduler.tick()).toMatchObject({ posted: 1, failed: 1 });
      expect(adapter.posts.map((p) => p.channelId)).toEqual(['B']);
    } finally {
      await store.close();
    }
  });

  it('catches up a digest missed while down when less late than the limit, else skips and logs it', async () => {
    const adapter = fakeAdapter();
    // Due 05:00Z; the bot starts at 10:30Z (5.5 h late) for A and 11:30Z-late for B's 02:00Z.
    const subs = [sub('A'), sub('B', '05:00')];
    const { store, ledger, clock, scheduler, lines } = await setup('catchup', subs, adapter);
    try {
      clock.now = new Date('2026-11-25T10:30:00Z');
      expect(await scheduler.start()).toMatchObject({ posted: 1, skipped: 1 });
      expect(adapter.posts.map((p) => p.channelId)).toEqual(['A']);
      expect(
        await ledger.get({ platform: 'discord', channelId: 'B', period: '2026-11-25' }),
      ).toMatchObject({ state: 'skipped' });
      expect((await store.getSubscription('discord', 'B'))?.lastError).toMatch(
        /2026-11-25: digest missed while the bot was down \(8\.5 h late; the catch-up limit is 6 h\)/,
      );
      expect(lines.some((l) => l.msg === 'digest skipped: too late' && l.channel === 'B')).toBe(
        true,
      );
      // Logged once, not every minute.
      await scheduler.tick();
      expect(lines.filter((l) => l.msg === 'digest skipped: too late')).toHaveLength(1);
    } finally {
      await scheduler.stop();
      await store.close();
    }
  });

  it('does not post a period that was due before the channel subscribed', async () => {
    const adapter = fakeAdapter();
    const late = sub('A', '08:00', { createdAt: '2026-11-25T05:00:10Z' });
    const { store, clock, scheduler } = await setup('fresh', [late], adapter);
    try {
      clock.now = new Date('2026-11-25T06:00:00Z');
      await scheduler.tick();
      expect(adapter.posts).toEqual([]);
      clock.now = new Date('2026-11-26T05:00:00Z');
      await scheduler.tick();
      expect(adapter.posts).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('posts each digest once with two schedulers on one database file', async () => {
    const file = join(dir, 'two.db');
    const subs = Array.from({ length: 30 }, (_, i) => sub(`C${i}`));
    const one = fakeAdapter({ delayMs: 2 });
    const two = fakeAdapter({ delayMs: 2 });
    const a = await setup('two', subs, one, { file });
    const b = await setup('two', [], two, { file });
    try {
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      const all = [...one.posts, ...two.posts].map((p) => p.channelId).sort();
      expect(all).toEqual(subs.map((s) => s.channelId).sort());
      expect(one.posts.length + two.posts.length).toBe(30);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it('keeps a slow post’s claim alive so another process does not take it over', async () => {
    const file = join(dir, 'slow.db');
    const slow = fakeAdapter({ delayMs: 600 });
    // The other process could check the channel and would post at once if it took the claim over.
    const other = fakeAdapter({ canFind: true });
    const a = await setup('slow', [sub('A')], slow, { file, leaseMs: 150 });
    const b = await setup('slow', [], other, { file, leaseMs: 150, isAlive: () => true });
    // Real time for the lease; both clocks read the same instant shifted to the due time.
    const offset = Date.parse('2026-11-25T05:00:30Z') - Date.now();
    const now = () => new Date(Date.now() + offset);
    Object.defineProperty(a.clock, 'now', { get: now });
    Object.defineProperty(b.clock, 'now', { get: now });
    try {
      const posting = a.scheduler.tick();
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await b.scheduler.tick();
      }
      await posting;
      expect(slow.posts).toHaveLength(1);
      expect(other.posts).toHaveLength(0);
      expect(
        await a.ledger.get({ platform: 'discord', channelId: 'A', period: '2026-11-25' }),
      ).toMatchObject({ state: 'posted', attempts: 1 });
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });
});

describe('recovering a claim whose owner died', () => {
  const key = { platform: 'discord' as const, channelId: 'A', period: '2026-11-25' };
  const dead = { id: 'dead', host: 'h', pid: 999_999 };

  async function crashed(name: string, adapter: ReturnType<typeof fakeAdapter>) {
    const s = await setup(name, [sub('A')], adapter, { isAlive: () => false });
    await s.ledger.claim(key, {
      owner: dead,
      now: new Date('2026-11-25T05:00:01Z'),
      leaseMs: 600_000,
      since: '2026-11-20T00:00:00.000Z',
    });
    return s;
  }

  it('asks the adapter and records a digest that did go out, without posting again', async () => {
    const adapter = fakeAdapter({ canFind: true });
    await adapter.publish('A', { blocks: [{ type: 'text', text: 'x nb-digest:2026-11-25' }] });
    const { store, ledger, scheduler } = await crashed('found', adapter);
    try {
      expect(await scheduler.tick()).toMatchObject({ found: 1, posted: 0 });
      expect(adapter.posts).toHaveLength(1);
      expect(await ledger.get(key)).toMatchObject({ state: 'posted', attempts: 2 });
      expect((await store.getSubscription('discord', 'A'))?.lastDigestAt).toBe(
        '2026-11-25T05:00:01.000Z',
      );
    } finally {
      await store.close();
    }
  });

  it('posts it when the adapter says it is not in the channel', async () => {
    const adapter = fakeAdapter({ canFind: true });
    const { store, ledger, scheduler } = await crashed('absent', adapter);
    try {
      expect(await scheduler.tick()).toMatchObject({ posted: 1 });
      await scheduler.tick();
      expect(adapter.posts).toHaveLength(1);
      expect(await ledger.get(key)).toMatchObject({ state: 'posted' });
    } finally {
      await store.close();
    }
  });

  it('marks it uncertain, logs it and shows it on the subscription when nobody can check', async () => {
    const adapter = fakeAdapter();
    const { store, ledger, scheduler, lines } = await crashed('uncertain', adapter);
    try {
      expect(await scheduler.tick()).toMatchObject({ uncertain: 1, posted: 0 });
      await scheduler.tick();
      expect(adapter.posts).toEqual([]);
      expect(await ledger.get(key)).toMatchObject({ state: 'uncertain' });
      const s = await store.getSubscription('discord', 'A');
      expect(s?.lastError).toMatch(/^2026-11-25: the digest may not have been posted/);
      // Its window stays open: the next digest covers its articles.
      expect(s?.lastDigestAt).toBe('2026-11-20T00:00:00.000Z');
      expect(lines.some((l) => l.level === 50 && l.period === '2026-11-25')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('leaves a live owner’s claim alone until its lease ends', async () => {
    const adapter = fakeAdapter();
    const s = await setup('alive', [sub('A')], adapter, { isAlive: () => true });
    try {
      await s.ledger.claim(key, { owner: dead, now: s.clock.now, leaseMs: 60_000 });
      await s.scheduler.tick();
      expect(await s.ledger.get(key)).toMatchObject({ state: 'claimed', owner: dead });
      s.clock.now = new Date(s.clock.now.getTime() + 61_000);
      await s.scheduler.tick();
      expect(await s.ledger.get(key)).toMatchObject({ state: 'uncertain' });
    } finally {
      await s.store.close();
    }
  });
});
