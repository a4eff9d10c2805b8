/**
 * Scores the quote extractor on a folder of `NAME.txt` + `NAME.quotes.json` (the contract's
 * `quotes --json` shape). Usage: `npm run eval:quotes -- <folder> [--overlap 0.5] [--verbose]`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractQuotes } from '../src/analysis/quotes/extract-quotes.ts';
import {
  combineScores,
  DEFAULT_OVERLAP,
  type KindScore,
  kindFigures,
  type LabelledQuote,
  type QuoteScore,
  scoreQuotes,
} from '../src/analysis/quotes/score-quotes.ts';

/** The article's paragraphs: blank-line separated blocks. Swap in the real cleaner here. */
export function toParagraphs(raw: string): string[] {
  return raw
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** Extracts and scores every labelled article of a folder. */
export function evaluateFolder(
  folder: string,
  overlap = DEFAULT_OVERLAP,
  paragraphsOf: (raw: string) => string[] = toParagraphs,
): { total: QuoteScore; articles: { name: string; score: QuoteScore }[] } {
  const names = readdirSync(folder)
    .filter((f) => f.endsWith('.quotes.json'))
    .map((f) => f.slice(0, -'.quotes.json'.length))
    // Labels without their article (seed-rest labels the raw seed, read by a test) are not scored here.
    .filter((name) => existsSync(join(folder, `${name}.txt`)))
    .sort();
  const articles = names.map((name) => {
    const gold = JSON.parse(
      readFileSync(join(folder, `${name}.quotes.json`), 'utf8'),
    ) as LabelledQuote[];
    const paragraphs = paragraphsOf(readFileSync(join(folder, `${name}.txt`), 'utf8'));
    const predicted = extractQuotes(paragraphs).quotes.map(
      ({ speaker, quote, kind, paragraph }) => ({
        speaker,
        quote,
        kind,
        paragraph,
      }),
    );
    return { name, score: scoreQuotes(gold, predicted, overlap) };
  });
  return { total: combineScores(articles.map((a) => a.score)), articles };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function line(label: string, k: KindScore): string {
  const f = kindFigures(k);
  return (
    `${label.padEnd(9)} gold ${String(k.gold).padStart(4)}  found ${String(k.predicted).padStart(4)}  ` +
    `matched ${String(k.matched).padStart(4)}  P ${pct(f.precision)}  R ${pct(f.recall)}  F1 ${f.f1.toFixed(3)}  ` +
    `speaker ${pct(f.speakerAccuracy)} (${k.speakerCorrect}/${k.matched})`
  );
}

function main(argv: string[]): void {
  const folder = argv.find((a) => !a.startsWith('--'));
  if (!folder) {
    console.error('usage: eval-quotes <folder> [--overlap 0.5] [--verbose]');
    process.exitCode = 2;
    return;
  }
  const o = argv.indexOf('--overlap');
  const overlap = o >= 0 ? Number(argv[o + 1]) : DEFAULT_OVERLAP;
  const { total, articles } = evaluateFolder(folder, overlap);
  console.log(
    `${articles.length} articles in ${folder}; quotes match on word overlap >= ${overlap} of the longer quote, same paragraph`,
  );
  console.log(line('direct', total.direct));
  console.log(line('reported', total.reported));
  if (argv.includes('--verbose')) {
    for (const a of articles) {
      for (const i of a.score.issues) {
        const who = [i.expected && `expected ${i.expected}`, i.got && `got ${i.got}`]
          .filter(Boolean)
          .join(', ');
        console.log(
          `  ${a.name} ¶${i.paragraph} ${i.kind} ${i.issue}: ${i.quote.slice(0, 70)} (${who})`,
        );
      }
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
