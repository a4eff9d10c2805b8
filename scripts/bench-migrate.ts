/**
 * `npm run bench:migrate`: `newsbrief migrate-store` of a real-text store (10,000 articles and
 * their stories, filled by `newsbrief ingest`: `scripts/real-corpus.ts`) from SQLite into a new
 * PostgreSQL database, then from there into a new SQLite file: seconds by the wall clock for
 * each direction, median of `--runs`. Every copy is checked by the command itself (each table's
 * count in both stores); the bench also checks that every run printed the same counts.
 *
 * Between the two copies, a child process of the checkout reads articles back from PostgreSQL as
 * the bot does: one article (`getArticle`), and the 49 a story digest reads at most (7 stories, 3
 * new and 4 earlier articles each; `getArticles`, or one `getArticle` each where there is none).
 *
 * `--stories-only` copies a store holding only the story tables of the same store (the articles'
 * copy, which is PostgreSQL indexing their text, left out): 10,000 articles make 100,000 story
 * keys, 100,000 make a million.
 *
 * `--baseline <checkout>` runs that checkout's command on the same store in the same runs,
 * alternating which goes first. PostgreSQL is the server of `DATABASE_URL` or the bench cluster
 * (scripts/bench-postgres.ts); each copy goes into a database of its own, dropped after the run.
 *
 *   tsx scripts/bench-migrate.ts [--articles 10000] [--runs 3] [--stories-only] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ROOT } from '../src/paths.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { benchPostgres } from './bench-postgres.ts';
import { BENCH_DIR, realStore } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    'stories-only': { type: 'boolean', default: false },
    'child-reads': { type: 'string' },
    root: { type: 'string' },
  },
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Seconds the checkout at `root` takes to copy `from` into `to`, and what it printed. */
function migrate(root: string, from: string, to: string): { seconds: number; said: string } {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin', 'newsbrief.js'), 'migrate-store', from, to],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`migrate-store failed in ${root}: ${run.stderr.slice(-2000)}`);
  return { seconds, said: run.stdout.trim() };
}

/** Milliseconds of article reads (median): one article, and a story digest's 49. */
interface Reads {
  one: number;
  digest: number;
}

/** Child mode: the checkout at `root` reads articles from the PostgreSQL store at `url`. */
async function reads(root: string, url: string): Promise<Reads> {
  const { PgStore } = (await import(
    pathToFileURL(join(root, 'src', 'store', 'postgres', 'pg-store.ts')).href
  )) as typeof import('../src/store/postgres/pg-store.ts');
  const store = await PgStore.open(url);
  try {
    const ids = (await store.listArticles({ limit: 500 })).map((a) => a.id);
    // A checkout from before `getArticles` reads a digest's articles as it did: one at a time, at once.
    const many = (batch: string[]) =>
      typeof store.getArticles === 'function'
        ? store.getArticles(batch)
        : Promise.all(batch.map((id) => store.getArticle(id)));
    await many(ids.slice(0, 49)); // warm-up: connections and the server's caches
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    const one: number[] = [];
    for (const id of ids.slice(0, 200)) one.push(await timed(() => store.getArticle(id)));
    const digest: number[] = [];
    for (let r = 0; r < 30; r++)
      digest.push(await timed(() => many(ids.slice(r * 15, r * 15 + 49))));
    return { one: median(one), digest: median(digest) };
  } finally {
    await store.close();
  }
}

if (values['child-reads']) {
  console.log(JSON.stringify(await reads(values.root ?? ROOT, values['child-reads'])));
  process.exit(0);
}

/** What the checkout at `root` measures reading articles from `url` (in a process of its own). */
function readsOf(root: string, url: string): Reads {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child-reads', url, '--root', root],
    { encoding: 'utf8', cwd: ROOT },
  );
  if (child.status !== 0) throw new Error(`reading articles in ${root}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Reads;
}

/** The story tables of the store at `path` in a store of their own (made once, beside it). */
async function storiesOnly(path: string): Promise<string> {
  const out = path.replace(/\.db$/, '-stories.db');
  if (existsSync(out)) return out;
  const partial = `${out}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  await new SqliteStore(partial).close(); // the schema, as this checkout makes it
  const db = new Database(partial);
  db.prepare('ATTACH DATABASE ? AS source').run(path);
  db.transaction(() => {
    db.exec('DELETE FROM story_documents');
    for (const table of [
      'stories',
      'story_keys',
      'story_members',
      'story_terms',
      'story_documents',
    ])
      db.exec(`INSERT INTO main.${table} SELECT * FROM source.${table}`);
  })();
  db.exec('DETACH DATABASE source');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, out);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return out;
}

const n = Number(values.articles);
const runs = Number(values.runs);
const pg = await benchPostgres();
const checkouts = [{ label: 'this checkout', root: ROOT }];
if (values.baseline) checkouts.push({ label: 'baseline', root: resolve(values.baseline) });
// Each checkout copies the store its own ingest filled (the same file while the schema is the same).
const stores = new Map<string, string>();
for (const { root } of checkouts) {
  const store = await realStore(n, root);
  stores.set(root, values['stories-only'] ? await storiesOnly(store) : store);
}
// Once before timing: each checkout builds its dist/ if stale, the page cache holds the store.
for (const { root } of checkouts)
  spawnSync(process.execPath, [join(root, 'bin', 'newsbrief.js'), 'help']);

const times = new Map<
  string,
  { there: number[]; back: number[]; one: number[]; digest: number[] }
>();
const said = new Set<string>();
const loadAtStart = loadavg()[0]?.toFixed(1);
try {
  for (let run = 0; run < runs; run++) {
    for (const { label, root } of run % 2 === 0 ? checkouts : [...checkouts].reverse()) {
      const db = await pg.create();
      const back = join(BENCH_DIR, `migrate-${randomBytes(5).toString('hex')}.db`);
      try {
        const there = migrate(root, stores.get(root) ?? '', db.url);
        const read = values['stories-only']
          ? { one: Number.NaN, digest: Number.NaN }
          : readsOf(root, db.url);
        const again = migrate(root, db.url, back);
        said.add(there.said).add(again.said);
        const t = times.get(label) ?? { there: [], back: [], one: [], digest: [] };
        t.there.push(there.seconds);
        t.back.push(again.seconds);
        t.one.push(read.one);
        t.digest.push(read.digest);
        times.set(label, t);
        process.stderr.write(
          `run ${run + 1} ${label}: SQLite -> PostgreSQL ${there.seconds.toFixed(1)} s, PostgreSQL -> SQLite ${again.seconds.toFixed(1)} s\n`,
        );
      } finally {
        await pg.drop(db.name);
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${back}${suffix}`, { force: true });
      }
    }
  }
} finally {
  await pg.stop();
}

console.log(
  `newsbrief migrate-store of ${values['stories-only'] ? 'the story tables of ' : ''}${n.toLocaleString('en-US')} real-text articles, PostgreSQL in ${pg.where}; median of ${runs} runs (load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at end):`,
);
for (const [label, t] of times) {
  console.log(
    `  ${label.padEnd(14)} SQLite -> PostgreSQL ${median(t.there).toFixed(1).padStart(6)} s   PostgreSQL -> SQLite ${median(t.back).toFixed(1).padStart(6)} s`,
  );
  if (values['stories-only']) continue;
  console.log(
    `  ${''.padEnd(14)} reading from PostgreSQL: one article ${median(t.one).toFixed(2)} ms, a digest's 49 articles ${median(t.digest).toFixed(1)} ms`,
  );
}
console.log(`  every copy said: ${[...said].join('\n  ')}`);
if (said.size !== 1) throw new Error('the copies did not all count the same rows');
