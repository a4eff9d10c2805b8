/**
 * `npm run bench:brief`: `/brief` latency on stores of 10,000 and 100,000 real-text articles
 * (recombined from the 840 real ones and filled by `newsbrief ingest`: `scripts/real-corpus.ts`),
 * for topics chosen by how many real articles mention them (rare 0.4%, typical 2-5%, common
 * 40%+). Each store is answered by 3 fresh processes that open it as the bot does (`createApp`)
 * and run `/brief` through `dispatch`: the first query of the process (cold), then p50/p95 per
 * topic class once each topic has been asked, the worst first asking of a topic in the class,
 * and the process's peak memory. Targets: p95 <= 50 ms at 100,000 for every class,
 * the first query <= 100 ms.
 *
 * `--baseline <checkout>` answers the same topics with that checkout's code (on a store its own
 * `newsbrief ingest` filled, as its schema may differ), in the same run.
 *
 * `--store postgres` (or `both`, side by side in the same runs) answers from PostgreSQL: the same
 * corpus copied from the cached SQLite store by `newsbrief migrate-store`, cached as database
 * `nb_real_<n>_<store key>` on the server of DATABASE_URL or in the bench cluster
 * (scripts/bench-postgres.ts). Targets for PostgreSQL: p95 <= 50 ms at 10,000, <= 150 ms at 100,000.
 *
 *   tsx scripts/bench-brief.ts [--sizes 10000,100000] [--repeat 15] [--baseline DIR]
 *     [--store sqlite|postgres|both]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import type { BenchPostgres } from './bench-postgres.ts';
import { benchTopics, realStore, storeKey, type TopicClass } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    repeat: { type: 'string', default: '15' },
    baseline: { type: 'string' },
    child: { type: 'string' },
    root: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
  },
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

interface ChildResult {
  first: number;
  /** p50/p95 once each topic was asked before; `unseen`: each topic's first asking, the worst. */
  classes: Record<string, { p50: number; p95: number; unseen: number }>;
  maxRssMb: number;
}

/**
 * Child mode: the checkout at `root` opens the store as `newsbrief start` does and answers
 * `/brief` for every topic. Imports that checkout's sources, so old code answers with old code.
 */
async function answer(root: string, db: string, repeat: number): Promise<void> {
  const source = (file: string) => import(pathToFileURL(join(root, 'src', file)).href);
  const { createApp } = (await source('app.ts')) as typeof import('../src/app.ts');
  const { loadConfig } = (await source('config.ts')) as typeof import('../src/config.ts');
  const { default: pino } = await import('pino');
  const where = db.startsWith('postgres://') ? { DATABASE_URL: db } : { NEWSBRIEF_DB: db };
  const app = await createApp(loadConfig(where), pino({ level: 'silent' }));
  const brief = (topic: string) =>
    app.dispatch({
      platform: 'console',
      channelId: 'bench',
      userId: 'bench',
      command: { command: 'brief', args: { topic } },
    });
  const topics = benchTopics();
  const started = performance.now();
  await brief(topics.typical[0]?.word ?? 'idaho');
  const first = performance.now() - started;
  const classes: ChildResult['classes'] = {};
  for (const [label, list] of Object.entries(topics)) {
    // The first asking of each topic warms its pages and statements: timed apart, since users
    // ask new topics too, and the repeated askings below would hide what a new one costs.
    const unseen: number[] = [];
    for (const t of list) {
      const start = performance.now();
      await brief(t.word);
      unseen.push(performance.now() - start);
    }
    const times: number[] = [];
    for (let r = 0; r < repeat; r++) {
      for (const t of list) {
        const start = performance.now();
        await brief(t.word);
        times.push(performance.now() - start);
      }
    }
    classes[label] = { p50: pct(times, 50), p95: pct(times, 95), unseen: Math.max(...unseen) };
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  await app.close();
  console.log(JSON.stringify({ first, classes, maxRssMb } satisfies ChildResult));
}

/**
 * The `n`-article corpus in PostgreSQL: the cached SQLite store copied by the checkout's own
 * `newsbrief migrate-store`, into a database that takes its cached name once complete.
 */
async function realPgStore(pg: BenchPostgres, n: number, root: string): Promise<string> {
  const name = `nb_real_${n}_${storeKey(root)}`;
  if (await pg.exists(name)) return pg.url(name);
  const sqlite = await realStore(n, root);
  await pg.drop(`${name}_partial`);
  const partial = await pg.create(`${name}_partial`);
  process.stderr.write(`copying ${sqlite} into PostgreSQL (${root}: newsbrief migrate-store) …\n`);
  const copy = spawnSync(
    process.execPath,
    [join(root, 'bin', 'newsbrief.js'), 'migrate-store', sqlite, partial.url],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  if (copy.status !== 0) throw new Error(`migrate-store failed: ${copy.stderr.slice(-2000)}`);
  // As autovacuum would soon after a bulk load: the plans measured are the ones a bot gets.
  await pg.analyze(partial.name);
  await pg.rename(partial.name, name);
  return pg.url(name);
}

if (values.child) {
  await answer(values.root ?? ROOT, values.child, Number(values.repeat));
} else {
  const kinds = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store];
  if (!kinds.every((k) => k === 'sqlite' || k === 'postgres')) {
    throw new Error('--store is sqlite, postgres or both');
  }
  // Loaded only when asked for: the answering children never load the pg driver for SQLite.
  const pg = kinds.includes('postgres')
    ? await (await import('./bench-postgres.ts')).benchPostgres()
    : undefined;
  const checkouts: Array<{ label: string; root: string; kind: string }> = [];
  const roots = [{ label: 'this checkout', root: ROOT }];
  if (values.baseline) roots.push({ label: 'baseline', root: resolve(values.baseline) });
  for (const { label, root } of roots) {
    for (const kind of kinds) {
      const name = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
      const both = [roots.length > 1 ? label : '', kinds.length > 1 ? name : ''].filter(Boolean);
      checkouts.push({ label: both.join(', ') || label, root, kind });
    }
  }
  /** p95 target: 50 ms at 100,000 on SQLite; on PostgreSQL 50 ms at 10,000 and 150 at 100,000. */
  const target = (kind: string, n: number) =>
    kind === 'postgres' ? (n >= 100_000 ? 150 : 50) : n >= 100_000 ? 50 : undefined;
  const topics = benchTopics();
  console.log(
    `topics by real document frequency: ${Object.entries(topics)
      .map(
        ([c, ts]) => `${c} ${ts.map((t) => `${t.word} ${(100 * t.share).toFixed(1)}%`).join(', ')}`,
      )
      .join('; ')}`,
  );
  for (const n of values.sizes.split(',').map(Number)) {
    const runs = new Map<string, ChildResult[]>();
    const stores = new Map<string, string>();
    for (const { label, root, kind } of checkouts) {
      stores.set(
        label,
        pg && kind === 'postgres' ? await realPgStore(pg, n, root) : await realStore(n, root),
      );
    }
    for (let run = 0; run < 3; run++) {
      for (const { label, root } of run % 2 === 0 ? checkouts : [...checkouts].reverse()) {
        const child = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            fileURLToPath(import.meta.url),
            '--child',
            stores.get(label) ?? '',
            '--root',
            root,
            '--repeat',
            values.repeat,
          ],
          { encoding: 'utf8', cwd: ROOT },
        );
        if (child.status !== 0) throw new Error(`${label}: ${child.stderr}`);
        const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
        runs.set(label, [...(runs.get(label) ?? []), result]);
      }
    }
    console.log(
      `\n${n} real-text articles, /brief through dispatch, median of 3 processes (load average ${loadavg()[0]?.toFixed(1)}):`,
    );
    for (const [label, results] of runs) {
      const median = (f: (r: ChildResult) => number) => pct(results.map(f), 50);
      const goal = target(checkouts.find((c) => c.label === label)?.kind ?? 'sqlite', n);
      console.log(`  ${label}:`);
      for (const c of Object.keys(topics) as TopicClass[]) {
        const p50 = median((r) => r.classes[c]?.p50 ?? Number.NaN);
        const p95 = median((r) => r.classes[c]?.p95 ?? Number.NaN);
        const unseen = median((r) => r.classes[c]?.unseen ?? Number.NaN);
        console.log(
          `    ${c.padEnd(8)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms${goal ? `   (target p95 <= ${goal}: ${p95 <= goal ? 'ok' : 'ABOVE'})` : ''}   first asking ${unseen.toFixed(1)} ms`,
        );
      }
      const first = median((r) => r.first);
      console.log(
        `    first /brief in a fresh process ${first.toFixed(1)} ms (target <= 100: ${first <= 100 ? 'ok' : 'ABOVE'});  peak RSS ${median((r) => r.maxRssMb).toFixed(0)} MB`,
      );
    }
  }
  await pg?.stop();
}
