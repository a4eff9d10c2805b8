import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badDotEnvLine } from '../../src/load-dot-env.ts';
import { ROOT, SAMPLES } from '../../src/paths.ts';

const SEED = join(SAMPLES, 'idlib-tehran-summit.txt');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-dotenv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `newsbrief <args>` in its own folder holding `.env` with `dotEnv`, with only PATH and `env` set. */
async function inFolder(
  name: string,
  dotEnv: string | undefined,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ folder: string } & Result> {
  const folder = join(dir, name);
  await mkdir(folder);
  if (dotEnv !== undefined) await writeFile(join(folder, '.env'), dotEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/newsbrief.js'), ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
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
      resolve({ folder, code, stdout, stderr });
    });
  });
}

describe('badDotEnvLine: the lines Node would misread', () => {
  it('accepts what .env.example holds: comments, blanks, NAME=, export, quotes, CRLF', () => {
    const good = [
      '# comment',
      '',
      'A=1',
      'B = two words',
      'export C=3',
      'D="multi',
      'line value"',
      "E='single # not a comment'",
      'F=',
      '  G=indented # comment',
      'H="unclosed is a literal',
      'I=`x`',
    ].join('\r\n');
    expect(badDotEnvLine(good)).toBeUndefined();
    // Whatever it accepts, Node reads into well-formed names only.
    for (const key of Object.keys(parseEnv(good))) expect(key).toMatch(/^[A-Za-z_]\w*$/);
  });

  it('finds a line without = (which would swallow the next variable) by its number', () => {
    const text = 'A=1\nDISCORD_TOKEN abc\nNEWSBRIEF_TZ=UTC\n';
    // What Node itself makes of it: no NEWSBRIEF_TZ at all.
    expect(parseEnv(text)).not.toHaveProperty('NEWSBRIEF_TZ');
    expect(badDotEnvLine(text)).toBe(2);
    expect(badDotEnvLine('=value')).toBe(1);
    expect(badDotEnvLine('1ABC=x')).toBe(1);
    expect(badDotEnvLine('A="x\ny"\nstray')).toBe(3);
  });
});

// Upper bound for one CLI run on a busy machine, not a speed assertion.
describe('.env is read at start', { timeout: 90_000 }, () => {
  it('sets variables from .env in the working directory', async () => {
    const r = await inFolder('reads', 'NEWSBRIEF_DB=from-dotenv.db\nLOG_LEVEL=silent\n', [
      'ingest',
      SEED,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(r.folder, 'from-dotenv.db'))).toBe(true);
  });

  it('never overrides a variable already set in the environment', async () => {
    const r = await inFolder(
      'env-wins',
      'NEWSBRIEF_DB=from-dotenv.db\nLOG_LEVEL=silent\n',
      ['ingest', SEED],
      { NEWSBRIEF_DB: 'from-env.db' },
    );
    expect(r.code).toBe(0);
    expect(existsSync(join(r.folder, 'from-env.db'))).toBe(true);
    expect(existsSync(join(r.folder, 'from-dotenv.db'))).toBe(false);
  });

  it('ends a malformed .env in one clear line that never echoes its content', async () => {
    const r = await inFolder('malformed', 'NEWSBRIEF_TZ=UTC\nDISCORD_TOKEN s3cret-token\n', [
      'brief',
      'idlib',
    ]);
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(
      `newsbrief: ${join(r.folder, '.env')} line 2 is not NAME=value: fix it or comment it out with # (see .env.example)\n`,
    );
    expect(r.stdout).toBe('');
  });
});
