/**
 * `npm run bench:brief`: latency of an extractive /brief (p50, p95) on generated corpora of
 * 10,000 and 100,000 articles, with the peak memory of the process that answers, including
 * topics made of very common words. Targets: p95 <= 50 ms at 10,000 and <= 150 ms at 100,000;
 * memory <= 250 MB at 100,000.
 *
 *   tsx scripts/bench-brief.ts [--sizes 10000,100000] [--repeat 15]
 *
 * Each corpus is built once into $TMPDIR (synthetic news through the real quote extractor and
 * store) and reused; queries run in a fresh child process so that building does not count
 * towards the bot's memory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractQuotes } from '../src/analysis/quotes/extract-quotes.ts';
import type { Article } from '../src/articles/article.ts';
import { articleId } from '../src/articles/prepare-article.ts';
import { ExtractiveBriefer } from '../src/briefing/extractive-briefer.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { TOPICS, Writer } from './generate-corpus.ts';

/** Topic classes: a place, a story word, two words, and words found in most paragraphs. */
const QUERIES: Record<string, string[]> = {
  'rare word': ['idlib', 'reykjavik', 'krakow'],
  'topic word': ['ceasefire', 'inflation', 'vaccine'],
  'two words': ['election turnout', 'drought harvest', 'wages strike'],
  'very common word': ['said', 'the', 'people'],
};

function sentenceSpans(p: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /[^.!?]+[.!?]+["”]?\s*/g;
  for (let m = re.exec(p); m; m = re.exec(p))
    spans.push([m.index, m.index + m[0].trimEnd().length]);
  return spans.length ? spans : [[0, p.length]];
}

async function build(path: string, n: number): Promise<void> {
  const tmp = `${path}.partial`;
  rmSync(tmp, { force: true });
  const store = new SqliteStore(tmp);
  const w = new Writer(7);
  const started = Date.now();
  let batch: Article[] = [];
  for (let i = 0; i < n; i++) {
    const topics = w.pick(TOPICS);
    const paragraphs = Array.from({ length: w.int(8, 14) }, () => w.paragraph(topics));
    paragraphs.push(`Report number ${i}.`);
    const { quotes, speakers } = extractQuotes(paragraphs);
    const day = new Date(Date.UTC(2026, 0, 1) + (i / n) * 300 * 86_400_000).toISOString();
    batch.push({
      id: articleId(paragraphs),
      title: w.headline(topics),
      outlet: 'Global Wire',
      url: `https://news.example/${i}`,
      published: day,
      origin: `bench:${i}`,
      raw: paragraphs.join('\n\n'),
      paragraphs,
      captions: [],
      removed: [],
      quotes,
      speakers,
      sentences: paragraphs.map(sentenceSpans),
      ingestedAt: day,
    });
    if (batch.length === 500) {
      await store.addArticles(batch);
      batch = [];
      if ((i + 1) % 10_000 === 0)
        console.error(
          `  built ${i + 1}/${n} (${Math.round((i + 1) / ((Date.now() - started) / 1000))}/s)`,
        );
    }
  }
  await store.addArticles(batch);
  await store.close();
  renameSync(tmp, path);
  rmSync(`${tmp}-wal`, { force: true });
  rmSync(`${tmp}-shm`, { force: true });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Child mode: open the store as the bot does and time briefings. */
async function query(path: string, repeat: number): Promise<void> {
  const store = new SqliteStore(path);
  const briefer = new ExtractiveBriefer(store);
  const result: Record<string, { p50: number; p95: number }> = {};
  for (const [label, topics] of Object.entries(QUERIES)) {
    for (const t of topics) await briefer.brief(t); // warm-up: page cache and statements
    const times: number[] = [];
    for (let r = 0; r < repeat; r++) {
      for (const t of topics) {
        const start = performance.now();
        await briefer.brief(t);
        times.push(performance.now() - start);
      }
    }
    result[label] = { p50: pct(times, 50), p95: pct(times, 95) };
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ result, maxRssMb, articles: await store.countArticles() }));
  await store.close();
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    repeat: { type: 'string', default: '15' },
    child: { type: 'string' },
  },
});

if (values.child) {
  await query(values.child, Number(values.repeat));
} else {
  for (const n of values.sizes.split(',').map(Number)) {
    const path = join(tmpdir(), `newsbrief-bench-brief-${n}-v1.db`);
    if (!existsSync(path)) {
      console.error(`building a corpus of ${n} articles in ${path} …`);
      await build(path, n);
    }
    const runs = [1, 2, 3].map(() => {
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--child',
          path,
          '--repeat',
          values.repeat,
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
        result: Record<string, { p50: number; p95: number }>;
        maxRssMb: number;
        articles: number;
      };
    });
    console.log(`\n${runs[0]?.articles} articles (median of 3 processes):`);
    for (const label of Object.keys(QUERIES)) {
      const p50 = pct(
        runs.map((r) => r.result[label]?.p50 ?? 0),
        50,
      );
      const p95 = pct(
        runs.map((r) => r.result[label]?.p95 ?? 0),
        50,
      );
      console.log(
        `  ${label.padEnd(17)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms`,
      );
    }
    console.log(
      `  peak RSS of the answering process: ${pct(
        runs.map((r) => r.maxRssMb),
        50,
      ).toFixed(0)} MB`,
    );
  }
}
