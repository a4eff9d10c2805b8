import type pg from 'pg';
import { PG_MIGRATIONS } from './pg-migrations.ts';

/** The advisory lock key every newsbrief process migrates under ("nbmg"). */
const MIGRATION_LOCK = 0x6e626d67;

/**
 * Brings the schema up to date. Processes starting at once queue on a transaction-level
 * advisory lock; each then reads the version the one before it left and finds nothing to do.
 * All missing migrations and their version row commit together, so a process killed midway
 * leaves the schema as it was.
 */
export async function migratePg(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS newsbrief_schema (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM newsbrief_schema',
    );
    const from = rows[0]?.version ?? 0;
    const known = PG_MIGRATIONS.length;
    if (from > known) {
      throw new Error(
        `The database was written by a newer newsbrief (schema ${from}, this one knows ${known}); upgrade newsbrief`,
      );
    }
    for (let v = from; v < known; v++) {
      const migration = PG_MIGRATIONS[v] ?? '';
      if (typeof migration === 'string') await client.query(migration);
      else await migration(client);
      await client.query('INSERT INTO newsbrief_schema (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
