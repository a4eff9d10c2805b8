import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUrl } from '../store/postgres-databases.ts';
import { digestProcesses, type StoreEnv } from './fixtures/digest-processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'nb-digest-processes-'));
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: Record<string, () => Promise<StoreEnv>> = {
  SQLite: async () => ({ NEWSBRIEF_DB: join(dir, 'shared.db') }),
  PostgreSQL: async () => {
    const db = await createTestDatabase();
    drops.push(db.drop);
    return { DATABASE_URL: db.url };
  },
};

// `npm run bench:digest` scaled down: 200 channels instead of 4,000, a minute of one second.
for (const [kind, env] of Object.entries(STORES)) {
  describe.skipIf(kind === 'PostgreSQL' && !postgresUrl)(
    `two bot processes on one ${kind} store, one killed half-way through the digests`,
    { timeout: 180_000 },
    () => {
      it('post every digest exactly once: the survivor finds the dead one’s last post and posts the rest', async () => {
        const r = await digestProcesses({
          channels: 200,
          perSecond: 50,
          processes: 2,
          kill: true,
          env: await env(),
          minuteMs: 1000,
        });
        expect(r.killed?.afterPosts).toBeGreaterThanOrEqual(100);
        expect(r.duplicates).toBe(0);
        expect(r.lost).toBe(0);
        expect(r.ledger).toEqual({ posted: 200 });
        // The post the victim made just before dying is found in the channel, not posted again.
        expect(r.survivors.found).toBeGreaterThanOrEqual(1);
        expect(r.survivors).toMatchObject({ uncertain: 0, failed: 0 });
      });
    },
  );
}
