/** Text reduced for comparison: lowercase, no diacritics, no punctuation, single spaces. */
export function comparable(text: string): string {
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

function contentWords(text: string): Set<string> {
  return new Set(
    comparable(text)
      .split(' ')
      .filter((w) => w.length > 1 && !STOPWORDS.has(w)),
  );
}

function bigrams(text: string): Set<string> {
  const words = comparable(text).split(' ');
  const grams = new Set<string>();
  for (let i = 1; i < words.length; i++) grams.add(`${words[i - 1]} ${words[i]}`);
  return grams;
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

/** The share of `inner`'s content words that `outer` also has, 0..1 (directional). */
export function coverage(inner: string, outer: string): number {
  const words = contentWords(inner);
  if (words.size === 0) return 1;
  const other = contentWords(outer);
  let found = 0;
  for (const w of words) if (other.has(w)) found++;
  return found / words.size;
}
