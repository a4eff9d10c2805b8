import verbs from './lexicon/speech-verbs.json' with { type: 'json' };

/** How a speech verb is inflected where it was found; participles attach to the sentence's subject. */
export type VerbForm = 'base' | 'third' | 'past' | 'participle';

/** A speech verb as found in text. */
export interface SpeechVerb {
  lemma: string;
  form: VerbForm;
  /** Whether a content clause may follow without "that" ("said the fault was…"). */
  bareClause: boolean;
  /** The word that must follow for the verb to report speech ("put" it, "pointed" out). */
  particle?: string;
  /** With no "that", its content must open with a pronoun ("claimed he…", not "claimed lives"). */
  pronounClause?: boolean;
  /** Its content may follow the one addressed with no "that" ("told reporters he…"). */
  addressee?: boolean;
  /** A form that is mostly a noun ("states", "remarks"): it reports only "that …" or a pronoun's clause. */
  nounLike?: boolean;
  /** Its object is whom the words are about or for ("criticized Sanders for…"), never its subject. */
  targetObject?: boolean;
}

const BARE_CLAUSE = new Set(verbs.bareClause);
const PARTICLES: Record<string, string> = verbs.phrasal;
const PAST_ONLY = new Set(verbs.pastOnly);
const PRONOUN_CLAUSE = new Set(verbs.pronounClause);
const NOUN_FORMS = new Set(verbs.nounForms);
const ADDRESSEE = new Set(verbs.addressee);
const TARGET_OBJECT = new Set(verbs.targetObject);
const IRREGULAR: Record<string, { third: string; past: string[]; participle: string }> =
  verbs.irregular;

function inflect(lemma: string): [string, string[], string] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [irregular.third, irregular.past, irregular.participle];
  if (lemma.endsWith('e')) return [`${lemma}s`, [`${lemma}d`], `${lemma.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    return [`${stem}ies`, [`${stem}ied`], `${lemma}ing`];
  }
  if (/(?:s|sh|ch|x|z)$/.test(lemma)) return [`${lemma}es`, [`${lemma}ed`], `${lemma}ing`];
  return [`${lemma}s`, [`${lemma}ed`], `${lemma}ing`];
}

const FORMS = new Map<string, SpeechVerb>();
for (const lemma of verbs.lemmas) {
  const bareClause = BARE_CLAUSE.has(lemma);
  const particle = PARTICLES[lemma];
  const pronounClause = PRONOUN_CLAUSE.has(lemma);
  const nounForms = NOUN_FORMS.has(lemma);
  const addressee = ADDRESSEE.has(lemma);
  const targetObject = TARGET_OBJECT.has(lemma);
  const verb = (form: VerbForm): SpeechVerb => {
    const v: SpeechVerb = { lemma, form, bareClause };
    if (particle) v.particle = particle;
    if (addressee) v.addressee = true;
    if (targetObject) v.targetObject = true;
    if (nounForms && (form === 'base' || form === 'third')) v.nounLike = true;
    if (pronounClause || v.nounLike) v.pronounClause = true;
    return v;
  };
  const [third, past, participle] = inflect(lemma);
  if (!PAST_ONLY.has(lemma)) {
    FORMS.set(lemma, verb('base'));
    FORMS.set(third, verb('third'));
    FORMS.set(participle, verb('participle'));
  }
  for (const p of past) FORMS.set(p, verb('past'));
}

/**
 * Which lengths the forms starting with each code unit have (bit n: length n, up to 31): most words
 * of a text are rejected here without hashing them for the map.
 */
const LENGTHS = new Uint32Array(65_536);
/** The same by the first two letters a-z, which tells "and" from "add". */
const PAIR_LENGTHS = new Uint32Array(26 * 26);
const pairOf = (word: string) => {
  const a = word.charCodeAt(0) - 97;
  const b = word.charCodeAt(1) - 97;
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? a * 26 + b : -1;
};
for (const form of FORMS.keys()) {
  LENGTHS[form.charCodeAt(0)]! |= 1 << Math.min(form.length, 31);
  const pair = pairOf(form);
  if (pair >= 0) PAIR_LENGTHS[pair]! |= 1 << Math.min(form.length, 31);
}

/** The speech verb a lowercase word is an inflection of, if any ("warned" -> warn). */
export function speechVerb(word: string): SpeechVerb | undefined {
  const n = word.length;
  if (n < 2 || n > 30) return FORMS.get(word);
  const pair = pairOf(word);
  const lengths = pair >= 0 ? PAIR_LENGTHS[pair]! : LENGTHS[word.charCodeAt(0)]!;
  if ((lengths & (1 << n)) === 0) return undefined;
  return FORMS.get(word);
}
