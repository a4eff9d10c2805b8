/**
 * `npm run bench:ingest-parts`: where one article's ingest CPU goes, part by part, on the same
 * real-text corpus as `bench:ingest` (10,000 articles recombined from the 840 real ones). Each
 * run is two fresh processes running the compiled build, the work itself on their main thread:
 *
 * - prepare: `prepareArticle` and `storyTerms` (what a prepare worker does), every article;
 * - store: `addArticles` in ingest's batches into a fresh SQLite store (articles, paragraphs,
 *   full-text index, quotes), no stories;
 * - store + stories: the same into another fresh store, each batch then assigned to stories and
 *   saved, as ingest does; "stories" is the difference.
 *
 * CPU is the process's (every thread: V8's compiles and GC helpers count), per article, and
 * each store's includes closing it (term counts are written then). Preparing runs in a process of
 * its own with a prepare worker's young generation (the bin's flag keeps the main thread's small,
 * which would slow preparing by a fifth); the stores in another, with the bin's flags, which
 * prepares the articles first untimed and keeps them all (ingest holds two batches), then warms
 * the store code on a throwaway store before timing. The two store parts alternate in order from
 * run to run. What is missing from `bench:ingest`'s figure is the cost of the prepare pool itself
 * (messages, a second heap) and reading the files.
 *
 *   tsx scripts/bench-ingest-parts.ts [--articles 10000] [--runs 3] [--one-core] [--root DIR]
 *
 * `--root` measures another checkout's build instead (a worktree of an earlier commit that has
 * stories; its sources are built first): run it before and after this one for a comparison in
 * the same session. The young generation given to its prepare part is this checkout's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/paths.ts';
import { YOUNG_GENERATION_MB } from '../src/workers/prepare-pool.ts';
import { binNodeFlags } from './bin-node-flags.ts';
import { realCorpus } from './real-corpus.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    'one-core': { type: 'boolean', default: false },
    root: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const root = values.root ? resolve(values.root) : ROOT;

const PARTS = ['prepare', 'store', 'storeAndStories'] as const;
type Part = (typeof PARTS)[number];

/**
 * A child: loads the corpus and prepares it (timed when `part` is 'prepare'), then, for 'store',
 * fills the two stores; prints one JSON line of CPU ms.
 */
const child = (dir: string, part: 'prepare' | 'store', storiesFirst: boolean) => `
  import { mkdtempSync, rmSync } from 'node:fs';
  import { tmpdir } from 'node:os';
  import { join } from 'node:path';
  const load = (file) => import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'src')).href)} + file);
  const { prepareArticle } = await load('/articles/prepare-article.js');
  const { storyTerms } = await load('/stories/story-terms.js');
  const { articleFiles, BATCH_SIZE } = await load('/articles/ingest.js');
  const { loadFileItems } = await load('/articles/sources/load-file.js');
  const { SqliteStore } = await load('/store/sqlite/sqlite-store.js');
  const { assignStories } = await load('/stories/assign-stories.js');
  const inputs = [];
  for await (const file of articleFiles([${JSON.stringify(dir)}]))
    if (typeof file === 'string')
      for (const item of await loadFileItems(file)) if ('raw' in item) inputs.push(item);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const now = new Date(0);
  let t = cpu();
  const prepared = inputs.map((input) => {
    const article = prepareArticle(input, now);
    return { article, terms: storyTerms(article) };
  });
  const out = { articles: prepared.length, prepare: cpu() - t };
  if (${JSON.stringify(part)} === 'prepare') {
    console.log(JSON.stringify(out));
    process.exit(0);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'newsbrief-bench-parts-'));
  try {
    const fill = async (name, withStories, articles = prepared) => {
      const store = new SqliteStore(join(tmp, name + '.db'));
      const start = cpu();
      for (let i = 0; i < articles.length; i += BATCH_SIZE) {
        const batch = articles.slice(i, i + BATCH_SIZE);
        const results = await store.addArticles(batch.map((b) => b.article));
        if (withStories) {
          const plan = await assignStories(
            batch.map((b, k) => ({ ...b, inserted: results[k]?.inserted ?? false })),
            store,
          );
          await store.saveStories(plan);
        }
      }
      await store.close();
      return cpu() - start;
    };
    // Compiles and first-use costs land here, not on whichever store is filled first.
    await fill('warm', true, prepared.slice(0, 5 * BATCH_SIZE));
    if (${storiesFirst}) {
      out.storeAndStories = await fill('stories', true);
      out.store = await fill('plain', false);
    } else {
      out.store = await fill('plain', false);
      out.storeAndStories = await fill('stories', true);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(JSON.stringify(out));
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number) => n.toFixed(2).padStart(6);

// The parts run the compiled build: a checkout's sources newer than it are built first, as its
// bin would.
const buildScript = join(root, 'scripts', 'build.js');
if (existsSync(buildScript)) await (await import(pathToFileURL(buildScript).href)).buildIfStale();
const corpus = await realCorpus(Number(values.articles));
const runs: Record<Part, number>[] = [];
process.stdout.write(
  `ingest parts, ${corpus.articles} real-text articles (${corpus.dir}), build of ${root}` +
    `${values['one-core'] ? ', one core (taskset -c 0)' : ''}; CPU ms per article\n`,
);
/** A prepare worker's flags: the bin's, with its young generation instead of the main thread's. */
const workerFlags = [
  ...binNodeFlags(root).filter((f) => !f.startsWith('--max-semi-space-size')),
  `--max-semi-space-size=${Math.ceil(YOUNG_GENERATION_MB / 3)}`,
];

/** Runs one child and returns its JSON line. */
function runChild(flags: string[], code: string): Record<string, number> {
  const args = [...flags, '--input-type=module', '-e', code];
  const [command, commandArgs] = values['one-core']
    ? ['taskset', ['-c', '0', process.execPath, ...args]]
    : [process.execPath, args];
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`a run failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as Record<string, number>;
}

for (let run = 0; run < RUNS; run++) {
  const storiesFirst = run % 2 === 1;
  const prepare = runChild(workerFlags, child(corpus.dir, 'prepare', storiesFirst));
  const stored = runChild(binNodeFlags(root), child(corpus.dir, 'store', storiesFirst));
  const raw = { ...stored, prepare: prepare.prepare } as Record<Part, number> & {
    articles: number;
  };
  const perArticle = Object.fromEntries(PARTS.map((p) => [p, raw[p] / raw.articles])) as Record<
    Part,
    number
  >;
  runs.push(perArticle);
  process.stdout.write(
    `run ${run + 1}: prepare ${ms(perArticle.prepare)}  store ${ms(perArticle.store)}  ` +
      `stories ${ms(perArticle.storeAndStories - perArticle.store)}  (stores filled ${run % 2 ? 'stories first' : 'plain first'})\n`,
  );
}
const m = (p: Part) => median(runs.map((r) => r[p]));
const stories = median(runs.map((r) => r.storeAndStories - r.store));
const total = m('prepare') + m('store') + stories;
process.stdout.write(
  `median of ${RUNS}: prepare ${ms(m('prepare'))}  store ${ms(m('store'))}  stories ${ms(stories)}  ` +
    `sum ${ms(total)} ms per article (${(1000 / total).toFixed(0)} articles per CPU-second, before the pool's and the files' own costs)\n`,
);
