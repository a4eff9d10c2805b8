import type { MessagePort } from 'node:worker_threads';
import type { Article, ArticleInput } from '../articles/article.ts';
import { prepareArticle } from '../articles/prepare-article.ts';
import { SourceError } from '../articles/sources/source-error.ts';

/** One article to prepare; `now` is the ISO time stamped as `ingestedAt`. */
export interface PrepareTask {
  input: ArticleInput;
  now: string;
  /** Told when the work starts: the pool's time budget counts from then. */
  started: MessagePort;
}

/**
 * What a worker sends back. Errors lose their class when they cross threads, so a refusal
 * (`SourceError`: not an article, over budget) travels as data and is rebuilt on the other side.
 */
export type PrepareOutcome =
  | { ok: true; article: Article }
  | { ok: false; refused: boolean; reason: string };

// Loads the sentence model and the lazy parts of the pipeline now, while the worker starts, so
// that the first article's time budget is spent on that article alone.
prepareArticle({
  raw: 'Warm-up\n\n"The worker is ready," the pool said on Monday. It starts.',
  format: 'text',
  origin: 'warm-up',
});

/** The worker's task handler (piscina calls the default export). */
export default function prepareInWorker(task: PrepareTask): PrepareOutcome {
  task.started.postMessage(0);
  task.started.close();
  try {
    return { ok: true, article: prepareArticle(task.input, new Date(task.now)) };
  } catch (error) {
    if (error instanceof SourceError) return { ok: false, refused: true, reason: error.message };
    return {
      ok: false,
      refused: false,
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
