import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { Piscina } from 'piscina';
import type { Request } from '../core/dispatch.ts';
import { type Dispatch, newInvocationId, unexpectedErrorReply } from '../core/dispatch.ts';
import { type Metrics, noMetrics } from '../ops/metrics.ts';
import type { CommandOutcome } from './command-worker.ts';
import { workerEntry } from './worker-entry.ts';
import { youngGeneration } from './young-generation.ts';

/**
 * Commands run on worker threads, each with its own app and store connection, so that the thread
 * that receives interactions only parses, acknowledges, renders and sends: a briefing at 100,000
 * articles takes tens of ms of CPU, and 50 of them on the receiving thread delayed Discord's
 * defers and Slack's acks by hundreds of ms.
 */
export interface CommandPool {
  /** The same contract as the in-process `dispatch`: never throws. */
  dispatch: Dispatch;
  readonly threads: number;
  /** Ends the workers; commands still running get the apology reply. */
  close(): Promise<void>;
}

export interface CommandPoolOptions {
  /**
   * Worker threads. Default: one core fewer than the machine has (at least one), leaving a core
   * to the thread that acknowledges, renders and sends.
   */
  threads?: number;
  /** The workers' environment, from which each loads the config. Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Where the workers' counts (commands, LLM tokens) are recorded, for `GET /metrics`. */
  metrics?: Metrics;
  log: Logger;
}

/**
 * A command worker's young generation, in MB (V8 splits it into two semi-spaces and a third for
 * large objects). V8's default lets each isolate grow it to 32 MB under a burst of briefings and
 * keep it; commands allocate little that outlives them, so a small one costs more but shorter
 * scavenges and keeps the bot's peak down (`npm run bench:ack`, 50 concurrent /brief at 100,000
 * articles).
 */
const YOUNG_GENERATION_MB = 3;

/**
 * A command worker's old generation limit, in MB. After each full collection V8 lets an old
 * generation grow by a factor of up to 4 before the next one, unless the isolate's limit is at
 * most 256 MB, where the factor is at most 1.3 (V8's heap controller). A command worker holds
 * ~12 MB live (heap snapshot after 380 briefings at 100,000 articles) yet, with the default limit,
 * grew to 52 MB of mostly garbage under bursts of /brief; with this one it stays near 24 MB and
 * the bot's peak fell from 195-203 MB to 168-175 (`npm run bench:ack`, 5 rounds each, same run).
 * 128 is ten times the live set: a command that needed more would fail with the apology reply,
 * and piscina starts a fresh worker in place of the ended one.
 */
const OLD_GENERATION_MB = 128;

/** A command worker's heap limits (see above); also unsets the bin's semi-space flag. */
export function commandWorkerLimits(): {
  maxYoungGenerationSizeMb: number;
  maxOldGenerationSizeMb: number;
} {
  return { ...youngGeneration(YOUNG_GENERATION_MB), maxOldGenerationSizeMb: OLD_GENERATION_MB };
}

export function createCommandPool(options: CommandPoolOptions): CommandPool {
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  const metrics = options.metrics ?? noMetrics;
  const pool = new Piscina<Request, CommandOutcome>({
    filename: workerEntry('command-worker', import.meta.url),
    // Started now and kept: a worker loads the app and opens the store once, never per command.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    resourceLimits: commandWorkerLimits(),
    ...(options.env ? { env: options.env } : {}),
  });
  let closed = false;
  return {
    threads,
    async dispatch(request) {
      try {
        if (closed) throw new Error('the command pool is closed');
        const outcome = await pool.run(request);
        for (const { name, args } of outcome.metrics) {
          (metrics[name] as (...args: unknown[]) => void)(...args);
        }
        return outcome.reply;
      } catch (error) {
        // The worker died or the pool closed; the worker logs its own command's failures.
        const id = newInvocationId();
        options.log.error({ err: error, invocation: id }, 'command worker failed');
        return unexpectedErrorReply(id);
      }
    },
    close: () => {
      closed = true;
      return pool.destroy();
    },
  };
}
