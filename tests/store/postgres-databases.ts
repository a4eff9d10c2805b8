import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { TestDatabaseFactory } from './contract/test-database.ts';

/** The test server's admin URL (see tests/setup/postgres-cluster.ts); undefined: skip. */
export const postgresUrl: string | undefined = inject('postgresUrl') || undefined;

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server: its URL, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('no PostgreSQL test server');
  const name = `nb_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

let shared: Promise<{ url: string; drop(): Promise<void> }> | undefined;
afterAll(async () => {
  await (await shared)?.drop();
});

/** Deletes every row of every newsbrief table (the schema stays as migrated). */
async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'newsbrief_schema'",
    );
    await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * The contract suite's factory: one database per test file, emptied for each test (creating a
 * database costs ~1 s on a busy machine, emptying one a few ms); each `open()` is a pool of its
 * own, as another process would have.
 */
export const postgresFactory: TestDatabaseFactory = async () => {
  shared ??= createTestDatabase().then(async (db) => {
    await (await PgStore.open(db.url)).close();
    return db;
  });
  const { url } = await shared;
  await emptyDatabase(url);
  return { open: () => PgStore.open(url, { poolSize: 4 }), drop: async () => {} };
};
