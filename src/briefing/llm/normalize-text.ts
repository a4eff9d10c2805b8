/**
 * Text as the verifier compares it: the model may straighten quote marks, change dashes,
 * re-space or change the case of the first word, and still be quoting verbatim.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A quoted span without the punctuation a model adds or leaves out at its ends. */
export function normalizeSpan(span: string): string {
  return normalizeText(span)
    .replace(/^[\s"'.,;:!?()-]+/, '')
    .replace(/[\s"'.,;:!?()-]+$/, '');
}

/** Letters that Unicode does not decompose into a base letter plus a mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
};

/** Case and diacritics folded, punctuation to spaces: "Erdoğan" and "ERDOGAN" fold alike. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđðþßæœ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
