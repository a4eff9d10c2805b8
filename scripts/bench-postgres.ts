/**
 * The PostgreSQL server the benchmarks run against. `DATABASE_URL` names one (its role must be
 * allowed to create databases): the benches make their databases there (`nb_bench_*`, dropped
 * after each run; `nb_real_*`, cached bench corpora). Without it, the bench cluster in
 * `.bench/postgres/` (scripts/throwaway-postgres.sh, with fsync on: `PG_DURABLE=1`) is started
 * and stopped again when the bench ends; it stays on disk so the corpora cached in it are reused.
 *
 * `DATABASE_URL` is taken out of this process's environment, so nothing a bench runs for SQLite
 * (`newsbrief ingest` into a SQLite file) goes to PostgreSQL by inheriting it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../src/paths.ts';
import { BENCH_DIR } from './real-corpus.ts';

export interface BenchPostgres {
  /** Where the databases are: a given server, or the bench cluster. */
  where: string;
  /** The URL of database `name` on that server. */
  url(name: string): string;
  /** Whether database `name` exists. */
  exists(name: string): Promise<boolean>;
  /** Creates database `name` (a fresh name when none is given); returns its URL. */
  create(name?: string): Promise<{ name: string; url: string }>;
  drop(name: string): Promise<void>;
  /** Gathers the planner's statistics of database `name` (a fresh copy has none yet). */
  analyze(name: string): Promise<void>;
  /** Renames a database (a finished cache takes its final name only once complete). */
  rename(from: string, to: string): Promise<void>;
  /** Stops the bench cluster, if this started it. */
  stop(): Promise<void>;
}

const SCRIPT = join(ROOT, 'scripts', 'throwaway-postgres.sh');
const CLUSTER = join(BENCH_DIR, 'postgres');
const NAME = /^[a-z_][a-z0-9_]*$/;

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.DATABASE_URL?.trim();
  delete process.env.DATABASE_URL;
  let admin = given;
  let started = false;
  if (!admin) {
    mkdirSync(CLUSTER, { recursive: true });
    // A bench killed before its end left the cluster running: stop it first.
    spawnSync('bash', [SCRIPT, 'stop', CLUSTER], { env: { ...process.env, PG_DURABLE: '1' } });
    const run = spawnSync('bash', [SCRIPT, 'start', CLUSTER], {
      encoding: 'utf8',
      env: { ...process.env, PG_DURABLE: '1' },
    });
    if (run.status !== 0) {
      throw new Error(
        run.status === 3
          ? 'PostgreSQL is not installed (Debian: apt-get install postgresql postgresql-contrib); or set DATABASE_URL to a server whose role may create databases'
          : `the bench PostgreSQL cluster did not start: ${run.stderr.trim()}`,
      );
    }
    admin = run.stdout.trim();
    started = true;
    const stop = () =>
      spawnSync('bash', [SCRIPT, 'stop', CLUSTER], { env: { ...process.env, PG_DURABLE: '1' } });
    process.once('exit', stop);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stop();
        process.exit(130);
      });
    }
  }
  const server = admin;
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return await client.query(text, params);
    } finally {
      await client.end();
    }
  };
  const checked = (name: string) => {
    if (!NAME.test(name)) throw new Error(`not a database name for the bench: ${name}`);
    return name;
  };
  const url = (name: string) => {
    const u = new URL(server);
    u.pathname = `/${checked(name)}`;
    return u.toString();
  };
  return {
    where: started ? `the bench cluster in ${CLUSTER}` : 'the server of DATABASE_URL',
    url,
    async exists(name) {
      const r = await sql('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return r.rowCount === 1;
    },
    async create(name = `nb_bench_${randomBytes(5).toString('hex')}`) {
      await sql(`CREATE DATABASE ${checked(name)}`);
      return { name, url: url(name) };
    },
    async drop(name) {
      await sql(`DROP DATABASE IF EXISTS ${checked(name)} WITH (FORCE)`);
    },
    async analyze(name) {
      const client = new pg.Client({ connectionString: url(name) });
      await client.connect();
      try {
        await client.query('ANALYZE');
      } finally {
        await client.end();
      }
    },
    async rename(from, to) {
      await sql(`ALTER DATABASE ${checked(from)} RENAME TO ${checked(to)}`);
    },
    async stop() {
      if (started)
        spawnSync('bash', [SCRIPT, 'stop', CLUSTER], { env: { ...process.env, PG_DURABLE: '1' } });
    },
  };
}
