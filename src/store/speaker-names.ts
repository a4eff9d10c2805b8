import { speakerKey } from '../analysis/quotes/speaker-key.ts';

/**
 * How a speaker is found by name, for every store. One folding, `speakerKey`, makes the keys a
 * store writes and the words a look-up reads, so "Støre", "Łukasz" and "Erdoğan" typed by a user
 * meet the names as written in articles (an earlier store folded the two sides differently and
 * `/who Støre` found nothing).
 */

// Words that never identify a speaker on their own.
const NOT_A_NAME = new Set([
  'the',
  'a',
  'an',
  'of',
  'for',
  'and',
  'to',
  'in',
  'on',
  'mr',
  'mrs',
  'ms',
  'dr',
]);

/** The keys a speaker can be found by: the whole name and each of its words. */
export function aliasKeys(speaker: string): string[] {
  const key = speakerKey(speaker);
  return [...new Set([key, ...nameWords(key)])].filter(Boolean);
}

/** The words of a name that can identify someone ("Mr Jeffrey" -> ["jeffrey"]). */
function nameWords(key: string): string[] {
  return key.split(' ').filter((w) => w.length > 1 && !NOT_A_NAME.has(w));
}

/**
 * The speaker keys a typed name means. Every word must be an alias of the speaker ("Recep
 * Erdogan" finds "Recep Tayyip Erdogan"); when no speaker has them all, the last word alone
 * ("Jeff Sachs" finds "Jeffrey Sachs"). `keysFor` is the store's alias look-up.
 */
export async function findSpeakerKeys(
  name: string,
  keysFor: (alias: string) => Promise<readonly string[]>,
): Promise<string[]> {
  const words = nameWords(speakerKey(name));
  if (words.length === 0) return [];
  const matching = async (ws: readonly string[]) => {
    let keys: Set<string> | undefined;
    for (const w of ws) {
      const found = new Set(await keysFor(w));
      keys = keys ? new Set([...keys].filter((k) => found.has(k))) : found;
      if (keys.size === 0) break;
    }
    return [...(keys ?? [])];
  };
  const keys = await matching(words);
  return keys.length > 0 || words.length === 1 ? keys : matching(words.slice(-1));
}
