/**
 * `npm run bench:ingest`: `newsbrief ingest` as users run it (the bin, a fresh SQLite store) on
 * real news text, recombined from the 840 real articles into 10,000 distinct ones
 * (`scripts/real-corpus.ts`), and on 500 web pages made of them. Articles per second by the wall
 * clock and per CPU-second (the command's process and its threads), median of 3 runs.
 *
 * With `--baseline <checkout>` (e.g. a worktree of the commit before a change) the same corpus
 * goes through that checkout's `newsbrief ingest` in the same runs, old and new alternating, so
 * machine noise hits both alike. `--workers 1,0` repeats each run with NEWSBRIEF_WORKERS set to
 * each value (0: unset, the default pool), to compare one worker with every core.
 *
 *   tsx scripts/bench-ingest.ts [--articles 10000] [--html 500] [--runs 3] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import { realCorpus, realPages } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    html: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    workers: { type: 'string', default: '0' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const TARGET_TEXT = 550;
const TARGET_HTML = 50;

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

/** One `newsbrief ingest <dir>` of a checkout into a fresh store: articles/s wall and per CPU-s. */
async function ingestRate(
  checkout: string,
  dir: string,
  expected: number,
  workers: string,
): Promise<{ wall: number; cpu: number }> {
  const dbDir = await mkdtemp(join(tmpdir(), 'newsbrief-bench-ingest-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEWSBRIEF_DB: join(dbDir, 'bench.db'),
      LOG_LEVEL: 'warn',
    };
    if (workers !== '0') env.NEWSBRIEF_WORKERS = workers;
    const cpuBefore = childCpuSeconds();
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [join(checkout, 'bin', 'newsbrief.js'), 'ingest', dir],
      {
        cwd: checkout,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
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
    return { wall: expected / seconds, cpu: expected / cpuSeconds };
  } finally {
    await rm(dbDir, { recursive: true, force: true });
  }
}

const text = await realCorpus(Number(values.articles));
const pages = Number(values.html) > 0 ? await realPages(Number(values.html)) : undefined;
const checkouts: Array<{ label: string; root: string }> = [{ label: 'this checkout', root: ROOT }];
if (values.baseline) checkouts.push({ label: 'baseline', root: resolve(values.baseline) });
const workerSettings = values.workers.split(',');
const load = () => loadavg()[0]?.toFixed(1);
console.log(
  `newsbrief ingest of ${text.articles} real-text articles (${text.dir})${pages ? ` and ${pages.articles} pages` : ''}; ${availableParallelism()} cores, load average ${load()}`,
);

type Figures = { text: number[]; textCpu: number[]; html: number[] };
const results = new Map<string, Figures>();
for (let run = 1; run <= RUNS; run++) {
  // Alternate which checkout goes first, so neither always meets a warmer or busier machine.
  const order = run % 2 === 1 ? checkouts : [...checkouts].reverse();
  for (const { label, root } of order) {
    for (const workers of workerSettings) {
      const key = workerSettings.length > 1 ? `${label}, NEWSBRIEF_WORKERS=${workers}` : label;
      const figures = results.get(key) ?? { text: [], textCpu: [], html: [] };
      results.set(key, figures);
      const t = await ingestRate(root, text.dir, text.articles, workers);
      const h = pages ? (await ingestRate(root, pages.dir, pages.articles, workers)).wall : 0;
      figures.text.push(t.wall);
      figures.textCpu.push(t.cpu);
      figures.html.push(h);
      console.log(
        `run ${run} ${key.padEnd(36)} text ${fmt(t.wall)}/s (${fmt(t.cpu)}/CPU-s)  pages ${fmt(h)}/s  load ${load()}`,
      );
    }
  }
}

const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
console.log(`\nmedian of ${RUNS} runs, node ${process.version}, load average now ${load()}:`);
for (const [key, f] of results) {
  const wall = median(f.text);
  const html = median(f.html);
  console.log(
    `  ${key.padEnd(36)} text ${fmt(wall)}/s wall (target >= ${TARGET_TEXT}: ${mark(wall >= TARGET_TEXT)}), ${fmt(median(f.textCpu))}/CPU-s;  pages ${fmt(html)}/s (target >= ${TARGET_HTML}: ${mark(html >= TARGET_HTML)})`,
  );
}
