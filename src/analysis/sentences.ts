import { abbreviation } from './abbreviations.ts';
import openers from './lexicon/sentence-openers.json' with { type: 'json' };
import { type QuoteSpan, quoteSpans } from './quote-spans.ts';
import { speechVerb } from './quotes/speech-verbs.ts';

/** A sentence as `[start, end)` character offsets in its paragraph. */
export type SentenceSpan = [number, number];

const OPENERS = new Set(openers.words);
const SPACE = /\s/;
const UPPER = /\p{Lu}/u;
const LETTER = /[\p{L}\p{N}]/u;
/** Marks and brackets a sentence may open with. */
const OPENING_MARKS = new Set(['"', '“', '‘', "'", '«', '(', '[']);

function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(c);
}

function isUpper(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : UPPER.test(c);
}

function isLetterOrDot(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return code === 46 || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER.test(c) || c === '\u00ad';
}

/**
 * A dateline opening a paragraph: "COLUMBIA, S.C. (AP) — ", "WASHINGTON (Reuters) - ",
 * "BOCA RATON, Fla. -- ". The city is in capitals; a state or country and an agency may follow.
 */
const DATELINE =
  /^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\p{L}.'’]*(?: [A-Z\d][\p{L}\d.'’]*){0,2})?(?: \([\p{L}.&' ]{1,30}\))?(?: ?[—–―]| --?) */u;

/** Where the text after a paragraph's dateline starts (0 when it has none). */
export function datelineEnd(paragraph: string): number {
  const c = paragraph.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return 0;
  const m = DATELINE.exec(paragraph.slice(0, 120));
  // The city must be a word in capitals of 3+ letters, not "I" or "A" opening a sentence.
  if (!m || !/^[A-Z]{3}|^[A-Z][A-Z.]+ [A-Z]/.test(m[0])) return 0;
  return m[0].length < paragraph.length ? m[0].length : 0;
}

/** The word before the full stop at `dot`: letters, digits and inner dots ("U.S", "Mr", "H"). */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && isLetterOrDot(text[i - 1])) i--;
  return text.slice(i, dot);
}

/** The word at `at`, up to a space or punctuation other than an inner dot ("Mr.", "The"). */
function wordAt(text: string, at: number): string {
  let i = at;
  while (i < text.length && isLetterOrDot(text[i])) i++;
  return text.slice(at, i);
}

/** The offset before the spaces that end at `at`. */
function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] === ' ') i--;
  return i;
}

/** "H", "C.L", "U.S": initials, as in a name or a country. */
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;

/** A chat mention or link token (`<@123>`, `<!here>`, `<#C1|general>`): never broken. */
function insideMention(text: string, at: number): boolean {
  const open = text.lastIndexOf('<', at);
  if (open < 0 || at - open > 200) return false;
  const close = text.indexOf('>', open);
  return close > at && '@#!'.includes(text[open + 1] ?? '');
}

/**
 * Whether a stop at `stop` ends the sentence, given that the next sentence would start at
 * `next`: what follows must open a sentence, and the word before must not be an abbreviation
 * that carries on ("Mr.", "No. 2", "George W. Bush", "the U.S. Senate").
 */
function endsSentence(text: string, stop: number, next: number): boolean {
  const c = text[next];
  if (c === undefined) return true;
  const opensWithMark = OPENING_MARKS.has(c);
  const code = c.charCodeAt(0);
  const digit = code >= 48 && code <= 57;
  if (!opensWithMark && !digit && !isUpper(c)) return false;
  if (text[stop] !== '.') return true;
  const word = wordBefore(text, stop);
  switch (abbreviation(word)) {
    case 'title':
      return false;
    case 'before-number':
      return !digit;
    case 'sometimes-final': {
      if (!opensWithMark) return OPENERS.has(wordAt(text, next));
      if (c === '(') return false;
      // "the U.S. “does not”", "Gov. C.L. "Butch" Otter": the sentence goes on. After a place
      // ("in Fort Mill, S.C. "It seems…"), the comma leaves no word before, and one ends.
      const before = wordBefore(text, skipSpaces(text, stop - word.length));
      return !(before && (!isUpper(before[0]!) || INITIALS.test(word)));
    }
    default:
      return true;
  }
}

const TERMINATOR = /[.!?…]+/g;
/** Marks that close a bracket or a quotation after a full stop: `(… here.)`, `… here.’` */
const CLOSERS = new Set([')', ']', '’', '”', '»']);

/**
 * Splits a paragraph into sentences in one pass over its stops. Quotation marks are read
 * through: `"We are ready." Talks go on.` is two sentences, and so is `"We won. It is over," he
 * said.` (its second sentence opens inside the quotation), as sentence splitters for news do.
 * `spans` (the paragraph's quotations) tell a straight mark that closes a quotation after a stop
 * from one that opens the next. A dateline is not part of the first sentence.
 */
export function splitSentences(paragraph: string, spans: readonly QuoteSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const n = paragraph.length;
  let start = datelineEnd(paragraph);
  const cut = (end: number) => {
    let e = end;
    while (e > start && isSpace(paragraph[e - 1])) e--;
    if (e > start) out.push([start, e]);
    start = end;
    while (start < n && isSpace(paragraph[start])) start++;
  };
  const hasMentions = paragraph.includes('<');
  const terminators = TERMINATOR;
  terminators.lastIndex = start;
  let k = 0;
  for (let m = terminators.exec(paragraph); m; m = terminators.exec(paragraph)) {
    // An ellipsis marks words left out, seldom a sentence's end ("I have never met ... Doley").
    if (m[0].includes('…') || m[0].includes('..')) continue;
    const stop = m.index + m[0].length - 1;
    let after = stop + 1;
    let quoted = false;
    for (;;) {
      const c = paragraph[after];
      if (c === undefined) break;
      while (k < spans.length && spans[k]!.close <= after) k++;
      const span = spans[k];
      if (span?.closed && span.end <= after && span.open < after) {
        after = span.close;
        quoted = true;
      } else if (CLOSERS.has(c)) after++;
      else break;
    }
    if (!isSpace(paragraph[after])) continue;
    let j = after;
    while (j < n && isSpace(paragraph[j])) j++;
    if (j >= n || j <= start) continue;
    if (!endsSentence(paragraph, stop, j)) continue;
    if (quoted && paragraph[stop] !== '.' && attributionFollows(paragraph, j)) continue;
    if (hasMentions && insideMention(paragraph, stop)) continue;
    cut(after);
  }
  cut(n);
  return out;
}

/**
 * `"Can we win?" Mr. Manafort asked.`: a name and a speech verb after a question or exclamation
 * in quotes carry the sentence on.
 */
function attributionFollows(text: string, at: number): boolean {
  let i = at;
  for (let words = 0; words < 5; words++) {
    const word = wordAt(text, i);
    if (!word) return false;
    if (!isUpper(word[0]!)) return speechVerb(word.replace(/\.+$/, '')) !== undefined;
    i += word.length;
    if (text[i] !== ' ') return false;
    i++;
  }
  return false;
}

/**
 * The sentences of each paragraph: the one splitter the whole tree reads (stored for briefings,
 * used by quote attribution). A paragraph with only symbols is one sentence.
 */
export function paragraphSentences(paragraphs: readonly string[]): SentenceSpan[][] {
  return paragraphs.map((p) => sentencesOf(p, quoteSpans(p)));
}

/** `splitSentences`, with a paragraph of spaces giving none and one of symbols giving itself. */
export function sentencesOf(paragraph: string, spans: readonly QuoteSpan[]): SentenceSpan[] {
  const spansOut = splitSentences(paragraph, spans);
  if (spansOut.length === 0 && paragraph.trim()) {
    const s = paragraph.length - paragraph.trimStart().length;
    return [[s, paragraph.trimEnd().length]];
  }
  return spansOut;
}
