import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Native SQLite and real sockets: forks isolate them better than threads.
    pool: 'forks',
  },
});
