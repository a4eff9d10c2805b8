/** Letters that Unicode decomposition does not split into a base letter plus a mark. */
const FOLDS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Forgiving look-up key for a speaker: lowercase, diacritics folded, punctuation dropped and a
 * leading "the" removed, so "Erdoğan" and "erdogan", "the White House" and "White House" meet.
 */
export function speakerKey(name: string): string {
  let key = MEMO.get(name);
  if (key === undefined) {
    if (MEMO.size > 50_000) MEMO.clear();
    key = fold(name);
    MEMO.set(name, key);
  }
  return key;
}

/** Names repeat across articles; folding is the hot part of clustering. */
const MEMO = new Map<string, string>();

function fold(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßłđðþı]/g, (c) => FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}
