import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFiles } from '../../src/articles/ingest.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-walk-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What the walk yields, stopping at `cap` entries so a runaway walk fails fast. */
async function walk(paths: string[], cap = 1000): Promise<unknown[]> {
  const found: unknown[] = [];
  for await (const f of articleFiles(paths)) {
    found.push(f);
    if (found.length >= cap) break;
  }
  return found;
}

describe('the folder walk visits each real folder once (issue 13, item 2)', () => {
  it('a link to its parent named like an article is not walked again', async () => {
    const d = join(dir, 'up');
    await mkdir(join(d, 'sub'), { recursive: true });
    await writeFile(join(d, 'a.txt'), 'A');
    await writeFile(join(d, 'sub', 'b.txt'), 'B');
    // Before: each such link walked 40 times until ELOOP, exponentially (killed after 60 s).
    await symlink('..', join(d, 'sub', 'up.md'));
    await symlink('../..', join(d, 'sub', 'top.md'));
    expect(await walk([d])).toEqual([join(d, 'a.txt'), join(d, 'sub', 'b.txt')]);
  });

  it('a folder given twice, or through a link, is read once', async () => {
    const d = join(dir, 'twice');
    await mkdir(d);
    await writeFile(join(d, 'a.txt'), 'A');
    await symlink(d, join(dir, 'twice-link'));
    expect(await walk([d, join(dir, 'twice-link'), d])).toEqual([join(d, 'a.txt')]);
  });

  it('a link to a file is still followed, as before', async () => {
    const d = join(dir, 'filelink');
    await mkdir(d);
    await writeFile(join(dir, 'outside.txt'), 'O');
    await symlink(join(dir, 'outside.txt'), join(d, 'in.txt'));
    expect(await walk([d])).toEqual([join(d, 'in.txt')]);
  });
});
