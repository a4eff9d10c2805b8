import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLES } from '../../src/paths.ts';

// Loading modules, not the work, was most of every command's time (discord.js alone ~0.8 s):
// each command loads only the packages it uses. Timing would be flaky on a shared machine;
// which packages a command imports is exact.
const HEAVY = [
  'discord.js',
  '@slack/bolt',
  'linkedom',
  '@mozilla/readability',
  'openai',
  'cli-progress',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-lazy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The packages `newsbrief <args>` imports, in the build that `npx newsbrief` runs. */
async function packagesImported(args: string[], db = 'lazy.db'): Promise<Set<string>> {
  const record = join(dir, `${args[0]}-${Date.now()}.txt`);
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      join(ROOT, 'tests/cli/record-imports.mjs'),
      join(ROOT, 'bin/newsbrief.js'),
      ...args,
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NEWSBRIEF_DB: join(dir, db),
        LOG_LEVEL: 'silent',
        RECORD_IMPORTS: record,
      },
      timeout: 60_000,
    },
  );
  return new Set((await readFile(record, 'utf8')).split('\n').filter(Boolean));
}

describe('each command loads only what it uses', () => {
  it('help imports no package at all', async () => {
    expect([...(await packagesImported(['help']))]).toEqual([]);
  });

  it('brief imports neither a platform SDK, the HTML stack nor the LLM client', async () => {
    await packagesImported(['ingest', SAMPLES], 'brief.db');
    const loaded = await packagesImported(['brief', 'idlib'], 'brief.db');
    expect(loaded).toContain('better-sqlite3');
    expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
  });

  it('ingest cleans on worker threads: its own thread loads the store, but no HTML stack or platform SDK', async () => {
    const loaded = await packagesImported(['ingest', SAMPLES], 'ingest.db');
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).toContain('piscina');
    // Readability and linkedom load in the pool's workers (issue 13), where untrusted pages run.
    expect(['linkedom', '@mozilla/readability'].filter((p) => loaded.has(p))).toEqual([]);
    expect(loaded.has('discord.js') || loaded.has('@slack/bolt') || loaded.has('openai')).toBe(
      false,
    );
  });
});
