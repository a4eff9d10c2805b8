import { topicWords } from '../topic-words.ts';

/**
 * An FTS5 MATCH expression from user words. Every word is quoted, so `NEAR`, `OR` and the like
 * are searched as plain words, never run as query syntax. `all` needs every word; `any` one of
 * them. Undefined when there is no word to search.
 */
export function ftsQuery(text: string, mode: 'all' | 'any'): string | undefined {
  const words = topicWords(text);
  if (words.length === 0) return undefined;
  return words.map((w) => `"${w}"`).join(mode === 'all' ? ' ' : ' OR ');
}
