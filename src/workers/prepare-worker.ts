import { threadId } from 'node:worker_threads';
import type { Article, ArticleInput } from '../articles/article.ts';
import { prepareArticle } from '../articles/prepare-article.ts';
import { SourceError } from '../articles/sources/source-error.ts';
import { storyTerms } from '../stories/story-terms.ts';

/** Several articles to prepare in one task; `now` is the ISO time stamped as `ingestedAt`. */
export interface PrepareTask {
  inputs: ArticleInput[];
  now: string;
  /** Also each article's story terms (ingest groups articles into stories as it stores them). */
  terms?: boolean;
  /**
   * Shared with the pool, two int32s: the index of the input the worker is working on (-1
   * before the first, 0x7fffffff after the last), so the pool can time each article on its own
   * and knows which one to refuse; and the worker's thread id, so it knows which worker to end.
   */
  progress: SharedArrayBuffer;
}

/**
 * What a worker sends back for one input. Errors lose their class when they cross threads, so a
 * refusal (`SourceError`: not an article, over budget) travels as data and is rebuilt on the
 * other side.
 */
export type PrepareOutcome =
  | { ok: true; article: Article; terms?: Map<string, number> }
  | { ok: false; refused: boolean; reason: string };

// Loads the lazy parts of the pipeline now, while the worker starts, so that the first article's
// time budget is spent on that article alone.
prepareArticle({
  raw: 'Warm-up\n\n"The worker is ready," the pool said on Monday. It starts.',
  format: 'text',
  origin: 'warm-up',
});

function prepareOne(input: ArticleInput, now: Date, terms: boolean): PrepareOutcome {
  try {
    const article = prepareArticle(input, now);
    return terms ? { ok: true, article, terms: storyTerms(article) } : { ok: true, article };
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, refused: true, reason: error.message };
    return {
      ok: false,
      refused: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

/**
 * The worker's task handler (piscina calls the default export): the inputs in order, each
 * announced on `progress` before it starts. One task carries many articles because a task's
 * fixed cost (a message each way, waking a thread) was a real share of a 3 ms article.
 */
export default function prepareInWorker(task: PrepareTask): PrepareOutcome[] {
  const progress = new Int32Array(task.progress);
  Atomics.store(progress, 1, threadId);
  const now = new Date(task.now);
  const outcomes = task.inputs.map((input, i) => {
    Atomics.store(progress, 0, i);
    return prepareOne(input, now, task.terms === true);
  });
  Atomics.store(progress, 0, 0x7fffffff);
  return outcomes;
}
