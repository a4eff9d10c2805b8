/**
 * Quote extraction throughput: articles per second on one core, median of 3 runs, over the
 * fixture articles cycled to ~5 KB each. Usage: `npm run bench:quotes -- [--seconds 2]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/analysis/quotes/extract-quotes.ts';

/** An article's paragraphs: blank-line separated blocks, wrapped lines joined. */
export function toParagraphs(raw: string): string[] {
  return raw
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/quotes/', import.meta.url));

/** ~5 KB articles built from the fixture paragraphs, rotated so no two articles are the same. */
export function benchArticles(count: number, targetBytes = 5_000): string[][] {
  const pool: string[] = [];
  for (const dir of ['', 'dev/', 'holdout/']) {
    for (const f of readdirSync(FIXTURES + dir).filter((n) => n.endsWith('.txt'))) {
      pool.push(...toParagraphs(readFileSync(FIXTURES + dir + f, 'utf8')));
    }
  }
  const articles: string[][] = [];
  let k = 0;
  for (let a = 0; a < count; a++) {
    const paragraphs: string[] = [];
    let bytes = 0;
    while (bytes < targetBytes) {
      const p = pool[k++ % pool.length]!;
      paragraphs.push(p);
      bytes += p.length + 2;
    }
    k += a % 7;
    articles.push(paragraphs);
  }
  return articles;
}

/** Articles per second of wall time, and per second of this process's CPU time. */
function run(articles: readonly string[][], seconds: number): { wall: number; cpu: number } {
  let done = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - t0 < seconds * 1000) {
    extractQuotes(articles[done % articles.length]!);
    done++;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    wall: done / ((performance.now() - t0) / 1000),
    cpu: done / ((cpu.user + cpu.system) / 1e6),
  };
}

function main(argv: string[]): void {
  const s = argv.indexOf('--seconds');
  const seconds = s >= 0 ? Number(argv[s + 1]) : 2;
  const articles = benchArticles(500);
  const kb = articles.reduce((n, a) => n + a.join('\n\n').length, 0) / articles.length / 1000;
  run(articles, 0.5); // warm-up
  const runs = [run(articles, seconds), run(articles, seconds), run(articles, seconds)];
  const rates = runs.map((r) => r.wall).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
  console.log(
    `quote extraction: ${Math.round(rates[1]!)} articles/s (median of 3 runs of ${seconds}s; articles ~${kb.toFixed(1)} KB; runs ${rates.map(Math.round).join(', ')})`,
  );
  // On a shared machine the wall-clock rate swings with other load; CPU time shows the code's own cost.
  console.log(`per CPU second: ${Math.round(cpu[1]!)} articles/s (median of the same 3 runs)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
