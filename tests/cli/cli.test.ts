import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLES } from '../../src/paths.ts';

const SEED = join(SAMPLES, 'idlib-tehran-summit.txt');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/newsbrief.js …` as a user would, with its own database; killed after 60 s. */
function newsbrief(
  args: string[],
  options: { db: string; input?: string } = { db: 'x.db' },
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/newsbrief.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, NEWSBRIEF_DB: join(dir, options.db), LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

describe('newsbrief CLI', () => {
  it('clean <seed> --json prints the contract shape', async () => {
    const r = await newsbrief(['clean', SEED, '--json'], { db: 'clean.db' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['title', 'paragraphs', 'captions', 'removed']);
    expect(typeof out.title).toBe('string');
    expect(out.paragraphs).toHaveLength(57);
    expect(out.captions.every((c: unknown) => typeof c === 'string')).toBe(true);
    for (const r of out.removed) expect(Object.keys(r)).toEqual(['text', 'reason']);
  });

  it('start with piped stdin runs one command per line and exits 0 at end of input', async () => {
    const r = await newsbrief(['start'], { db: 'start.db', input: '/sources\n/help\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sources: 1 of 1');
    expect(r.stdout).toContain('Illegal US interference');
    expect(r.stdout).toMatch(/\/brief/);
  });

  it('ingest prints a summary with new, duplicate and failed, one line per failure', async () => {
    const folder = join(dir, 'in');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    await writeFile(join(folder, 'empty.txt'), '');
    await writeFile(
      join(folder, 'a.txt'),
      'A headline about Idlib\n\nOfficials in Tehran said on Friday that families fled Idlib.',
    );
    await writeFile(
      join(folder, 'b.txt'),
      'A headline about Idlib\n\nOfficials in Tehran said on Friday that families fled Idlib.',
    );
    const r = await newsbrief(['ingest', folder, SEED], { db: 'ingest.db' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ingested: 2 new, 1 duplicate, 1 failed.');
    expect(r.stdout).toContain(`  failed: ${join(folder, 'empty.txt')}: empty file`);
    const again = await newsbrief(['ingest', SEED], { db: 'ingest.db' });
    expect(again.stdout).toContain('Ingested: 0 new, 1 duplicate, 0 failed.');
  });

  it('a missing file gives one clear line and a non-zero exit', async () => {
    const clean = await newsbrief(['clean', join(dir, 'nope.txt')], { db: 'missing.db' });
    expect(clean.code).toBe(1);
    expect(clean.stderr).toBe('newsbrief: cannot read it (ENOENT)\n');
    expect(clean.stdout).toBe('');
    const ingest = await newsbrief(['ingest', join(dir, 'nope.txt')], { db: 'missing.db' });
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toContain(`failed: ${join(dir, 'nope.txt')}: cannot read it (ENOENT)`);
  });

  it('brief idlib --json answers from the stored sample', async () => {
    const ingest = await newsbrief(['ingest', SAMPLES], { db: 'brief.db' });
    expect(ingest.code).toBe(0);
    const r = await newsbrief(['brief', 'idlib', '--json'], { db: 'brief.db' });
    expect(r.code).toBe(0);
    const brief = JSON.parse(r.stdout);
    expect(brief).toMatchObject({ topic: 'idlib', summarizer: 'extractive' });
    expect(brief.points.length).toBeGreaterThanOrEqual(3);
    expect(brief.points.length).toBeLessThanOrEqual(7);
    for (const p of brief.points) expect(p.cites).toEqual([1]);
    expect(brief.sources).toHaveLength(1);
    expect(brief.sources[0].title).toMatch(/^Illegal US interference/);
  });

  it('an unknown command prints the usage and fails', async () => {
    const r = await newsbrief(['frobnicate'], { db: 'usage.db' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^newsbrief: Unknown command "frobnicate"/);
    expect(r.stderr).toContain('Usage: newsbrief <command>');
  });

  it('a bad variable is named with its fix', async () => {
    const child = await new Promise<Result>((resolve) => {
      const p = spawn(process.execPath, [join(ROOT, 'bin/newsbrief.js'), 'brief', 'idlib'], {
        cwd: dir,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'loud' },
      });
      let stderr = '';
      p.stderr.on('data', (d) => {
        stderr += d;
      });
      p.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(child.code).toBe(78);
    expect(child.stderr).toMatch(/LOG_LEVEL must be one of/);
  });
});
