/**
 * `npm run bench:ingest:processes`: `newsbrief ingest` by several processes at once into one
 * store, against one process, on the real-text corpus of `bench:ingest` (10,000 articles in
 * folders of 1,000, `scripts/real-corpus.ts`). Per store and run, in alternating order:
 *   - 1 process ingests every folder (the baseline);
 *   - N processes each ingest their share of the folders, at once (articles/s by the wall clock);
 *   - N processes each ingest every folder, at once: each article must be stored once.
 * After each, the store's rows are counted table by table and must equal the baseline's: nothing
 * lost, nothing twice (every article with its paragraphs and quotes once). Median of the runs.
 *
 *   tsx scripts/bench-ingest-processes.ts [--store sqlite|postgres|both] [--processes 2]
 *     [--articles 10000] [--runs 3]
 *
 * PostgreSQL: the server of DATABASE_URL (a role that may create databases), else the bench
 * cluster in .bench/postgres (scripts/bench-postgres.ts); a fresh database per run, dropped after.
 * SQLite: a fresh file per run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { ROOT } from '../src/paths.ts';
import { openStore } from '../src/store/open-store.ts';
import type { StoreCounts } from '../src/store/store-transfer.ts';
import type { BenchPostgres } from './bench-postgres.ts';
import { realCorpus } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '2' },
    articles: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
  },
});
const kinds = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store];
if (!kinds.every((k) => k === 'sqlite' || k === 'postgres')) {
  throw new Error('--store is sqlite, postgres or both');
}
const N = Math.max(2, Number(values.processes));
const RUNS = Math.max(1, Number(values.runs));
const load = () => loadavg()[0]?.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const corpus = await realCorpus(Number(values.articles));
const folders = readdirSync(corpus.dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(corpus.dir, d.name))
  .sort();
const pg: BenchPostgres | undefined = kinds.includes('postgres')
  ? await (await import('./bench-postgres.ts')).benchPostgres()
  : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'nb-bench-ingest-processes-'));

/** `newsbrief ingest` as users run it; resolves with its "Ingested: …" counts. */
function ingest(paths: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'newsbrief.js'), 'ingest', ...paths], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
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
  return new Promise<{ added: number; duplicates: number; failed: number }>((resolve, reject) => {
    child.once('exit', (code) => {
      const m = /Ingested: (\d+) new, (\d+) duplicate, (\d+) failed/.exec(out);
      if (code !== 0 || !m) reject(new Error(`ingest exited ${code}: ${err.slice(-2000)}`));
      else resolve({ added: Number(m[1]), duplicates: Number(m[2]), failed: Number(m[3]) });
    });
  });
}

interface Outcome {
  seconds: number;
  added: number;
  duplicates: number;
  failed: number;
  counts: StoreCounts;
}

/** `parts` ingest processes at once on a fresh store of `kind`: the time and what was stored. */
async function run(kind: string, parts: string[][], id: string): Promise<Outcome> {
  let env: Record<string, string>;
  let drop = async () => {};
  if (kind === 'postgres' && pg) {
    const db = await pg.create();
    env = { DATABASE_URL: db.url };
    drop = () => pg.drop(db.name);
  } else {
    env = { NEWSBRIEF_DB: join(tmp, `${id}.db`) };
  }
  try {
    // The schema exists before the clock starts, as in a deployment's processes.
    await (await openStore(loadConfig(env))).close();
    const started = performance.now();
    const results = await Promise.all(parts.map((paths) => ingest(paths, env)));
    const seconds = (performance.now() - started) / 1000;
    const store = await openStore(loadConfig(env));
    const counts = await store.counts();
    await store.close();
    const sum = (k: 'added' | 'duplicates' | 'failed') => results.reduce((s, r) => s + r[k], 0);
    return {
      seconds,
      added: sum('added'),
      duplicates: sum('duplicates'),
      failed: sum('failed'),
      counts,
    };
  } finally {
    await drop();
  }
}

const setups = [
  { label: '1 process', parts: [folders] },
  {
    label: `${N} processes, a share each`,
    parts: Array.from({ length: N }, (_, i) => folders.filter((_, k) => k % N === i)),
  },
  { label: `${N} processes, all each`, parts: Array.from({ length: N }, () => folders) },
];
console.log(
  `newsbrief ingest of ${corpus.articles} real-text articles (${folders.length} folders) by 1 and ${N} processes at once; ${availableParallelism()} cores, load average ${load()}${pg ? `; PostgreSQL: ${pg.where}` : ''}`,
);

const COMPARED = ['articles', 'paragraphs', 'quotes', 'speaker_aliases'];
const rates = new Map<string, number[]>();
let failed = false;
try {
  let n = 0;
  for (let r = 1; r <= RUNS; r++) {
    for (const kind of kinds) {
      const name = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
      const outcomes = new Map<string, Outcome>();
      // The baseline first (the others are checked against its counts), then the rest alternating.
      const order = [setups[0], ...(r % 2 === 1 ? setups.slice(1) : setups.slice(1).reverse())];
      for (const setup of order) {
        if (!setup) continue;
        const o = await run(kind, setup.parts, `r${n++}`);
        outcomes.set(setup.label, o);
        const base = outcomes.get('1 process') ?? o;
        const differ = COMPARED.filter((t) => o.counts[t] !== base.counts[t]);
        const stored = o.counts.articles ?? 0;
        const problems = [
          ...(o.failed > 0 ? [`${o.failed} failed`] : []),
          ...(o.added !== stored ? [`${o.added} reported new, ${stored} stored`] : []),
          ...differ.map((t) => `${t} ${o.counts[t]} vs ${base.counts[t]} by one process`),
        ];
        if (problems.length > 0) failed = true;
        const key = `${name}, ${setup.label}`;
        const rate = (corpus.articles * (setup.label.includes('all each') ? N : 1)) / o.seconds;
        rates.set(key, [...(rates.get(key) ?? []), rate]);
        console.log(
          `run ${r} ${key.padEnd(40)} ${o.seconds.toFixed(1).padStart(6)} s  ${rate.toFixed(0).padStart(5)} inputs/s; ` +
            `${o.added} new + ${o.duplicates} duplicate; stored ${stored} articles, ${o.counts.paragraphs} paragraphs, ${o.counts.quotes} quotes; load ${load()}` +
            (problems.length > 0 ? `  FAILED: ${problems.join('; ')}` : ''),
        );
      }
    }
  }
  console.log(
    `\nmedian of ${RUNS} runs (inputs read per second, all processes together), load average now ${load()}:`,
  );
  for (const [key, xs] of rates)
    console.log(`  ${key.padEnd(40)} ${median(xs).toFixed(0).padStart(5)}/s`);
} finally {
  await pg?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
