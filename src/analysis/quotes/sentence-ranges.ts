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

const LETTER_OR_DOT = /[\p{L}.]/u;
const SENTENCE_START = /[\p{Lu}\p{N}"“‘'«(]/u;
const SPACE = /\s/;
/** Sentence ends: the scan jumps from one to the next instead of visiting every character. */
const TERMINATOR = /[.!?]/g;

function isLetterOrDot(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 46 || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_OR_DOT.test(c);
}

function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(c);
}

function endsAbbreviation(paragraph: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && isLetterOrDot(paragraph[i - 1]!)) i--;
  const word = paragraph.slice(i, dot).toLowerCase();
  return word.length === 1 || ABBREVIATIONS.has(word);
}

const startsSentence = (c: string | undefined) => c === undefined || SENTENCE_START.test(c);

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
    while (start < n && isSpace(paragraph[start]!)) start++;
  };
  const terminators = TERMINATOR;
  let i = 0;
  let t = -1;
  while (i < n) {
    const span = spans[k];
    // The next terminator stays valid across the quotations before it: each character is searched once.
    if (t < i) {
      terminators.lastIndex = i;
      t = terminators.exec(paragraph)?.index ?? n;
    }
    if (span && span.open < t) {
      k++;
      i = span.close;
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
    if (t >= n) break;
    const c = paragraph[t]!;
    if (isSpace(paragraph[t + 1] ?? ' ')) {
      let j = t + 1;
      while (j < n && isSpace(paragraph[j]!)) j++;
      if (startsSentence(paragraph[j]) && !(c === '.' && endsAbbreviation(paragraph, t)))
        cut(t + 1);
    }
    i = t + 1;
  }
  cut(n);
  return out;
}
