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
 * Text reduced to its words for comparing: lower-cased, diacritics folded ("Erdoğan", "Støre" and
 * "Łukasz" meet "erdogan", "store" and "lukasz"), every run of punctuation, quote marks of any
 * style and spacing one space. Speaker keys and the quote scorer both read words this way.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]+/gu, '')
    .replace(/[øæœßłđðþı]/g, (c) => FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
