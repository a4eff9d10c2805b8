import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ROOT } from '../../src/paths.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestDatabase, postgresUrl } from './postgres-databases.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-processes-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A store for processes to share: its environment, and how to remove it afterwards. */
interface SharedStore {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const stores: Record<string, () => Promise<SharedStore>> = {
  SQLite: async () => ({
    env: { NEWSBRIEF_DB: join(dir, `shared-${Math.random().toString(36).slice(2)}.db`) },
    drop: async () => {},
  }),
  PostgreSQL: async () => {
    const db = await createTestDatabase();
    return { env: { DATABASE_URL: db.url }, drop: db.drop };
  },
};

/**
 * Runs a process to its end, in the repo (where `--import tsx` resolves); rejects with its
 * stderr when it fails or outlives 90 s.
 */
function run(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`exit ${code ?? signal}: ${err}`));
    });
  });
}

/** A folder of `n` distinct short articles. */
async function articles(n: number): Promise<string> {
  const folder = join(dir, `articles-${n}-${Math.random().toString(36).slice(2)}`);
  await mkdir(folder);
  for (let i = 0; i < n; i++) {
    await writeFile(
      join(folder, `a${String(i).padStart(4, '0')}.txt`),
      `Report ${i} from Idlib\n\nOfficials said on Friday that ${i} families had left the town of Saraqib near Idlib.\n\n"We are preparing for the worst," resident number ${i} said.`,
    );
  }
  return folder;
}

for (const [name, make] of Object.entries(stores)) {
  describe.skipIf(name === 'PostgreSQL' && !postgresUrl)(
    `several processes on one ${name} store`,
    () => {
      it('open a new store at the same instant without a crash, two rounds of five', {
        timeout: 240_000,
      }, async () => {
        const child = join(import.meta.dirname, 'fixtures', 'open-store-child.ts');
        for (let round = 0; round < 2; round++) {
          const shared = await make();
          try {
            const startAt = Date.now() + 3000;
            const counts = await Promise.all(
              Array.from({ length: 5 }, (_, i) =>
                run(['--import', 'tsx', child, String(startAt), `r${round}p${i}`], shared.env),
              ),
            );
            expect(counts.map(Number).sort()).toHaveLength(5);
            const store = await openStore(loadConfig(shared.env));
            expect(await store.countArticles()).toBe(5);
            await store.close();
          } finally {
            await shared.drop();
          }
        }
      });

      it('run `newsbrief ingest` twice at once on one folder: both finish, every article once', {
        timeout: 240_000,
      }, async () => {
        const n = 120;
        const folder = await articles(n);
        const shared = await make();
        try {
          const bin = join(ROOT, 'bin', 'newsbrief.js');
          const outputs = await Promise.all([
            run([bin, 'ingest', folder], shared.env),
            run([bin, 'ingest', folder], shared.env),
          ]);
          const added = outputs.map((o) =>
            Number(/Ingested: (\d+) new, (\d+) duplicate, 0 failed/.exec(o)?.[1]),
          );
          const dupes = outputs.map((o) => Number(/(\d+) duplicate/.exec(o)?.[1]));
          expect(added[0]! + added[1]!).toBe(n);
          expect(dupes[0]! + dupes[1]!).toBe(n);
          const store = await openStore(loadConfig(shared.env));
          try {
            expect(await store.countArticles()).toBe(n);
            // Each article's paragraphs and quotes once: a repeat would show in its passages.
            const listed = await store.listArticles({ limit: 500 });
            expect(listed).toHaveLength(n);
            const passages = await store.articlePassages(listed.map((a) => a.id));
            expect(passages).toHaveLength(listed.reduce((sum, a) => sum + a.paragraphs, 0));
            expect(new Set(passages.map((p) => `${p.articleId}:${p.paragraph}`)).size).toBe(
              passages.length,
            );
          } finally {
            await store.close();
          }
        } finally {
          await shared.drop();
        }
      });
    },
  );
}
