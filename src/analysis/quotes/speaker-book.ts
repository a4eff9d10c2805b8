import openers from '../lexicon/sentence-openers.json' with { type: 'json' };
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import {
  eachWordOpening,
  isTitleCaseLine,
  type Paragraph,
  wordFrom,
  wordOpens,
} from './paragraph.ts';
import { speakerKey } from './speaker-key.ts';
import {
  COMMON_WORDS,
  namesOnePerson,
  ORG_ANAPHORS,
  type SpeakerPhrase,
  speakerPhrase,
} from './speaker-phrase.ts';
import { onlySpace } from './text-scan.ts';

/** A speaker of one article, as `extractQuotes` reports it. */
export interface Speaker {
  name: string;
  role?: string;
  aliases: string[];
  kind: 'person' | 'organisation' | 'description';
}

interface Entity {
  pos: number;
  key: string;
  kind: Speaker['kind'];
}

interface FullName {
  tokens: string[];
  folded: string[];
  /** `speakerKey(tokens.join(' '))`, asked at every mention. */
  key: string;
  lastSeen: number;
  /** How many times the article writes this full name. */
  written: number;
}

/**
 * A first name or initial: no "-ing" or "-area" word ("Celebrating", "Los Angeles-area"), nor an
 * "-ly" adverb ("Frankly", "Sadly") unless a known given name ("Carly", "Kelly", "Emily").
 */
function isFirstName(token: string): boolean {
  if (!/^\p{Lu}/u.test(token) || /-\p{Ll}+$/u.test(token) || /ing$/i.test(token)) return false;
  return !/ly$/i.test(token) || LY_NAMES.has(token.toLowerCase());
}
/** Prepositions that open a sentence before a name: "Without Bloomberg in the mix". */
const LEAD_PREPOSITIONS = new Set(
  'about after against among amid at before behind beyond by despite during for from in like of on over since to under unlike with without'.split(
    ' ',
  ),
);
/** Verbs that open a sentence as a command before a name: "(See Sexton’s full timeline…)". */
const IMPERATIVES = new Set(['see', 'read', 'watch', 'meet', 'hear', 'listen']);

/** Given names ending in "-ly", which otherwise reads as an adverb ("Frankly", "Sadly"). */
const LY_NAMES = new Set(
  'ally beverly billy carly charly dolly emily holly kelly kimberly lily molly polly sally shelly wally'.split(
    ' ',
  ),
);
/**
 * A given name written after the family name, two short syllables joined by a hyphen ("Ki-moon",
 * "Jong-un", "Geun-hye"), and not an English compound ("Chicago-based", "Ohio-born").
 */
const FAMILY_FIRST =
  /^\p{Lu}\p{Ll}{0,4}-(?!(?:based|born|bred|led|run|owned|made|area|style|wide)$)\p{Ll}{1,5}$/u;
/** Capitalised words that open a sentence or count, never a first name ("Top", "Six", "Team"). */
const NOT_FIRST = new Set([
  ...lexicon.openingWords,
  ...lexicon.nameStops,
  ...openers.words.map((w) => w.toLowerCase()),
  ...'four five six seven eight nine ten top team within absent senators'.split(' '),
]);

/** How far back pronoun resolution looks: recent enough to be what a reader would pick. */
const MEMORY = 40;

/**
 * The people and organisations of one article: full names gathered first so that "Rouhani" becomes
 * "Hassan Rouhani", then mentions in reading order so that "he" and "the official" resolve to the
 * most recent compatible one.
 */
export class SpeakerBook {
  private readonly names = new Map<string, FullName[]>();
  private readonly speakers = new Map<string, Speaker>();
  private readonly genders = new Map<string, 'm' | 'f'>();
  private readonly memory: Entity[] = [];
  /** People named with a title, role or apposition somewhere: likelier "he"/"she" than a bare name. */
  private readonly signalled = new Set<string>();
  private readonly places = new Set<string>();
  /** The article's paragraphs, read for how it writes a word (see `isCommonWord`). */
  private paragraphs: readonly Paragraph[] = [];
  /** How the article writes its words: read once, at the first one-word phrase to judge. */
  private wordCase?: WordCase;
  /** `isCommonWord`'s answers, by lower-case word. */
  private readonly commonWords = new Map<string, boolean>();

  /** Pass one, first: the article's paragraphs, so that a common word is not taken for a name. */
  read(paragraphs: readonly Paragraph[]): void {
    this.paragraphs = paragraphs;
  }

  /**
   * Whether a one-word phrase at article offset `pos` is a common word ("Hours later, the
   * campaign said", "Current and former officials said"), not a name: a word written in lower
   * case in the article or in news generally (`COMMON_WORDS`), never capitalised inside one of
   * the article's sentences, and no speaker in lower case either ("Officials"). A title-case
   * line (a headline) capitalises every word: there the case tells nothing.
   */
  private isCommonWord(token: string, pos: number): boolean {
    this.wordCase ??= readWordCase(this.paragraphs);
    const c = this.wordCase;
    const at = paragraphAt(this.paragraphs, pos);
    if (at < 0 || c.titled[at]) return false;
    // "Lane said", "Target reported": a speech verb right after the word makes it its subject
    // ("Having assured me that…" opens a participle clause).
    const p = this.paragraphs[at]!;
    const i = wordFrom(p, pos - p.base);
    const next = p.words[i + 1];
    if (
      p.words[i]?.start === pos - p.base &&
      !/ing$/i.test(token) &&
      next?.verb &&
      onlySpace(p.text, p.words[i]!.end, next.start)
    )
      return false;
    const lower = token.toLowerCase();
    let known = this.commonWords.get(lower);
    if (known === undefined) {
      known =
        (c.lower.has(lower) || COMMON_WORDS.has(lower)) &&
        !c.capitalisedWithin.has(lower) &&
        speakerPhrase(lower) === undefined;
      this.commonWords.set(lower, known);
    }
    return known;
  }

  /**
   * "Continued Stone: “…”", "Without Bloomberg in the mix", "(See Sexton’s full timeline…)": a
   * two-word name at article offset `pos` whose first word opens a sentence and is a word of the
   * sentence: a preposition, a command, or a common past form in "-ed". Not any common word
   * ("Bill", "Mark", "Will", "Hope"), a month ("April Ryan", "June Carter") or an "-ing" word
   * ("Sterling Brown"): those are first names there too.
   */
  private opensWithCommonWord(tokens: readonly string[], pos: number): boolean {
    if (tokens.length !== 2) return false;
    const at = paragraphAt(this.paragraphs, pos);
    const p = this.paragraphs[at];
    if (!p) return false;
    const i = wordFrom(p, pos - p.base);
    const first = tokens[0]!;
    // (The name's first word must be the one at `pos`, not a word after a role or a possessor.)
    return (
      p.words[i]?.start === pos - p.base &&
      p.words[i]!.text.startsWith(first) &&
      wordOpens(p, i) &&
      (LEAD_PREPOSITIONS.has(first.toLowerCase()) ||
        IMPERATIVES.has(first.toLowerCase()) ||
        (first.length >= 5 && /ed$/i.test(first) && this.isCommonWord(first, pos)))
    );
  }

  /** Pass one, first: a place named after "in", "at"… somewhere in the article. */
  addPlace(tokens: readonly string[]): void {
    this.places.add(speakerKey(tokens.join(' ')));
  }

  /**
   * Pass one: a person's name as written somewhere in the article. A run that opens with a place
   * of the article ("New Hampshire Sanders" where "in New Hampshire" occurs) or with a word no
   * first name is ("Celebrating Clinton", "Six Trump") is not a fuller form of the surname.
   */
  addFullName(tokens: readonly string[], pos?: number): void {
    if (
      tokens.length < 2 ||
      !isFirstName(tokens[0]!) ||
      NOT_FIRST.has(tokens[0]!.toLowerCase()) ||
      (pos !== undefined && this.opensWithCommonWord(tokens, pos))
    )
      return;
    if (this.places.size > 0)
      for (let k = 1; k < tokens.length; k++)
        if (this.places.has(speakerKey(tokens.slice(0, k).join(' ')))) return;
    const folded = tokens.map((t) => speakerKey(t));
    const last = folded.at(-1)!;
    const list = this.names.get(last) ?? [];
    const same = list.find((n) => n.folded.join(' ') === folded.join(' '));
    if (same) same.written++;
    else {
      const name = {
        tokens: [...tokens],
        folded,
        key: speakerKey(tokens.join(' ')),
        lastSeen: -1,
        written: 1,
      };
      list.push(name);
      this.names.set(last, list);
      // "Ban Ki-moon", "Kim Jong-un", "Park Geun-hye": a Korean name writes the family name first,
      // and the article goes on with "Ban said", so the first word is a surname too.
      if (tokens.length === 2 && FAMILY_FIRST.test(tokens[1]!)) {
        const first = folded[0]!;
        this.names.set(first, [...(this.names.get(first) ?? []), name]);
      }
    }
  }

  /** Whether the article names this `speakerKey` as a place ("in Ohio"). */
  isPlace(key: string): boolean {
    return this.places.has(key);
  }

  /** Whether someone else with this full name's surname is named in full ("Thomas Perez"). */
  namesOtherwise(tokens: readonly string[]): boolean {
    const folded = tokens.map((t) => speakerKey(t)).join(' ');
    const list = this.names.get(speakerKey(tokens.at(-1)!)) ?? [];
    return list.length > 0 && !list.some((n) => n.folded.join(' ') === folded);
  }

  /** Whether a single capitalised word is the surname of someone named in full. */
  knowsSurname(token: string): boolean {
    return this.names.has(speakerKey(token));
  }

  /** The longest full name containing these tokens; the most recently mentioned when ambiguous. */
  private fullName(tokens: readonly string[], pos: number): FullName | undefined {
    const folded = tokens.map((t) => speakerKey(t));
    const list = this.names.get(folded.at(-1)!);
    if (!list) return undefined;
    let fits = list.filter((n) => isSubsequence(folded, n.folded));
    if (fits.length === 0) return undefined;
    // "Rafael Edward Cruz" or "New Hampshire Sanders" written once where "Ted Cruz" and "Bernie
    // Sanders" recur: a surname alone means a recurring full name, not a one-off variant.
    if (fits.some((n) => n.written > 1)) fits = fits.filter((n) => n.written > 1);
    const longest = Math.max(...fits.map((n) => n.tokens.length));
    const best = fits.filter((n) => n.tokens.length === longest);
    best.sort((a, b) => recency(b, pos) - recency(a, pos));
    return best[0];
  }

  /** Pass two: a person named in running text (not necessarily speaking), for pronouns later. */
  mention(tokens: readonly string[], pos: number, gender?: 'm' | 'f', signal = false): void {
    const full = this.fullName(tokens, pos);
    if (!full) return;
    full.lastSeen = pos;
    const key = full.key;
    if (signal || gender) this.signalled.add(key);
    if (gender && !this.genders.has(key)) this.genders.set(key, gender);
    this.remember({ pos, key, kind: 'person' });
  }

  /** Resolves a phrase next to a speech verb to a canonical speaker and records it. */
  resolve(phrase: SpeakerPhrase, pos: number): Speaker | undefined {
    if (phrase.kind === 'pronoun') return this.resolvePronoun(phrase.pronoun, pos);
    if (phrase.definite) {
      const head = speakerKey(phrase.tokens.at(-1)!);
      const back = this.recall(pos, (e) => {
        // A remembered speaker's key is `speakerKey(speaker.name)` already.
        if (e.kind === 'description') return e.key.slice(e.key.lastIndexOf(' ') + 1) === head;
        return e.kind === 'organisation' && ORG_ANAPHORS.has(head);
      });
      if (back) return this.note(back, phrase.name, pos);
    }
    let kind = phrase.kind;
    let name = phrase.name;
    if (kind === 'person') {
      const full = this.fullName(phrase.tokens, pos);
      if (full) {
        full.lastSeen = pos;
        name = full.tokens.join(' ');
      } else if (phrase.tokens.length === 1 && !phrase.titled && !phrase.gender) {
        if (this.isCommonWord(phrase.tokens[0]!, pos)) return undefined;
        kind = 'organisation';
      } else if (!phrase.titled && !phrase.role && this.opensWithCommonWord(phrase.tokens, pos)) {
        // "Continued Stone:": the person is the surname's.
        const surname = phrase.tokens[1]!;
        return this.resolve({ ...phrase, name: surname, tokens: [surname] }, pos);
      } else if (phrase.tokens.length === 2 && phrase.titled) {
        // "said Atlantic City Mayor Don Guardian": a full name only a speaker's phrase gave (its
        // run read as an organisation), which "Guardian said" later means. Only a titled one:
        // candidates are resolved too, and "a Palm Beach Trump neighbor" names no "Palm Beach
        // Trump".
        this.addFullName(phrase.tokens);
      }
    } else if (kind === 'organisation' && !name.includes(' ') && this.isCommonWord(name, pos)) {
      return undefined;
    }
    const key = speakerKey(name);
    let speaker = this.speakers.get(key);
    if (!speaker) {
      speaker = { name, aliases: [], kind };
      if (kind === 'person' && phrase.tokens.length > 0)
        speaker.aliases.push(name.split(' ').at(-1)!);
      this.speakers.set(key, speaker);
    }
    if (phrase.role && !speaker.role) speaker.role = phrase.role;
    if (phrase.gender && !this.genders.has(key)) this.genders.set(key, phrase.gender);
    return this.note(
      speaker,
      phrase.kind === 'person' ? phrase.tokens.join(' ') : phrase.name,
      pos,
    );
  }

  private resolvePronoun(pronoun: 'he' | 'she' | 'it' | 'they', pos: number): Speaker | undefined {
    const gender = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : undefined;
    const fits = (e: Entity) => {
      if (pronoun === 'it') return e.kind === 'organisation';
      if (pronoun === 'they') return e.kind !== 'person';
      if (e.kind === 'organisation') return false;
      // "The presumed adjustment, he concluded, never happened": a description that names no
      // person ("the book", "participants") is never who "he" or "she" is.
      if (e.kind === 'description' && !namesOnePerson(e.key)) return false;
      const known = this.genders.get(e.key);
      return known === undefined || known === gender;
    };
    // A capitalised name with nothing else to go on ("Khan Sheikhoun") may be a place: "he" and
    // "she" prefer someone who has spoken or was named with a title, role or apposition.
    const found =
      (gender &&
        this.recall(
          pos,
          (e) =>
            fits(e) &&
            (this.speakers.has(e.key) || this.signalled.has(e.key) || this.genders.has(e.key)),
        )) ||
      this.recall(pos, fits);
    if (!found) return undefined;
    const key = speakerKey(found.name);
    if (gender && !this.genders.has(key)) this.genders.set(key, gender);
    return this.note(found, undefined, pos);
  }

  /**
   * Two people speaking together ("As Johnson and Weld stumped …, they said"): one speaker named
   * after both, a group that "they" may point back to.
   */
  pair(first: Speaker, second: Speaker, pos: number): Speaker {
    const name = `${first.name} and ${second.name}`;
    const key = speakerKey(name);
    let speaker = this.speakers.get(key);
    if (!speaker) {
      speaker = { name, aliases: [], kind: 'organisation' };
      this.speakers.set(key, speaker);
    }
    return this.note(speaker, undefined, pos);
  }

  private recall(pos: number, fits: (e: Entity) => boolean): Speaker | undefined {
    let lo = 0;
    let hi = this.memory.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.memory[mid]!.pos < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && i >= lo - MEMORY; i--) {
      const e = this.memory[i]!;
      if (fits(e)) {
        const existing = this.speakers.get(e.key);
        if (existing) return existing;
        // A person mentioned but not yet quoted becomes a speaker when a pronoun points at them.
        const full = [...this.names.values()].flat().find((n) => n.key === e.key);
        if (!full) continue;
        const name = full.tokens.join(' ');
        const speaker: Speaker = { name, aliases: [full.tokens.at(-1)!], kind: 'person' };
        this.speakers.set(e.key, speaker);
        return speaker;
      }
    }
    return undefined;
  }

  /** Records a speaker named again at `pos` by a word that does not name them ("he"). */
  repeat(speaker: Speaker, pos: number): Speaker {
    return this.note(speaker, undefined, pos);
  }

  private note(speaker: Speaker, alias: string | undefined, pos: number): Speaker {
    if (alias && alias !== speaker.name && !speaker.aliases.includes(alias))
      speaker.aliases.push(alias);
    this.remember({ pos, key: speakerKey(speaker.name), kind: speaker.kind });
    return speaker;
  }

  private remember(entity: Entity): void {
    // Entities arrive nearly in text order; insertion looks back a bounded distance to stay linear.
    let i = this.memory.length;
    const floor = Math.max(0, i - MEMORY);
    while (i > floor && this.memory[i - 1]!.pos > entity.pos) i--;
    this.memory.splice(i, 0, entity);
  }

  /** Every speaker resolved so far, in order of first appearance. */
  list(): Speaker[] {
    return [...this.speakers.values()];
  }

  /** Whether a speaker is a person (pronouns "he"/"she" apply). */
  genderOf(speaker: Speaker): 'm' | 'f' | undefined {
    return this.genders.get(speakerKey(speaker.name));
  }
}

function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let j = 0;
  for (const t of long) if (t === short[j]) j++;
  return j === short.length;
}

function recency(n: FullName, pos: number): number {
  return n.lastSeen < pos ? n.lastSeen : -1;
}

/** How an article writes its words (see `SpeakerBook.isCommonWord`). */
interface WordCase {
  /** Words written in lower case. */
  lower: Set<string>;
  /** Words (lower-cased) capitalised inside a sentence, outside title-case lines. */
  capitalisedWithin: Set<string>;
  /** Per paragraph: a title-case line. */
  titled: boolean[];
}

/** One pass over the article's words: linear whatever the number of phrases judged. */
function readWordCase(paragraphs: readonly Paragraph[]): WordCase {
  const c: WordCase = { lower: new Set(), capitalisedWithin: new Set(), titled: [] };
  for (const p of paragraphs) {
    const titled = isTitleCaseLine(p);
    c.titled.push(titled);
    eachWordOpening(p, (w, opens) => {
      if (w.text === w.lower) c.lower.add(w.lower);
      else if (!titled && !opens) c.capitalisedWithin.add(w.lower);
    });
  }
  return c;
}

/** The index of the paragraph holding article offset `pos` (paragraphs are in order), or -1. */
function paragraphAt(paragraphs: readonly Paragraph[], pos: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid]!.base <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
