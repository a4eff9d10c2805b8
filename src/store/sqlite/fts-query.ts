/**
 * An FTS5 MATCH expression from user words. Every word is quoted, so `"`, `*`, `-`, `NEAR`, `OR`
 * and column filters typed by a user are searched as plain words, never run as query syntax.
 * `all` needs every word; `any` one of them. Undefined when there is no word to search.
 */
export function ftsQuery(text: string, mode: 'all' | 'any'): string | undefined {
  const words = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}"`).join(mode === 'all' ? ' ' : ' OR ');
}
