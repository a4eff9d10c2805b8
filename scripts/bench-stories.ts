/**
 * `npm run bench:stories`: what story assignment costs per article on a real SQLite store, as
 * ingest's writing thread pays it: CPU ms of `assignStories` (its store look-ups included) and of
 * `saveStories`, over the 840-article PolNeAR stream in ingest's batches, in published order, its
 * dates squeezed `--density` times (more stories in each window, as in a busy feed reader).
 *
 * With `--baseline <checkout>` (e.g. an export of the commit before a change, with node_modules)
 * the same runs alternate between the two checkouts, each in a fresh process, and medians are
 * compared: this machine is shared, so figures from separate runs are not comparable.
 *
 *   tsx scripts/bench-stories.ts [--runs 5] [--density 1] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const DATA = join(root, '..', 'shared', 'data', 'polnear-train.articles.json');

interface Cost {
  assign: number;
  save: number;
  total: number;
}

/** One measurement in this process, with the modules of `checkout`. */
async function measure(checkout: string, density: number): Promise<Cost> {
  const load = (path: string) => import(pathToFileURL(join(checkout, path)).href);
  const { loadStream } = await load('scripts/eval-stories.ts');
  const { assignStories } = await load('src/stories/assign-stories.ts');
  const { SqliteStore } = await load('src/store/sqlite/sqlite-store.ts');
  const { BATCH_SIZE } = await load('src/articles/ingest.ts');
  const stream = await loadStream(
    DATA,
    join(checkout, 'tests', 'fixtures', 'stories', 'polnear-train.stories.json'),
  );
  type Article = { published: string };
  let articles = stream.articles.map((s: { article: Article }) => s.article) as Article[];
  const start = Date.parse(articles[0]?.published ?? '');
  if (density !== 1) {
    articles = articles.map((a) => ({
      ...a,
      published: new Date(start + (Date.parse(a.published) - start) / density).toISOString(),
    }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-stories-'));
  const store = new SqliteStore(join(dir, 'store.db'));
  const ms = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let assign = 0;
  let save = 0;
  try {
    for (let i = 0; i < articles.length; i += BATCH_SIZE) {
      const batch = articles
        .slice(i, i + BATCH_SIZE)
        .map((article) => ({ article, inserted: true }));
      let since = process.cpuUsage();
      const plan = await assignStories(batch, store);
      assign += ms(since);
      since = process.cpuUsage();
      await store.saveStories(plan);
      save += ms(since);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const n = articles.length;
  return { assign: assign / n, save: save / n, total: (assign + save) / n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      density: { type: 'string', default: '1' },
      baseline: { type: 'string' },
      child: { type: 'string' },
    },
  });
  const density = Number(values.density);
  if (values.child) {
    console.log(JSON.stringify(await measure(resolve(values.child), density)));
    return;
  }
  const setups = [{ label: 'this checkout', root }];
  if (values.baseline) setups.unshift({ label: 'baseline', root: resolve(values.baseline) });
  const results = new Map<string, Cost[]>();
  const script = fileURLToPath(import.meta.url);
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const { label, root: checkout } of setups) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', script, '--child', checkout, '--density', String(density)],
        { cwd: root, encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${label}: ${child.stderr.slice(-2000)}`);
      const cost = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as Cost;
      results.set(label, [...(results.get(label) ?? []), cost]);
      console.log(
        `run ${run} ${label.padEnd(14)} assign ${cost.assign.toFixed(3)}  save ${cost.save.toFixed(3)}  total ${cost.total.toFixed(3)} ms/article  load ${loadavg()[0]?.toFixed(1)}`,
      );
    }
  }
  console.log(`\nmedians, ms of CPU per article (stream ${density}x dense):`);
  for (const [label, costs] of results) {
    const [assign, save, total] = (['assign', 'save', 'total'] as const).map((k) =>
      median(costs.map((c) => c[k])).toFixed(3),
    );
    console.log(`  ${label.padEnd(14)} assign ${assign}  save ${save}  total ${total}`);
  }
}

await main();
