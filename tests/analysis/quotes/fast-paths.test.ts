import { describe, expect, it } from 'vitest';
import { dedupeQuotes } from '../../../src/analysis/quotes/dedupe-quotes.ts';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { speakerPhrase } from '../../../src/analysis/quotes/speaker-phrase.ts';
import { speechVerb } from '../../../src/analysis/quotes/speech-verbs.ts';
import { wordCharAt } from '../../../src/analysis/word-char-at.ts';
import type { Quote } from '../../../src/articles/article.ts';

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

describe('extractQuotes keeps every occurrence', () => {
  it('keeps a quote repeated in another paragraph (a pull quote), each with its paragraph', () => {
    const q = extractQuotes([
      '“We will rebuild every school in the valley,” said Anna Berg.',
      'A caption read: “We will rebuild every school in the valley,” Anna Berg said.',
    ]).quotes;
    expect(q.filter((x) => x.kind === 'direct').map((x) => [x.paragraph, x.speaker])).toEqual([
      [0, 'Anna Berg'],
      [1, 'Anna Berg'],
    ]);
  });
});

describe('dedupeQuotes', () => {
  const quote = (text: string, speaker = 'Anna Berg', kind: Quote['kind'] = 'direct'): Quote => ({
    speaker,
    quote: text,
    kind,
    paragraph: 0,
    start: 0,
    end: text.length,
  });

  it('matches an ASCII quote with the same words written with other marks, case and spacing', () => {
    const kept = dedupeQuotes([
      quote('We will rebuild every school in the valley, and we will start on Monday'),
      quote('WE WILL REBUILD — every school in the valley… and we will start on Monday!'),
      quote('we will   rebuild every school in the valley and we will start on monday'),
    ]);
    expect(kept).toHaveLength(1);
  });

  it('matches beyond the hashed start only when every word is the same', () => {
    const start = 'the committee will publish its full report on the collapse of the bridge';
    const kept = dedupeQuotes([quote(`${start} next week`), quote(`${start} next year`)]);
    expect(kept).toHaveLength(2);
  });

  it('tells direct from reported speech and short quotes by speaker', () => {
    const kept = dedupeQuotes([
      quote('the plan is fine as it stands', 'Anna Berg', 'direct'),
      quote('the plan is fine as it stands', 'Anna Berg', 'reported'),
      quote('Not yet', 'Anna Berg'),
      quote('not yet!', 'Peter Vance'),
      quote('Not yet.', 'Anna Berg'),
    ]);
    expect(kept.map((q) => [q.kind, q.speaker, q.quote])).toEqual([
      ['direct', 'Anna Berg', 'the plan is fine as it stands'],
      ['reported', 'Anna Berg', 'the plan is fine as it stands'],
      ['direct', 'Anna Berg', 'Not yet'],
      ['direct', 'Peter Vance', 'not yet!'],
    ]);
  });

  it('folds case outside ASCII as toLowerCase does', () => {
    expect(
      dedupeQuotes([
        quote('ÉMILIE ROUX A DIT NON CE MATIN'),
        quote('Émilie Roux a dit non ce matin'),
      ]),
    ).toHaveLength(1);
  });
});
