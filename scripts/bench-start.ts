/**
 * `npm run bench:start`: how long a command takes from the shell, as users type it. `npx newsbrief
 * help` and `npx newsbrief brief <topic>` on a store of 10,000 real-text articles, each minus
 * `npx -c true` (what npx itself costs, which no code of ours can remove), measured in the same
 * runs; plus `node bin/newsbrief.js help`, without npx. Medians of `--runs`, commands interleaved.
 * Targets above the launcher: help <= 0.35 s, brief <= 0.55 s. Each also in CPU seconds (the
 * command and its children), which a busy machine inflates far less than the wall clock: at load
 * 15 on 2 cores `npx -c true` alone took 5-10 s.
 *
 * `--baseline <checkout>` runs the same commands in that checkout (on a store its own ingest
 * filled) in the same runs.
 *
 *   tsx scripts/bench-start.ts [--runs 10] [--baseline DIR] [--topic idaho]
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import { benchTopics, realStore } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    baseline: { type: 'string' },
    topic: { type: 'string' },
  },
});
const topic = values.topic ?? benchTopics().typical[0]?.word ?? 'idaho';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** CPU seconds used by this process's finished children (Linux: /proc/self/stat), else NaN. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

const cpu = new Map<string, number[]>();

/** Seconds `command` takes in `cwd`, stdout discarded; throws when it fails. */
function time(cwd: string, command: string[], db?: string): number {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const child = spawnSync(command[0] as string, command.slice(1), {
    cwd,
    env: { ...process.env, ...(db ? { NEWSBRIEF_DB: db } : {}), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${command.join(' ')} in ${cwd}: ${child.stderr}`);
  const key = `${cwd}|${command.join(' ')}`;
  cpu.set(key, [...(cpu.get(key) ?? []), childCpuSeconds() - cpuBefore]);
  return seconds;
}

const checkouts = [{ label: 'this checkout', root: ROOT }];
/**
 * A checkout whose node_modules is a link (a git worktree sharing another's install) does not
 * start as a user's install does: npx loads the linked tree package by package (~0.2 s more at
 * every start, stop 23). A note under the figures says so.
 */
const linkedInstall = (root: string) => {
  try {
    return lstatSync(join(root, 'node_modules')).isSymbolicLink();
  } catch {
    return false;
  }
};
const rootOf = new Map<string, string>();
if (values.baseline) checkouts.push({ label: 'baseline', root: resolve(values.baseline) });
const stores = new Map<string, string>();
for (const { label, root } of checkouts) {
  stores.set(root, await realStore(10_000, root));
  rootOf.set(label, root);
}
const loadAtStart = loadavg()[0]?.toFixed(1);

const launcher: number[] = [];
const times = new Map<string, number[]>();
const record = (key: string, seconds: number) =>
  times.set(key, [...(times.get(key) ?? []), seconds]);
const runs = Math.max(1, Number(values.runs));
for (let run = 0; run < runs; run++) {
  launcher.push(time(ROOT, ['npx', '-c', 'true']));
  for (const { label, root } of run % 2 === 0 ? checkouts : [...checkouts].reverse()) {
    const db = stores.get(root);
    record(`${label}|npx newsbrief help`, time(root, ['npx', 'newsbrief', 'help']));
    record(
      `${label}|npx newsbrief brief ${topic}`,
      time(root, ['npx', 'newsbrief', 'brief', topic], db),
    );
    record(`${label}|node bin/newsbrief.js help`, time(root, ['node', 'bin/newsbrief.js', 'help']));
  }
}

const base = median(launcher);
const cpuOf = (root: string, command: string) => median(cpu.get(`${root}|${command}`) ?? []);
const baseCpu = cpuOf(ROOT, 'npx -c true');
console.log(
  `median of ${runs} runs; load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at end; npx -c true ${base.toFixed(2)} s (CPU ${baseCpu.toFixed(2)} s)`,
);
for (const { label, root } of checkouts)
  if (linkedInstall(root))
    console.log(
      `  ${label}: node_modules is a link, which npx reads slower than an install: not what users get`,
    );
const targets: Record<string, number> = { help: 0.35, brief: 0.55 };
for (const [key, xs] of times) {
  const [label, command] = key.split('|') as [string, string];
  const m = median(xs);
  const above = command.startsWith('npx') ? m - base : undefined;
  const c = cpuOf(rootOf.get(label) ?? ROOT, command);
  const cpuText = `; CPU ${c.toFixed(2)} s${command.startsWith('npx') ? `, ${(c - baseCpu).toFixed(2)} s above npx` : ''}`;
  const target = targets[command.split(' ')[2] ?? ''];
  console.log(
    `  ${label.padEnd(14)} ${command.padEnd(28)} ${m.toFixed(2)} s${
      above === undefined
        ? ''
        : `, ${above.toFixed(2)} s above npx${target ? ` (target <= ${target}: ${above <= target ? 'ok' : 'ABOVE'})` : ''}`
    }${cpuText}`,
  );
}
