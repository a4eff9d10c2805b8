import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDigestBuilder } from '../../src/schedule/build-digest.ts';
import { createDigestScheduler } from '../../src/schedule/digest-scheduler.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestDatabase, postgresUrl } from '../store/postgres-databases.ts';
import { httpDigestAdapter } from './fixtures/http-digest-adapter.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-kill-'));
const script = join(import.meta.dirname, 'fixtures', 'crash-digest.ts');
const NOW = '2026-11-25T05:00:30.000Z';
const key = { platform: 'discord' as const, channelId: 'C1', period: '2026-11-25' };

/** The platform: a real HTTP sink on 127.0.0.1 that keeps every message per channel. */
const messages = new Map<string, string[]>();
const sink = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://sink');
  if (req.method === 'POST' && url.pathname === '/post') {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const { channelId, text } = JSON.parse(body) as { channelId: string; text: string };
      messages.set(channelId, [...(messages.get(channelId) ?? []), text]);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    return;
  }
  const channel = url.searchParams.get('channel') ?? '';
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify(messages.get(channel) ?? []));
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sink.closeAllConnections();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bot in a child until it reaches `stage`, then kill -9; resolves once it is reaped. */
async function crashAt(env: StoreEnv, stage: 'after-post' | 'before-post'): Promise<void> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', script, base, NOW, stage],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, ...env } },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes(stage)) resolve();
      });
      child.once('exit', () => reject(new Error(`child exited early: ${out} ${err}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  } finally {
    clearTimeout(timer);
  }
}

/** The environment that points a bot process at the store under test. */
type StoreEnv = Record<string, string>;

/** A fresh store of each kind, as environment for the processes sharing it. */
const STORES: Record<string, (name: string) => Promise<StoreEnv>> = {
  SQLite: async (name) => ({ NEWSBRIEF_DB: join(dir, `${name}.db`) }),
  PostgreSQL: async () => {
    const db = await createTestDatabase();
    drops.push(db.drop);
    return { DATABASE_URL: db.url };
  },
};
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function prepare(kind: string, name: string, channels = ['C1']): Promise<StoreEnv> {
  const env = await STORES[kind]!(name);
  const store = await openStore(loadConfig(env));
  for (const channelId of channels) {
    await store.putSubscription({
      ...key,
      channelId,
      time: '08:00',
      timezone: 'Europe/Istanbul',
      topics: [],
      createdBy: 'u',
      createdAt: '2026-11-20T00:00:00.000Z',
      lastDigestAt: '2026-11-20T00:00:00.000Z',
    });
  }
  await store.close();
  messages.clear();
  return env;
}

/** The restarted bot, in this process: same database, the same platform. */
async function restart(env: StoreEnv, canFind: boolean) {
  const store = await openStore(loadConfig(env));
  const ledger = store.ledger;
  const scheduler = createDigestScheduler({
    subscriptions: store,
    ledger,
    build: createDigestBuilder({ store }),
    adapters: [httpDigestAdapter(base, { canFind })],
    log: pino({ level: 'silent' }),
    clock: () => new Date(NOW),
    every: () => ({ stop() {} }),
  });
  try {
    const first = await scheduler.start();
    const again = await scheduler.tick();
    return {
      first,
      again,
      row: await ledger.get(key),
      sub: await store.getSubscription('discord', 'C1'),
    };
  } finally {
    await scheduler.stop();
    await store.close();
  }
}

/** Runs one complete tick in a child process; resolves with its printed result. */
function runChild(env: StoreEnv, startAt: number): Promise<{ posted: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, base, NOW, 'complete', String(startAt)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, ...env } },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim()) as { posted: number });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

for (const kind of Object.keys(STORES)) {
  if (kind === 'PostgreSQL' && !postgresUrl) continue;
  describe(`kill -9 of a bot process in the middle of a digest (${kind})`, {
    timeout: 120_000,
  }, () => {
    it('after posting, before recording: a restart that can check the channel records it without re-posting', async () => {
      const env = await prepare(kind, 'found');
      await crashAt(env, 'after-post');
      expect(messages.get('C1')).toHaveLength(1);
      const { first, again, row } = await restart(env, true);
      expect(first).toMatchObject({ found: 1, posted: 0 });
      expect(again).toMatchObject({ found: 0, posted: 0, uncertain: 0 });
      expect(messages.get('C1')).toHaveLength(1);
      expect(row).toMatchObject({ state: 'posted', attempts: 2 });
    });

    it('after posting, before recording: a restart that cannot check marks it uncertain and says so', async () => {
      const env = await prepare(kind, 'uncertain');
      await crashAt(env, 'after-post');
      const { first, row, sub } = await restart(env, false);
      expect(first).toMatchObject({ uncertain: 1, posted: 0 });
      expect(messages.get('C1')).toHaveLength(1);
      expect(row?.state).toBe('uncertain');
      expect(sub?.lastError).toMatch(/may not have been posted.*\/digest now/);
    });

    it('after claiming, before posting: a restart that can check the channel posts it once', async () => {
      const env = await prepare(kind, 'lost');
      await crashAt(env, 'before-post');
      expect(messages.get('C1')).toBeUndefined();
      const { first, again, row } = await restart(env, true);
      expect(first).toMatchObject({ posted: 1 });
      expect(again).toMatchObject({ posted: 0 });
      expect(messages.get('C1')).toHaveLength(1);
      expect(messages.get('C1')?.[0]).toContain('nb-digest:2026-11-25');
      expect(row).toMatchObject({ state: 'posted' });
    });
  });

  describe(`two bot processes on one database (${kind})`, { timeout: 120_000 }, () => {
    it('post each of 120 digests exactly once when they tick at the same instant', async () => {
      const channels = Array.from({ length: 120 }, (_, i) => `R${i}`);
      const env = await prepare(kind, 'race', channels);
      const startAt = Date.now() + 2500;
      const [one, two] = await Promise.all([runChild(env, startAt), runChild(env, startAt)]);
      expect(one.posted + two.posted).toBe(120);
      for (const channel of channels) expect(messages.get(channel)).toHaveLength(1);
    });
  });
}
