/**
 * `npm run bench:ingest`: clean + analyse + store throughput on a generated corpus, read in
 * batches by `ingestPaths` (never the whole corpus in memory). Median of 3 runs, each into a fresh
 * temp database, with baselines measured in the same run (prepare-only, no-quotes, store-only,
 * Readability-only) so machine noise can be judged, and a per-CPU-second figure. Baselines read
 * files the way ingest does (`readTextFile`). Run with the process flag `npm start` uses
 * (`--max-semi-space-size=32`: a larger young generation, fewer scavenges; +10-20% text ingest
 * in three back-to-back pairs, also after cleaning stopped allocating word sets).
 *
 *   tsx scripts/bench-ingest.ts [--texts 10000] [--html 500] [--runs 3] [--corpus <folder>]
 *   node --cpu-prof --import tsx scripts/bench-ingest.ts --texts 2000 --html 100 --runs 1
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { paragraphSentences } from '../src/analysis/sentences.ts';
import type { Article } from '../src/articles/article.ts';
import { ingestPaths } from '../src/articles/ingest.ts';
import { cleanInput, prepareArticle } from '../src/articles/prepare-article.ts';
import { htmlToArticle } from '../src/articles/sources/html-to-article.ts';
import { readTextFile } from '../src/articles/sources/read-text-file.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { generateCorpus } from './generate-corpus.ts';

const { values } = parseArgs({
  options: {
    texts: { type: 'string', default: '10000' },
    html: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    corpus: { type: 'string' },
  },
});
const TEXTS = Number(values.texts);
const HTML = Number(values.html);
const RUNS = Math.max(1, Number(values.runs));
const TARGET_TEXT = 400;
const TARGET_HTML = 50;
const log = pino({ level: 'silent' });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const fmt = (n: number) => n.toFixed(0).padStart(6);

/** Every file under a folder, sorted (the corpus is two levels deep). */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of (await readdir(dir)).sort()) {
    for (const name of (await readdir(join(dir, sub))).sort()) out.push(join(dir, sub, name));
  }
  return out;
}

async function corpusFolder(): Promise<{ textDir: string; htmlDir: string }> {
  const dir = values.corpus ?? join(tmpdir(), `newsbrief-bench-corpus-${TEXTS}-${HTML}-v1`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    process.stdout.write(`Generating ${TEXTS} text articles and ${HTML} HTML pages in ${dir}…\n`);
    await rm(dir, { recursive: true, force: true });
    await generateCorpus(dir, { texts: TEXTS, html: HTML, seed: 42 });
    await writeFile(marker, new Date().toISOString());
  } else {
    process.stdout.write(`Reusing the corpus in ${dir}\n`);
  }
  return { textDir: join(dir, 'text'), htmlDir: join(dir, 'html') };
}

/**
 * Items per second of `ingestPaths` into a fresh temp database, by the wall clock and per second
 * of CPU time the process used (all its threads: the main one, GC helpers, libuv). The CPU figure
 * is what "on one core" means and moves less when other work shares the machine.
 */
async function ingestRate(dir: string, expected: number): Promise<{ wall: number; cpu: number }> {
  const dbDir = await mkdtemp(join(tmpdir(), 'newsbrief-bench-db-'));
  const store = new SqliteStore(join(dbDir, 'bench.db'));
  try {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await ingestPaths([dir], { store, log });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const handled = summary.added + summary.duplicates + summary.failed.length;
    if (handled !== expected) throw new Error(`handled ${handled} of ${expected} inputs`);
    if (summary.failed.length > 0) {
      throw new Error(`${summary.failed.length} failed, e.g. ${JSON.stringify(summary.failed[0])}`);
    }
    return { wall: handled / seconds, cpu: handled / cpuSeconds };
  } finally {
    await store.close();
    await rm(dbDir, { recursive: true, force: true });
  }
}

/** Baseline: the whole preparation (read, clean, sentences, quotes), no store (2,000 files). */
async function prepareOnlyRate(files: string[]): Promise<{ rate: number; articles: Article[] }> {
  const articles: Article[] = [];
  const started = performance.now();
  for (const file of files) {
    const raw = await readTextFile(file);
    articles.push(prepareArticle({ raw, format: 'text', origin: file }));
  }
  return { rate: files.length / ((performance.now() - started) / 1000), articles };
}

/** Baseline: read + clean + sentences, without quote attribution and the store. */
async function noQuotesRate(files: string[]): Promise<number> {
  const started = performance.now();
  for (const file of files) {
    const raw = await readTextFile(file);
    paragraphSentences(cleanInput({ raw, format: 'text', origin: file }).paragraphs);
  }
  return files.length / ((performance.now() - started) / 1000);
}

/** Baseline: store-only, the same prepared articles into a fresh database in batches of 200. */
async function storeOnlyRate(articles: Article[]): Promise<number> {
  const dbDir = await mkdtemp(join(tmpdir(), 'newsbrief-bench-db-'));
  const store = new SqliteStore(join(dbDir, 'bench.db'));
  try {
    const started = performance.now();
    for (let i = 0; i < articles.length; i += 200)
      await store.addArticles(articles.slice(i, i + 200));
    return articles.length / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
    await rm(dbDir, { recursive: true, force: true });
  }
}

/** Baseline: Readability on linkedom alone, the HTML pipeline's floor. */
async function readabilityOnlyRate(files: string[]): Promise<number> {
  const pages = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const started = performance.now();
  for (const page of pages) htmlToArticle(page);
  return pages.length / ((performance.now() - started) / 1000);
}

const { textDir, htmlDir } = await corpusFolder();
const textFiles = await filesUnder(textDir);
const htmlFiles = HTML > 0 ? await filesUnder(htmlDir) : [];
const sample = textFiles.slice(0, 2000);
const results = {
  text: [] as number[],
  textCpu: [] as number[],
  html: [] as number[],
  prepare: [] as number[],
  noQuotes: [] as number[],
  store: [] as number[],
  readability: [] as number[],
};
const load = () => loadavg()[0]?.toFixed(1);
console.log(`load average at start: ${load()} (${process.env.CI ? 'CI' : 'shared machine'})`);

// Warm-up, not counted: compiles the hot paths and brings the files into the
// page cache, so that run 1 measures the same steady state as runs 2 and 3.
const warmup = textFiles.slice(0, 1000);
await prepareOnlyRate(warmup);
console.log(`warm-up: ${warmup.length} files prepared once, not counted`);

for (let run = 1; run <= RUNS; run++) {
  const text = await ingestRate(textDir, textFiles.length);
  const html = htmlFiles.length > 0 ? (await ingestRate(htmlDir, htmlFiles.length)).wall : 0;
  const prepared = await prepareOnlyRate(sample);
  const store = await storeOnlyRate(prepared.articles);
  const noQuotes = await noQuotesRate(sample);
  const readability = htmlFiles.length > 0 ? await readabilityOnlyRate(htmlFiles.slice(0, 200)) : 0;
  results.text.push(text.wall);
  results.textCpu.push(text.cpu);
  results.html.push(html);
  results.prepare.push(prepared.rate);
  results.noQuotes.push(noQuotes);
  results.store.push(store);
  results.readability.push(readability);
  process.stdout.write(
    `run ${run}: text ${fmt(text.wall)}/s (${fmt(text.cpu)}/CPU-s)  html ${fmt(html)}/s  | prepare-only ${fmt(prepared.rate)}/s  no-quotes ${fmt(noQuotes)}/s  store-only ${fmt(store)}/s  readability-only ${fmt(readability)}/s  load ${load()}  heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB\n`,
  );
}

const text = median(results.text);
const html = median(results.html);
const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
process.stdout.write(`
ingest (clean + sentences + quotes + store), median of ${RUNS}, node ${process.version}:
  text articles ${fmt(text)}/s  (${textFiles.length} files; target >= ${TARGET_TEXT}: ${mark(text >= TARGET_TEXT)})
                ${fmt(median(results.textCpu))}/CPU-second  (articles per second of CPU time, all threads)
  HTML pages    ${fmt(html)}/s  (${htmlFiles.length} files; target >= ${TARGET_HTML}: ${mark(html >= TARGET_HTML)})
baselines, median of ${RUNS}:
  prepare-only     ${fmt(median(results.prepare))}/s  (read + clean + sentences + quotes, ${sample.length} text files, no store)
  no-quotes        ${fmt(median(results.noQuotes))}/s  (read + clean + sentences: the issue's reference pipeline without its FTS index)
  store-only       ${fmt(median(results.store))}/s  (addArticles of the prepared articles, batches of 200)
  readability-only ${fmt(median(results.readability))}/s  (htmlToArticle on ${Math.min(200, htmlFiles.length)} pages)
`);
