import { abbreviation } from '../abbreviations.ts';
import { likeMarkSpans, type QuoteSpan, quoteSpans } from '../quote-spans.ts';
import { datelineEnd, type SentenceSpan, sentencesOf } from '../sentences.ts';
import { wordCharAt } from '../word-char-at.ts';
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import { type SpeechVerb, speechVerb } from './speech-verbs.ts';
import { hasUpper, onlySpace, startsUpper, wordEnd } from './text-scan.ts';

/** A word of running text (outside quotations), with its offsets in the paragraph. */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The speech verb `lower` is a form of, looked up once: every pass asks. */
  verb: SpeechVerb | undefined;
}

/** A sentence of a paragraph, as paragraph-relative offsets `[start, end)`. */
export interface SentenceRange {
  start: number;
  end: number;
}

/** One paragraph read for attribution: its quotations, sentences and running words. */
export interface Paragraph {
  text: string;
  /** Offset of the paragraph in the article's clean text. */
  base: number;
  /** Where the text after a dateline starts (0 without one). */
  dateline: number;
  spans: QuoteSpan[];
  /**
   * Where the paragraph mixes straight and curly marks, its quotations with like marks paired
   * (`likeMarkSpans`): the extent a quote is given, while `spans` are read for who says it.
   */
  likeMarks?: QuoteSpan[];
  sentences: SentenceRange[];
  /** The same sentences as stored with the article. */
  sentenceSpans: SentenceSpan[];
  words: Word[];
  /** For each sentence, the index of its first word in `words`. */
  firstWord: number[];
}

const DETERMINERS = new Set(lexicon.determiners);
export const PREPOSITIONS = new Set([
  'of',
  'for',
  'in',
  'on',
  'at',
  'from',
  'by',
  'with',
  'about',
  'into',
]);
/** Words whose "'s" is "is" or "has" ("he's", "that's"), not a possessive. */
const CONTRACTED = new Set([
  'he',
  'she',
  'it',
  'that',
  'there',
  'what',
  'who',
  'where',
  'here',
  'let',
  'how',
]);

/**
 * Words of running text: the scan jumps from a quotation's opening mark to its close. No word
 * crosses either mark (double marks never join words, a single mark opens only after a space and
 * closes only before a non-letter), so this finds the words a scan of every character would.
 */
function toWords(
  text: string,
  spans: readonly QuoteSpan[],
  sentences: readonly SentenceSpan[],
  from: number,
): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let k = 0;
  let s = 0;
  let nextOpen = spans.length > 0 ? spans[0]!.open : n;
  let i = from;
  while (i < n) {
    if (i >= nextOpen) {
      i = Math.max(i, spans[k]!.close);
      k++;
      nextOpen = k < spans.length ? spans[k]!.open : n;
      continue;
    }
    const c = text.charCodeAt(i);
    const letter =
      c < 128
        ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
        : wordCharAt(text, i) > 0;
    if (!letter) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(text, start);
    // "Mr.", "H.", "U.S.": the stop belongs to the word unless it ends the sentence, so that a
    // name with a title or an initial reads as one run ("said Sen. Evan Bayh").
    if (text.charCodeAt(i) === 46) {
      while (s < sentences.length && sentences[s]![1] <= i) s++;
      if (sentences[s]?.[1] !== i + 1 && keepsStop(text.slice(start, i))) i++;
    }
    const word = text.slice(start, i);
    const lower = hasUpper(text, start, i) ? word.toLowerCase() : word;
    out.push({ text: word, lower, start, end: i, verb: speechVerb(lower) });
  }
  return out;
}

/** Whether a stop after `word` is part of it: a title, an initial or a dotted abbreviation. */
function keepsStop(word: string): boolean {
  if (word.length === 1) return startsUpper(word);
  return word.includes('.') || word === 'Jr' || word === 'Sr' || abbreviation(word) === 'title';
}

/** Reads a paragraph that starts at `base` in the article's clean text. */
export function readParagraph(text: string, base: number): Paragraph {
  const spans = quoteSpans(text);
  const sentenceSpans = sentencesOf(text, spans);
  const sentences = sentenceSpans.map(([start, end]) => ({ start, end }));
  // A dateline ("WASHINGTON (AP) —") names a place and an agency, never a speaker.
  const dateline = datelineEnd(text);
  const words = toWords(text, spans, sentenceSpans, dateline);
  const firstWord: number[] = [];
  let w = 0;
  for (const s of sentences) {
    while (w < words.length && words[w]!.start < s.start) w++;
    firstWord.push(w);
  }
  const likeMarks = likeMarkSpans(text);
  const p: Paragraph = { text, base, dateline, spans, sentences, sentenceSpans, words, firstWord };
  if (likeMarks) p.likeMarks = likeMarks;
  return p;
}

/** Index of the first span opening at or after `pos` (spans are sorted and never overlap). */
export function spanFrom(p: Paragraph, pos: number): number {
  let lo = 0;
  let hi = p.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.spans[mid]!.open < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first word starting at or after `pos`. */
export function wordFrom(p: Paragraph, pos: number): number {
  let lo = 0;
  let hi = p.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.words[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the sentence holding `pos`. */
export function sentenceOf(p: Paragraph, pos: number): number {
  let lo = 0;
  let hi = p.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.sentences[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The speech verb at word `wi`; a verb in noun use ("a report that…", "the state") is none. */
export function verbAt(p: Paragraph, wi: number): SpeechVerb | undefined {
  const w = p.words[wi]!;
  if (w.text !== w.lower) return undefined;
  const verb = w.verb;
  if (!verb) return undefined;
  if (verb.particle && p.words[wi + 1]?.lower !== verb.particle) return undefined;
  // "the jobs report was released", "his claims were false": a present form of a verb that is
  // also a noun, before a finite "be" or "have", is that noun ("economists say is" stays a verb).
  const next = p.words[wi + 1];
  // "easier said than done": an idiom, no one speaks.
  if (w.lower === 'said' && next?.lower === 'than') return undefined;
  if (
    (verb.form === 'base' || verb.form === 'third') &&
    NOUN_LEMMAS.has(verb.lemma) &&
    next &&
    NOUN_BEFORE.has(next.lower) &&
    onlySpace(p.text, w.end, next.start)
  )
    return undefined;
  const prev = p.words[wi - 1];
  if (!prev || !onlySpace(p.text, prev.end, w.start)) return verb;
  if (DETERMINERS.has(prev.lower)) return undefined;
  // "eight state legislative candidates", "two reports": after a number, a verb that is also a
  // noun is that noun.
  if (
    NOUN_LEMMAS.has(verb.lemma) &&
    verb.form !== 'past' &&
    verb.form !== 'participle' &&
    NUMBER.test(prev.lower)
  )
    return undefined;
  // "the secretary of state", "asked for comment": after a preposition a verb form is a noun;
  // a participle there is a gerund that still reports ("responded by saying").
  if (verb.form !== 'participle' && PREPOSITIONS.has(prev.lower)) return undefined;
  // "Editor's note:", "Trump's remarks": after a possessive, a noun.
  if (/['’]s$/.test(prev.lower) && !CONTRACTED.has(prev.lower.slice(0, -2))) return undefined;
  // "Clinton is telling customers that…": a participle after "is" is the sentence's verb.
  if (verb.form === 'participle' && BE.has(prev.lower)) return progressive(verb);
  if (verb.form === 'participle' && prev.lower === 'not' && BE.has(p.words[wi - 2]?.lower ?? ''))
    return progressive(verb);
  return verb;
}

/** A figure or a number word up to twelve, tens included ("8", "eight", "twenty-two"). */
const NUMBER =
  /^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|dozens|hundreds|thousands)$/;
/** Finite verbs that a speech verb's present form is a noun before ("the report was"). */
const NOUN_BEFORE = new Set(['was', 'were', 'is', 'are', 'has', 'had', 'have']);
/** Speech verbs whose present forms are as often nouns: "report", "claims", "comments". */
const NOUN_LEMMAS = new Set([
  'report',
  'claim',
  'remark',
  'comment',
  'tweet',
  'note',
  'promise',
  'reply',
  'answer',
  'vow',
  'pledge',
  'charge',
  'estimate',
  'request',
  'demand',
  'question',
  'call',
  'state',
  'statement',
]);

/** Forms of "be": before a participle they make it progressive or passive. */
export const BE = new Set([
  'is',
  'are',
  'was',
  'were',
  'been',
  'be',
  "isn't",
  'isn’t',
  "wasn't",
  'wasn’t',
  "aren't",
  'aren’t',
  "weren't",
  'weren’t',
]);
const PROGRESSIVE = new Map<SpeechVerb, SpeechVerb>();

/** The finite reading of a participle ("is saying"), one object per verb. */
function progressive(verb: SpeechVerb): SpeechVerb {
  let finite = PROGRESSIVE.get(verb);
  if (!finite) {
    finite = { ...verb, form: 'third' };
    PROGRESSIVE.set(verb, finite);
  }
  return finite;
}

/** Words from four letters on, of which a title-case headline capitalises nearly all. */
const TITLE_WORD = /^\p{L}{4}/u;

/** Whether a paragraph is a headline in title case ("Trump Says He Never Pledged To…"). */
export function isTitleCaseLine(p: Paragraph): boolean {
  let long = 0;
  let upper = 0;
  for (const w of p.words) {
    if (!TITLE_WORD.test(w.text)) continue;
    long++;
    if (w.text !== w.lower) upper++;
  }
  return long >= 4 && upper >= 0.8 * long;
}

/**
 * An opening quote mark or bracket right before a word, or a colon or dash before it: a sentence
 * may open there. (A closing mark is followed by a space: `"…," Page said` opens nothing.)
 */
const OPENS_BEFORE = /(?:^|\s)[“"‘'([]+$|[:—–]\s*$|\s-\s*$/;
/** Only spaces and opening marks between a sentence's start and its first word outside quotes. */
const ONLY_OPENING = /^[\s“"‘'([—–-]*$/;

/**
 * Calls `visit` with each word of a paragraph (outside quotations) and whether a sentence may
 * open at it: the sentence's first word when nothing but opening marks comes before it, or a word
 * right after an opening quote mark, a bracket, a colon or a dash. A capital there says nothing.
 */
export function eachWordOpening(p: Paragraph, visit: (w: Word, opens: boolean) => void): void {
  let s = 0;
  for (let i = 0; i < p.words.length; i++) {
    const w = p.words[i]!;
    while (s + 1 < p.firstWord.length && p.firstWord[s + 1]! <= i) s++;
    visit(w, opensAt(p, i, s));
  }
}

/** Whether a sentence may open at word `i` (see `eachWordOpening`). */
export function wordOpens(p: Paragraph, i: number): boolean {
  const w = p.words[i];
  return w !== undefined && opensAt(p, i, sentenceOf(p, w.start));
}

function opensAt(p: Paragraph, i: number, s: number): boolean {
  const w = p.words[i]!;
  return (
    (i === p.firstWord[s] && ONLY_OPENING.test(p.text.slice(p.sentences[s]!.start, w.start))) ||
    OPENS_BEFORE.test(p.text.slice(Math.max(0, w.start - 4), w.start))
  );
}
