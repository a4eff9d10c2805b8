import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openStore } from '../../src/store/open-store.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { StoreOpenError } from '../../src/store/store-open-error.ts';
import { createTestDatabase, postgresUrl } from './postgres-databases.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-open-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('openStore', () => {
  it('opens the SQLite file when DATABASE_URL is unset', async () => {
    const store = await openStore(loadConfig({ NEWSBRIEF_DB: join(dir, 'nb.db') }));
    expect(store).toBeInstanceOf(SqliteStore);
    await store.ping();
    await store.close();
  });

  it.skipIf(!postgresUrl)('opens PostgreSQL when DATABASE_URL is set', async () => {
    const db = await createTestDatabase();
    const store = await openStore(
      loadConfig({ DATABASE_URL: db.url, NEWSBRIEF_DB: join(dir, 'x.db') }),
    );
    try {
      expect(store).toBeInstanceOf(PgStore);
      await store.ping();
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it('says which database could not be opened and how to fix it, without the password', async () => {
    const url = `postgres://nb:hunter2@127.0.0.1:${await closedPort()}/nb`;
    const error = await openStore(loadConfig({ DATABASE_URL: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(
      /^cannot open the store \(PostgreSQL at DATABASE_URL=postgres:\/\/nb:\*\*\*@127\.0\.0\.1:\d+\/nb\): .*ECONNREFUSED.*is the server running/,
    );
    expect((error as Error).message).not.toContain('hunter2');
  });
});
