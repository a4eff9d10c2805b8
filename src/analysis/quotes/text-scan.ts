import { wordCharAt } from '../word-char-at.ts';

/** A word: letters and digits, joined by ' ’ - . & ("al-Assad", "U.S", "AT&T"). */
export const WORD = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*/gu;
/** WORD with its own `lastIndex`, for scans that count words. */
const WORD_SCAN = new RegExp(WORD);
const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;
const SPACE = /\s/;

/** `/^\p{Lu}/u.test(s)` without the regex for ASCII, which is nearly every word. */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(s);
}

export function startsLower(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : LOWER.test(s);
}

/** `/^\s+$/.test(text.slice(from, to))` without the slice. */
export function onlySpace(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !SPACE.test(text[i]!)) return false;
  }
  return true;
}

/** End of the word starting at `start`: `WORD` as a scan, letters joined by ' ’ - . & */
export function wordEnd(text: string, start: number): number {
  let i = start;
  for (let k = wordCharAt(text, i); k > 0; k = wordCharAt(text, i)) i += k;
  for (;;) {
    const c = text.charCodeAt(i);
    if (!(c === 39 || c === 0x2019 || c === 45 || c === 46 || c === 38)) return i;
    if (wordCharAt(text, i + 1) === 0) return i;
    i++;
    for (let k = wordCharAt(text, i); k > 0; k = wordCharAt(text, i)) i += k;
  }
}

/** Whether lowercasing could change `text.slice(from, to)`; most words need no copy. */
export function hasUpper(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/** Whether `s` has at least `n` words; stops counting there, as quotes can be long. */
export function hasWords(s: string, n: number): boolean {
  const re = WORD_SCAN;
  re.lastIndex = 0;
  let count = 0;
  while (count < n && re.exec(s)) count++;
  return count >= n;
}
