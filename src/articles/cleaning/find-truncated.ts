import { comparable } from './compare-text.ts';

// Words a sentence cannot end on: a paragraph ending on one was cut off mid-sentence. Not
// "said": `"…," Erdogan said` is a whole sentence even when the full stop is missing.
const DANGLING = new Set(
  'a an the of to in on at by for from with and or but as that which who whose whom than is are was were be been has have had its his her their our your my this these those into onto about'.split(
    ' ',
  ),
);

/**
 * Why a paragraph is a truncated fragment, or undefined: it is a prefix of a longer paragraph
 * (the seed's second line), or it stops mid-sentence on a word no sentence ends with.
 */
export function truncationReason(
  paragraph: string,
  index: number,
  all: readonly string[],
): string | undefined {
  // A paragraph that ends a sentence is whole, even when a longer one starts with it.
  if (/[.!?…"'”’)\]:]$/.test(paragraph.trim())) return undefined;
  const mine = comparable(paragraph);
  if (mine.length >= 12) {
    for (let j = 0; j < all.length; j++) {
      if (j === index) continue;
      const other = comparable(all[j] ?? '');
      if (other.length > mine.length && other.startsWith(mine)) {
        return `truncated fragment (start of paragraph ${j + 1})`;
      }
    }
  }
  const last = mine.split(' ').at(-1) ?? '';
  if (DANGLING.has(last) && mine.split(' ').length >= 4)
    return 'truncated fragment (ends mid-sentence)';
  return undefined;
}
