import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.ts';
import { ingestPaths } from '../src/articles/ingest.ts';
import { loadConfig } from '../src/config.ts';
import { SAMPLES } from '../src/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bot on the bundled sample, through the real dispatch', () => {
  const log = pino({ level: 'silent' });
  let app: App;
  beforeAll(async () => {
    app = await createApp(loadConfig({ NEWSBRIEF_DB: join(dir, 'nb.db') }), log);
  });
  afterAll(() => app.close());
  const run = (command: string, args: Record<string, string> = {}, subcommand?: string) =>
    app.dispatch({
      platform: 'console',
      channelId: 'c1',
      userId: 'u1',
      command: { command, subcommand, args },
    });

  it('ingests the sample once, and a second time as a duplicate', async () => {
    const first = await ingestPaths([SAMPLES], { store: app.store, log });
    expect(first).toMatchObject({ added: 1, duplicates: 0, failed: [] });
    const again = await ingestPaths([SAMPLES], { store: app.store, log });
    expect(again).toMatchObject({ added: 0, duplicates: 1 });
  });

  it('/brief idlib cites the sample in every point and never repeats a sentence', async () => {
    const reply = await run('brief', { topic: 'idlib' });
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list?.type).toBe('list');
    if (list?.type !== 'list') return;
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    expect(list.items.length).toBeLessThanOrEqual(7);
    for (const item of list.items) expect(item.cites).toEqual([1]);
    expect(new Set(list.items.map((i) => i.text)).size).toBe(list.items.length);
    const raw = readFileSync(join(SAMPLES, 'idlib-tehran-summit.txt'), 'utf8');
    expect(raw).toContain(list.items[0]?.text.slice(0, 40));
  });

  it('refuses an unknown topic with a clear message, not an apology', async () => {
    const reply = await run('brief', { topic: 'zanzibar' });
    expect(reply.blocks[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('No stored article mentions "zanzibar"'),
    });
  });
});
