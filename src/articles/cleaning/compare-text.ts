// Cleaning compares every paragraph with every other: without a cache the same text is reduced
// hundreds of times per article (it was most of ingest's time). Bounded: cleared when full.
const CACHE_SIZE = 4096;

/**
 * A text as comparison sees it. Words and bigrams are 30-bit hashes in sorted arrays, not sets
 * of strings: comparing is a merge of two arrays, and a cached paragraph is a few small typed
 * arrays instead of hundreds of strings for the garbage collector to trace (which was a fifth of
 * ingest's time). A hash collision can only make two different words count as shared, about
 * once in 10^9 pairs of words: noise far below the thresholds' margins.
 */
interface Fingerprint {
  /** `comparable(text)`. */
  key: string;
  /** Distinct content words (no stopwords, no single letters), sorted. */
  words?: Int32Array;
  /** Distinct word bigrams, sorted. */
  grams?: Float64Array;
}

const cache = new Map<string, Fingerprint>();

/** Sorted distinct hashes of words or of bigrams. */
type Words = Int32Array | Float64Array;

function fingerprint(text: string): Fingerprint {
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
  return fingerprint(text).key;
}

// Most news text is ASCII, or ASCII with curly quotes and dashes (U+2000-U+206F, never letters
// or digits): no diacritics to strip, and a plain class is far cheaper than \p{…}. Checked on
// every code point to give the same key as the general path.
const NON_ASCII = /[^\x00-\x7f]/;
const NEEDS_DECOMPOSING = /[^\x00-\x7f\u2000-\u206f]/;

function reduce(text: string): string {
  if (!NEEDS_DECOMPOSING.test(text)) return reduceAscii(text);
  // "São Paulo": most letters with diacritics decompose to ASCII and a mark from U+0300-U+036F.
  const decomposed = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (!NON_ASCII.test(decomposed)) return reduceAscii(decomposed);
  return decomposed
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function reduceAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// 30 bits: V8 keeps such numbers unboxed (small integers), so hashing allocates nothing.
const HASH_BITS = 0x3fffffff;

/** FNV-1a over a word's UTF-16 code units. */
function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h & HASH_BITS;
}

const STOPWORD_LIST =
  'a an the of to in on at by for from with and or but as is are was were be been has have had that this it its his her their they he she we you i not no'.split(
    ' ',
  );
const STOPWORDS = new Set(STOPWORD_LIST.map(hashWord));
const LONGEST_STOPWORD = Math.max(...STOPWORD_LIST.map((w) => w.length));

/**
 * Calls `visit` with the hash and length of each word of a comparable key (lowercase words
 * separated by single spaces), walking its characters: no word strings, no arrays of them.
 */
function scanWords(key: string, visit: (hash: number, length: number) => void): void {
  let h = FNV_OFFSET;
  let length = 0;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 32;
    if (c !== 32) {
      h = Math.imul(h ^ c, FNV_PRIME);
      length++;
    } else if (length > 0) {
      visit(h & HASH_BITS, length);
      h = FNV_OFFSET;
      length = 0;
    }
  }
}

/** Sorts and drops repeats, in place; the distinct values. */
function distinct<T extends Int32Array | Float64Array>(values: T): T {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (n === 0 || values[i] !== values[n - 1]) values[n++] = values[i] as number;
  }
  return values.subarray(0, n) as T;
}

// Both arrays are shared through the cache: read them, never change them.
function contentWords(text: string): Int32Array {
  const fp = fingerprint(text);
  if (!fp.words) {
    // A key of n characters has at most (n + 1) / 2 words.
    const words = new Int32Array((fp.key.length + 1) >> 1);
    let n = 0;
    scanWords(fp.key, (hash, length) => {
      if (length > 1 && (length > LONGEST_STOPWORD || !STOPWORDS.has(hash))) words[n++] = hash;
    });
    fp.words = distinct(words.subarray(0, n));
  }
  return fp.words;
}

/** Bigrams join two 26-bit word hashes into one exact 52-bit number. */
function bigrams(text: string): Float64Array {
  const fp = fingerprint(text);
  if (!fp.grams) {
    const grams = new Float64Array((fp.key.length + 1) >> 1);
    let n = 0;
    let previous = -1;
    scanWords(fp.key, (hash) => {
      if (previous >= 0) grams[n++] = (previous & 0x3ffffff) * 0x4000000 + (hash & 0x3ffffff);
      previous = hash;
    });
    fp.grams = distinct(grams.subarray(0, n));
  }
  return fp.grams;
}

/** How many values two sorted distinct arrays share. */
function shared(a: Words, b: Words): number {
  let i = 0;
  let j = 0;
  let found = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      found++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return found;
}

/**
 * True when at least `needed` values of `small` are in `large` (both sorted, distinct); stops as
 * soon as it knows.
 */
function atLeast(small: Words, large: Words, needed: number): boolean {
  if (needed > small.length) return false;
  if (needed <= 0) return true;
  let i = 0;
  let j = 0;
  let found = 0;
  while (i < small.length && j < large.length) {
    const x = small[i] as number;
    const y = large[j] as number;
    if (x > y) {
      j++;
      continue;
    }
    if (x === y) {
      if (++found >= needed) return true;
      j++;
    }
    i++;
    // Even if every value of `small` still to come were found, too few.
    if (found + small.length - i < needed) return false;
  }
  return false;
}

/** True when a sorted array holds the value. */
function has(sorted: Words, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] as number;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * How much two paragraphs say the same thing, 0..1: the larger of their word-bigram Jaccard and
 * the share of the shorter one's content words found in the longer one. Rewordings by the same
 * scraper ("the gap" / "the vacuum") score high; different paragraphs on one topic score low.
 */
export function overlap(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  const common = shared(ga, gb);
  const jaccard = common / Math.max(1, ga.length + gb.length - common);
  const wa = contentWords(a);
  const wb = contentWords(b);
  const small = wa.length <= wb.length ? wa : wb;
  // Containment of a handful of words is chance, not duplication.
  if (small.length < 6) return jaccard;
  return Math.max(jaccard, shared(wa, wb) / small.length);
}

/** At or above this overlap two paragraphs are near-duplicates. */
export const NEAR_DUPLICATE = 0.85;

/**
 * `overlap(a, b) >= NEAR_DUPLICATE`, decided with early exits: most pairs of paragraphs differ
 * after a few words, and cleaning compares every pair of an article's paragraphs.
 */
export function isNearDuplicate(a: string, b: string): boolean {
  if (fingerprint(a).key === fingerprint(b).key) return true;
  const wa = contentWords(a);
  const wb = contentWords(b);
  const [small, large] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (small.length >= 6) {
    if (atLeast(small, large, Math.ceil(NEAR_DUPLICATE * small.length - 1e-9))) return true;
    // Texts whose bigrams are 85% the same share far more than half their words: when they do
    // not, skip the bigrams (most pairs of an article's paragraphs end here).
    if (!atLeast(small, large, Math.ceil(0.5 * small.length))) return false;
  }
  const ga = bigrams(a);
  const gb = bigrams(b);
  // shared / (|ga| + |gb| - shared) >= t  <=>  shared >= t (|ga| + |gb|) / (1 + t)
  const needed = Math.ceil(
    (NEAR_DUPLICATE * (ga.length + gb.length)) / (1 + NEAR_DUPLICATE) - 1e-9,
  );
  const [gs, gl] = ga.length <= gb.length ? [ga, gb] : [gb, ga];
  return gs.length > 0 && atLeast(gs, gl, needed);
}

/**
 * The share of `inner`'s content words that the `outer` paragraphs together also have, 0..1
 * (directional). Several outers count as their concatenation, without building it.
 */
export function coverage(inner: string, ...outer: string[]): number {
  const words = contentWords(inner);
  if (words.length === 0) return 1;
  const others = outer.map(contentWords);
  let found = 0;
  for (const w of words) if (others.some((o) => has(o, w))) found++;
  return found / words.length;
}
