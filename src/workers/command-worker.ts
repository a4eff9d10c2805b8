import { threadId } from 'node:worker_threads';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Request } from '../core/dispatch.ts';
import type { Reply } from '../core/reply.ts';
import { createLogger } from '../logger.ts';
import { type Metrics, noMetrics } from '../ops/metrics.ts';

/** One call a command made on `Metrics`, replayed by the pool on the main thread's `/metrics`. */
export interface MetricCall {
  name: keyof Metrics;
  args: unknown[];
}

/** What a worker sends back for one command. */
export interface CommandOutcome {
  reply: Reply;
  metrics: MetricCall[];
}

// A worker runs one command at a time (piscina's default), so what is recorded between two
// drains belongs to the command in between.
const recorded: MetricCall[] = [];
const recorder = Object.fromEntries(
  Object.keys(noMetrics).map((name) => [
    name,
    (...args: unknown[]) => recorded.push({ name: name as keyof Metrics, args }),
  ]),
) as unknown as Metrics;

// Made as soon as the worker starts, not on its first command: its own store connection, opened
// from the same configuration (the environment the bot started with) as the main thread's.
const app = (async () => {
  const config = loadConfig();
  // JSON lines, never pino-pretty's transport: that would start one more thread per worker.
  const log = createLogger(config.LOG_LEVEL, false).child({ worker: threadId });
  return createApp(config, log, { metrics: recorder });
})();

/** Runs one command in this worker (piscina calls the default export). */
export default async function runCommand(request: Request): Promise<CommandOutcome> {
  recorded.length = 0;
  const reply = await (await app).dispatch(request);
  return { reply, metrics: recorded.splice(0) };
}
