import type { QuoteSpan } from './quote-spans.ts';

/** A sentence of a paragraph, as paragraph-relative offsets `[start, end)`. */
export interface SentenceRange {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'gen',
  'lt',
  'col',
  'sgt',
  'capt',
  'prof',
  'rev',
  'gov',
  'sen',
  'rep',
  'no',
  'inc',
  'co',
  'corp',
  'ltd',
  'vs',
  'etc',
  'u.s',
  'u.k',
  'u.n',
  'e.g',
  'i.e',
]);

function endsAbbreviation(paragraph: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(paragraph[i - 1]!)) i--;
  const word = paragraph.slice(i, dot).toLowerCase();
  return word.length === 1 || ABBREVIATIONS.has(word);
}

const startsSentence = (c: string | undefined) => c === undefined || /[\p{Lu}\p{N}"“‘'«(]/u.test(c);

/**
 * Splits a paragraph into sentences in one pass, stepping over quotations whole: a full stop inside
 * a quote ends the outer sentence only when the quote ends with it and a new sentence follows.
 */
export function sentenceRanges(paragraph: string, spans: readonly QuoteSpan[]): SentenceRange[] {
  const out: SentenceRange[] = [];
  const n = paragraph.length;
  let start = 0;
  let k = 0;
  const cut = (end: number) => {
    if (end > start) out.push({ start, end });
    start = end;
    while (start < n && /\s/.test(paragraph[start]!)) start++;
  };
  for (let i = 0; i < n; i++) {
    const span = spans[k];
    if (span && i === span.open) {
      k++;
      i = span.close - 1;
      const last = paragraph[span.end - 1];
      let j = span.close;
      while (j < n && paragraph[j] === ' ') j++;
      if (
        span.closed &&
        last &&
        '.!?'.includes(last) &&
        j > span.close &&
        startsSentence(paragraph[j])
      ) {
        cut(span.close);
      }
      continue;
    }
    const c = paragraph[i]!;
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(paragraph[i + 1] ?? ' ')) {
      let j = i + 1;
      while (j < n && /\s/.test(paragraph[j]!)) j++;
      if (startsSentence(paragraph[j]) && !(c === '.' && endsAbbreviation(paragraph, i)))
        cut(i + 1);
    }
  }
  cut(n);
  return out;
}
