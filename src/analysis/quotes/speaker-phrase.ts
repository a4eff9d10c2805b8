import openers from '../lexicon/sentence-openers.json' with { type: 'json' };
import { memo } from '../memo.ts';
import common from './lexicon/common-words.json' with { type: 'json' };
import words from './lexicon/person-words.json' with { type: 'json' };
import quoteWords from './lexicon/quote-words.json' with { type: 'json' };

/** Sentence openers that are speakers on their own ("Democrats said"). */
const GROUP_NOUNS = new Set(['democrats', 'republicans', 'officials']);
const FIRST_PERSON = new Set(['i', 'we', 'you']);
/** What a noun phrase next to a speech verb says about the speaker, before names are clustered. */
export type SpeakerPhrase =
  | { kind: 'pronoun'; pronoun: 'he' | 'she' | 'it' | 'they' }
  | {
      kind: 'person' | 'organisation' | 'description';
      /** Name tokens for a person ("Hassan", "Rouhani"); the phrase as written otherwise. */
      name: string;
      tokens: string[];
      role?: string;
      gender?: 'm' | 'f';
      /** "the official", "the group": may point back to an earlier speaker. */
      definite?: boolean;
      /** A title such as "Mr" or "President" came with the name: a person even when one word. */
      titled?: boolean;
    };

const set = (words: readonly string[]) => new Set(words);
/**
 * Words news writes in lower case and almost never capitalises inside a sentence, from real
 * articles (`npm run build:common-words`): capitalised, they only open a sentence.
 */
export const COMMON_WORDS = set(common.words);
const TITLES = set(words.titles);
const LEADING_ROLES = set(words.leadingRoles);
/** A role or honorific before a name, lower case ("secretary", "sen"). */
/** A title in lower case, also with "then-" or "ex-" before it ("then-secretary"). */
export const isTitle = (word: string) =>
  TITLES.has(word) || (/^(?:then|ex)-/.test(word) && TITLES.has(word.slice(word.indexOf('-') + 1)));
const PEOPLE = set([...words.people, ...words.titles]);
const NOT_PEOPLE = set(words.notPeople);
/** Words after a description's head noun ("the senator *from* Texas", "a spokesman *for*…"). */
const AFTER_HEAD = set(['of', 'for', 'from', 'at', 'with', 'to', 'in', 'on', 'who', 'that']);
const PERSON_ENDING =
  /(?:man|woman|person|ist|ian|eer|keeper|maker|writer|worker|owner|holder|leader|player|seller|buyer|officer|member|voter|grapher)$/;

/**
 * Whether a description (a speaker key: folded, "the" dropped) names one person: only such a
 * description may be who a later "he" or "she" is. Its head noun, the last word before "of",
 * "from" and the like ("the senator from Texas", "his son in law"), is a noun of the list, a
 * title, or has a person's ending ("congressman", "strategist", "historian", "policymaker"; not
 * "list" or "career"); or it is someone's age ("the 27 year old").
 */
export function namesOnePerson(description: string): boolean {
  const words = description.split(' ');
  const head = headOf(words);
  const end = words.lastIndexOf(head);
  if (head === 'old' && words[end - 1] === 'year') return true;
  return !NOT_PEOPLE.has(head) && (PEOPLE.has(head) || PERSON_ENDING.test(head));
}

/** The head noun of a description's words: the last before "of", "from" and the like. */
function headOf(words: readonly string[]): string {
  const after = words.findIndex((w, i) => i > 0 && AFTER_HEAD.has(w));
  return words[(after > 0 ? after : words.length) - 1] ?? '';
}

/** Function words only, one of them an article or a `notSubjects` word ("as", "yet every"). */
function isNoNoun(toks: readonly string[]): boolean {
  let functionWord = false;
  for (const t of toks) {
    const lower = t.toLowerCase();
    if (!NO_NAME.has(lower)) return false;
    if (NOT_SUBJECTS.has(lower) || ARTICLES.has(lower)) functionWord = true;
  }
  return functionWord;
}

/**
 * Whether a description (lower case) names people: one person, or a group ("aides", "police",
 * "several"); not a thing ("video link", "the end of the meeting").
 */
export function namesPeople(description: string): boolean {
  return namesOnePerson(description) || isBareSubject(headOf(description.split(' ')));
}
const MALE = set(words.male);
const FEMALE = set(words.female);
const ORG_WORDS = set(words.organisation);
/** Heads of "the group said"-style phrases that point back to the last organisation speaking. */
export const ORG_ANAPHORS = set(words.anaphors);
const ORG_HEADS = set([...words.organisation, ...words.anaphors, ...words.organisationHeads]);
const PREPOSITIONS = set(words.prepositions);
const PRONOUNS = set(words.pronouns);
const PRONOUN_CONTRACTION = /^(he|she|it|they)['’](?:ve|ll|d)$|^(he|she)['’]s$|^(they)['’]re$/;
const DETERMINERS = set(words.determiners);
const PARTICLES = set(words.particles);
const CONNECTORS = set(words.connectors);
const TRAILING_SKIP = set(words.trailing);
const CLAUSE_WORDS = set(words.clause);
const TIME_WORDS = set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'day',
  'week',
  'month',
  'year',
  'night',
  'weekend',
  'morning',
  'evening',
]);
const TIME_LEADS = set(['on', 'last', 'this', 'next', 'that', 'following', 'previous', 'same']);
const QUANTITIES = set(['few', 'couple', 'number', 'lot', 'group', 'dozen', 'handful', 'majority']);
/** Titles written short, never a surname ("King" and "Judge" are both). */
const ABBREVIATED_TITLES = set(
  'gov govs sen sens rep reps lt gen col capt sgt cmdr supt atty pres dr mr mrs ms prof rev'.split(
    ' ',
  ),
);
/** A title written short ("gov", "sen", "rep"), as a word of the text is in lower case. */
export const isShortTitle = (word: string) => ABBREVIATED_TITLES.has(word);
const FUNCTION_WORDS = set([...words.prepositions, ...quoteWords.nameStops, ...words.clause]);
const NOT_SUBJECTS = set(words.notSubjects);
const COLLECTIVES = set(words.collectives);
const INDEFINITE_PEOPLE = set([
  'someone',
  'somebody',
  'everyone',
  'everybody',
  'anyone',
  'anybody',
  'nobody',
]);
/**
 * A lower-case word that is a subject alone: a plural, a collective, a quantifier ("both"), or a
 * noun for one person.
 */
const isBareSubject = (word: string) =>
  (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word) && word !== 'news') ||
  INDEFINITE_PEOPLE.has(word) ||
  COLLECTIVES.has(word) ||
  QUANTIFIERS.has(word) ||
  namesOnePerson(word);
const ARTICLES = set(['a', 'an', 'the']);
/**
 * Capitalised words that are never a speaker alone: sentence words, days, months, and the
 * adverbs and abbreviations of `notSubjects` ("Ever since…, Ms. Warren", "on Aug. 10").
 */
const NO_NAME = set([
  ...quoteWords.nameStops,
  ...NOT_SUBJECTS,
  ...quoteWords.openingWords,
  'none',
  ...words.leads,
  ...openers.words.map((w) => w.toLowerCase()).filter((w) => !GROUP_NOUNS.has(w)),
]);
/** "Seventy-four (percent of voters)": a number, however it opens a sentence. */
const COMPOUND_NUMBER =
  /^(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)$/;
/** Words a role never opens with: they open the sentence's lead-in before the name. */
const NOT_ROLE_START = set([
  ...words.prepositions,
  ...'by on as after before since about no not but and or so yet still now also even instead plus however meanwhile perhaps maybe indeed'.split(
    ' ',
  ),
]);
/** Capitalised words before a name that open the sentence and are no part of it ("Yet Clinton"). */
const LEADS = set([...words.leads, ...openers.words.map((w) => w.toLowerCase())]);
/** Words that may trail a subject before its verb ("the minister has also", "she later"). */
const TRAILING_AUX_WORD =
  /^(?:has|have|had|also|later|then|again|once|previously|earlier|would|will|did|does|not|just|first|finally|repeatedly|cannot|(?:did|does|do|is|are|was|were|has|have|had|would|could|should|wo|ca|must|need)n[’']t|\p{Ll}+ly)$/u;
const SPACE = /\s/;

function isSeparator(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 44 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && SPACE.test(text[i]!);
}

/**
 * `text.replace(/(?:[\s,]+(?:has|…|\p{Ll}+ly))+[\s,]*$/iu, '')`, read from the end: that regex
 * tried every start position of a 300-character window.
 */
function withoutTrailingAux(text: string): string {
  let i = text.length;
  while (i > 0 && isSeparator(text, i - 1)) i--;
  let cut = -1;
  for (;;) {
    const end = i;
    while (i > 0 && !isSeparator(text, i - 1)) i--;
    const word = text.slice(i, end);
    // ("the family": a collective or a person noun ending in "-ly" is no adverb.)
    if (i === 0 || i === end || !TRAILING_AUX_WORD.test(word) || isBareSubject(word)) break;
    while (i > 0 && isSeparator(text, i - 1)) i--;
    cut = i;
  }
  return cut < 0 ? text : text.slice(0, cut);
}
/**
 * Words before a subject that are no part of it ("then he", "said the woman": an inverted verb);
 * "said" and "says" in lower case only ("Said Kouachi" is a name).
 */
const LEADING_DROP =
  /^(?:[Ww]hile|[Ww]hereas|[Aa]nd|[Bb]ut|[Ss]o|[Yy]et|[Aa]s|[Mm]eanwhile|[Hh]owever|[Aa]lso|[Tt]hen|said|says)\s+/;
/**
 * A participle with its agent or place ("backed by Turkey", "based in Britain"): a modifier between
 * a subject and its verb, dropped like a parenthetical.
 */
const IRREGULAR_PARTICIPLES = set(words.irregularParticiples);
const AGENT_PREPOSITIONS = set(words.agentPrepositions);

/** `/^(?:\p{Ll}+ed|led|…)\s+(?:by|in|…)\s/u` by hand: every part of every subject window asks. */
function isParticipial(part: string): boolean {
  const space = part.indexOf(' ');
  if (space < 3) return false;
  const c = part.charCodeAt(0);
  if (c < 97 || c > 122) return false;
  const first = part.slice(0, space);
  if (!(first.endsWith('ed') || IRREGULAR_PARTICIPLES.has(first))) return false;
  const next = part.indexOf(' ', space + 1);
  return next > 0 && AGENT_PREPOSITIONS.has(part.slice(space + 1, next));
}
const PARENTHETICAL =
  /^(?:who|which|whose|where|when|speaking|standing|writing|asked|interviewed|aged|according|in|on|at|after|before|during|outside|inside|from|with|within|without|under|despite|unless|although|though|meanwhile|however|separately|instead|still|later|earlier|also|\d)\b/i;
/**
 * Capitalised words that open a clause, not a subject ("It makes a difference", "If Trump…");
 * not "Her", "That" or "Will", which open subjects ("Her advisers", "That letter", "Will Doyle").
 */
const CLAUSE_OPENERS = set(
  'it if because when whether unless although though since until what where how why there'.split(
    ' ',
  ),
);
/** "R-Mich.", "D-N.Y.": a party-and-state tag after a name, written between commas. */
const PARTY_TAG = /^[RDI]-\p{Lu}[\p{L}.]*$/u;
/** A speech verb's past and third-person forms, never inside a subject ("Trump said"). */
const SPEECH_VERB_FORMS = set(['said', 'says', 'told', 'tells', 'wrote', 'writes']);
/**
 * A prepositional phrase ("Of Sanders", "for many", "like the recent volatility"), unless a finite
 * verb makes it an inverted clause ("Among them are the positions of X").
 */
const PREPOSITIONAL = /^(?:of|for|about|like|unlike|even|including|among|amid|against|through)\s/i;
const FINITE =
  /\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did)\b/i;
/** "Among them are…": a verb within the first three words inverts the clause. */
const INVERTED = /^\S+\s+(?:\S+\s+)?(?:is|are|was|were)\b/i;
const isPrepositional = (part: string) => PREPOSITIONAL.test(part) && !INVERTED.test(part);
/** "wearing a cowboy hat", "hours later": a participial or time modifier between commas, no subject. */
const PARTICIPLE_START = /^\p{Ll}+ing\s/u;
/** "Appearing on CBS", "Reprising one of": a participle opening the sentence, not a first name. */
const LEAD_PARTICIPLE = /^\p{Lu}\p{Ll}+ing\s+\p{Ll}/u;
const TIME_END = new Set(['later', 'earlier', 'ago', 'afterward', 'afterwards', 'then']);
const isModifier = (part: string) =>
  PARTICIPLE_START.test(part) || TIME_END.has(part.slice(part.lastIndexOf(' ') + 1));
/** A party-and-state tag or other parenthesis inside a subject ("Sen. Ted Cruz (R-Texas)"). */
const PARENTHESIS = /\([^()]{0,60}\)/g;
/** A dash that sets off a dateline or an aside ("WASHINGTON (AP) — Sen. X", "Trump — never shy — said"). */
const DASH = /\s*[—–―]\s*|\s--?\s/;
const HAS_DASH = /[—–―]| -/;

const WORD = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|&/gu;
const CAP = /^\p{Lu}/u;
const ADVERB = /^\p{Ll}+ly$/u;
const PAST = /^\p{Ll}+ed$/u;
const RELATIVES = new Set(['who', 'which', 'that', 'whose']);
/** Where a described subject's own clause starts ("the SVP was"); lower case only ("in May"). */
const CLAUSE_STARTS = new Set(
  'is was were are has had have will would can could should may might must did do does'.split(' '),
);
const PARTICLE_CAP = /^(?:al|el|bin|ibn)-\p{Lu}/u;
/** Capitalised, or a particle joined to a capitalised name ("al-Assad"); ASCII without a regex. */
function isCap(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return c >= 97 && c <= 122 && t.includes('-') && PARTICLE_CAP.test(t);
  return CAP.test(t);
}
const isAcronym = (t: string) => /^\p{Lu}{2,}$/u.test(t);
const NATIONALITY =
  /^\p{Lu}\p{Ll}+(?:ian|ean|ish|ese|ican|ch|ani|i)$|^(?:German|Kenyan|Korean|Afghan|Thai|Greek|Swiss)$/u;

/** Capitalised adjectives of a party, a faith or a country ("Democratic", "Muslim", "U.S."). */
const GROUP_ADJECTIVES = set([
  'democratic',
  'republican',
  'gop',
  'muslim',
  'catholic',
  'u.s',
  'u.s.',
]);
/**
 * Whether a capitalised word modifies a noun rather than naming anyone when a lower-case word
 * follows it: "Democratic insiders", "Republican-leaning voters", "Mexican immigrants".
 */
export function isGroupAdjective(word: string): boolean {
  // (Nationalities by their commonest endings only: "-i" and "-ani" end names too, Giuliani, Ali.)
  return (
    GROUP_ADJECTIVES.has(word.toLowerCase()) ||
    /-leaning$/.test(word) ||
    /^\p{Lu}\p{Ll}+(?:ian|ean|ish|ese|ican)$|^(?:German|Kenyan|Korean|Afghan|Thai|Greek|Swiss|Israeli|Pakistani|Iraqi|Saudi|Yemeni|Somali|Kuwaiti|Qatari|Omani|Emirati|Bangladeshi|Nepali|French|Dutch|Czech|Kazakh)$/u.test(
      word,
    )
  );
}

function tokens(text: string): string[] {
  const out = text.match(WORD) ?? [];
  for (let i = 0; i < out.length; i++) out[i] = withoutPossessive(out[i]!);
  return out;
}

/** Where the last of `toks` (the first tokens of `text`, in order) ends in `text`. */
function endOfTokens(text: string, toks: readonly string[]): number {
  let end = 0;
  for (const t of toks) end = text.indexOf(t, end) + t.length;
  return end;
}

/** "Rouhani's" -> "Rouhani". */
export function withoutPossessive(t: string): string {
  const n = t.length;
  if (n < 2 || t.charCodeAt(n - 1) !== 115) return t;
  const q = t.charCodeAt(n - 2);
  return q === 39 || q === 0x2019 ? t.slice(0, -2) : t;
}

/** Trailing capitalised run of a phrase's tokens, with name particles and connectors inside it. */
function properRunStart(toks: string[]): number {
  let i = toks.length;
  while (i > 0 && isCap(toks[i - 1]!)) {
    i--;
    // Connectors and particles stay inside a name only between capitalised words ("Friends of the Earth").
    let j = i;
    while (
      j > 0 &&
      (PARTICLES.has(toks[j - 1]!.toLowerCase()) || CONNECTORS.has(toks[j - 1]!.toLowerCase()))
    )
      j--;
    if (j < i && j > 0 && isCap(toks[j - 1]!)) i = j;
  }
  return i;
}

function genderOf(words: readonly string[]): 'm' | 'f' | undefined {
  for (const w of words) {
    const l = w.toLowerCase();
    if (MALE.has(l)) return 'm';
    if (FEMALE.has(l)) return 'f';
  }
  return undefined;
}

/** Participles that follow a noun as a reduced relative clause ("a source involved in"). */
const REDUCED_RELATIVES = new Set(
  'involved briefed based connected associated aligned affiliated allied tied linked employed assigned stationed related devoted dedicated committed'.split(
    ' ',
  ),
);

/**
 * Auxiliaries and the like, which no name holds after its first word, even capitalised ("Can"
 * and "May" are left out: "Emre Can", "Theresa May").
 */
export const TITLE_CASE_CLAUSE = new Set(
  'has have had is are was were would could should must not does did being got gets how'.split(' '),
);

/** Parts this short are pronouns, names and short descriptions, which recur across articles. */
const MEMO_PART = 40;

/** Reads one noun phrase (no commas). Results may be shared: callers never mutate them. */
const readPart = memo(readPartOnce, { size: 20_000, maxKeyLength: MEMO_PART });

function readPartOnce(part: string): SpeakerPhrase | undefined {
  const roles = twoRoles(part);
  if (roles) return roles;
  let dropped = part.replace(LEADING_DROP, '');
  const toks = tokens(dropped);
  const tokensRead = toks.length;
  for (;;) {
    const last = toks.at(-1);
    if (toks.length < 2 || last === undefined) break;
    // ("the family said": a collective or a person noun ending in "-ly" stays.)
    if (
      TRAILING_SKIP.has(last) ||
      (last.endsWith('ly') && ADVERB.test(last) && !isBareSubject(last))
    )
      toks.pop();
    // "Gov. Mike Pence on Thursday", "Dianne Feinstein last week": a time after the name.
    else if (TIME_WORDS.has(last.toLowerCase()) && toks.length > 2) {
      toks.pop();
      if (TIME_LEADS.has(toks.at(-1)!.toLowerCase())) toks.pop();
      // "A campaign TV ad released Thursday": the participle that dated the subject goes too.
      else if (toks.length > 2 && /^\p{Ll}+ed$/u.test(toks.at(-1)!)) toks.pop();
    } else break;
  }
  if (toks.length === 0 || toks.length > 9) return undefined;
  // "the Florida senator is (predicting)": the words dropped from the end leave the name too.
  if (toks.length < tokensRead) dropped = dropped.slice(0, endOfTokens(dropped, toks));
  const first = toks[0]!.toLowerCase();
  if (toks.length === 1 && PRONOUNS.has(first)) return { kind: 'pronoun', pronoun: first as 'he' };
  // "they’ve suggested", "he’d said": the pronoun with its auxiliary.
  const found = toks.length === 1 ? PRONOUN_CONTRACTION.exec(first) : undefined;
  const contracted = found?.[1] ?? found?.[2] ?? found?.[3];
  if (contracted) return { kind: 'pronoun', pronoun: contracted as 'he' };
  // "as", "a", "yet every" (read from "…, as described by X", "pledged a"): no noun, no one
  // described ("most" and "both" alone still are).
  if (isNoNoun(toks)) return undefined;
  // A lowercase "-ed" word is a verb ("the two sides signed") unless a determiner makes it an adjective.
  // "retired general Ana Lima": an "-ed" word opening a run of nouns that ends in a name is an
  // adjective; "issued a statement after Ana Lima" is a clause.
  const named =
    toks.length > 1 &&
    isCap(toks.at(-1)!) &&
    !toks.slice(1, toks.findIndex(isCap)).some((t) => FUNCTION_WORDS.has(t));
  // "a source involved in the talks", "a lawyer based in Ohio": a participle after the noun
  // of a phrase opened by a determiner, before its preposition (or where the phrase was cut
  // before it), is no verb.
  const reducedRelative = (t: string, i: number) =>
    i > 1 &&
    REDUCED_RELATIVES.has(t) &&
    (i === toks.length - 1 || PREPOSITIONS.has(toks[i + 1]!)) &&
    DETERMINERS.has(first);
  const verbish = (t: string, i: number) =>
    !(i === 0 && named) &&
    t.endsWith('ed') &&
    PAST.test(t) &&
    !DETERMINERS.has(toks[i - 1]?.toLowerCase() ?? '') &&
    toks[i - 1]?.toLowerCase() !== 'the' &&
    !reducedRelative(t, i);
  // "to" before a capitalised word is a preposition ("the adviser to Syria", "a person close to
  // the Clintons", "an aide to both Clintons"), not an infinitive.
  const nameAt = (i: number) =>
    i < toks.length &&
    (isCap(toks[i]!) ||
      ((toks[i] === 'the' || toks[i] === 'both') && i + 1 < toks.length && isCap(toks[i + 1]!)));
  // "It makes a difference", "That said", "Unless countries…" (capitalised as the sentence
  // opens), "Trump said", "Stevens says" (a subject with its speech verb): clauses.
  const clauseWord = (t: string, i: number) =>
    (CLAUSE_WORDS.has(t) && !(t === 'to' && nameAt(i + 1))) ||
    (i === 0 && CLAUSE_OPENERS.has(t.toLowerCase()) && toks.length > 1 && !isCap(toks.at(-1)!)) ||
    (i > 0 && SPEECH_VERB_FORMS.has(t));
  // A headline in title case: "Offensive Things Donald Trump Has Said About Latinos", "Trump May
  // Not Have" are clauses too, by their capitalised auxiliary or speech verb ("Edward Said" and
  // "Theresa May" end on theirs).
  const titleCaseClause = (t: string, i: number) =>
    i > 0 &&
    isCap(t) &&
    (TITLE_CASE_CLAUSE.has(t.toLowerCase()) ||
      (i < toks.length - 1 && SPEECH_VERB_FORMS.has(t.toLowerCase())));
  if (toks.some((t, i) => clauseWord(t, i) || verbish(t, i) || titleCaseClause(t, i)))
    return undefined;
  const written = dropped.trim().replace(/^(?:The|A|An|One)\b/, (m) => m.toLowerCase());
  const gender = genderOf(toks);
  // "a smiling Clinton", "an angry Hollande": a name with adjectives before it is that person.
  const runAt = toks.findIndex((t, i) => i > 0 && isCap(t));
  if (
    (first === 'a' || first === 'an') &&
    runAt >= 2 &&
    runAt <= 3 &&
    toks.length - runAt <= 3 &&
    toks.slice(runAt).every(isCap) &&
    !toks.slice(1, runAt).some((t) => FUNCTION_WORDS.has(t) || QUANTITIES.has(t))
  ) {
    const read = readName(toks.slice(runAt), []);
    if (read.kind === 'person') {
      delete read.roleWords;
      return { ...read, role: toks.slice(0, runAt).join(' ') };
    }
  }
  if (DETERMINERS.has(first)) return { kind: 'description', name: written, tokens: toks, gender };
  if (first === 'the') {
    // "the Times' Maggie Haberman": a person of the organisation before her name.
    const after = afterPossessor(dropped, toks, 1);
    if (after > 1 && toks.slice(1, after).every(isCap)) {
      const read = readName(toks.slice(after), []);
      delete read.roleWords;
      if (read.kind === 'person')
        return { ...read, role: dropped.slice(0, wordStart(dropped, after)).trim() };
    }
    const head = toks.at(-1)!.toLowerCase();
    if (toks.length > 1 && isCap(toks[1]!) && isCap(toks.at(-1)!)) {
      return { kind: 'organisation', name: written, tokens: toks };
    }
    const runAt = properRunStart(toks);
    if (
      runAt > 1 &&
      runAt < toks.length &&
      !toks.slice(1, runAt).some((t) => PREPOSITIONS.has(t))
    ) {
      // "the cloud provider Nimbus": a name with its role before it.
      const name = toks.slice(runAt).join(' ');
      return {
        ...readName(toks.slice(runAt), []),
        role: part.slice(0, part.indexOf(toks[runAt]!)).trim(),
        name,
      };
    }
    const kind = ORG_HEADS.has(head) ? 'organisation' : 'description';
    return { kind, name: written, tokens: toks, gender, definite: toks.length <= 3 };
  }
  let runStart = properRunStart(toks);
  while (runStart < toks.length - 1 && LEADS.has(toks[runStart]!.toLowerCase())) runStart++;
  const owner = runStart;
  runStart = afterPossessor(dropped, toks, runStart);
  const run = toks.slice(runStart);
  // "But, Mr. Hannity said", "Thursday, Trump said": a sentence word or a date names no one.
  if (run.length === 1 && runStart === toks.length - 1) {
    const word = run[0]!.toLowerCase();
    // "I", "we": the writer speaks, described as written; not a name for /who.
    if (FIRST_PERSON.has(word)) return { kind: 'description', name: run[0]!, tokens: run };
    if (NO_NAME.has(word) || COMPOUND_NUMBER.test(word)) return undefined;
  }
  if (run.length === 0 || toks.slice(0, runStart).some((t) => PREPOSITIONS.has(t))) {
    // One bare word is a group or one person ("officials", "police", "spokesman"), never
    // "phone", "bipartisan" or "possible" (read from "by phone", "a bipartisan deal").
    if (toks.length === 1 && !isBareSubject(first)) return undefined;
    // "analysts at Norberg Bank", "hospital managers": people described, not named.
    return { kind: 'description', name: written, tokens: toks, gender };
  }
  const read = readName(run, toks.slice(0, runStart));
  if (read.kind === 'person' && runStart + (read.roleWords ?? 0) > 0) {
    // After a possessor, by word: "Marketwatch's Mark Hulbert" holds "Mark" twice.
    const role =
      runStart > owner
        ? dropped.slice(0, wordStart(dropped, runStart + (read.roleWords ?? 0))).trim()
        : part.slice(0, part.indexOf(read.tokens[0]!)).trim();
    // "No wonder Donald Trump", "By comparison Hillary Clinton": a sentence's lead-in, no role.
    if (role && !NOT_ROLE_START.has(role.split(/\s/, 1)[0]!.toLowerCase())) read.role = role;
  }
  delete read.roleWords;
  return read;
}

/**
 * "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell": two roles
 * joined by "and" before one titled name; the person, with both roles.
 */
function twoRoles(part: string): SpeakerPhrase | undefined {
  const at = part.indexOf(' and ');
  if (at < 0) return undefined;
  const left = part.slice(0, at).trim();
  const lastWord = left.slice(left.lastIndexOf(' ') + 1).replace(/\.$/, '');
  if (!TITLES.has(lastWord.toLowerCase())) return undefined;
  // "the senator and Mrs. Smith", "the governor and Sen. John Smith": two people, the second
  // with an honorific or a title of their own ("the billionaire and former Gov. Tom Reed" is one).
  const rightText = part.slice(at + 5).trim();
  const rightFirst = /^\p{L}+/u.exec(rightText)?.[0].toLowerCase() ?? '';
  if (/^(?:mr|mrs|ms|miss|dr)$/.test(rightFirst) || ABBREVIATED_TITLES.has(rightFirst)) {
    // "Mr. and Mrs. Smith", "Sen. and Mrs. Smith": a couple, named by the family name alone.
    const couple = left.includes(' ') ? undefined : readPart(rightText);
    if (couple?.kind !== 'person') return undefined;
    const named = { ...couple, role: `${left} and ${couple.role ?? ''}`.trim() };
    delete named.gender;
    return named;
  }
  const right = readPart(rightText);
  if (right?.kind !== 'person' || !right.titled) return undefined;
  return { ...right, role: right.role ? `${left} and ${right.role}` : left };
}

/**
 * Where a name starts after its possessor: "Gallup's Jeffrey M. Jones", "Reuters' Tom Smith":
 * the possessor says whom the person works for (a role), not part of the name. `toks` are
 * `tokens(text)` (possessives dropped), maybe shortened at the end.
 */
function afterPossessor(text: string, toks: readonly string[], runStart: number): number {
  if (!text.includes("'") && !text.includes('\u2019')) return runStart;
  // After the possessive, a name of two capitalised words at least: not "the CIA's Benghazi
  // base", nor "South Dakota's Republican (governor)"; or a surname alone after a possessor of
  // several words ("Media Research Center’s Bozell").
  if (toks.length < 3 || !isCap(toks.at(-1)!) || !isCap(toks.at(-2)!)) return runStart;
  const raw = [...text.matchAll(WORD)];
  const lastAt =
    toks.length >= 4 && isCap(toks.at(-3)!) && !ORG_WORDS.has(toks.at(-1)!.toLowerCase())
      ? toks.length - 2
      : toks.length - 3;
  for (let i = lastAt; i >= runStart && isCap(toks[i]!); i--) {
    const word = raw[i]!;
    const next = text[word.index + word[0].length];
    const possessive =
      word[0] !== toks[i] || (word[0].endsWith('s') && (next === "'" || next === '\u2019'));
    // ("St. Jude Children’s Hospital", "Boston Women’s March": a plural's possessive is the name's.)
    if (possessive && i === toks.length - 2 && PLURAL_POSSESSORS.test(toks[i]!)) return runStart;
    if (possessive) return i + 1;
  }
  return runStart;
}

/** Possessors in names of organisations: "Children’s", "Women’s", "Veterans’". */
const PLURAL_POSSESSORS = /^(?:Children|Women|Men|People|\p{Lu}\p{Ll}*s)$/u;

/** Where the `k`th word of `text` (as `tokens` counts them) starts. */
function wordStart(text: string, k: number): number {
  let n = 0;
  for (const m of text.matchAll(WORD)) if (n++ === k) return m.index;
  return text.length;
}

type Named = Exclude<SpeakerPhrase, { kind: 'pronoun' }> & { roleWords?: number };

/** Splits a capitalised run into title and name, and tells a person from an organisation. */
function readName(run: string[], before: string[]): Named {
  let roleEnd = 0;
  run.forEach((t, i) => {
    const lower = t.toLowerCase();
    if (TITLES.has(lower) && i < run.length - 1) roleEnd = i + 1;
    else if (LEADING_ROLES.has(lower) && i < run.length - 2 && run.slice(i + 1).every(isCap))
      roleEnd = i + 1;
  });
  const titled = roleEnd > 0;
  // "Secretary of State Hillary Clinton": the title's complement is part of the role.
  while (titled && roleEnd < run.length - 2 && CONNECTORS.has(run[roleEnd]!)) roleEnd += 2;
  while (roleEnd < run.length - 2 && NATIONALITY.test(run[roleEnd]!)) roleEnd++;
  const nameToks = run.slice(roleEnd);
  const isOrg =
    nameToks.some((t) => ORG_WORDS.has(t.toLowerCase()) || t === '&' || CONNECTORS.has(t)) ||
    (nameToks.length > 1 && nameToks.some(isAcronym)) ||
    (nameToks.length === 1 && isAcronym(nameToks[0]!));
  if (isOrg) return { kind: 'organisation', name: nameToks.join(' '), tokens: nameToks };
  // "former Pennsylvania Gov.": a role whose name is missing describes someone, names no one.
  if (nameToks.length > 1 && ABBREVIATED_TITLES.has(nameToks.at(-1)!.toLowerCase()))
    return { kind: 'description', name: run.join(' '), tokens: run };
  const gender = genderOf([...before, ...run.slice(0, roleEnd)]);
  return {
    kind: 'person',
    name: nameToks.join(' '),
    tokens: nameToks,
    gender,
    titled,
    roleWords: roleEnd,
  };
}

/**
 * Reads the phrase naming a speaker: "The president of Iran, Hassan Rouhani," gives the person
 * Hassan Rouhani with that role; "A senior official, who spoke on condition…," a description;
 * "the White House" an organisation; "he" a pronoun. Undefined when it is not a noun phrase.
 * Short texts next to a verb (" he ", " the minister ") recur in every article: memoised, so
 * results are shared between calls and callers never mutate them.
 */
export const speakerPhrase: (text: string) => SpeakerPhrase | undefined = memo(readPhrase, {
  size: 20_000,
  maxKeyLength: MEMO_PART,
});

/** How an apposition after a name opens: "a spokesman", "the former…", "his lawyer". */
const APPOSITION = /^(?:a|an|the|his|her|its|their|one|former|longtime|then)\s/i;
/** "a spokesman…", "associate professor of history at…": a role after a name, no clause. */
const isApposition = (part: string) =>
  APPOSITION.test(part) || (/^\p{Ll}/u.test(part) && !FINITE.test(part));

/** A person or an organisation named, not described ("the group"). */
const isName = (p: SpeakerPhrase) =>
  (p.kind === 'person' || p.kind === 'organisation') && !p.definite;

/**
 * The text of a subject without its asides: parentheses dropped, and after a single dash only what
 * follows it (a dateline or a lead-in comes before). A pair of dashes sets off an apposition
 * ("a former candidate — John McCain — said"), read as one between commas.
 */
function withoutAsides(text: string): string {
  const t = text.includes('(') ? text.replace(PARENTHESIS, ' ') : text;
  if (!HAS_DASH.test(t) || !DASH.test(t)) return t;
  const segments = t.split(DASH);
  return segments.length % 2 === 0 ? segments.at(-1)! : segments.join(', ');
}

/** "in Ames", "at a rally in Portsmouth": a part ending in a place, so the next part may be its state. */
const ENDS_IN_PLACE = /\b(?:in|at|near)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}\p{Lu}[\p{L}.'’-]*$/u;
/** "Additionally", "Frustrated", "Quite suddenly": one long -ly/-ed word, or a word and an adverb. */
const LEAD_ADVERBIAL = /^(?:\p{Lu}\p{Ll}{5,}(?:ly|ed)|\p{Lu}\p{Ll}+\s+\p{Ll}+ly)$/u;
/**
 * One word that opens sentences and names no one ("Nevertheless", "Overall"): not a pronoun, a
 * group or a quantifier, which are subjects themselves ("Most, though, said…").
 */
function isLeadWord(part: string): boolean {
  const word = part.toLowerCase();
  return (
    (LEADS.has(word) || word === 'rather') &&
    !PRONOUNS.has(word) &&
    !FIRST_PERSON.has(word) &&
    !GROUP_NOUNS.has(word) &&
    !QUANTIFIERS.has(word)
  );
}

/** Words that are a subject alone: "Many, however, said…", "Some say…", "Two said…". */
const QUANTIFIERS = new Set(
  'many most some several both all each few more much any one two three four five six seven eight nine ten another others'.split(
    ' ',
  ),
);

/**
 * "Iowa", "N.H.", "New Hampshire": one capitalised word, or two when the first is a compass or
 * "New"; a person's name after a place ("in Gaza, Ismail Haniyeh,") has two words of its own.
 */
const PLACE_PART = /^(?:(?:New|North|South|East|West|Rhode)\s+)?\p{Lu}[\p{L}.'’-]*$/u;

/** "Mass.", "N.H.", "Calif.": a state written short, never a speaker's name. */
const ABBREVIATED_STATE = /^(?:\p{Lu}\p{Ll}{0,4}\.)+$/u;

/** "61 percent", "61 percent of voters": a share of those polled. */
const PERCENT_SHARE = /^\d+(?:\.\d+)?\s*(?:percent|%)(?:\s+of\s+\D{1,60})?$/;
/** An age and a capitalised word after it: "81-year-old Parker Eaton". */
const AGED = /^\d{1,3}-year-old\s+\p{Lu}/u;

/** The comma-separated parts of a subject that may name it: asides, modifiers and places dropped. */
function subjectParts(text: string): string[] {
  const out: string[] = [];
  const raw = withoutTrailingAux(withoutAsides(text))
    .split(/[,;:(]/)
    .map((p) => p.trim())
    .filter(Boolean);
  raw.forEach((p, i) => {
    // "Frustrated, Sanders said", "Quite suddenly, …, Crawford said", "Regardless, the State
    // Department said", "Reprising one of her lines, the former secretary": a lead-in.
    if (
      i === 0 &&
      raw.length > 1 &&
      (LEAD_ADVERBIAL.test(p) || isLeadWord(p) || LEAD_PARTICIPLE.test(p))
    )
      return;
    // "in Ames, Iowa, on Sunday, Mrs. Clinton": the state after a place, never the part next to the verb.
    // An abbreviated state ("retired in Cambridge, Mass., said") is one even next to the verb.
    const place =
      i > 0 &&
      (i < raw.length - 1 || ABBREVIATED_STATE.test(p)) &&
      PLACE_PART.test(p) &&
      ENDS_IN_PLACE.test(raw[i - 1]!);
    // "81-year-old Parker Eaton": an age before a name is a role, not a number opening an aside;
    // "Among Kasich supporters, 61 percent (said)": a share next to the verb is the subject.
    if (AGED.test(p) || (i === raw.length - 1 && PERCENT_SHARE.test(p))) {
      out.push(p);
      return;
    }
    if (
      place ||
      PARENTHETICAL.test(p) ||
      PARTY_TAG.test(p) ||
      isPrepositional(p) ||
      isModifier(p) ||
      isParticipial(p) ||
      /^\d/.test(p)
    )
      return;
    out.push(p);
  });
  return out;
}

/** "Last week", "On Monday", "That year": a time set before the subject, never one itself. */
function timePart(part: string): boolean {
  const words = part.trim().toLowerCase().split(/\s+/);
  const last = words.at(-1) ?? '';
  if (!TIME_WORDS.has(last)) return false;
  if (words.length === 3 && words[0] === 'the') words.shift(); // "The next month, …"
  return words.length === 1 || (words.length === 2 && TIME_LEADS.has(words[0]!));
}

function readPhrase(text: string): SpeakerPhrase | undefined {
  // "according to the the congressional report": a writer's doubled article is read once.
  const read = subjectParts(text.replace(/\b(the|an?)\s+\1\b/gi, '$1'));
  // "Last week, the senator told…": the subject is what follows the time.
  const parts = read.length > 1 && timePart(read[0]!) ? read.slice(1) : read;
  if (parts.length === 0 || parts.length > 3) return undefined;
  // The part next to the verb decides most rejections (a clause, not a noun phrase): read it first.
  const last = readPart(parts.at(-1)!);
  if (!last) {
    // "Roman Smbatyan, an Armenian history and Middle Eastern history scholar, said": a name
    // whose apposition does not read as a noun phrase is still the subject.
    if (parts.length !== 2 || !isApposition(parts[1]!)) return undefined;
    const first = readPart(parts[0]!);
    return first && isName(first) ? first : undefined;
  }
  const phrases: SpeakerPhrase[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const read = readPart(parts[i]!);
    // "If whites … were moving his way, Cohn wrote", "…, he said": a name or a pronoun next to
    // the verb stands on its own after a clause; a description does not.
    if (!read) {
      const bare = last.kind === 'pronoun' || (isName(last) && isCap(parts.at(-1)!));
      return bare ? last : undefined;
    }
    phrases.push(read);
  }
  phrases.push(last);
  if (phrases.length === 1) return phrases[0];
  const named =
    phrases.find((p) => (p.kind === 'person' || p.kind === 'organisation') && !p.definite) ??
    phrases.find((p) => p.kind === 'person' || p.kind === 'organisation');
  if (!named || named.kind === 'pronoun') return phrases[0];
  const others = parts.filter((_, i) => phrases[i] !== named);
  const gender =
    named.kind === 'person' ? (named.gender ?? genderOf(tokens(others.join(' ')))) : undefined;
  return { ...named, role: named.role ?? others.join(', '), gender };
}

/** Where a person's name ends before what places them ("… of Washington's Institute"). */
const PLACING = /\s(?:of|at|from|with|who)\s/;

/**
 * Two people as one subject: "Edward-Isaac Dovere and Gabriel Debenedetti", "state Senate leader
 * Phil Berger and House Speaker Tim Moore, both Republicans,", "nuclear experts David Albright
 * and Serena Kelleher-Vergantini of Washington's Institute…". Undefined unless the text's first
 * part (asides dropped) holds one "and" with a person's name on each side.
 */
export function jointPhrase(text: string): [SpeakerPhrase, SpeakerPhrase] | undefined {
  // Asked for every speech verb's subject: most have no "and" at all.
  if (!text.includes(' and ')) return undefined;
  const first = withoutAsides(text)
    .split(/[,;:(]/, 1)[0]!
    .trim();
  const at = first.indexOf(' and ');
  if (at < 0) return undefined;
  let right = first.slice(at + 5);
  const placed = PLACING.exec(right);
  if (placed) right = right.slice(0, placed.index);
  const left = first.slice(0, at);
  if (right.includes(' and ') || left.split(' ').length > 6 || right.split(' ').length > 6)
    return undefined;
  const a = readPart(left);
  const b = readPart(right);
  if (a?.kind !== 'person' || b?.kind !== 'person') return undefined;
  return [a, b];
}

/** "U.S. officials", "U.N. inspectors": a country's initials before a noun. */
const COUNTRY_INITIALS = /^(?:U\.S|U\.N|U\.K|E\.U)\.?$/;

/** Capitalised words that may open a description of a group at a sentence's start. */
const GROUP_OPENERS =
  /^(?:The|Her|His|Their|Its|Our|Many|Some|Most|Several|Both|All|Other|Few|These|Those)$/;

/**
 * Two groups as one subject, described by its own words: "Her advisers and allies", "many
 * experts and some lawmakers", "longtime labor officials and political operatives". The part
 * next to the verb (asides dropped) holds one "and" between two short descriptions that each end
 * on a plural; two people are `jointPhrase`'s.
 */
export function jointDescription(text: string): SpeakerPhrase | undefined {
  if (!text.includes(' and ')) return undefined;
  // The part next to the verb, asides dropped ("…officials, however, said").
  const part = (subjectParts(text).at(-1) ?? '').replace(LEADING_DROP, '');
  const at = part.indexOf(' and ');
  if (at < 0 || part.indexOf(' and ', at + 5) >= 0) return undefined;
  const sides = [part.slice(0, at), part.slice(at + 5)];
  if (sides.some((side) => side.split(' ').length > 5)) return undefined;
  // Lower case past its first word: a name anywhere ("Mr. Xi and other leaders", "Clinton's
  // chief pollster and strategist Joel Benenson") is the rules' to resolve, not a description.
  // A nationality or party before a noun ("American officials", "U.S. officials") is no name.
  const words = tokens(part);
  if (
    words
      .slice(1)
      .some((w) => !/^[\p{Ll}\p{N}]/u.test(w) && !isGroupAdjective(w) && !COUNTRY_INITIALS.test(w))
  )
    return undefined;
  // Its first word is capitalised where the sentence opens: a common word there ("Experts and
  // U.S. officials", "Politicians and…") reads as in lower case; "Clinton aides" is a name's.
  const first = words[0] ?? '';
  if (
    !/^\p{Ll}/u.test(first) &&
    !GROUP_OPENERS.test(first) &&
    !isGroupAdjective(first) &&
    !COUNTRY_INITIALS.test(first) &&
    !COMMON_WORDS.has(first.toLowerCase())
  )
    return undefined;
  // Two groups of people: each side ends on a plural ("advisers and allies"), not on an
  // adjective or a figure ("the mental and emotional", "39 percent … and 22 percent").
  if (sides.some((side) => !/\p{Ll}[^s\W]s$/u.test(side))) return undefined;
  if (!GROUP_OPENERS.test(first) && COMMON_WORDS.has(first.toLowerCase()))
    sides[0] = sides[0]!.replace(first, first.toLowerCase());
  const [a, b] = sides.map(readPart);
  if (a?.kind !== 'description' || b?.kind !== 'description') return undefined;
  return { kind: 'description', name: part, tokens: words };
}

const COMPARED = /^(?:compared (?:with|to)|among|than)\s+/i;

/**
 * A source that reads as no name, described by its own words ("54 percent", "early results of
 * the exit poll"): up to its first comma, at most 12 words, written as in the text. Undefined
 * for what is plainly a clause or a pronoun.
 */
export function describedAs(text: string): SpeakerPhrase | undefined {
  // "those who (said)", "compared with 23 percent who (said)": who speaks is what "who" stands for.
  const rawCut = text
    .split(/[,;:(]/)[0]!
    .trim()
    .replace(LEADING_DROP, '')
    .replace(COMPARED, '');
  // By hand, not /\s+who$/: that regex is quadratic on a long run of spaces. "WHO" is an agency.
  const cut = rawCut.endsWith(' who') ? rawCut.slice(0, -4).trimEnd() : rawCut;
  let toks = tokens(cut);
  if (toks.length === 0 || toks.length > 12) return undefined;
  const first = toks[0]!.toLowerCase();
  if (PRONOUNS.has(first) || (CLAUSE_WORDS.has(first) && first !== 'to')) return undefined;
  // "of Sanders", "for Mr. Kim": a preposition opening it makes it a fragment, not a noun
  // phrase. "in September she" is the pronoun after its time; "in a year in which most
  // skippers" the phrase after its relative.
  if (PREPOSITIONS.has(first) && !/^at (?:least|most)\b/i.test(cut)) {
    const last = toks.at(-1)!.toLowerCase();
    // ("to it", "for it": "it" there is an object, not who speaks.)
    if (PRONOUNS.has(last) && last !== 'it') return { kind: 'pronoun', pronoun: last as 'he' };
    const relative = /\s(?:which|whom)\s+(?=\S)/g;
    let after = -1;
    for (let m = relative.exec(cut); m; m = relative.exec(cut)) after = m.index + m[0].length;
    return after > 0 ? describedAs(cut.slice(after)) : undefined;
  }
  // "the SVP was", "the panel is right to", "lawmakers who are open to…": a described subject
  // read up to its verb ends where its own clause starts (a relative clause before it included).
  let subject = cut;
  const verb = toks.findIndex((t, i) => i > 1 && CLAUSE_STARTS.has(t));
  if (verb > 0) {
    const relative = toks.findIndex((t, i) => i > 0 && i < verb && RELATIVES.has(t.toLowerCase()));
    const end = relative > 0 ? relative : verb;
    const at = cut.indexOf(toks[end]!, cut.indexOf(toks[end - 1]!) + toks[end - 1]!.length);
    subject = cut.slice(0, at).trimEnd();
    toks = toks.slice(0, end);
  }
  const name = subject.replace(/^(?:The|A|An|Those)\b/, (m) => m.toLowerCase());
  return { kind: 'description', name, tokens: toks };
}

/**
 * A capitalised token sequence read as a person's name (with gender from a title), if it is one.
 * Every capitalised run of every article is read as a name, and names repeat across articles.
 */
export const personName: (text: string) => PersonName | undefined = memo(
  (text) => {
    const p = readPart(text);
    return p?.kind === 'person' ? { tokens: p.tokens, gender: p.gender } : undefined;
  },
  { size: 50_000 },
);

/** A person's name tokens and the gender a title gave them; shared between callers, never mutate. */
export interface PersonName {
  readonly tokens: readonly string[];
  readonly gender?: 'm' | 'f' | undefined;
}
