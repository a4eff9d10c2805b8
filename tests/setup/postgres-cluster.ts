/**
 * vitest globalSetup: the PostgreSQL server the PostgreSQL tests run against. Given by
 * `NEWSBRIEF_TEST_DATABASE_URL` (a role that may create databases; CI's `.ci/run` sets it), or
 * else a throwaway cluster started here when PostgreSQL's server binaries are installed, and
 * stopped after the run. Without either, the PostgreSQL suites are skipped with a notice, except
 * under `CI=true`, where that is a failure: CI must test both stores.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of the test PostgreSQL server, or '' when there is none. */
    postgresUrl: string;
  }
}

const script = join(import.meta.dirname, '..', '..', 'scripts', 'throwaway-postgres.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.NEWSBRIEF_TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-pg-'));
  const started = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const why =
      started.status === 3
        ? 'PostgreSQL is not installed (Debian: apt-get install postgresql postgresql-contrib)'
        : `the throwaway PostgreSQL cluster did not start: ${started.stderr.trim()}`;
    if (process.env.CI === 'true') throw new Error(`PostgreSQL tests cannot run: ${why}`);
    process.stderr.write(
      `\n${'!'.repeat(78)}\n! PostgreSQL tests SKIPPED: ${why}.\n! Set NEWSBRIEF_TEST_DATABASE_URL to run them against a server of yours.\n${'!'.repeat(78)}\n\n`,
    );
    project.provide('postgresUrl', '');
    return undefined;
  }
  project.provide('postgresUrl', started.stdout.trim());
  return () => {
    spawnSync('bash', [script, 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
}
