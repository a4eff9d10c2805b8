import lexicon from './lexicon/abbreviations.json' with { type: 'json' };

/** What a full stop after a word means for the sentence. */
export type Abbreviation =
  /** "Mr.", "Sen.", "Gov.": a name follows, the sentence goes on. */
  | 'title'
  /** "No.", "Jan.": the sentence goes on when a number follows. */
  | 'before-number'
  /** "Jr.", "Inc.", "U.S.", an initial: the sentence ends only if an opening word follows. */
  | 'sometimes-final';

/**
 * An entry written capitalised matches only a capitalised word ("Ill." is Illinois, "ill." is
 * not); an entry written in lower case matches either ("no.", "No.").
 */
function matcher(words: readonly string[]): (word: string) => boolean {
  const set = new Set(words);
  return (word) => {
    if (set.has(word)) return true;
    const first = word.charCodeAt(0);
    return first >= 65 && first <= 90 && set.has(word[0]!.toLowerCase() + word.slice(1));
  };
}

const isTitle = matcher(lexicon.titles);
const isBeforeNumber = matcher(lexicon.beforeNumber);
const isSometimesFinal = matcher(lexicon.sometimesFinal);

/**
 * How a word written before a full stop reads: `word` is the letters (and inner dots) before
 * it, e.g. "Mr", "U.S", "H". Undefined for ordinary words, after which the stop ends a sentence.
 */
export function abbreviation(word: string): Abbreviation | undefined {
  if (word.length === 0) return undefined;
  if (isTitle(word)) return 'title';
  if (isBeforeNumber(word)) return 'before-number';
  // An initial ("George W."), a dotted acronym ("U.S.", "a.m.") or a listed one.
  if (word.length === 1 || word.includes('.') || isSometimesFinal(word)) return 'sometimes-final';
  return undefined;
}
