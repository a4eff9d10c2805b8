import { STORY_STOPWORDS } from './story-words.ts';

/** The parts of an article that say which event it reports. */
export interface StoryText {
  title: string;
  paragraphs: readonly string[];
}

/** How much each part of an article counts towards its terms. */
export interface FieldWeights {
  /** Each word of the headline. */
  title: number;
  /** Each word of the lead (the first `leadWords` words of the body). */
  lead: number;
  /** Each name (a capitalised word) anywhere in the body, sublinear in its count. */
  name: number;
  /** The lead's length: where news puts who, what, where and when. */
  leadWords: number;
}

/** Tuned on half the labelled stories (`npm run eval:stories`). */
export const FIELD_WEIGHTS: FieldWeights = { title: 1, lead: 1, name: 1, leadWords: 80 };

// Most news text is ASCII with curly quotes and dashes (U+2000-U+206F): lower-casing it changes
// A-Z only, so its words are what /[a-z0-9][a-z0-9'\u2019-]*/g matches in a lower-cased copy,
// found in the original (which says which ones were capitalised) and lower-cased one by one.
// Anything else takes the general path (diacritics folded word by word).
const SIMPLE = /^[\x00-\x7f\u2000-\u206f]*$/;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu;
const ASCII = /^[\x00-\x7f]*$/;

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A lower-case word as stories compare it: no possessive, no inner apostrophes or hyphens
 * ("o'malley" is "omalley"), plural folded; undefined for stopwords, numbers and short words.
 */
function normalise(lower: string): string | undefined {
  let w = lower;
  if (w.length < 3) return undefined;
  if (STORY_STOPWORDS.has(w)) return undefined;
  if (w.includes("'") || w.includes('\u2019') || w.includes('-')) {
    w = w.replace(/['\u2019]s$/, '').replace(/['\u2019-]+/g, '');
    if (w.length < 3 || STORY_STOPWORDS.has(w)) return undefined;
  }
  if (isDigits(w)) return undefined;
  // A light plural fold, enough for "debates"/"debate" and "emails"/"email"; not a stemmer.
  if (
    w.length > 4 &&
    w.charCodeAt(w.length - 1) === 115 &&
    !w.endsWith('ss') &&
    !w.endsWith('us')
  ) {
    w = w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.slice(0, -1);
    if (STORY_STOPWORDS.has(w)) return undefined;
  }
  return w;
}

/** A word as stories compare it (see `normalise`), from any text. */
export function storyWord(raw: string): string | undefined {
  let w = raw.toLowerCase();
  if (!ASCII.test(w)) w = w.normalize('NFKD').replace(/\p{M}/gu, '');
  return normalise(w);
}

function add(terms: Map<string, number>, word: string | undefined, weight: number): void {
  if (word) terms.set(word, (terms.get(word) ?? 0) + weight);
}

/** Whether a character starts a word of simple text (see `SIMPLE`), in either case. */
function wordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Whether a character goes on with a word of simple text: also ' \u2019 -. */
function wordPart(c: number): boolean {
  return wordStart(c) || c === 39 || c === 0x2019 || c === 45;
}

/**
 * Calls `visit` with each word of `text`, normalised, and whether it was capitalised; with
 * `capitalsOnly`, with the capitalised words only (the others are never normalised). Simple text
 * is read character by character (see `SIMPLE`), and only the words asked for are copied.
 */
function eachWord(
  text: string,
  visit: (word: string | undefined, capital: boolean) => void,
  capitalsOnly = false,
): void {
  if (SIMPLE.test(text)) {
    const n = text.length;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if (!wordStart(c)) {
        i++;
        continue;
      }
      const start = i;
      for (i++; i < n && wordPart(text.charCodeAt(i)); i++);
      const capital = c >= 65 && c <= 90;
      if (capitalsOnly && !capital) continue;
      // `normalise` refuses words under 3 characters before anything else.
      visit(i - start < 3 ? undefined : normalise(text.slice(start, i).toLowerCase()), capital);
    }
    return;
  }
  for (const m of text.matchAll(WORD)) {
    const c = m[0].charAt(0);
    const capital = c !== c.toLowerCase();
    if (capitalsOnly && !capital) continue;
    visit(storyWord(m[0]), capital);
  }
}

/**
 * The raw term weights of an article, before IDF: the headline's words, the lead's words, and
 * the names the body mentions (the people, places and bodies an event is about: "Guccifer",
 * "Milwaukee", "Sullivan"). Pure and cheap: one pass over the text.
 */
export function storyTerms(
  article: StoryText,
  fields: FieldWeights = FIELD_WEIGHTS,
): Map<string, number> {
  const terms = new Map<string, number>();
  eachWord(article.title, (w) => add(terms, w, fields.title));
  const names = new Map<string, number>();
  let words = 0;
  for (const paragraph of article.paragraphs) {
    // Past the lead only names count: most of an article's words need not be normalised (this
    // was 0.29 ms of a worker's ~2.3 per article, 12%).
    const capitalsOnly = words >= fields.leadWords;
    eachWord(
      paragraph,
      (w, capital) => {
        words++;
        if (!w) return;
        if (words <= fields.leadWords) add(terms, w, fields.lead);
        if (capital) names.set(w, (names.get(w) ?? 0) + 1);
      },
      capitalsOnly,
    );
  }
  for (const [name, count] of names) add(terms, name, fields.name * (1 + Math.log(count)));
  return terms;
}
