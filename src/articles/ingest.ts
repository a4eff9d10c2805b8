import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import { assignStories } from '../stories/assign-stories.ts';
import {
  type ArticleWithTerms,
  type PreparePool,
  sharedPreparePool,
} from '../workers/prepare-pool.ts';
import type { Article, ArticleInput } from './article.ts';
import { loadUrl } from './feeds/load-url.ts';
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

type Found = string | { path: string; error: string };

/**
 * Every article file under the given paths (folders walked depth-first), without reading them.
 * Each real folder is read once, known by device and inode, so a link back to a parent
 * (`ln -s .. sub/up.md`) or a bind mount cannot make the walk loop or grow exponentially.
 */
export async function* articleFiles(paths: readonly string[]): AsyncGenerator<Found> {
  const seen = new Set<string>();
  for (const path of paths) yield* pathFiles(path, seen);
}

async function* pathFiles(path: string, seen: Set<string>): AsyncGenerator<Found> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    yield {
      path,
      error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
    return;
  }
  if (info.isFile()) yield path;
  else if (info.isDirectory()) yield* folderFiles(path, `${info.dev}:${info.ino}`, seen);
  else yield { path, error: 'not a regular file or folder' };
}

/**
 * The article files of one folder and its subfolders, sorted. Entry types come from the listing
 * itself: a stat per file is a thread-pool round trip that cost ingest ~10% of its time (a
 * folder's one stat, for its identity, is cheap by comparison).
 */
async function* folderFiles(dir: string, id: string, seen: Set<string>): AsyncGenerator<Found> {
  if (seen.has(id)) return;
  seen.add(id);
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
    if (entry.isDirectory()) yield* pathFiles(path, seen);
    else if (!ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    else if (entry.isFile()) yield path;
    // A link is followed (stat); a pipe or device named like an article is never opened.
    else if (entry.isSymbolicLink()) yield* pathFiles(path, seen);
    else yield { path, error: 'not a regular file' };
  }
}

/** A prepared article (with its story terms), or why its input was refused; kept in input order. */
type Prepared = ArticleWithTerms | { origin: string; reason: string };

/** An input waiting to be sent to the pool with its chunk, or one already refused. */
type Entry = { input: ArticleInput; backfill: boolean } | { origin: string; reason: string };

/**
 * Inputs sent to the pool in one task: enough that a task's fixed cost (a message each way, a
 * thread woken) is small beside the articles' own, few enough that every worker gets some.
 */
export const CHUNK_SIZE = 16;

/**
 * Cleans, analyses and stores articles as they come, in batches so a large folder is never all
 * in memory. Cleaning runs on the pool's worker threads, in chunks sent well ahead of the one
 * being collected: while this thread writes a batch (a few hundred ms), the workers go on with
 * the next ones. Results are taken in input order, so the outcome is the same as a one-thread
 * run. One bad input costs one line in `failed`; the rest goes on.
 */
export class Ingestor {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #pool: PreparePool;
  readonly #clock: () => Date;
  /** Chunks sent to the pool, oldest first. */
  #pending: Promise<Prepared[]>[] = [];
  #chunk: Entry[] = [];
  #batch: ArticleWithTerms[] = [];
  readonly summary: IngestSummary = { added: 0, duplicates: 0, failed: [] };

  constructor(store: Store, log: Logger, pool: PreparePool, clock: () => Date = () => new Date()) {
    this.#store = store;
    this.#log = log;
    this.#pool = pool;
    this.#clock = clock;
  }

  /** Chunks in flight at most: two store batches' worth, so workers never wait for a write. */
  get #window(): number {
    return Math.max(this.#pool.threads * 2, Math.ceil((2 * BATCH_SIZE) / CHUNK_SIZE));
  }

  /** Records an input that cannot be an article, in its place among the pending ones. */
  fail(origin: string, reason: string): void {
    this.#chunk.push({ origin, reason });
  }

  /** Queues one input for the pool; collects finished chunks, and stores when a batch is full. */
  async add(input: ArticleInput, options: { backfill?: boolean } = {}): Promise<void> {
    // A feed item with no text whose page could not be fetched arrives empty.
    if (input.raw.trim() === '')
      this.fail(input.origin, 'no text, and its page could not be fetched');
    else this.#chunk.push({ input, backfill: options.backfill === true });
    if (this.#chunk.length >= CHUNK_SIZE) this.#send();
    while (this.#pending.length > this.#window) await this.#collect();
  }

  #send(): void {
    if (this.#chunk.length === 0) return;
    const chunk = this.#chunk;
    this.#chunk = [];
    this.#pending.push(this.#prepare(chunk));
  }

  async #prepare(chunk: Entry[]): Promise<Prepared[]> {
    const inputs = chunk.flatMap((e) => ('input' in e ? [e.input] : []));
    const pages = inputs.map(({ fallback, ...page }) => page);
    const results = await this.#pool.prepareForStories(pages, this.#clock());
    let next = 0;
    return Promise.all(
      chunk.map(async (entry): Promise<Prepared> => {
        if (!('input' in entry)) return entry;
        const result = results[next++] as ArticleWithTerms | Error;
        return this.#outcome(entry.input, entry.backfill, result);
      }),
    );
  }

  async #outcome(
    input: ArticleInput,
    backfill: boolean,
    result: ArticleWithTerms | Error,
  ): Promise<Prepared> {
    if (!(result instanceof Error)) {
      return backfill ? { ...result, article: { ...result.article, backfill } } : result;
    }
    if (input.fallback && result instanceof SourceError) {
      // A feed item whose page is refused (too deep, too large, too slow) keeps its summary.
      this.#log.warn(
        { origin: input.origin, reason: result.message },
        'article page refused; keeping the feed summary',
      );
      const [summary] = await this.#pool.prepareForStories([input.fallback], this.#clock());
      return this.#outcome(input.fallback, backfill, summary ?? new Error('nothing prepared'));
    }
    const reason =
      result instanceof SourceError ? result.message : `could not be analysed (${result.message})`;
    return { origin: input.origin, reason };
  }

  /** Takes the oldest chunk. */
  async #collect(): Promise<void> {
    for (const next of (await this.#pending.shift()) ?? []) {
      if ('reason' in next) {
        this.summary.failed.push({ origin: next.origin, reason: next.reason });
        this.#log.warn({ origin: next.origin, reason: next.reason }, 'skipped input');
      } else {
        this.#batch.push(next);
        if (this.#batch.length >= BATCH_SIZE) await this.#storeBatch();
      }
    }
  }

  /** Waits for every pending article and stores what is left. */
  async flush(): Promise<void> {
    this.#send();
    while (this.#pending.length > 0) await this.#collect();
    await this.#storeBatch();
  }

  async #storeBatch(): Promise<void> {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    const results = await this.#store.addArticles(batch.map((b) => b.article));
    for (const r of results) {
      if (r.inserted) this.summary.added++;
      else this.summary.duplicates++;
    }
    await assignBatch(
      this.#store,
      batch.map((b, i) => ({ ...b, inserted: results[i]?.inserted ?? false })),
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
  batch: { article: Article; terms: Map<string, number>; inserted: boolean }[],
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
async function load(file: Found): Promise<Loaded> {
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
  deps: {
    store: Store;
    log: Logger;
    progress?: Progress;
    clock?: () => Date;
    /** Where articles are cleaned; default the process's shared pool. */
    pool?: PreparePool;
  },
): Promise<IngestSummary> {
  const pool = deps.pool ?? sharedPreparePool();
  return ingestWith(paths, deps, new Ingestor(deps.store, deps.log, pool, deps.clock));
}

async function ingestWith(
  paths: readonly string[],
  deps: { log: Logger; progress?: Progress },
  ingestor: Ingestor,
): Promise<IngestSummary> {
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
