import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The build the CLI tests run, and the PostgreSQL server of the PostgreSQL tests (given, a
    // throwaway one, or skipped with a notice).
    globalSetup: ['tests/build-dist.ts', 'tests/setup/postgres-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Native SQLite and real sockets: forks isolate them better than threads.
    pool: 'forks',
  },
});
