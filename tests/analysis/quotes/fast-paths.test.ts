import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { quoteSpans } from '../../../src/analysis/quotes/quote-spans.ts';
import { sentenceRanges } from '../../../src/analysis/quotes/sentence-ranges.ts';
import { speakerPhrase } from '../../../src/analysis/quotes/speaker-phrase.ts';
import { speechVerb } from '../../../src/analysis/quotes/speech-verbs.ts';
import { wordCharAt } from '../../../src/analysis/quotes/word-char-at.ts';

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

describe('wordCharAt', () => {
  it('agrees with [\\p{L}\\p{N}] on every BMP code unit outside the surrogates', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCharCode(c);
      if (wordCharAt(s, 0) !== (LETTER_OR_DIGIT.test(s) ? 1 : 0)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });

  it('reads surrogate pairs as one code point and lone halves as neither', () => {
    expect(wordCharAt('𝐀b', 0)).toBe(2); // MATHEMATICAL BOLD CAPITAL A, a letter
    expect(wordCharAt('𝟘', 0)).toBe(2); // a digit
    expect(wordCharAt('😀', 0)).toBe(0);
    expect(wordCharAt('\ud835x', 0)).toBe(0);
    expect(wordCharAt('\udc00', 0)).toBe(0);
    expect(wordCharAt('ab', 2)).toBe(0);
  });
});

describe('speechVerb', () => {
  it('finds short and long forms and rejects other words of the same first letter and length', () => {
    for (const form of ['say', 'said', 'says', 'saying', 'told', 'acknowledging', 'criticised'])
      expect(speechVerb(form), form).toBeDefined();
    for (const word of ['sat', 'sail', 'the', 'a', '', 'acknowledgingly', 'x'.repeat(40)])
      expect(speechVerb(word), word).toBeUndefined();
  });
});

describe('speakerPhrase memo', () => {
  it('answers a repeated phrase the same way, whatever came before it', () => {
    const first = speakerPhrase('Ms Clara Holt');
    speakerPhrase('the Northwind Group');
    speakerPhrase('he');
    expect(speakerPhrase('Ms Clara Holt')).toEqual(first);
    expect(first).toMatchObject({ kind: 'person', name: 'Clara Holt', gender: 'f' });
    expect(speakerPhrase('the minister, who spoke on condition of anonymity')).toMatchObject({
      kind: 'description',
    });
  });
});

describe('extractQuotes dedupe', () => {
  it('keeps a long quote repeated in another paragraph once, whatever its case and punctuation', () => {
    const q = extractQuotes([
      '“We will rebuild every school in the valley,” said Anna Berg.',
      'A caption read: “We will rebuild every school in the valley,” Anna Berg said.',
      'Later she added: "WE WILL REBUILD every school -- in the valley."',
    ]).quotes;
    expect(q.filter((x) => x.kind === 'direct')).toHaveLength(1);
  });

  it('keeps a short quote once per speaker', () => {
    const q = extractQuotes([
      '“Not yet,” said Anna Berg.',
      '“Not yet,” said Peter Vance.',
      '“Not yet,” Anna Berg said.',
    ]).quotes;
    expect(q.map((x) => x.speaker)).toEqual(['Anna Berg', 'Peter Vance']);
  });
});

describe('sentenceRanges', () => {
  it('stays linear with thousands of quotations and no full stop', () => {
    const paragraph = 'he said "yes" and '.repeat(20_000);
    const t0 = performance.now();
    const ranges = sentenceRanges(paragraph, quoteSpans(paragraph));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(ranges).toEqual([{ start: 0, end: paragraph.length }]);
  });
});
