/**
 * `npm run bench:digest`: 4,000 channels due in the same minute, posted by real bot processes
 * sharing one store (tests/schedule/fixtures/digest-processes.ts: each child opens the store from
 * its environment and runs the bot's digest wiring) to a fake platform on 127.0.0.1 that allows 50
 * requests/s, posts and channel reads together, and answers 429 with Retry-After beyond it.
 *
 * Each run measures the baseline, one process, and then `--processes N` processes of which one is
 * killed with SIGKILL half-way, right after the platform accepted one of its posts (posted, never
 * confirmed): the others take its claims over at their next minute, find that post in the channel
 * (`findDigest`), and post the digests it had claimed but not sent. Counted at the platform: every
 * channel's messages (duplicates and lost must be 0) and the ledger (every row `posted`). Floor:
 * channels / rate = 80 s; target: the whole run within 1.2x of it.
 *
 * The processes' clocks start at 08:00:01 Istanbul time when the run starts, so nothing waits for
 * a wall-clock minute; their scheduler beats every `--minute-ms` (default 60,000, cron's minute).
 *
 *   tsx scripts/bench-digest.ts [--store sqlite|postgres|both] [--processes 4] [--channels 4000]
 *     [--rate 50] [--runs 1] [--minute-ms 60000] [--no-kill]
 *
 * PostgreSQL: the server of DATABASE_URL (a role that may create databases), else the bench
 * cluster in .bench/postgres (scripts/bench-postgres.ts); a database per run, dropped after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DigestProcessesResult,
  digestProcesses,
  type StoreEnv,
} from '../tests/schedule/fixtures/digest-processes.ts';
import { type BenchPostgres, benchPostgres } from './bench-postgres.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
function text(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const channels = arg('channels', 4000);
const perSecond = arg('rate', 50);
const runs = arg('runs', 1);
const processes = arg('processes', 4);
const minuteMs = arg('minute-ms', 60_000);
const kill = !process.argv.includes('--no-kill') && processes > 1;
const storeArg = text('store', 'sqlite');
const kinds = storeArg === 'both' ? ['sqlite', 'postgres'] : [storeArg];
if (!kinds.every((k) => k === 'sqlite' || k === 'postgres')) {
  console.error('--store is sqlite, postgres or both');
  process.exit(2);
}

/** One run's configurations: the one-process baseline, then N processes with the kill. */
const setups = [{ processes: 1, kill: false }];
if (processes > 1) setups.push({ processes, kill });
const label = (kind: string, s: { processes: number; kill: boolean }) =>
  `${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${s.processes} process${s.processes > 1 ? 'es' : ''}${s.kill ? ', one killed' : ''}`;

const dir = mkdtempSync(join(tmpdir(), 'nb-bench-digest-'));
const pg: BenchPostgres | undefined = kinds.includes('postgres')
  ? await benchPostgres()
  : undefined;
const load = () => loadavg()[0]?.toFixed(1);
console.log(
  `${channels} channels due at once, platform limit ${perSecond} requests/s, minute ${minuteMs / 1000} s; load average ${load()}${pg ? `; PostgreSQL: ${pg.where}` : ''}`,
);

/** A fresh store of the kind for one run, and how to remove it. */
async function freshStore(
  kind: string,
  n: number,
): Promise<{ env: StoreEnv; drop(): Promise<void> }> {
  if (kind === 'postgres' && pg) {
    const db = await pg.create();
    return { env: { DATABASE_URL: db.url }, drop: () => pg.drop(db.name) };
  }
  const file = join(dir, `digest-${n}.db`);
  return { env: { NEWSBRIEF_DB: file }, drop: async () => {} };
}

function verdict(r: DigestProcessesResult, wantKill: boolean): string[] {
  const problems: string[] = [];
  if (r.duplicates > 0) problems.push(`${r.duplicates} duplicates`);
  if (r.lost > 0) problems.push(`${r.lost} lost`);
  if (r.ledger.posted !== r.channels) problems.push(`ledger ${JSON.stringify(r.ledger)}`);
  if (r.survivors.uncertain > 0) problems.push(`${r.survivors.uncertain} uncertain`);
  if (wantKill && !r.killed) problems.push('the kill never happened');
  if (r.ms / r.floorMs > 1.2) problems.push('slower than 1.2x the floor');
  return problems;
}

const times = new Map<string, number[]>();
let failed = false;
let n = 0;
try {
  for (let run = 1; run <= runs; run++) {
    for (const kind of kinds) {
      // Alternate the order, so neither setup always meets a warmer or busier machine.
      for (const setup of run % 2 === 1 ? setups : [...setups].reverse()) {
        const store = await freshStore(kind, n++);
        let r: DigestProcessesResult;
        try {
          r = await digestProcesses({ channels, perSecond, minuteMs, env: store.env, ...setup });
        } finally {
          await store.drop();
        }
        const name = label(kind, setup);
        times.set(name, [...(times.get(name) ?? []), r.ms]);
        const problems = verdict(r, setup.kill);
        if (problems.length > 0) failed = true;
        const s = r.survivors;
        console.log(
          `run ${run} ${name}: ${(r.ms / 1000).toFixed(2)} s, ${(r.ms / r.floorMs).toFixed(3)}x the floor of ${(r.floorMs / 1000).toFixed(0)} s; ` +
            `duplicates ${r.duplicates}, lost ${r.lost}, ledger ${Object.entries(r.ledger)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}` +
            (r.killed
              ? `; killed at ${(r.killed.atMs / 1000).toFixed(1)} s after post ${r.killed.afterPosts}, its post found ${s.found}, its claims posted by the others`
              : '') +
            `; survivors posted ${s.posted}, uncertain ${s.uncertain}, failed ${s.failed}, CPU ${(r.survivorCpuMs / 1000).toFixed(1)} s (${(r.survivorCpuMs / Math.max(1, s.posted + s.found)).toFixed(1)} ms a digest); 429s ${r.rateLimited}, channel reads ${r.reads}, peak ${r.peakPerSecond}/s; load ${load()}` +
            (problems.length > 0 ? `  FAILED: ${problems.join('; ')}` : ''),
        );
      }
    }
  }
  console.log(
    `\nmedian of ${runs} run${runs > 1 ? 's' : ''} (target <= 1.2x the floor of ${(channels / perSecond).toFixed(0)} s), load average now ${load()}:`,
  );
  for (const [name, ms] of times) {
    const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0;
    console.log(
      `  ${name.padEnd(38)} ${(median / 1000).toFixed(2)} s  ${(median / 1000 / (channels / perSecond)).toFixed(3)}x`,
    );
  }
} finally {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
