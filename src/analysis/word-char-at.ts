/** Per BMP code unit: 0 not yet known, 1 a letter or digit, 2 neither. */
const KNOWN = new Uint8Array(65_536);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * How many code units the letter or digit (`[\p{L}\p{N}]`) at `i` takes: 1, 2 for a surrogate
 * pair, 0 when it is neither. Unicode-class regexes cost microseconds per call on news text;
 * this answers ASCII from the code and everything else from a table filled as characters appear.
 */
export function wordCharAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  let known = KNOWN[c]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    KNOWN[c] = known;
  }
  return known === 1 ? 1 : 0;
}
