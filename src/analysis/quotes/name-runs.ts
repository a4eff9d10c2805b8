import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import type { Paragraph } from './paragraph.ts';
import { isTitle, type PersonName, personName, withoutPossessive } from './speaker-phrase.ts';
import { onlySpace, startsLower, startsUpper } from './text-scan.ts';

/** Capitalised words that open no name: function words, days, months, place words. */
const NAME_STOP = new Set([...lexicon.nameStops, ...lexicon.placeWords]);
const AUX = new Set(lexicon.auxiliaries);

/** A run of capitalised words: a name, a place or an organisation. */
export interface NameRun {
  tokens: string[];
  pos: number;
  person: PersonName | undefined;
  /** A title, role or apposition next to the name says it is a person ("worker Ann Lee, 30,"). */
  signal: boolean;
  /** Right after a preposition of place ("in New Hampshire"): a place, whatever it reads as. */
  place: boolean;
}

const NAME_PARTICLE = /^(?:de|van|von|der|al|bin|da|di|du|le|la)$|^(?:al|el)-/;
/** A particle joined to a capitalised name ("al-Shahad"): the end of a name, not a lowercase word. */
const JOINED_PARTICLE = /^(?:al|el|bin|ibn)-\p{Lu}/u;
/**
 * Prepositions of place: a capitalised run right after one ("in Idlib", "the province of X") is a
 * place, neither a full name to cluster on nor a he/she antecedent, unless a title or descriptor
 * that `personName` strips ("to President Vance") says it is a person.
 */
const LOCATIVE = new Set(lexicon.locative);
/**
 * "of" is locative only after a place noun ("the province of X"): "the wife of X" and "Secretary of
 * State X" name people. "from" and "to" are left out too ("a letter from X", "told to X").
 */
const PLACE_NOUNS = new Set(lexicon.placeNouns);

/** Whether the run starting at word `i` follows a preposition of place. */
export function afterLocative(p: Paragraph, i: number): boolean {
  const prev = p.words[i - 1];
  if (!prev || !onlySpace(p.text, prev.end, p.words[i]!.start)) return false;
  if (LOCATIVE.has(prev.lower)) return true;
  return prev.lower === 'of' && PLACE_NOUNS.has(p.words[i - 2]?.lower ?? '');
}

/** Words before a name that are not a role noun ("in", "the", "and", "was"). */
const NOT_ROLE = new Set([
  ...LOCATIVE,
  ...NAME_STOP,
  ...AUX,
  'on',
  'by',
  'with',
  'for',
  'about',
  'from',
  'to',
  'of',
]);

/**
 * Whether a name run looks like a person beyond being capitalised: a title or descriptor that
 * `personName` strips, a lowercase role noun right before it ("construction worker Ann Lee"), or
 * an apposition after it (", a spokesman", ", director of").
 */
function personSignal(
  p: Paragraph,
  i: number,
  last: number,
  tokens: readonly string[],
  person: PersonName,
): boolean {
  const { words, text } = p;
  if (person.tokens.length < tokens.length) return true;
  const prev = words[i - 1];
  if (
    prev &&
    startsLower(prev.text) &&
    !NOT_ROLE.has(prev.lower) &&
    !prev.lower.endsWith('ed') &&
    onlySpace(text, prev.end, words[i]!.start)
  )
    return true;
  const next = words[last];
  if (!next || !startsLower(next.text)) return false;
  const gap = text.slice(words[last - 1]!.end, next.start);
  return /^\s*,\s+$/.test(gap);
}

/** Whether word `k` is a lowercase noun right after the run ("Sanders veteran", not "Sanders said"). */
function beforeNoun(p: Paragraph, k: number): boolean {
  const w = p.words[k];
  if (!w || !startsLower(w.text) || !onlySpace(p.text, p.words[k - 1]!.end, w.start)) return false;
  return !w.verb && !NOT_ROLE.has(w.lower) && !/(?:ly|ed|s)$/.test(w.lower);
}

/** Whether the run at word `i` follows a title and "of" ("Secretary of", "Minister of"). */
export function ofTitle(p: Paragraph, i: number): boolean {
  const title = p.words[i - 2];
  return p.words[i - 1]?.lower === 'of' && title !== undefined && isTitle(title.lower);
}

/**
 * Where the name after a possessive starts in the run of words `first`..`last`: "Gallup's
 * Jeffrey M. Jones wrote", "by Variety's Gordon Cox:" name Jones and Cox, whom Gallup and Variety
 * employ. Else `first`, the run whole: no person's name follows, or the possessed run modifies a
 * noun ("Hillary Clinton's Bernie Sanders problem", "Obama's Gun Grab plan").
 */
function afterPossessive(p: Paragraph, first: number, last: number): number {
  const { words } = p;
  if (beforeNoun(p, last)) return first;
  for (let w = last - 3; w >= first; w--) {
    if (withoutPossessive(words[w]!.text) === words[w]!.text) continue;
    const rest = words.slice(w + 1, last).map((x) => x.text);
    return personName(rest.join(' ')) ? w + 1 : first;
  }
  return first;
}

/** The capitalised runs of a paragraph's running text, each read as a person's name if it is one. */
export function nameRuns(p: Paragraph): NameRun[] {
  const { words, text } = p;
  const out: NameRun[] = [];
  let i = 0;
  while (i < words.length) {
    if (!startsUpper(words[i]!.text) || NAME_STOP.has(words[i]!.lower)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (
      j < words.length &&
      onlySpace(text, words[j - 1]!.end, words[j]!.start) &&
      (startsUpper(words[j]!.text) || NAME_PARTICLE.test(words[j]!.text))
    ) {
      j++;
    }
    let last = j;
    while (
      last > i &&
      startsLower(words[last - 1]!.text) &&
      !JOINED_PARTICLE.test(words[last - 1]!.text)
    )
      last--;
    // "Secretary of State Hillary Clinton": the run after "of" opens with the title's complement.
    const first = last - i > 2 && ofTitle(p, i) ? i + 1 : i;
    // The possessor is no run of its own: in headlines ("Texas Gov. Hears About Obama's Gun
    // Grab, …") it is mostly words in title case.
    readRun(p, afterPossessive(p, first, last), last, out);
    i = j;
  }
  return out;
}

/** Reads words `first`..`last` as one run (when they are one) onto `out`. */
function readRun(p: Paragraph, first: number, last: number, out: NameRun[]): void {
  const { words } = p;
  for (let w = first; w < last; w++) if (NAME_STOP.has(words[w]!.lower)) return;
  if (last <= first) return;
  const tokens: string[] = [];
  let afterPossessor = -1;
  for (let w = first; w < last; w++) {
    const token = withoutPossessive(words[w]!.text);
    if (w < last - 1 && token !== words[w]!.text) afterPossessor = tokens.length + 1;
    tokens.push(token);
  }
  let person: PersonName | undefined =
    tokens.length === 1 ? { tokens } : personName(tokens.join(' '));
  // "Media Research Center’s Bozell": a name reaching back into its possessor is no one's full
  // name ("Obama’s Attorney General Loretta Lynch" names Loretta Lynch after it).
  if (person && afterPossessor > 0 && person.tokens.length > tokens.length - afterPossessor)
    person = undefined;
  const place = afterLocative(p, first);
  if (person && person.tokens.length === tokens.length && place) person = undefined;
  // "a fellow New Hampshire Sanders veteran": a long run before a noun modifies it.
  if (
    person &&
    tokens.length > 2 &&
    person.tokens.length === tokens.length &&
    startsLower(words[first - 1]?.text ?? 'X') &&
    beforeNoun(p, last)
  )
    person = undefined;
  const signal = person !== undefined && personSignal(p, first, last, tokens, person);
  out.push({ tokens, pos: words[first]!.start, person, signal, place });
}
