/**
 * Scores who-said-what on a folder of labelled articles (`NAME.txt` + `NAME.quotes.json` in the
 * contract's `quotes --json` shape) by the rules of `../shared/data/README.md`, running each raw
 * article through the path ingest uses (`prepareArticle`: the real cleaner, then analysis).
 *
 *   npm run eval:quotes -- <folder> [--half a|b] [--errors]
 *
 * Prints the figures over all articles and over two halves (alternate articles by name), so that
 * a rule developed on one half can be checked on the other. `--half` keeps one half only;
 * `--errors` prints every missed quote, false positive and wrong speaker.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  addScores,
  type LabelledQuote,
  type QuoteScore,
  quoteFigures,
  scoreQuotes,
} from '../src/analysis/quotes/score-quotes.ts';
import { prepareArticle } from '../src/articles/prepare-article.ts';

/** One scored article. */
export interface ArticleResult {
  name: string;
  /** 'a' for the 1st, 3rd, 5th… article by name, 'b' for the others. */
  half: 'a' | 'b';
  score: QuoteScore;
}

/** The labelled articles of a folder, by name. */
export function labelledArticles(folder: string): string[] {
  return (
    readdirSync(folder)
      .filter((f) => f.endsWith('.quotes.json'))
      .map((f) => f.slice(0, -'.quotes.json'.length))
      // Labels without their article (seed-rest labels the raw seed, read by a test) are not scored here.
      .filter((name) => existsSync(join(folder, `${name}.txt`)))
      .sort()
  );
}

/** Prepares and scores every labelled article of a folder, or of one half of it. */
export function evaluateFolder(folder: string, half?: 'a' | 'b'): ArticleResult[] {
  const out: ArticleResult[] = [];
  labelledArticles(folder).forEach((name, i) => {
    const h = i % 2 === 0 ? 'a' : 'b';
    if (half && h !== half) return;
    const gold = JSON.parse(
      readFileSync(join(folder, `${name}.quotes.json`), 'utf8'),
    ) as LabelledQuote[];
    const raw = readFileSync(join(folder, `${name}.txt`), 'utf8');
    const article = prepareArticle({ raw, format: 'text', origin: name });
    out.push({ name, half: h, score: scoreQuotes(gold, article.quotes) });
  });
  return out;
}

const pct = (x: number) => x.toFixed(3);

/** One line of figures, e.g. for "all 840". */
export function figuresLine(label: string, s: QuoteScore): string {
  const f = quoteFigures(s);
  return (
    `${label.padEnd(10)} direct P ${pct(f.precision)} R ${pct(f.recall)} F1 ${pct(f.f1)} ` +
    `(labels ${s.direct.gold}, found ${s.direct.predicted}, matched ${s.direct.matched})  ` +
    `speaker ${pct(f.speakerAccuracy)} (${s.speakers.right}/${s.speakers.scored})  ` +
    `reported recall ${pct(f.reportedRecall)} (${s.reported.matched}/${s.reported.gold})`
  );
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { half: { type: 'string' }, errors: { type: 'boolean', default: false } },
  });
  const folder = positionals[0];
  const half = values.half;
  if (!folder || (half !== undefined && half !== 'a' && half !== 'b')) {
    console.error('usage: eval-quotes <folder> [--half a|b] [--errors]');
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const results = evaluateFolder(folder, half);
  const seconds = (performance.now() - started) / 1000;
  if (values.errors) {
    for (const { name, score } of results) {
      for (const i of score.issues) {
        const who = [i.expected !== undefined && `label: ${i.expected}`, i.got && `got: ${i.got}`]
          .filter(Boolean)
          .join('; ');
        console.log(`${name}\t${i.kind} ${i.issue}\t${JSON.stringify(i.quote)}\t(${who})`);
      }
    }
  }
  console.log(
    `${results.length} articles in ${folder} (${seconds.toFixed(1)} s): match by token Dice >= 0.6, one to one`,
  );
  console.log(figuresLine(`all ${results.length}`, addScores(results.map((r) => r.score))));
  for (const h of ['a', 'b'] as const) {
    const part = results.filter((r) => r.half === h);
    if (part.length > 0 && part.length < results.length)
      console.log(figuresLine(`half ${h}`, addScores(part.map((r) => r.score))));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
