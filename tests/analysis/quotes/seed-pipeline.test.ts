import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quoteFigures, scoreQuotes } from '../../../src/analysis/quotes/score-quotes.ts';
import { prepareArticle } from '../../../src/articles/prepare-article.ts';
import { SAMPLES } from '../../../src/paths.ts';

interface Label {
  speaker: string;
  quote: string;
  kind: 'direct' | 'reported';
  paragraph: number;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The seed through the real pipeline (raw file -> cleaner -> extractor), held to the hand labels.
 * The labels were written against hand-cleaned paragraphs, so each label's paragraph is found
 * again in the real cleaner's output by its words.
 */
describe('quotes of the raw seed, cleaned by the real cleaner', () => {
  const raw = readFileSync(join(SAMPLES, 'idlib-tehran-summit.txt'), 'utf8');
  const article = prepareArticle({ raw, format: 'text', origin: 'seed' });
  // seed.quotes.json labels the first half (hand-cleaned in seed.txt); seed-rest the remainder.
  const read = (name: string) =>
    JSON.parse(
      readFileSync(join(import.meta.dirname, '../../fixtures/quotes', name), 'utf8'),
    ) as Label[];
  const labels = [...read('seed.quotes.json'), ...read('seed-rest.quotes.json')];
  const gold = labels.map((l) => ({
    ...l,
    paragraph: article.paragraphs.findIndex((p) => fold(p).includes(fold(l.quote))),
  }));

  it('finds every labelled paragraph in the cleaned text', () => {
    expect(gold.filter((g) => g.paragraph < 0)).toEqual([]);
  });

  it('finds every labelled quote with the right speaker', () => {
    const score = scoreQuotes(gold, article.quotes);
    expect(score.issues).toEqual([]);
    const f = quoteFigures(score);
    expect(f.f1).toBe(1);
    expect(f.speakerAccuracy).toBe(1);
    expect(f.reportedRecall).toBe(1);
  });

  it('keeps every quote verbatim at its offsets in the clean text', () => {
    const text = article.paragraphs.join('\n\n');
    for (const q of article.quotes) expect(text.slice(q.start, q.end)).toBe(q.quote);
  });
});
