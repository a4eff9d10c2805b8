/**
 * Builds `src/analysis/quotes/lexicon/common-words.json`: the words news writes in lower case and
 * almost never capitalises inside a sentence ("hours", "current", "whenever"), read from a folder
 * of real articles through the cleaner and the quote reader's own sentence boundaries. A speaker
 * that is one such word, capitalised only because it opens a sentence ("Hours later, the
 * campaign said"), is no name (`SpeakerBook`). Names that are also words ("Bush", "Will", "Rice")
 * are capitalised inside sentences often enough to stay out of the list.
 *
 *   npm run build:common-words -- <folder> [--half a|b] [--out <file>]
 *
 * `--half` reads one half of the labelled articles only (as `eval:quotes` splits them), to check
 * on the other half that the list generalises; without `--out` it writes the lexicon file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eachWordOpening, readParagraph } from '../src/analysis/quotes/paragraph.ts';
import { cleanInput } from '../src/articles/prepare-article.ts';
import { labelledArticles } from './eval-quotes.ts';

const OUT = join(import.meta.dirname, '../src/analysis/quotes/lexicon/common-words.json');
/** A word is common when written in lower case this often… */
const MIN_LOWER = 4;
/** …and capitalised inside a sentence at most this share of those times. */
const MAX_CAPITALISED = 0.05;

/** Per lower-cased word: times written in lower case, times capitalised inside a sentence. */
export function wordCase(paragraphs: Iterable<string>): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const text of paragraphs) {
    eachWordOpening(readParagraph(text, 0), (w, opens) => {
      if (!/^\p{L}+$/u.test(w.text)) return;
      const lower = w.text === w.lower;
      if (!lower && opens) return;
      const c = counts.get(w.lower) ?? [0, 0];
      c[lower ? 0 : 1]++;
      counts.set(w.lower, c);
    });
  }
  return counts;
}

/** The common words of `wordCase`'s counts, sorted. */
export function commonWords(counts: ReadonlyMap<string, [number, number]>): string[] {
  return [...counts]
    .filter(
      ([w, [lower, upper]]) =>
        w.length > 1 && lower >= MIN_LOWER && upper <= MAX_CAPITALISED * lower,
    )
    .map(([w]) => w)
    .sort();
}

function* articleParagraphs(folder: string, half?: string): Generator<string> {
  const names = labelledArticles(folder);
  for (let i = 0; i < names.length; i++) {
    if (half && (i % 2 === 0 ? 'a' : 'b') !== half) continue;
    const raw = readFileSync(join(folder, `${names[i]}.txt`), 'utf8');
    yield* cleanInput({ raw, format: 'text', origin: names[i] }).paragraphs;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { half: { type: 'string' }, out: { type: 'string' } },
  });
  const folder = positionals[0];
  if (!folder || (values.half !== undefined && values.half !== 'a' && values.half !== 'b')) {
    console.error('usage: build-common-words <folder> [--half a|b] [--out <file>]');
    process.exit(2);
  }
  const words = commonWords(wordCase(articleParagraphs(folder, values.half)));
  const about =
    'Words news writes in lower case and capitalises inside a sentence at most ' +
    `${MAX_CAPITALISED * 100}% of ${MIN_LOWER}+ times, from ${folder.split('/').at(-1)}` +
    `${values.half ? ` (half ${values.half})` : ''}; built by scripts/build-common-words.ts.`;
  writeFileSync(values.out ?? OUT, `${JSON.stringify({ _: about, words }, null, 2)}\n`);
  console.log(`${words.length} common words -> ${values.out ?? OUT}`);
}
