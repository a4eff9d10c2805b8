import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nestedPage } from '../fakes/hostile-pages.ts';
import { runNewsbrief } from './run-newsbrief.ts';

// Each case starts the CLI (and a worker) as a user would: seconds each on a busy machine.
vi.setConfig({ testTimeout: 150_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-hostile-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clean and quotes refuse what is not a regular file (issue 13, item 5)', () => {
  it.each(['clean', 'quotes'])('%s on a FIFO ends at once with one clear line', async (command) => {
    const fifo = join(dir, `${command}-pipe.txt`);
    execFileSync('mkfifo', [fifo]);
    // Before: opening the FIFO waited forever for a writer.
    const r = await runNewsbrief([command, fifo], {
      cwd: dir,
      env: { NEWSBRIEF_DB: join(dir, 'x.db') },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('newsbrief: not a regular file\n');
    expect(r.stdout).toBe('');
  });
});

describe('clean on a 10,000-level page (issue 13, item 1)', () => {
  it('ends in a clear refusal, not a stack overflow', async () => {
    const path = join(dir, 'deep.html');
    await writeFile(path, nestedPage(10_000));
    const r = await runNewsbrief(['clean', path], {
      cwd: dir,
      env: { NEWSBRIEF_DB: join(dir, 'x.db') },
    });
    expect(r.stderr).toBe(
      'newsbrief: page refused: its elements nest more than 200 levels deep, which no article layout needs and which would stall the reader\n',
    );
    expect(r.code).toBe(1);
  });
});

describe('untrusted names reach the terminal escaped (issue 13, item 6)', () => {
  it('a file name with a newline and ESC[2J cannot forge a summary line or clear the screen', async () => {
    const folder = join(dir, 'names');
    await mkdir(folder);
    const evil = 'x\nIngested: 999 new, 0 duplicate, 0 failed.\u001b[2J.txt';
    await writeFile(join(folder, evil), '');
    const r = await runNewsbrief(['ingest', folder], {
      cwd: dir,
      env: { NEWSBRIEF_DB: join(dir, 'names.db') },
    });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Ingested:'))).toEqual([
      'Ingested: 0 new, 0 duplicate, 1 failed.',
    ]);
    expect(r.stdout).toContain(
      `  failed: ${folder}/x\\nIngested: 999 new, 0 duplicate, 0 failed.\\u001b[2J.txt: empty file`,
    );
  });

  const escapes = async () => {
    const path = join(dir, 'escapes.txt');
    await writeFile(
      path,
      `A title\u001b[2J here\n\nThe minister said on Monday that the \u001b]0;pwned\u0007 plan and the \u202eevil\u202c and \u009b2J text would wait.`,
    );
    return path;
  };

  it('clean prints article text with its control characters escaped', async () => {
    const path = await escapes();
    const r = await runNewsbrief(['clean', path], {
      cwd: dir,
      env: { NEWSBRIEF_DB: join(dir, 'x.db') },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(r.stdout).toContain('\\u202eevil\\u202c and \\u009b2J');
  });

  it('clean --json escapes C1 controls and bidi overrides too, still valid JSON', async () => {
    const path = await escapes();
    const json = await runNewsbrief(['clean', path, '--json'], {
      cwd: dir,
      env: { NEWSBRIEF_DB: join(dir, 'x.db') },
    });
    expect(json.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(JSON.parse(json.stdout).paragraphs.join(' ')).toContain('\u202eevil\u202c and \u009b2J');
  });
});
