import { speakerKey } from '../analysis/quotes/speaker-key.ts';
import { isTitle } from '../analysis/quotes/speaker-phrase.ts';

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

/** A stored speaker key, its most common spelling and how many quotes it has. */
export interface SpeakerCount {
  key: string;
  speaker: string;
  quotes: number;
}

/** One person: every stored speaker key that names them, under their most quoted full name. */
export interface Person {
  name: string;
  keys: string[];
  quotes: number;
}

/**
 * A surname alone ("Rubio", in an article that never gives a first name) is the person of that
 * surname who holds at least this share of its full-named quotes: the one Rubio quoted, or a
 * Clinton quoted far more than the others. Below it, the surname stays a candidate of its own.
 */
const SURNAME_SHARE = 0.75;

/**
 * Groups stored speakers into people across articles. A full name is its first and last word:
 * "James B Comey" and "Hillary Rodham Clinton" are "James Comey" and "Hillary Clinton"; a longer
 * name that holds a shorter one's first and last words ("Democrat Hillary Clinton") is that
 * person. Different first names stay different people (Ted Cruz, Ana Cruz). Keys are folded, so
 * case variants ("KellyAnne") already meet.
 */
export function groupPeople(speakers: readonly SpeakerCount[]): Person[] {
  interface Group {
    first: string;
    last: string;
    /** Words between first and last of the name that founded it ("w" in George W Bush). */
    middle: string;
    person: Person;
    best: number;
  }
  const groups: Group[] = [];
  // Groups by surname, in the order they were founded: "/who trump" groups some 3,000 stored
  // speakers (every key sharing a surname with one that matched), and scanning every group for
  // each of them took 40-130 ms.
  const bySurname = new Map<string, Group[]>();
  const alone: SpeakerCount[] = [];
  const add = (g: Group, s: SpeakerCount) => {
    g.person.keys.push(s.key);
    g.person.quotes += s.quotes;
    if (s.quotes > g.best) {
      g.best = s.quotes;
      g.person.name = s.speaker;
    }
  };
  const read = speakers.map((s) => ({ s, words: personWords(s.key) }));
  for (const { s, words } of read) if (words.length === 1) alone.push(s);
  const full = read
    .filter(({ words }) => words.length > 1)
    .sort((x, y) => x.words.length - y.words.length || y.s.quotes - x.s.quotes);
  for (const { s, words } of full) {
    const last = words.at(-1)!;
    // Middle names or initials that differ make two people (George W Bush, George H W Bush).
    const middleAfter = (first: string) => words.slice(words.indexOf(first) + 1, -1).join(' ');
    const same = (bySurname.get(last) ?? [])
      .filter((g) => {
        if (!words.slice(0, -1).includes(g.first)) return false;
        const middle = middleAfter(g.first);
        return !middle || !g.middle || middle === g.middle;
      })
      .sort((x, y) => y.person.quotes - x.person.quotes)[0];
    if (same) add(same, s);
    else {
      const g = {
        first: words[0]!,
        last,
        middle: middleAfter(words[0]!),
        person: { name: s.speaker, keys: [], quotes: 0 },
        best: 0,
      };
      groups.push(g);
      const namesakes = bySurname.get(last);
      if (namesakes) namesakes.push(g);
      else bySurname.set(last, [g]);
      add(g, s);
    }
  }
  const people = groups.map((g) => g.person);
  for (const s of alone) {
    const surname = personWords(s.key)[0];
    const bearers = (bySurname.get(surname ?? '') ?? []).map((g) => g.person);
    const total = bearers.reduce((n, p) => n + p.quotes, 0);
    const top = bearers.sort((x, y) => y.quotes - x.quotes)[0];
    if (top && top.quotes >= SURNAME_SHARE * total) {
      top.keys.push(s.key);
      top.quotes += s.quotes;
    } else people.push({ name: s.speaker, keys: [s.key], quotes: s.quotes });
  }
  return people.sort((x, y) => y.quotes - x.quotes);
}

/**
 * The people a typed name means, the most quoted first: the speakers `findSpeakerKeys` finds,
 * grouped with every stored speaker of the same surname (so "Marco Rubio" also gathers the
 * quotes of "Rubio" alone). `countsFor` gives the stored counts of the given keys.
 */
export async function findPeople(
  name: string,
  keysFor: (alias: string) => Promise<readonly string[]>,
  countsFor: (keys: readonly string[]) => Promise<SpeakerCount[]>,
): Promise<Person[]> {
  const matched = new Set(await findSpeakerKeys(name, keysFor));
  if (matched.size === 0) return [];
  const words = nameWords(speakerKey(name));
  const peopleAmong = async (surnames: Iterable<string | undefined>) => {
    const related = new Set(matched);
    for (const surname of surnames) {
      if (surname) for (const k of await keysFor(surname)) related.add(k);
    }
    // A description that ends on someone's name is no one of that name, whatever it outnumbers.
    const counts = (await countsFor([...related])).filter((c) => !describes(c.speaker));
    return groupPeople(counts).filter((p) => p.keys.some((k) => matched.has(k)));
  };
  // People are grouped by surname, so those named by the typed surname come out the same from
  // its speakers alone as from the speakers of every surname among the matches; "trump" matches
  // "trump adviser" and "trump pac" too, and their surnames brought 3,000 speakers to group.
  const typed = words.at(-1);
  if (typed && [...matched].some((k) => nameWords(k).at(-1) === typed)) {
    const found = namedBy(await peopleAmong([typed]), words, true);
    if (found.length > 0) return found;
  }
  const people = await peopleAmong(new Set([...matched].map((k) => nameWords(k).at(-1))));
  // Those whose own name has the typed words: "trump" means Donald and Eric Trump, not Jeb Bush
  // because an odd speaker phrase held both names.
  // Named by the typed last word first ("Trump's campaign" and "Sanders advisers" are not people
  // named Trump or Sanders), then holding the typed words anywhere ("tayyip").
  for (const [ws, asSurname] of [
    [words, true],
    [words, false],
    [words.slice(-1), true],
    [words.slice(-1), false],
  ] as const) {
    const found = namedBy(people, ws, asSurname);
    if (found.length > 0) return found;
  }
  return people;
}

/** The people whose own name holds all of `words`, with the last of them as its surname if asked. */
function namedBy(
  people: readonly Person[],
  words: readonly string[],
  asSurname: boolean,
): Person[] {
  return people.filter((p) => {
    const own = personWords(speakerKey(p.name));
    return words.every((w) => own.includes(w)) && (!asSurname || own.at(-1) === words.at(-1));
  });
}

/** Words after which a name is what a description is about, not whose it is. */
const ABOUT_WORDS = new Set(['to', 'for', 'of', 'at', 'with', 'from', 'by', 'about', 'against']);

/**
 * Whether a speaker is a description that ends on someone's name ("a longtime adviser to Trump",
 * "Aides to Clinton", "Attorneys for Clinton"): no one named Trump or Clinton.
 */
function describes(speaker: string): boolean {
  const words = speakerKey(speaker).split(' ');
  return /^(?:a|an)\s/i.test(speaker) || ABOUT_WORDS.has(words.at(-2) ?? '');
}

/**
 * A name's words after its titles, up to a place after "of", initials kept: "Ohio Gov John R
 * Kasich of Ohio" -> john, r, kasich.
 */
function personWords(key: string): string[] {
  const of = key.indexOf(' of ');
  const words = (of > 0 ? key.slice(0, of) : key).split(' ');
  let start = 0;
  words.forEach((w, i) => {
    if (isTitle(w) && i < words.length - 1) start = i + 1;
  });
  return words.slice(start).filter((w) => w && !NOT_A_NAME.has(w));
}

/** Sums rows of (key, spelling, count) into one count per key under its most common spelling. */
export function speakerCounts(
  rows: readonly { key: string; speaker: string; n: number }[],
): SpeakerCount[] {
  const byKey = new Map<string, SpeakerCount & { best: number }>();
  for (const r of rows) {
    const c = byKey.get(r.key) ?? { key: r.key, speaker: r.speaker, quotes: 0, best: 0 };
    c.quotes += r.n;
    if (r.n > c.best) {
      c.best = r.n;
      c.speaker = r.speaker;
    }
    byKey.set(r.key, c);
  }
  return [...byKey.values()].map(({ key, speaker, quotes }) => ({ key, speaker, quotes }));
}

/**
 * A batch's quotes counted by speaker key and spelling, for the stores' `speaker_counts` table
 * (what `speakerCounts` sums when someone asks for a name).
 */
export class SpeakerCounts {
  readonly #counts = new Map<string, number>();

  add(key: string, speaker: string): void {
    const row = `${key}\u0000${speaker}`;
    this.#counts.set(row, (this.#counts.get(row) ?? 0) + 1);
  }

  /** `[key, spelling, count]`, sorted, so that concurrent writers update rows in one order. */
  rows(): Array<[string, string, number]> {
    return [...this.#counts]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([row, n]) => {
        const [key = '', speaker = ''] = row.split('\u0000');
        return [key, speaker, n];
      });
  }
}
