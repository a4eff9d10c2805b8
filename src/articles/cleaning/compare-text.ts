// Cleaning compares every paragraph with every other: without a cache the same text is reduced
// hundreds of times per article (it was most of ingest's time). Bounded: cleared when full.
const CACHE_SIZE = 4096;
const cache = new Map<string, { key: string; words?: Set<string>; grams?: Set<string> }>();

function entry(text: string) {
  let found = cache.get(text);
  if (!found) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    found = { key: reduce(text) };
    cache.set(text, found);
  }
  return found;
}

/** Text reduced for comparison: lowercase, no diacritics, no punctuation, single spaces. */
export function comparable(text: string): string {
  return entry(text).key;
}

// Most news text is ASCII: no diacritics to strip, and a plain class is far cheaper than \p{…}.
const NON_ASCII = /[^\x00-\x7f]/;

function reduce(text: string): string {
  if (!NON_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOPWORDS = new Set(
  'a an the of to in on at by for from with and or but as is are was were be been has have had that this it its his her their they he she we you i not no'.split(
    ' ',
  ),
);

// Both sets are shared through the cache: read them, never change them.
function contentWords(text: string): ReadonlySet<string> {
  const e = entry(text);
  e.words ??= new Set(e.key.split(' ').filter((w) => w.length > 1 && !STOPWORDS.has(w)));
  return e.words;
}

function bigrams(text: string): ReadonlySet<string> {
  const e = entry(text);
  if (!e.grams) {
    const words = e.key.split(' ');
    e.grams = new Set<string>();
    for (let i = 1; i < words.length; i++) e.grams.add(`${words[i - 1]} ${words[i]}`);
  }
  return e.grams;
}

/**
 * How much two paragraphs say the same thing, 0..1: the larger of their word-bigram Jaccard and
 * the share of the shorter one's content words found in the longer one. Rewordings by the same
 * scraper ("the gap" / "the vacuum") score high; different paragraphs on one topic score low.
 */
export function overlap(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  const jaccard = shared / Math.max(1, ga.size + gb.size - shared);
  const wa = contentWords(a);
  const wb = contentWords(b);
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  // Containment of a handful of words is chance, not duplication.
  if (small.size < 6) return jaccard;
  let found = 0;
  for (const w of small) if (large.has(w)) found++;
  return Math.max(jaccard, found / small.size);
}

/** At or above this overlap two paragraphs are near-duplicates. */
export const NEAR_DUPLICATE = 0.85;

/**
 * `overlap(a, b) >= NEAR_DUPLICATE`, decided with early exits: most pairs of paragraphs differ
 * after a few words, and cleaning compares every pair of an article's paragraphs.
 */
export function isNearDuplicate(a: string, b: string): boolean {
  const ka = entry(a).key;
  const kb = entry(b).key;
  if (ka === kb) return true;
  const wa = contentWords(a);
  const wb = contentWords(b);
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  if (small.size >= 6 && atLeast(small, large, Math.ceil(NEAR_DUPLICATE * small.size - 1e-9)))
    return true;
  // Texts whose bigrams are 85% the same share far more than half their words: when they do
  // not, skip building bigram sets (most pairs of an article's paragraphs end here).
  if (small.size >= 6 && !atLeast(small, large, Math.ceil(0.5 * small.size))) return false;
  const ga = bigrams(a);
  const gb = bigrams(b);
  const [gs, gl] = ga.size <= gb.size ? [ga, gb] : [gb, ga];
  // shared / (|ga| + |gb| - shared) >= t  <=>  shared >= t (|ga| + |gb|) / (1 + t)
  const needed = Math.ceil((NEAR_DUPLICATE * (ga.size + gb.size)) / (1 + NEAR_DUPLICATE) - 1e-9);
  return gs.size > 0 && atLeast(gs, gl, needed);
}

/** True when at least `needed` members of `small` are in `large`; stops as soon as it knows. */
function atLeast(small: ReadonlySet<string>, large: ReadonlySet<string>, needed: number): boolean {
  if (needed > small.size) return false;
  let found = 0;
  let left = small.size;
  for (const w of small) {
    if (large.has(w)) found++;
    left--;
    if (found >= needed) return true;
    if (found + left < needed) return false;
  }
  return found >= needed;
}

/**
 * The share of `inner`'s content words that the `outer` paragraphs together also have, 0..1
 * (directional). Several outers count as their concatenation, without building it.
 */
export function coverage(inner: string, ...outer: string[]): number {
  const words = contentWords(inner);
  if (words.size === 0) return 1;
  const others = outer.map(contentWords);
  let found = 0;
  for (const w of words) if (others.some((o) => o.has(w))) found++;
  return found / words.size;
}
