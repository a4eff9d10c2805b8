/**
 * `npm run bench:ingest`: `newsbrief ingest` as users run it (the bin, a fresh SQLite store) on
 * real news text, recombined from the 840 real articles into 10,000 distinct ones
 * (`scripts/real-corpus.ts`), and on 500 web pages made of them. Articles per second by the wall
 * clock and per CPU-second (the command's process and its threads), median of 3 runs.
 *
 * Each run also ingests the same corpus with a pool of one worker thread (the same compiled
 * modules as the bin, the pool size passed in, since no setting of the product chooses it), to
 * show what the pool's other workers add. Every store is fingerprinted (every row of every table
 * in order, but the ingest time stamp): the pool must store exactly what one worker stores.
 *
 * With `--baseline <checkout>` (e.g. a worktree of the commit before a change) the same corpus
 * goes through that checkout's `newsbrief ingest` in the same runs, old and new alternating, so
 * machine noise hits both alike.
 *
 * Each run also prints the CPU per article of the main thread, which stores the articles (SQLite,
 * FTS, stories), of the workers that prepare them, and of V8's background threads (optimising
 * compiles and concurrent GC for every thread: ~0.9 ms of ~4.5 ms at stop 24): the pool can only
 * be ~2x one worker when the first is small beside the second.
 *
 * With `--one-core` (Linux, `taskset`) each run also ingests with the whole process held to one
 * core, as issue 11 measures it ("400 text articles/s on one core, with story assignment"); the
 * baseline too when given.
 *
 *   tsx scripts/bench-ingest.ts [--articles 10000] [--html 500] [--runs 3] [--baseline DIR] [--no-one-worker] [--one-core]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ROOT } from '../src/paths.ts';
import { binNodeFlags } from './bin-node-flags.ts';
import { realCorpus, realPages } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    html: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    'no-one-worker': { type: 'boolean', default: false },
    'one-core': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const TARGET_TEXT = 550;
const TARGET_HTML = 50;
const TARGET_SPEEDUP = 1.7;
const TARGET_ONE_CORE = 400;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const fmt = (n: number) => n.toFixed(0).padStart(6);

/** CPU seconds used by this process's finished children (Linux: /proc/self/stat), else NaN. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // cutime and cstime, fields 16 and 17 of stat(5), counted from the state (field 3) at index 0.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * `newsbrief ingest <dir>` with a pool of `threads` workers, from the checkout's build: what the
 * bin's `ingest` does (config, logger, app, ingestPaths, the same summary line), the pool given.
 */
const withThreads = (root: string, threads: number, dir: string) => `
  await import(${JSON.stringify(THREAD_CPU)});
  const load = (file) => import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'src')).href)} + file);
  const { loadConfig } = await load('/config.js');
  const { createLogger } = await load('/logger.js');
  const { createApp } = await load('/app.js');
  const { ingestPaths } = await load('/articles/ingest.js');
  const { createPreparePool } = await load('/workers/prepare-pool.js');
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, log);
  const pool = createPreparePool({ threads: ${threads} });
  const s = await ingestPaths([${JSON.stringify(dir)}], { store: app.store, log, pool });
  console.log('Ingested: ' + s.added + ' new, ' + s.duplicates + ' duplicate, ' + s.failed.length + ' failed.');
  await pool.close();
  await app.close();
`;

/**
 * A hash of everything a store holds, table by table, rows in order (so the order articles were
 * stored in counts too), leaving out `ingested_at`, which is the clock's.
 */
function storeFingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    for (const { name } of tables) {
      const columns = db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .map((c) => c.name)
        .filter((c) => c !== 'ingested_at');
      const list = columns.map((c) => `"${c}"`).join(', ');
      hash.update(`\u0000${name}\u0000`);
      for (const row of db
        .prepare(`SELECT ${list} FROM "${name}" ORDER BY ${list}`)
        .raw()
        .iterate())
        hash.update(JSON.stringify(row));
    }
    return hash.digest('hex').slice(0, 16);
  } finally {
    db.close();
  }
}

interface Rate {
  wall: number;
  cpu: number;
  /**
   * CPU ms per article of the main thread (it stores the articles), of the worker threads (they
   * prepare them) and of V8's and libuv's background threads (optimising compiles, concurrent GC).
   */
  mainMs: number;
  workersMs: number;
  backgroundMs: number;
  fingerprint: string;
}

/** Reports the child's CPU by thread at exit. */
const THREAD_CPU = pathToFileURL(join(ROOT, 'scripts', 'thread-cpu.js')).href;

/** One ingest of `dir` into a fresh store: articles/s wall and per CPU-s, and the store's hash. */
async function ingestRate(
  checkout: string,
  dir: string,
  expected: number,
  threads: number | undefined,
  oneCore = false,
): Promise<Rate> {
  const dbDir = await mkdtemp(join(tmpdir(), 'newsbrief-bench-ingest-'));
  try {
    const db = join(dbDir, 'bench.db');
    const env: NodeJS.ProcessEnv = { ...process.env, NEWSBRIEF_DB: db, LOG_LEVEL: 'warn' };
    // The bin's own flags (its shebang) for both runs, so only the pool differs.
    const args =
      threads === undefined
        ? [
            ...binNodeFlags(checkout),
            '--import',
            THREAD_CPU,
            join(checkout, 'bin', 'newsbrief.js'),
            'ingest',
            dir,
          ]
        : [
            ...binNodeFlags(checkout),
            '--input-type=module',
            '-e',
            withThreads(checkout, threads, dir),
          ];
    const cpuBefore = childCpuSeconds();
    const started = performance.now();
    const [command, commandArgs] = oneCore
      ? ['taskset', ['-c', '0', process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawnSync(command, commandArgs, {
      cwd: checkout,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = childCpuSeconds() - cpuBefore;
    const summary = /Ingested: (\d+) new, (\d+) duplicate, (\d+) failed/.exec(child.stdout);
    if (child.status !== 0 || !summary) {
      throw new Error(`${checkout}: ingest failed (${child.status}): ${child.stderr.slice(-2000)}`);
    }
    const [added, duplicates, failed] = summary.slice(1).map(Number) as [number, number, number];
    if (added + duplicates + failed !== expected || failed > 0) {
      throw new Error(`${checkout}: ${summary[0]} of ${expected} inputs`);
    }
    const byThread = /thread-cpu main=([\d.]+) workers=([\d.]+) process=([\d.]+)/.exec(
      child.stderr,
    );
    const [main, workers, all] = byThread
      ? [Number(byThread[1]), Number(byThread[2]), Number(byThread[3])]
      : [NaN, NaN, NaN];
    return {
      wall: expected / seconds,
      cpu: expected / cpuSeconds,
      mainMs: (1000 * main) / expected,
      workersMs: (1000 * workers) / expected,
      backgroundMs: (1000 * (all - main - workers)) / expected,
      fingerprint: storeFingerprint(db),
    };
  } finally {
    await rm(dbDir, { recursive: true, force: true });
  }
}

const text = await realCorpus(Number(values.articles));
const pages = Number(values.html) > 0 ? await realPages(Number(values.html)) : undefined;
const ONE_WORKER = 'one worker';
const ONE_CORE = 'one core';
const setups: Array<{ label: string; root: string; threads?: number; oneCore?: boolean }> = [
  { label: 'this checkout', root: ROOT },
];
if (!values['no-one-worker']) setups.push({ label: ONE_WORKER, root: ROOT, threads: 1 });
if (values.baseline) setups.push({ label: 'baseline', root: resolve(values.baseline) });
if (values['one-core']) {
  setups.push({ label: ONE_CORE, root: ROOT, oneCore: true });
  if (values.baseline)
    setups.push({ label: `baseline ${ONE_CORE}`, root: resolve(values.baseline), oneCore: true });
}
const load = () => loadavg()[0]?.toFixed(1);
console.log(
  `newsbrief ingest of ${text.articles} real-text articles (${text.dir})${pages ? ` and ${pages.articles} pages` : ''}; ${availableParallelism()} cores, load average ${load()}`,
);

const threadsMs = (main: number, workers: number, background: number) =>
  `main thread ${main.toFixed(2)}, workers ${workers.toFixed(2)}, V8 background ${background.toFixed(2)}`;

type Figures = {
  text: number[];
  textCpu: number[];
  mainMs: number[];
  workersMs: number[];
  backgroundMs: number[];
  html: number[];
  fingerprints: Set<string>;
};
const results = new Map<string, Figures>();
for (let run = 1; run <= RUNS; run++) {
  // Rotate which setup goes first, so none always meets a warmer or busier machine.
  const order = setups.map((_, i) => setups[(i + run - 1) % setups.length]) as typeof setups;
  for (const { label, root, threads, oneCore } of order) {
    const figures = results.get(label) ?? {
      text: [],
      textCpu: [],
      mainMs: [],
      workersMs: [],
      backgroundMs: [],
      html: [],
      fingerprints: new Set(),
    };
    results.set(label, figures);
    const t = await ingestRate(root, text.dir, text.articles, threads, oneCore);
    const h = pages
      ? (await ingestRate(root, pages.dir, pages.articles, threads, oneCore)).wall
      : 0;
    figures.text.push(t.wall);
    figures.textCpu.push(t.cpu);
    figures.mainMs.push(t.mainMs);
    figures.workersMs.push(t.workersMs);
    figures.backgroundMs.push(t.backgroundMs);
    figures.html.push(h);
    figures.fingerprints.add(t.fingerprint);
    console.log(
      `run ${run} ${label.padEnd(17)} text ${fmt(t.wall)}/s (${fmt(t.cpu)}/CPU-s; CPU ms/article: ${threadsMs(t.mainMs, t.workersMs, t.backgroundMs)})  pages ${fmt(h)}/s  store ${t.fingerprint}  load ${load()}`,
    );
  }
}

const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
console.log(`\nmedian of ${RUNS} runs, node ${process.version}, load average now ${load()}:`);
for (const [key, f] of results) {
  const wall = median(f.text);
  const html = median(f.html);
  const target = key.endsWith(ONE_CORE) ? TARGET_ONE_CORE : TARGET_TEXT;
  console.log(
    `  ${key.padEnd(17)} text ${fmt(wall)}/s wall (target >= ${target}: ${mark(wall >= target)}), ${fmt(median(f.textCpu))}/CPU-s (CPU ms/article: ${threadsMs(median(f.mainMs), median(f.workersMs), median(f.backgroundMs))});  pages ${fmt(html)}/s (target >= ${TARGET_HTML}: ${mark(html >= TARGET_HTML)})`,
  );
}
const pool = results.get('this checkout');
const one = results.get(ONE_WORKER);
if (pool && one) {
  const speedup = median(pool.text) / median(one.text);
  const stores = new Set([...pool.fingerprints, ...one.fingerprints]);
  console.log(
    `  the pool against one worker: ${speedup.toFixed(2)}x (target >= ${TARGET_SPEEDUP}: ${mark(speedup >= TARGET_SPEEDUP)}); stores ${stores.size === 1 ? 'identical' : `DIFFER (${[...stores].join(', ')})`}`,
  );
  // One worker and the storing thread already run side by side; on two cores the pool can add
  // only what the storing thread leaves idle: at most 2W / (M + W) of one worker's rate, with M
  // and W the CPU per article of the storing thread and of the worker (V8's background aside).
  const m = median(one.mainMs);
  const w = median(one.workersMs);
  if (availableParallelism() === 2 && m > 0 && w > 0) {
    const needed = ((2 - TARGET_SPEEDUP) / TARGET_SPEEDUP) * w;
    console.log(
      `  the most the pool can gain on 2 cores with one storing thread: ${((2 * w) / (m + w)).toFixed(2)}x ` +
        `(storing thread ${m.toFixed(2)} ms, worker ${w.toFixed(2)} ms per article; ${TARGET_SPEEDUP}x needs the storing thread <= ${needed.toFixed(2)} ms)`,
    );
  }
}
const baseline = results.get('baseline');
if (pool && baseline) {
  const same = [...baseline.fingerprints].every((f) => pool.fingerprints.has(f));
  console.log(
    `  against the baseline: ${(median(pool.text) / median(baseline.text)).toFixed(2)}x; stores ${same && baseline.fingerprints.size === 1 ? 'identical' : 'differ (expected if the baseline stores other data)'}`,
  );
}
