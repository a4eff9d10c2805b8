import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Article, ArticleInput } from '../articles/article.ts';
import { SourceError } from '../articles/sources/source-error.ts';
import type { PrepareOutcome, PrepareTask } from './prepare-worker.ts';

/**
 * Cleans and analyses articles (`prepareArticle`) on worker threads, so untrusted HTML never
 * runs on the thread that answers commands and ticks the scheduler, and no article can take more
 * than its time budget: a task over budget terminates its worker (piscina replaces it) and is
 * refused with a `SourceError` that says why. The output is exactly `prepareArticle`'s.
 */
export interface PreparePool {
  /**
   * The article, or a rejection: `SourceError` for input that is refused (not an article, over
   * the size, depth or time budget), any other error for a fault.
   */
  prepare(input: ArticleInput, now?: Date): Promise<Article>;
  /** Worker threads at most; callers keep about this many tasks in flight to use them all. */
  readonly threads: number;
  /** Ends every worker; tasks still running are rejected. */
  close(): Promise<void>;
}

export interface PreparePoolOptions {
  /** Worker threads. Default: the machine's cores (`os.availableParallelism()`). */
  threads?: number;
  /**
   * Most time one article may take, from the moment a worker has it, in ms. Default 15,000: a
   * real article takes milliseconds, a 3 MB page a few seconds, the nested pages of issue 13
   * minutes.
   */
  timeoutMs?: number;
  /** Heap a worker may grow to, in MB, before it is ended and its article refused. Default 2,048. */
  maxHeapMb?: number;
}

export const PREPARE_DEFAULTS = Object.freeze({ timeoutMs: 15_000, maxHeapMb: 2048 });

/**
 * The worker's entry sits next to this module, as `.ts` when running the sources (tsx, vitest)
 * and as `.js` once compiled; a `.ts` entry needs tsx registered inside the worker too.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  const filename = new URL(`./prepare-worker${ext}`, here).href;
  if (ext === '.js') return { filename, execArgv: [] };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

export function createPreparePool(options: PreparePoolOptions = {}): PreparePool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const timeoutMs = options.timeoutMs ?? PREPARE_DEFAULTS.timeoutMs;
  const maxHeapMb = options.maxHeapMb ?? PREPARE_DEFAULTS.maxHeapMb;
  const pool = new Piscina<PrepareTask, PrepareOutcome>({
    ...workerEntry(),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  async function prepare(input: ArticleInput, now: Date = new Date()): Promise<Article> {
    // The budget starts when a worker takes the task (it says so on `started`), not while the
    // task waits in the queue or a fresh worker loads its modules, which takes seconds.
    const { port1: started, port2 } = new MessageChannel();
    const budget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    started.once('message', () => {
      timer = setTimeout(() => budget.abort(), timeoutMs);
    });
    let outcome: PrepareOutcome;
    try {
      outcome = await pool.run(
        { input, now: now.toISOString(), started: port2 },
        { signal: budget.signal, transferList: [port2] },
      );
    } catch (error) {
      throw taskError(error, timeoutMs, maxHeapMb);
    } finally {
      clearTimeout(timer);
      started.close();
    }
    if (outcome.ok) return outcome.article;
    throw outcome.refused ? new SourceError(outcome.reason) : new Error(outcome.reason);
  }

  return {
    prepare,
    threads,
    close: () => pool.destroy(),
  };
}

let shared: PreparePool | undefined;

/**
 * The process's own pool, created on first use and never closed: its workers start once (a few
 * seconds: modules and the sentence model), and idle workers never keep the process alive.
 */
export function sharedPreparePool(): PreparePool {
  shared ??= createPreparePool();
  return shared;
}

function taskError(error: unknown, timeoutMs: number, maxHeapMb: number): Error {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError') {
    return new SourceError(
      `refused: cleaning and analysing it took longer than ${timeoutMs / 1000} s, the limit for one article`,
    );
  }
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new SourceError(
      `refused: cleaning and analysing it needed more than ${maxHeapMb} MB of memory, the limit for one article`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
