import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Article, ArticleInput } from '../articles/article.ts';
import { SourceError } from '../articles/sources/source-error.ts';
import type { PrepareOutcome, PrepareTask } from './prepare-worker.ts';
import { workerEntry } from './worker-entry.ts';
import { youngGeneration } from './young-generation.ts';

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
  /**
   * `prepareMany` for ingest: each article with its story terms (`storyTerms` with the default
   * weights), worked out on the worker too, so the thread that stores articles has less to do.
   */
  prepareForStories(
    inputs: readonly ArticleInput[],
    now?: Date,
  ): Promise<Array<ArticleWithTerms | Error>>;
  /** Worker threads at most; callers keep more tasks than this in flight to use them all. */
  readonly threads: number;
  /** Ends every worker; tasks still running are rejected. */
  close(): Promise<void>;
}

/** An article and its story terms (see `storyTerms`). */
export interface ArticleWithTerms {
  article: Article;
  terms: Map<string, number>;
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

/**
 * Tasks a worker holds at once: the one it runs and the next ones, queued in the worker itself.
 * While the ingesting thread writes a batch (a few hundred ms, synchronous), it cannot hand out
 * work: with one task each, both workers sat idle half the time (CPU profiles of a 10,000-article
 * ingest). Eight chunks of 16 articles keep a worker busy for ~300 ms.
 */
export const TASKS_PER_WORKER = 8;

/**
 * A prepare worker's young generation, in MB (two 32 MB semi-spaces and one for large objects).
 * Cleaning and analysing articles makes many short-lived strings; a large young generation means
 * fewer scavenges (the process's own thread keeps a small one: see `bin/newsbrief.js`).
 */
export const YOUNG_GENERATION_MB = 96;

/** How often the tasks of a worker that was ended under them are run again on a fresh one. */
const RETRIES = 3;

/**
 * A task sent to a worker: which input the worker is on (see `PrepareTask.progress`), since
 * when, and whether the watchdog ended its worker.
 */
interface Running {
  progress: Int32Array;
  index: number;
  since: number;
  timedOut: boolean;
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
    resourceLimits: {
      maxOldGenerationSizeMb: maxHeapMb,
      ...youngGeneration(YOUNG_GENERATION_MB),
    },
    // Tasks carry no abort signal: piscina runs an abortable task alone on its worker. The
    // watchdog ends the worker itself, and the tasks queued behind it run again (below).
    concurrentTasksPerWorker: TASKS_PER_WORKER,
  });
  let closed = false;

  // One watchdog for every running task: it notices each article's start by its index moving,
  // and ends the worker whose article has been running longer than the budget. The budget starts
  // when a worker starts the article, not while the task waits in a queue or a fresh worker
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
      } else if (index >= 0 && index < DONE && now - task.since >= timeoutMs && !task.timedOut) {
        task.timedOut = true;
        const threadId = Atomics.load(task.progress, 1);
        void pool.threads.find((t) => t.threadId === threadId)?.terminate();
      }
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

  async function prepareTask(
    inputs: readonly ArticleInput[],
    now: Date,
    terms: boolean,
    retries: number,
  ): Promise<Array<ArticleWithTerms | Error>> {
    if (inputs.length === 0) return [];
    const progress = new Int32Array(new SharedArrayBuffer(8));
    progress[0] = -1;
    const task: Running = { progress, index: -1, since: 0, timedOut: false };
    watch(task);
    try {
      const outcomes = await pool.run({
        inputs: [...inputs],
        now: now.toISOString(),
        terms,
        progress: progress.buffer as SharedArrayBuffer,
      });
      return outcomes.map(fromOutcome);
    } catch (error) {
      const at = Atomics.load(progress, 0);
      const culprit = at >= 0 && at < inputs.length;
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      // The worker was ended on one of these articles (its budget, its memory): refuse that one
      // and run the others again on a fresh worker.
      if (culprit && (task.timedOut || outOfMemory)) {
        const refusal = task.timedOut ? timedOut(timeoutMs) : outOfHeap(maxHeapMb);
        const others = await prepareTask(
          [...inputs.slice(0, at), ...inputs.slice(at + 1)],
          now,
          terms,
          retries,
        );
        others.splice(at, 0, refusal);
        return others;
      }
      // Queued behind the article its worker was ended on: nothing of this task is at fault, so
      // it runs again. Any other failure is every article's.
      if (workerEnded(error) && retries > 0 && !closed)
        return prepareTask(inputs, now, terms, retries - 1);
      const failure = error instanceof Error ? error : new Error(String(error));
      return inputs.map(() => failure);
    } finally {
      unwatch(task);
    }
  }

  const prepareMany = async (inputs: readonly ArticleInput[], now = new Date()) =>
    (await prepareTask(inputs, now, false, RETRIES)).map((r) =>
      r instanceof Error ? r : r.article,
    );
  return {
    async prepare(input, now) {
      const [result] = await prepareMany([input], now);
      if (result instanceof Error) throw result;
      if (!result) throw new Error('the prepare pool returned nothing');
      return result;
    },
    prepareMany,
    prepareForStories: (inputs, now = new Date()) => prepareTask(inputs, now, true, RETRIES),
    threads,
    close: () => {
      closed = true;
      return pool.destroy();
    },
  };
}

/** `progress[0]` once a task's last article is done (see prepare-worker.ts). */
const DONE = 0x7fffffff;

/** Whether a task failed because its worker was ended under it, by the watchdog or its heap. */
function workerEnded(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === 'ERR_WORKER_OUT_OF_MEMORY' ||
    /^(worker exited with code|Terminating worker thread)/.test(e.message ?? '')
  );
}

const timedOut = (timeoutMs: number) =>
  new SourceError(
    `refused: cleaning and analysing it took longer than ${timeoutMs / 1000} s, the limit for one article`,
  );

const outOfHeap = (maxHeapMb: number) =>
  new SourceError(
    `refused: cleaning and analysing it needed more than ${maxHeapMb} MB of memory, the limit for one article`,
  );

function fromOutcome(outcome: PrepareOutcome): ArticleWithTerms | Error {
  if (outcome.ok) return { article: outcome.article, terms: outcome.terms ?? new Map() };
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
