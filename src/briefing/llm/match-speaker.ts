import { foldName } from './normalize-text.ts';

const NOT_NAMES = new Set(['the', 'a', 'an', 'mr', 'mrs', 'ms', 'dr', 'sir', 'of']);

function nameWords(name: string): string[] {
  return foldName(name)
    .split(' ')
    .filter((w) => w !== '' && !NOT_NAMES.has(w));
}

/**
 * Whether two ways of naming a speaker are the same speaker, forgivingly: case and diacritics
 * ("Erdoğan" / "erdogan"), a name inside a longer one ("Rouhani" / "Iranian President Hassan
 * Rouhani"), or the same surname ("President Putin" / "Vladimir Putin").
 */
export function matchSpeaker(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const longSet = new Set(long);
  if (short.every((w) => longSet.has(w))) return true;
  return x.at(-1) === y.at(-1);
}
