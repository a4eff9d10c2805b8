/**
 * `npm run bench:ack`: how soon the real bot acknowledges while it does real work. The bot runs
 * as users run it (`newsbrief start`, its own process, Discord and Slack in HTTP mode at once) on
 * a store of 100,000 real-text articles (`scripts/real-corpus.ts`); this process plays both
 * platforms (the fakes of tests/fakes). Bursts of 50 concurrent `/brief` on rare, typical and
 * common topics; each acknowledgement is timed where the platform sees it: from sending
 * INTERACTION_CREATE to receiving the deferred callback (Discord), from sending the signed request
 * to receiving the ack (Slack). Median over 3 bursts per platform of p50 and p99, after a warm-up
 * burst, and the bot's peak memory. Target: p99 <= 50 ms on both, peak <= 200 MB.
 *
 * `--baseline <checkout>` runs the same bursts against that checkout's bot, in the same run: a
 * fresh bot of each per round, `--rounds` rounds, the order alternating; figures are medians over
 * every burst of every round.
 *
 *   tsx scripts/bench-ack.ts [--articles 100000] [--concurrent 50] [--rounds 2] [--baseline DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import { FakeDiscord } from '../tests/fakes/fake-discord.ts';
import { postSlashCommand, slashCommandBody, startFakeSlack } from '../tests/fakes/fake-slack.ts';
import { binNodeFlags } from './bin-node-flags.ts';
import { benchTopics, realStore } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    concurrent: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    baseline: { type: 'string' },
  },
});
const N = Number(values.concurrent);
const BURSTS = 3;
const SECRET = 'bench-signing-secret';
const topics = Object.values(benchTopics()).flatMap((list) => list.map((t) => t.word));

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
};
const median = (xs: readonly number[]) => percentile(xs, 0.5);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Peak resident memory of a process, MB (Linux: VmHWM), else NaN. */
function peakRssMb(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Figures {
  /** p50 and p99 of each burst. */
  discord: Array<{ p50: number; p99: number }>;
  slack: Array<{ p50: number; p99: number }>;
  peakMb: number;
}

/** Starts `root`'s bot on `db` against fresh fakes and times `BURSTS` bursts on each platform. */
async function measure(root: string, db: string): Promise<Figures> {
  const discord = await new FakeDiscord().listen();
  const slack = await startFakeSlack({ botToken: 'xoxb-bench-token' });
  const port = await freePort();
  const events = `http://127.0.0.1:${port}/slack/events`;
  const bot: ChildProcess = spawn(
    process.execPath,
    [...binNodeFlags(root), join(root, 'bin', 'newsbrief.js'), 'start'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NEWSBRIEF_DB: db,
        LOG_LEVEL: 'warn',
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-bench-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let sent = 0;
  const slackCommand = (topic: string) =>
    slashCommandBody({
      command: '/brief',
      text: topic,
      responseUrl: slack.responseUrl(`b${++sent}`),
    });
  try {
    // Ready when each platform has acknowledged one command.
    await until('the Discord defer', async () => {
      const s = discord.sendInteraction({ name: 'help' });
      await new Promise((r) => setTimeout(r, 1000));
      return discord.deferOf(s) ? true : undefined;
    });
    let acked = 0;
    await until('the Slack ack', async () => {
      if ((await postSlashCommand(events, SECRET, slackCommand('help'))).status !== 200) return;
      acked += 1;
      return true;
    });
    const discordBurst = async () => {
      const interactions = Array.from({ length: N }, (_, i) =>
        discord.sendInteraction({
          name: 'brief',
          options: { topic: topics[i % topics.length] ?? '' },
        }),
      );
      await discord.waitFor(() => interactions.every((s) => discord.deferOf(s)), 120_000, 'defers');
      await discord.waitFor(() => interactions.every((s) => discord.editOf(s)), 300_000, 'replies');
      return interactions.map((s) => (discord.deferOf(s)?.at ?? Number.NaN) - s.sentAt);
    };
    const slackBurst = async () => {
      const acks = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          postSlashCommand(events, SECRET, slackCommand(topics[i % topics.length] ?? '')),
        ),
      );
      if (acks.some((a) => a.status !== 200)) throw new Error('a Slack command was not acked');
      // Every reply lands before the next burst, so bursts do not overlap.
      acked += N;
      await slack.waitForResponses(acked, 300_000);
      return acks.map((a) => a.ms);
    };
    const figures = async (burst: () => Promise<number[]>) => {
      await burst(); // warm-up
      const runs: Array<{ p50: number; p99: number }> = [];
      for (let i = 0; i < BURSTS; i++) {
        const r = await burst();
        runs.push({ p50: percentile(r, 0.5), p99: percentile(r, 0.99) });
      }
      return runs;
    };
    const discordFigures = await figures(discordBurst);
    const slackFigures = await figures(slackBurst);
    return { discord: discordFigures, slack: slackFigures, peakMb: peakRssMb(bot.pid ?? 0) };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
    await discord.close();
    await slack.close();
  }
}

const articles = Number(values.articles);
const checkouts = [{ label: 'this checkout', root: ROOT }];
if (values.baseline) checkouts.push({ label: 'baseline', root: resolve(values.baseline) });
const stores = new Map<string, string>();
for (const { root } of checkouts) stores.set(root, await realStore(articles, root));
const loadAtStart = loadavg()[0]?.toFixed(1);
const results = new Map<string, Figures[]>();
const rounds = Math.max(1, Number(values.rounds));
for (let round = 0; round < rounds; round++) {
  for (const { label, root } of round % 2 === 0 ? checkouts : [...checkouts].reverse()) {
    const f = await measure(root, stores.get(root) ?? '');
    results.set(label, [...(results.get(label) ?? []), f]);
    const p99s = (xs: Figures['discord']) => xs.map((x) => x.p99.toFixed(0)).join('/');
    console.log(
      `round ${round + 1} ${label.padEnd(14)} Discord defer p99 ${p99s(f.discord)} ms, Slack ack p99 ${p99s(f.slack)} ms, peak ${f.peakMb.toFixed(0)} MB; load ${loadavg()[0]?.toFixed(1)}`,
    );
  }
}
console.log(
  `${N} concurrent /brief (${topics.join(', ')}) on ${articles} real-text articles, the bot in its own process; median of ${BURSTS} bursts x ${rounds} rounds; load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at end`,
);
for (const [label, fs] of results) {
  const ok = (ms: number) => (ms <= 50 ? 'ok' : 'ABOVE');
  const of = (platform: 'discord' | 'slack', p: 'p50' | 'p99') =>
    median(fs.flatMap((f) => f[platform].map((x) => x[p])));
  const peak = Math.max(...fs.map((f) => f.peakMb));
  console.log(
    `  ${label.padEnd(14)} Discord defer p50 ${of('discord', 'p50').toFixed(1)} ms, p99 ${of('discord', 'p99').toFixed(1)} ms (${ok(of('discord', 'p99'))}); Slack ack p50 ${of('slack', 'p50').toFixed(1)} ms, p99 ${of('slack', 'p99').toFixed(1)} ms (${ok(of('slack', 'p99'))}); bot peak ${peak.toFixed(0)} MB (target <= 200: ${peak <= 200 ? 'ok' : 'ABOVE'})`,
  );
}
process.exit(0);
