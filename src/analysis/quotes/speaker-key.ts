import { foldText } from '../fold-text.ts';

/**
 * Forgiving look-up key for a speaker: `foldText` with a leading "the" removed, so "Erdoğan" and
 * "erdogan", "the White House" and "White House" meet.
 */
export function speakerKey(name: string): string {
  let key = MEMO.get(name);
  if (key === undefined) {
    if (MEMO.size > 50_000) MEMO.clear();
    key = foldText(name).replace(/^the /, '');
    MEMO.set(name, key);
  }
  return key;
}

/** Names repeat across articles; folding is the hot part of clustering. */
const MEMO = new Map<string, string>();
