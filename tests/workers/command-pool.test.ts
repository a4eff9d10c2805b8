import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { loadConfig } from '../../src/config.ts';
import type { Request } from '../../src/core/dispatch.ts';
import type { Reply } from '../../src/core/reply.ts';
import { noMetrics } from '../../src/ops/metrics.ts';
import { SAMPLES } from '../../src/paths.ts';
import { type CommandPool, createCommandPool } from '../../src/workers/command-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-pool-'));
const db = join(dir, 'nb.db');
const log = pino({ level: 'silent' });
const request = (command: string, args: Record<string, string>): Request => ({
  platform: 'discord',
  channelId: 'c1',
  userId: 'u1',
  command: { command, args },
});
/** A reply without the invocation ids, which differ between any two runs. */
const comparable = (reply: Reply) => JSON.stringify(reply).replace(/\b[0-9a-f]{8}\b/g, 'ID');

let expected: Record<string, Reply>;
let pool: CommandPool;
const counted: Array<{ command: string; outcome: string }> = [];
beforeAll(async () => {
  const app = await createApp(loadConfig({ NEWSBRIEF_DB: db }), log);
  await ingestPaths([SAMPLES], { store: app.store, log });
  expected = {
    brief: await app.dispatch(request('brief', { topic: 'idlib' })),
    sources: await app.dispatch(request('sources', {})),
    refused: await app.dispatch(request('brief', { topic: 'nowhere-to-be-found' })),
  };
  await app.close();
  // The workers know only the environment: each opens its own connection to the same store.
  pool = createCommandPool({
    threads: 2,
    env: { NEWSBRIEF_DB: db, LOG_LEVEL: 'silent' },
    metrics: {
      ...noMetrics,
      command: ({ command, outcome }) => counted.push({ command, outcome }),
    },
    log,
  });
});
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createCommandPool', () => {
  it('answers on worker threads exactly as dispatch does in-process', async () => {
    const [brief, sources, refused] = await Promise.all([
      pool.dispatch(request('brief', { topic: 'idlib' })),
      pool.dispatch(request('sources', {})),
      pool.dispatch(request('brief', { topic: 'nowhere-to-be-found' })),
    ]);
    expect(brief.title).toMatch(/idlib/i);
    expect(comparable(brief)).toBe(comparable(expected.brief as Reply));
    expect(comparable(sources)).toBe(comparable(expected.sources as Reply));
    expect(refused).toEqual(expected.refused);
    // Counted where /metrics is served, though the commands ran in the workers.
    expect(counted.map((c) => c.command).sort()).toEqual(['brief', 'brief', 'sources']);
  });

  it('answers many concurrent commands, each once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => pool.dispatch(request('brief', { topic: 'idlib' }))),
    );
    for (const reply of replies)
      expect(comparable(reply)).toBe(comparable(expected.brief as Reply));
  });

  it('after close, a command gets the apology with a reference instead of an exception', async () => {
    const closed = createCommandPool({ threads: 1, env: { NEWSBRIEF_DB: db }, log });
    await closed.close();
    const reply = await closed.dispatch(request('brief', { topic: 'idlib' }));
    expect(reply.ephemeral).toBe(true);
    expect(JSON.stringify(reply.blocks)).toMatch(
      /something went wrong on our side \(reference [0-9a-f]{8}\)/,
    );
  });
});
