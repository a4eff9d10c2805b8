import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import { assignStories } from '../stories/assign-stories.ts';
import type { Article, ArticleInput } from './article.ts';
import { loadUrl } from './feeds/load-url.ts';
import { prepareArticle } from './prepare-article.ts';
import { ARTICLE_EXTENSIONS, type BadItem, loadFileItems } from './sources/load-file.ts';
import { SourceError } from './sources/source-error.ts';

/** What `newsbrief ingest` reports at the end. */
export interface IngestSummary {
  added: number;
  duplicates: number;
  failed: { origin: string; reason: string }[];
}

/** Progress callback: `done` of `total` inputs handled so far (total is unknown for feeds). */
export type Progress = (done: number, total: number | undefined) => void;

/** Articles are cleaned, then stored in transactions of this many. */
export const BATCH_SIZE = 200;

/** Every article file under the given paths (folders walked depth-first), without reading them. */
export async function* articleFiles(
  paths: readonly string[],
): AsyncGenerator<string | { path: string; error: string }> {
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      yield {
        path,
        error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      };
      continue;
    }
    if (info.isFile()) yield path;
    else if (info.isDirectory()) yield* folderFiles(path);
    else yield { path, error: 'not a regular file or folder' };
  }
}

/**
 * The article files of one folder and its subfolders, sorted. Entry types come from the listing
 * itself: a stat per file is a thread-pool round trip that cost ingest ~10% of its time.
 */
async function* folderFiles(dir: string): AsyncGenerator<string | { path: string; error: string }> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield {
      path: dir,
      error: `cannot list folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* folderFiles(path);
    else if (!ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    else if (entry.isFile()) yield path;
    // A link is followed (stat); a pipe or device named like an article is never opened.
    else if (entry.isSymbolicLink()) yield* articleFiles([path]);
    else yield { path, error: 'not a regular file' };
  }
}

/**
 * Cleans, analyses and stores articles as they come, in batches so a large folder is never all
 * in memory. One bad input costs one line in `failed`; the rest of the batch goes on.
 */
export class Ingestor {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #clock: () => Date;
  #batch: Article[] = [];
  readonly summary: IngestSummary = { added: 0, duplicates: 0, failed: [] };

  constructor(store: Store, log: Logger, clock: () => Date = () => new Date()) {
    this.#store = store;
    this.#log = log;
    this.#clock = clock;
  }

  fail(origin: string, reason: string): void {
    this.summary.failed.push({ origin, reason });
    this.#log.warn({ origin, reason }, 'skipped input');
  }

  /** Prepares one input; stores when the batch is full. */
  async add(input: ArticleInput, options: { backfill?: boolean } = {}): Promise<void> {
    // A feed item with no text whose page could not be fetched arrives empty.
    if (input.raw.trim() === '') {
      this.fail(input.origin, 'no text, and its page could not be fetched');
      return;
    }
    try {
      const article = prepareArticle(input, this.#clock());
      this.#batch.push(options.backfill ? { ...article, backfill: true } : article);
    } catch (error) {
      if (error instanceof SourceError) this.fail(input.origin, error.message);
      else this.fail(input.origin, `could not be analysed (${(error as Error).message})`);
      return;
    }
    if (this.#batch.length >= BATCH_SIZE) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    const results = await this.#store.addArticles(batch);
    for (const r of results) {
      if (r.inserted) this.summary.added++;
      else this.summary.duplicates++;
    }
    await assignBatch(
      this.#store,
      batch.map((article, i) => ({ article, inserted: results[i]?.inserted ?? false })),
      this.#log,
    );
  }
}

/** The story assignment running on each store, so that batches join stories one at a time. */
const assigning = new WeakMap<Store, Promise<void>>();

/**
 * Groups a stored batch into stories. One batch at a time per store: two batches assigned at
 * once (a feed poll during a folder ingest) would each start the same new story. A failure is
 * logged and costs the batch its stories, never its articles, which are already stored.
 */
function assignBatch(
  store: Store,
  batch: { article: Article; inserted: boolean }[],
  log: Logger,
): Promise<void> {
  const run = async () => {
    try {
      await store.saveStories(await assignStories(batch, store, { log }));
    } catch (error) {
      log.error({ err: error, articles: batch.length }, 'story assignment failed for a batch');
    }
  };
  const next = (assigning.get(store) ?? Promise.resolve()).then(run);
  assigning.set(store, next);
  return next;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

type Loaded =
  | { origin: string; items: Array<ArticleInput | BadItem> }
  | { origin: string; error: string };

// Files are read synchronously (see read-text-file.ts), so reading ahead would overlap nothing.
async function load(file: string | { path: string; error: string }): Promise<Loaded> {
  if (typeof file !== 'string') return { origin: file.path, error: file.error };
  try {
    return { origin: file, items: await loadFileItems(file) };
  } catch (error) {
    return { origin: file, error: error instanceof SourceError ? error.message : String(error) };
  }
}

/** `newsbrief ingest <path or URL>…`: files, folders, feed URLs and article URLs. */
export async function ingestPaths(
  paths: readonly string[],
  deps: { store: Store; log: Logger; progress?: Progress; clock?: () => Date },
): Promise<IngestSummary> {
  const ingestor = new Ingestor(deps.store, deps.log, deps.clock);
  let done = 0;
  for (const url of paths.filter(isUrl)) {
    try {
      const loaded = await loadUrl(url, { log: deps.log });
      const inputs = loaded.kind === 'feed' ? loaded.items : [loaded.article];
      for (const input of inputs) await ingestor.add(input);
    } catch (error) {
      ingestor.fail(url, (error as Error).message);
    }
    deps.progress?.(++done, undefined);
  }
  for await (const file of articleFiles(paths.filter((p) => !isUrl(p)))) {
    const loaded = await load(file);
    if ('error' in loaded) ingestor.fail(loaded.origin, loaded.error);
    else {
      for (const item of loaded.items) {
        if ('error' in item) ingestor.fail(item.origin, item.error);
        else await ingestor.add(item);
      }
    }
    deps.progress?.(++done, undefined);
  }
  await ingestor.flush();
  return ingestor.summary;
}
