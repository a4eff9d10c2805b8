/** The most words of a topic a search uses; more only slows the query down. */
const MAX_WORDS = 32;

/**
 * The words of a user's topic: runs of letters and digits, nothing else. Whatever a store's
 * query language is (FTS5 MATCH, tsquery), only these reach it, so `"`, `*`, `-`, `NEAR`, `|`,
 * `!` or column filters typed by a user are searched as plain words or dropped, never run.
 */
export function topicWords(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}
