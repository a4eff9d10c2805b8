import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { StoreOpenError } from '../../src/store/store-open-error.ts';

const run = promisify(execFile);
const child = join(import.meta.dirname, 'fixtures', 'open-as-other-user.ts');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-refusals-'));
  // The child may run as `nobody`: it must reach the files under test.
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A store with its schema, then left with the given modes on the file and its folder. */
async function existingStore(name: string, fileMode: number, folderMode: number) {
  const folder = join(dir, name);
  await mkdir(folder);
  const path = join(folder, 'nb.db');
  const store = new SqliteStore(path);
  await store.close();
  await chmod(path, fileMode);
  await chmod(folder, folderMode);
  return { folder, path };
}

/** What `openStore` says when a user who is not root opens `path`. */
async function openAsOtherUser(path: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, path], {
    timeout: 60_000,
  });
  return stdout.trim();
}

describe('opening a SQLite store the bot cannot use', () => {
  it('refuses a read-only file at once, in one line that says how to fix it, writing nothing', async () => {
    const { path } = await existingStore('read-only-file', 0o444, 0o777);
    const before = await readFile(path);
    const said = await openAsOtherUser(path);
    expect(said).toMatch(
      /^cannot open the store \(SQLite file .*nb\.db\): attempt to write a readonly database; give the user running newsbrief write permission on the file and its folder/,
    );
    expect(said).not.toContain('\n');
    expect(await readFile(path)).toEqual(before);
  }, 90_000);

  it('refuses a file in a read-only folder', async () => {
    const { path } = await existingStore('read-only-folder', 0o666, 0o555);
    expect(await openAsOtherUser(path)).toMatch(
      /^cannot open the store \(SQLite file .*\): .*readonly.*; give the user running newsbrief write permission/,
    );
  }, 90_000);

  it('refuses a folder it may not create', async () => {
    const folder = join(dir, 'locked');
    await mkdir(folder, { mode: 0o555 });
    await chmod(folder, 0o555);
    expect(await openAsOtherUser(join(folder, 'sub', 'nb.db'))).toMatch(
      /^cannot open the store \(SQLite file .*\): EACCES: permission denied, mkdir .*; create the folder with write permission/,
    );
  }, 90_000);

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'my notes, not a database\n'.repeat(200));
    const error = await openStore({ NEWSBRIEF_DB: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(
      /^cannot open the store \(SQLite file .*notes\.txt\): file is not a database; it is not a newsbrief store: set NEWSBRIEF_DB to another file/,
    );
    expect(await readFile(path, 'utf8')).toBe('my notes, not a database\n'.repeat(200));
  });
});
