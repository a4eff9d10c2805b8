import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Article, ArticleInput } from '../articles/article.ts';
import { SourceError } from '../articles/sources/source-error.ts';
import type { PrepareOutcome, PrepareTask } from './prepare-worker.ts';
import { workerEntry } from './worker-entry.ts';

/**
 * Cleans and analyses articles (`prepareArticle`) on worker threads, so that ingest uses every
 * core, untrusted HTML never runs on the thread that answers commands and ticks the scheduler,
 * and no article can take more than its time budget: an article over budget ends its worker
 * (piscina replaces it) and is refused with a `SourceError` that says why. The output is exactly
 * `prepareArticle`'s.
 */
export interface PreparePool {
  /**
   * The article, or a rejection: `SourceError` for input that is refused (not an article, over
   * the size, depth or time budget), any other error for a fault.
   */
  prepare(input: ArticleInput, now?: Date): Promise<Article>;
  /**
   * Several articles in one task, which costs one message each way instead of one per article:
   * each input's article, or in its place the error `prepare` would have rejected with. Never
   * rejects. Each article still has its own time budget; one over it costs only itself.
   */
  prepareMany(inputs: readonly ArticleInput[], now?: Date): Promise<Array<Article | Error>>;
  /** Worker threads at most; callers keep more tasks than this in flight to use them all. */
  readonly threads: number;
  /** Ends every worker; tasks still running are rejected. */
  close(): Promise<void>;
}

export interface PreparePoolOptions {
  /** Worker threads. Default: the machine's cores (`os.availableParallelism()`). */
  threads?: number;
  /**
   * Most time one article may take, from the moment a worker starts on it, in ms. Default
   * 15,000: a real article takes milliseconds, a 3 MB page a few seconds, the nested pages of
   * issue 13 minutes.
   */
  timeoutMs?: number;
  /** Heap a worker may grow to, in MB, before it is ended and its article refused. Default 2,048. */
  maxHeapMb?: number;
}

export const PREPARE_DEFAULTS = Object.freeze({ timeoutMs: 15_000, maxHeapMb: 2048 });

/** A task being run: which input its worker is on, since when, and how to end it. */
interface Running {
  progress: Int32Array;
  index: number;
  since: number;
  budget: AbortController;
}

export function createPreparePool(options: PreparePoolOptions = {}): PreparePool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const timeoutMs = options.timeoutMs ?? PREPARE_DEFAULTS.timeoutMs;
  const maxHeapMb = options.maxHeapMb ?? PREPARE_DEFAULTS.maxHeapMb;
  const pool = new Piscina<PrepareTask, PrepareOutcome[]>({
    filename: workerEntry('prepare-worker', import.meta.url),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });

  // One watchdog for every running task: it notices each article's start by its index moving,
  // and ends the task whose article has been running longer than the budget. The budget starts
  // when a worker starts the article, not while the task waits in the queue or a fresh worker
  // loads its modules (seconds). Ticks are a tenth of the budget, so a refusal comes between
  // 1 and 1.1 budgets in.
  const running = new Set<Running>();
  let watchdog: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    for (const task of running) {
      const index = Atomics.load(task.progress, 0);
      if (index !== task.index) {
        task.index = index;
        task.since = now;
      } else if (index >= 0 && now - task.since >= timeoutMs) task.budget.abort();
    }
  };
  const watch = (task: Running) => {
    running.add(task);
    watchdog ??= setInterval(tick, Math.max(5, Math.min(1000, timeoutMs / 10))).unref();
  };
  const unwatch = (task: Running) => {
    running.delete(task);
    if (running.size === 0 && watchdog) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
  };

  async function prepareMany(
    inputs: readonly ArticleInput[],
    now: Date = new Date(),
  ): Promise<Array<Article | Error>> {
    if (inputs.length === 0) return [];
    const progress = new Int32Array(new SharedArrayBuffer(4));
    progress[0] = -1;
    const task: Running = { progress, index: -1, since: 0, budget: new AbortController() };
    watch(task);
    try {
      const outcomes = await pool.run(
        {
          inputs: [...inputs],
          now: now.toISOString(),
          progress: progress.buffer as SharedArrayBuffer,
        },
        { signal: task.budget.signal },
      );
      return outcomes.map(fromOutcome);
    } catch (error) {
      // The worker was ended on one article (its budget, its memory): refuse that one and run
      // the others again on a fresh worker. Any other failure is every article's.
      const at = Atomics.load(progress, 0);
      const refusal = taskError(error, timeoutMs, maxHeapMb);
      if (!(refusal instanceof SourceError) || at < 0) return inputs.map(() => refusal);
      const others = await prepareMany([...inputs.slice(0, at), ...inputs.slice(at + 1)], now);
      others.splice(at, 0, refusal);
      return others;
    } finally {
      unwatch(task);
    }
  }

  return {
    async prepare(input, now) {
      const [result] = await prepareMany([input], now);
      if (result instanceof Error) throw result;
      if (!result) throw new Error('the prepare pool returned nothing');
      return result;
    },
    prepareMany,
    threads,
    close: () => pool.destroy(),
  };
}

function fromOutcome(outcome: PrepareOutcome): Article | Error {
  if (outcome.ok) return outcome.article;
  return outcome.refused ? new SourceError(outcome.reason) : new Error(outcome.reason);
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
