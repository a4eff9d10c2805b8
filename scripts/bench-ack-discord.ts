/**
 * Discord half of `npm run bench:ack`: ms from the fake Discord sending INTERACTION_CREATE to it
 * receiving the deferred callback (type 5), for `n` concurrent slash commands through the real
 * discord.js client and the Discord adapter. Median of 3 runs, after one warm-up run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createDiscordAdapter } from '../src/adapters/discord/discord-adapter.ts';
import { createTestBed } from '../tests/adapters/discord/test-commands.ts';
import { FakeDiscord } from '../tests/fakes/fake-discord.ts';

const RUNS = 3;

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Ack latency percentiles in ms, and the CPU time (bot and fake together) until the last defer. */
export interface DiscordAckFigures {
  p50: number;
  p99: number;
  /** Process CPU ms from the first INTERACTION_CREATE to the last defer: the floor of p99 on an idle core. */
  cpuMs: number;
}

export async function benchDiscordAck(n = 50): Promise<DiscordAckFigures> {
  const fake = await new FakeDiscord().listen();
  const bed = createTestBed();
  const adapter = createDiscordAdapter({
    token: fake.token,
    apiUrl: fake.apiUrl,
    registry: bed.registry,
    dispatch: bed.dispatch,
    log: pino({ level: 'silent' }),
  });
  try {
    await adapter.start();
    const burst = async () => {
      const cpu = process.cpuUsage();
      const sent = Array.from({ length: n }, (_, i) =>
        fake.sendInteraction({ name: 'echo', options: { text: `bench ${i}` } }),
      );
      await fake.waitFor(() => sent.every((s) => fake.deferOf(s)), 60_000, `${n} defers`);
      const used = process.cpuUsage(cpu);
      // Wait for the replies too, so one run's edits do not slow the next run's defers.
      await fake.waitFor(() => sent.every((s) => fake.editOf(s)), 60_000, `${n} replies`);
      const latencies = sent
        .map((s) => (fake.deferOf(s)?.at ?? Number.NaN) - s.sentAt)
        .sort((a, b) => a - b);
      return { latencies, cpuMs: (used.user + used.system) / 1000 };
    };
    await burst();
    const p50s: number[] = [];
    const p99s: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { latencies, cpuMs } = await burst();
      p50s.push(percentile(latencies, 0.5));
      p99s.push(percentile(latencies, 0.99));
      cpu.push(cpuMs);
    }
    return { p50: median(p50s), p99: median(p99s), cpuMs: median(cpu) };
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 50);
  const { p50, p99, cpuMs } = await benchDiscordAck(n);
  // The fake and the bot share this process and the machine: a busy machine slows both.
  const load = `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
  console.log(
    `discord ack (INTERACTION_CREATE sent -> type 5 callback received), ${n} concurrent, median of ${RUNS} runs: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target p99 <= 50 ms); CPU until the last defer ${cpuMs.toFixed(1)} ms; ${load}`,
  );
}
