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

// Most news text is ASCII with curly quotes and dashes (U+2000-U+206F): lower-casing it keeps
// every offset, so one lower-cased copy serves all its words and the original says which ones
// were capitalised. Anything else takes the general path (diacritics folded word by word).
const SIMPLE = /^[\x00-\x7f\u2000-\u206f]*$/;
const SIMPLE_WORD = /[a-z0-9][a-z0-9'\u2019-]*/g;
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

/** Calls `visit` with each word of `text`, normalised, and whether it was capitalised. */
function eachWord(text: string, visit: (word: string | undefined, capital: boolean) => void): void {
  if (SIMPLE.test(text)) {
    const lower = text.toLowerCase();
    for (const m of lower.matchAll(SIMPLE_WORD)) {
      const c = text.charCodeAt(m.index);
      visit(normalise(m[0]), c >= 65 && c <= 90);
    }
    return;
  }
  for (const m of text.matchAll(WORD)) {
    const c = m[0].charAt(0);
    visit(storyWord(m[0]), c !== c.toLowerCase());
  }
}

/**
 * The raw term weights of an article, before IDF: the headline's words, the lead's words, and
 * the names the body mentions (the people, places and bodies an event is about: "Guccifer",
 * "Milwaukee", "Sullivan"). Pure and cheap: one pass over the text with one regex.
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
    eachWord(paragraph, (w, capital) => {
      words++;
      if (!w) return;
      if (words <= fields.leadWords) add(terms, w, fields.lead);
      if (capital) names.set(w, (names.get(w) ?? 0) + 1);
    });
  }
  for (const [name, count] of names) add(terms, name, fields.name * (1 + Math.log(count)));
  return terms;
}
