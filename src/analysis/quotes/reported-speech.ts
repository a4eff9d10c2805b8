import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import {
  isTitleCaseLine,
  type Paragraph,
  spanFrom,
  verbAt,
  type Word,
  wordFrom,
} from './paragraph.ts';
import { type ParagraphAnalysis, RELATIVE_GAP } from './paragraph-analysis.ts';
import type { Speaker } from './speaker-book.ts';
import { describedAs, type SpeakerPhrase, speakerPhrase } from './speaker-phrase.ts';
import type { SpeechVerb } from './speech-verbs.ts';
import { onlySpace } from './text-scan.ts';

const AUX = new Set(lexicon.auxiliaries);
/** A lowercase participle opening a phrase of its own (", wiping sweat off his face"). */
const PARTICIPLE =
  /^(?!including$|during$|according$|something$|nothing$|anything$|everything$)\p{Ll}{3,}ing$/u;
const NON_CLAUSE_START = new Set(lexicon.notClauseStart);
const QUESTION_WORDS = new Set(['how', 'why', 'what', 'whether', 'if', 'when', 'where', 'who']);
/** Verbs whose content may be an infinitive after the one addressed ("urged the judge to …"). */
const TO_VERBS = new Set(lexicon.toVerbs);
/** Words between a verb and its content: when ("said Tuesday") and to whom ("told reporters"). */
const TIME_WORDS = new Set(lexicon.timeWords);
const LISTENERS = new Set(lexicon.listeners);
const LEAD_WORDS = new Set(['but', 'and', 'yet', 'so', 'still']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there']);
/** A subject pronoun, contracted or not ("he", "he's", "they’ll"). */
/** Whether word `j` follows the word before it after a space only. */
function spaced(p: Paragraph, j: number): boolean {
  return onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start);
}

/** Whether only a comma (and spaces) stands between word `j` and the word before it. */
function commaBefore(p: Paragraph, j: number): boolean {
  return /^\s*,\s*$/.test(p.text.slice(p.words[j - 1]!.end, p.words[j]!.start));
}

const isPronoun = (lower: string) =>
  PRONOUNS.has(lower) ||
  (lower.length <= 7 &&
    /['’]/.test(lower) &&
    /^(?:he|she|they|it|we|i|you|there)['’](?:s|d|ll|re|ve|m)$/.test(lower));
const PLACE_OR_TIME = new Set([
  'in',
  'on',
  'at',
  'during',
  'after',
  'before',
  'over',
  'for',
  'late',
  'early',
  'last',
  'this',
]);
/** Words an inverted attribution at a sentence's end may span: a name and its apposition. */
const INVERTED_TAIL = 24;

/** Finds the paragraph's reported speech: `X said (that) …`, `…, X said.`, `according to X, …`. */
export function findReportedSpeech(a: ParagraphAnalysis): void {
  const { p } = a;
  const titled = a.index === 0 && isTitleCaseLine(p);
  p.sentences.forEach((s, si) => {
    if (s.end - s.start > 2000) return;
    const from = p.firstWord[si]!;
    let to = from;
    while (to < p.words.length && p.words[to]!.start < s.end) to++;
    if (titled && headline(a, si, from, to)) return;
    if (parenthetical(a, si, from, to)) return;
    let covered = -1;
    for (let i = from; i < to; i++) {
      const w = p.words[i]!;
      if (w.lower === 'according' && p.words[i + 1]?.lower === 'to') {
        according(a, i, si, from, to);
        continue;
      }
      if (w.lower === 'as') {
        const end = asAttribution(a, i, si, from, to);
        if (end !== undefined) covered = end;
        continue;
      }
      if (w.start < covered) continue;
      const verb = verbAt(p, i);
      if (!verb) continue;
      const end = clause(a, i, verb, si, to);
      if (end !== undefined) covered = end;
      else tail(a, i, verb, si, to);
    }
  });
}

/** Adverbs between a headline's subject and its verb ("Rick Perry Just Announced…"). */
const HEADLINE_ADVERBS = new Set(['just', 'also', 'now', 'finally', 'reportedly', 'again']);

/**
 * `Trump Says He Never Pledged To…`: a title-case headline capitalises its speech verb too. The
 * subject is the run of words before it (after a comma or colon), the content the rest of the
 * sentence up to a dash.
 */
function headline(a: ParagraphAnalysis, si: number, from: number, to: number): boolean {
  const { p } = a;
  for (let i = from + 1; i < to - 1; i++) {
    const w = p.words[i]!;
    const verb = w.verb;
    if (!verb || w.text === w.lower || (verb.form !== 'third' && verb.form !== 'past')) continue;
    // Verbs that report a clause: "Slams Trump", "Calls For…" report no words.
    if (!(verb.bareClause || verb.addressee) || verb.nounLike) continue;
    if (verb.particle && p.words[i + 1]?.lower !== verb.particle) continue;
    let end = i;
    while (end - 1 > from && HEADLINE_ADVERBS.has(p.words[end - 1]!.lower)) end--;
    let start = end - 1;
    while (start > from && onlySpace(p.text, p.words[start - 1]!.end, p.words[start]!.start))
      start--;
    const phrase = speakerPhrase(p.text.slice(p.words[start]!.start, p.words[end - 1]!.end));
    if (!phrase) continue;
    let c = i + (verb.particle ? 2 : 1);
    if (c >= to || !onlySpace(p.text, p.words[c - 1]!.end, p.words[c]!.start)) return false;
    if (p.words[c]!.lower === 'that') c++;
    else if (verb.addressee) {
      const after = addressed(a, i, to);
      if (after !== undefined) c = wordFrom(p, after);
    }
    if (c >= to) return false;
    let stop = c + 1;
    while (
      stop < to &&
      !/\s[-–—]+\s|,/.test(p.text.slice(p.words[stop - 1]!.end, p.words[stop]!.start))
    )
      stop++;
    const range = a.trimContent(
      p.words[c]!.start,
      stop < to ? p.words[stop - 1]!.end : p.sentences[si]!.end,
    );
    if (!range) return false;
    const speaker = a.book.resolve(phrase, p.base + p.words[start]!.start);
    if (!speaker) return false;
    a.add('reported', range[0], range[1], speaker, w.text);
    return true;
  }
  return false;
}

/** Words the speaker of an attribution set inside a sentence may span ("…, former aides said, …"). */
const PARENTHETICAL_SUBJECT = 6;

/**
 * `CONTENT, X said, CONTENT.`: an attribution set inside what it reports ("The outreach, they
 * said, raised new worries…"). The content is the whole sentence, the attribution included, so
 * that the quote stays verbatim. None when the sentence holds a quotation: then what it reports
 * is a direct quote.
 */
function parenthetical(a: ParagraphAnalysis, si: number, from: number, to: number): boolean {
  const { p } = a;
  const s = p.sentences[si]!;
  if ((p.spans[spanFrom(p, s.start)]?.open ?? Number.POSITIVE_INFINITY) < s.end) return false;
  if (to - from < 5 || !p.text.slice(s.start, s.end).includes(',')) return false;
  for (let i = from + 2; i < to - 2; i++) {
    const verb = verbAt(p, i);
    if (!verb || verb.form === 'participle') continue;
    // The subject: a short phrase between a comma and the verb.
    let j = i;
    while (
      j > from + 1 &&
      i - j < PARENTHETICAL_SUBJECT &&
      onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start)
    )
      j--;
    if (j === i || !commaBefore(p, j)) continue;
    // After the verb, a time word at most ("she said Tuesday,"), then a comma and the rest.
    let k = i + 1;
    if (
      k < to &&
      TIME_WORDS.has(p.words[k]!.lower) &&
      onlySpace(p.text, p.words[k - 1]!.end, p.words[k]!.start)
    )
      k++;
    if (k + 1 >= to || !commaBefore(p, k)) continue;
    if (verbAt(p, k)?.form === 'participle') continue;
    const phrase = speakerPhrase(p.text.slice(p.words[j]!.start, p.words[i - 1]!.end));
    if (!phrase) continue;
    const range = a.trimContent(s.start, contentEnd(a, p.words[k]!.start, si, to));
    if (!range) continue;
    const speaker = a.book.resolve(phrase, p.base + p.words[j]!.start);
    if (!speaker) continue;
    a.add('reported', range[0], range[1], speaker, p.words[i]!.text);
    a.sentenceSpeaker[si] ??= speaker;
    return true;
  }
  return false;
}

/** `X said (that) CONTENT`: returns where the content ends when it found one. */
function clause(
  a: ParagraphAnalysis,
  i: number,
  verb: SpeechVerb,
  si: number,
  to: number,
): number | undefined {
  const start = contentStart(a, i, verb, si, to);
  if (start === undefined) return undefined;
  const range = a.trimContent(
    start,
    Math.min(contentEnd(a, start, si, to), clauseEnd(a, i, start, si, to)),
  );
  if (!range) return undefined;
  // A finite verb whose subject does not read as a phrase goes to the sentence's lead or the
  // name before it; a participle ("committed to maintaining") needs a subject of its own.
  const speaker =
    a.subjectOf(i, verb, si) ??
    (verb.form === 'participle'
      ? participleSpeaker(a, i, si)
      : (a.copulaSubject(i, si) ??
        a.leadSpeaker(si) ??
        a.nearestName(si, i) ??
        a.describedSubject(i, si)));
  if (!speaker) return undefined;
  const { p } = a;
  a.add('reported', range[0], range[1], speaker, p.words[i]!.text);
  a.sentenceSpeaker[si] ??= speaker;
  return range[1];
}

/** Nouns of what is written or said, which a participle may follow ("a statement saying…"). */
const MESSAGES = new Set([
  'statement',
  'letter',
  'email',
  'e-mail',
  'tweet',
  'post',
  'message',
  'release',
  'memo',
  'note',
  'video',
  'ad',
  'speech',
  'interview',
  'op-ed',
  'column',
  'report',
]);

/**
 * The speaker of a participle with no subject of its own: the sentence's when it speaks "by
 * saying…" or through "a statement saying…" ("Trump's campaign released a statement saying…").
 */
function participleSpeaker(a: ParagraphAnalysis, i: number, si: number): Speaker | undefined {
  const prev = a.p.words[i - 1]?.lower ?? '';
  if (prev !== 'by' && !MESSAGES.has(prev)) return undefined;
  return a.leadSpeaker(si) ?? a.sentenceSubject(si);
}

/**
 * Where what a verb reports starts: after "that" ("said in a statement that …"), at a question
 * word ("explained how …", "asked whether …"), at "to" after whom was urged ("urged the judge
 * to …"), or right after the verb and a time word or listener ("said Tuesday the …", "told
 * reporters he …", "announced a concert"). None after an inverted verb ("…, said the monitor").
 */
function contentStart(
  a: ParagraphAnalysis,
  i: number,
  verb: SpeechVerb,
  si: number,
  to: number,
): number | undefined {
  const { p } = a;
  const subject = a.subjectOf(i, verb, si);
  if (a.inverted.has(i) && (subject !== undefined || verb.targetObject)) return undefined;
  const first = p.words[i + 1];
  // "in swing states such as…", "all 50 states: …": a noun form reports only "that …" or a
  // pronoun's clause right after it.
  if (verb.nounLike) {
    if (!first || i + 1 >= to || !onlySpace(p.text, p.words[i]!.end, first.start)) return undefined;
    if (first.lower === 'that') return first.end;
    return isPronoun(first.lower) ? first.start : undefined;
  }
  // "argued for a new ferry", "warned of the risk", "wrote about the fares": what the verb's
  // preposition takes is what was said.
  const object = p.words[i + 2];
  if (
    first &&
    object &&
    i + 2 < to &&
    PREPOSITION_CUES.get(verb.lemma)?.has(first.lower) &&
    // A bare form reports only as an infinitive ("to warn of…"), not in "they warn of…" read
    // as a subject's plural noun, which the rules cannot tell apart.
    (verb.form !== 'base' || p.words[i - 1]?.lower === 'to') &&
    onlySpace(p.text, p.words[i]!.end, first.start) &&
    onlySpace(p.text, first.end, object.start)
  )
    return object.start;
  if (first && i + 1 < to) {
    const gap = p.text.slice(p.words[i]!.end, first.start);
    // "Some Americans say: It's time…": what is said follows the colon.
    if (/^\s*:\s*$/.test(gap) && verb.form !== 'participle') return first.start;
    // "said he is…", "claims he's worth…": a pronoun right after the verb opens the clause
    // (its "that" further on is another: "insisted she hadn't discussed that with…").
    if (
      verb.bareClause &&
      onlySpace(p.text, p.words[i]!.end, first.start) &&
      isPronoun(first.lower)
    )
      return first.start;
  }
  for (let j = i + 1; j < to && j <= i + 8; j++) {
    const w = p.words[j]!;
    if (/[.;:]/.test(p.text.slice(p.words[j - 1]!.end, w.start))) break;
    if (w.lower === 'that') return w.end;
    // "asked former Attorney General Eric Holder whether…": who was asked may be a long name.
    if ((j <= i + 4 || verb.lemma === 'ask') && QUESTION_WORDS.has(w.lower)) return w.start;
    // "warned players not to talk…": the content keeps its "not".
    // ("pledged delegates according to a count…": no infinitive.)
    if (
      j <= i + 5 &&
      w.lower === 'to' &&
      TO_VERBS.has(verb.lemma) &&
      p.words[j - 1]!.lower !== 'according'
    )
      return p.words[j - 1]!.lower === 'not' ? p.words[j - 1]!.start : w.start;
    if (AUX.has(w.lower) || w.verb) break;
  }
  if (verb.addressee) {
    const after = addressed(a, i, to);
    if (after !== undefined) return after;
  }
  if (!verb.bareClause) return undefined;
  let j = i + 1;
  while (
    j < to &&
    j <= i + 3 &&
    (TIME_WORDS.has(p.words[j]!.lower) || listener(p.words[j]!.lower, verb))
  )
    j++;
  const next = p.words[j];
  if (!next || j >= to) return undefined;
  const gap = p.text.slice(p.words[j - 1]!.end, next.start);
  // "Still, he said, officials have to decide…": a parenthetical attribution; what it reports
  // follows its second comma.
  if (
    j === i + 1 &&
    /^\s*,\s*$/.test(gap) &&
    /,\s*$/.test(p.text.slice(p.words[i - 1]?.end ?? 0, p.words[i - 1] ? p.words[i]!.start : 0))
  )
    return next.start;
  // "said $4.5 billion was…": a currency sign opens the clause's first word.
  const sign = /^\s*([$€£])?$/.exec(p.text.slice(p.words[j - 1]!.end, next.start));
  if (!sign) return undefined;
  const start = sign[1] ? next.start - 1 : next.start;
  // "said on Friday he met…": a short phrase of time or place, then the clause's own subject.
  if (PLACE_OR_TIME.has(next.lower)) {
    for (let k = j + 1; k < to && k <= j + 5; k++) {
      if (/[,.;:]/.test(p.text.slice(p.words[k - 1]!.end, p.words[k]!.start))) break;
      if (isPronoun(p.words[k]!.lower)) return p.words[k]!.start;
    }
  }
  // "claimed victory" reports nothing; "claim Mr. Trump's deficiencies were not permanent" does:
  // a subject of its own, then a finite auxiliary within a few words.
  // ("answer", "counter", "estimate", "post", "repeat" are nouns too often for that, "maintain",
  // "observe" and "confirm" too often mean keep, watch and approve.)
  if (
    verb.pronounClause &&
    !isPronoun(next.lower) &&
    !(CLAUSE_VERBS.has(verb.lemma) && finiteSoon(p, j, to))
  )
    return undefined;
  // "at least six planes", "about half of…": a preposition before a number opens a noun phrase.
  const counted =
    /^(?:least|most|half|\d.*|one|two|three|four|five|six|seven|eight|nine|ten)$/.test(
      p.words[j + 1]?.lower ?? '',
    );
  if (NON_CLAUSE_START.has(next.lower) && !LISTENERS.has(next.lower) && !counted) return undefined;
  return start;
}

/** Whether words from `j` reach an auxiliary ("were", "had", "would") before a stop. */
function finiteSoon(p: Paragraph, j: number, to: number): boolean {
  for (let k = j + 1; k < to && k <= j + 6; k++) {
    if (/[,.;:]/.test(p.text.slice(p.words[k - 1]!.end, p.words[k]!.start))) return false;
    // "…of followers who were new…": a relative clause's verb is not the clause's own.
    if (RELATIVE_PRONOUNS.has(p.words[k]!.lower)) return false;
    if (AUX.has(p.words[k]!.lower)) return true;
  }
  return false;
}

/** Verbs of `pronounClause` that take any subject's clause when a finite verb follows. */
const CLAUSE_VERBS = new Set(['claim', 'conclude']);

const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whose', 'whom']);

/**
 * Whether a word after a speech verb is who was spoken to ("told her he…", "told reporters…"):
 * "her" is one only after a verb that takes a listener without "to"; after "said" it opens the
 * clause ("said her net worth was…").
 */
function listener(word: string, verb: SpeechVerb): boolean {
  return LISTENERS.has(word) && (word !== 'her' || verb.addressee === true);
}

/** Words an inserted ", and X," may span before its closing comma. */
const INSERTION_WORDS = 8;

/** Whether ", and …" at word `j` closes with a comma soon: a phrase set in, not a clause. */
function insertion(p: Paragraph, j: number, to: number): boolean {
  for (let k = j + 1; k < to && k - j <= INSERTION_WORDS; k++) {
    const gap = p.text.slice(p.words[k - 1]!.end, p.words[k]!.start);
    if (gap.includes(',')) return true;
    if (!onlySpace(p.text, p.words[k - 1]!.end, p.words[k]!.start)) return false;
    if (verbAt(p, k) || AUX.has(p.words[k]!.lower)) return false;
  }
  return false;
}

/** Words the one addressed may span ("told TheBlaze founder Glenn Beck he…"). */
const ADDRESSEE_WORDS = 5;
const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'our', 'my']);

/**
 * Where the content of "told reporters he…" or "told the AP his firm…" starts: at the first
 * pronoun or possessive after the one addressed, with no punctuation or verb on the way.
 */
function addressed(a: ParagraphAnalysis, i: number, to: number): number | undefined {
  const { p } = a;
  for (let j = i + 2; j < to && j <= i + 1 + ADDRESSEE_WORDS; j++) {
    if (!onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start)) return undefined;
    const w = p.words[j]!;
    if (isPronoun(w.lower) || POSSESSIVES.has(w.lower)) return w.start;
    if (w.verb || AUX.has(w.lower) || w.lower === 'that' || w.lower === 'to') return undefined;
  }
  return undefined;
}

/** Words that open a clause's own subject after ", and". */
const NEW_SUBJECT = /^(?:he|she|they|it|we|i|the|a|an|more|most|many|some|\p{Lu}.*)$/u;
/** Words after "and" that can only start a clause of their own ("… and others have said"). */
const OWN_SUBJECT = new Set([
  'he',
  'she',
  'they',
  'we',
  'i',
  'others',
  'many',
  'some',
  'most',
  'one',
]);
/** Words that open a subordinate clause at a sentence's start ("When Trump suggested that…, "). */
const SUBORDINATORS = new Set([
  'when',
  'although',
  'though',
  'while',
  'if',
  'after',
  'because',
  'since',
  'as',
  'before',
  'once',
  'until',
  'whereas',
  'even',
]);

/**
 * Where the clause holding the verb at `i` ends when it is subordinate: "When Trump suggested
 * that Cuba would sue, Rubio fired back…" and "Broaddrick, who said Clinton raped her, recounted…"
 * report up to the comma that closes the clause.
 */
function clauseEnd(a: ParagraphAnalysis, i: number, start: number, si: number, to: number): number {
  const { p } = a;
  const from = p.firstWord[si]!;
  let k = from;
  if (LEAD_WORDS.has(p.words[k]?.lower ?? '')) k++;
  // "However, while the RNC says…, they are…": a sentence adverb and its comma come first.
  if (SENTENCE_ADVERBS.has(p.words[k]?.lower ?? '') && p.text[p.words[k]!.end] === ',') k++;
  // "Ever since Bernie Sanders announced…", "Shortly after…": an adverb before the subordinator.
  if (
    SUBORDINATOR_ADVERBS.has(p.words[k]?.lower ?? '') &&
    SUBORDINATORS.has(p.words[k + 1]?.lower ?? '')
  )
    k++;
  const noComma = k < i && !/,/.test(p.text.slice(p.words[k]!.end, p.words[i]!.start));
  // "In an election year in which a majority of Americans say they…, even some allies…": a
  // relative clause inside an opening phrase of place or time ends with that phrase.
  const opensWithRelative = () => {
    if (!OPENING_PREPOSITIONS.has(p.words[k]!.lower)) return false;
    for (let j = k + 1; j < i; j++) if (RELATIVES.has(p.words[j]!.lower)) return true;
    return false;
  };
  const opens = noComma && (SUBORDINATORS.has(p.words[k]!.lower) || opensWithRelative());
  const rel = relativeClause(p, i);
  if (!opens && !rel) return Infinity;
  // A relative clause set off by commas ends at its closing comma, even before the sentence's
  // last word ("The mayor, who said the roads were unsafe, resigned.").
  for (let j = wordFrom(p, start) + 1; j < (rel ? to : to - 1); j++) {
    if (p.text.slice(p.words[j - 1]!.end, p.words[j]!.start).includes(','))
      return p.words[j - 1]!.end;
  }
  return Infinity;
}

/**
 * Whether the verb at word `i` is that of a relative clause set off by a comma: ", who said",
 * ", which reported", ", who has long argued".
 */
function relativeClause(p: Paragraph, i: number): boolean {
  let k = i - 1;
  while (k > 0 && i - k <= 3 && RELATIVE_GAP.test(p.words[k]!.lower)) k--;
  const rel = p.words[k]?.lower;
  return (
    k >= 1 &&
    (rel === 'who' || rel === 'which') &&
    /,\s*$/.test(p.text.slice(p.words[k - 1]!.end, p.words[k]!.start))
  );
}

/**
 * Speech verbs whose content may be a preposition's object, and those prepositions: the ones the
 * labels of real news take for attributions ("argued for" 3 of 7 times on the train split,
 * "warned of" 5 of 19, "wrote about" 3 of 13), not those they never or rarely do ("called for"
 * 1 of 143, "asked for" 4 of 32, "boasted of" 0 of 13).
 */
const PREPOSITION_CUES = new Map<string, Set<string>>([
  ['argue', new Set(['for', 'against'])],
  ['warn', new Set(['of', 'about', 'against'])],
  ['write', new Set(['of', 'about'])],
]);

const SENTENCE_ADVERBS = new Set(['however', 'meanwhile', 'still', 'indeed', 'instead', 'now']);
const SUBORDINATOR_ADVERBS = new Set(['ever', 'just', 'shortly', 'soon', 'long', 'right', 'only']);

/** Prepositions that open a sentence with a phrase of place or time ("In a year in which…"). */
const OPENING_PREPOSITIONS = new Set(['in', 'at', 'on', 'during', 'for', 'among', 'across']);
const RELATIVES = new Set(['which', 'whom', 'where', 'when', 'whose']);

/** "…, as has Carlos Gimenez", "…, as was the case with…": an auxiliary right after "as". */
const AUXILIARIES = new Set(['has', 'have', 'had', 'did', 'does', 'do', 'was', 'is', 'were']);

/**
 * The writer's own comment after reported content, opened by a comma: a contrast (", even as…",
 * ", despite…", ", though…"), a comparison (", compared with 64 percent who…", ", well above the
 * $8.04 analysts expected") or a parallel (", as has Carlos Gimenez"). The labels of real news
 * end what was said before it.
 */
function writersComment(w: Word, next: Word | undefined, third?: Word): boolean {
  const n = next?.lower;
  const after = third?.lower;
  switch (w.lower) {
    case 'despite':
    case 'though':
    case 'although':
      return true;
    case 'even':
      return n === 'as' || n === 'though' || n === 'if';
    case 'compared':
      return n === 'with' || n === 'to';
    case 'well':
      return n === 'above' || n === 'below';
    case 'as':
      return (
        n !== undefined && (AUXILIARIES.has(n) || (PRONOUNS.has(n) && AUXILIARIES.has(after ?? '')))
      );
    default:
      return false;
  }
}

/** Whether words `j` to `to` run without a comma or a verb of their own for at least 4 words. */
function gloss(p: Paragraph, j: number, to: number): boolean {
  if (to - j < 4) return false;
  for (let k = j + 1; k < to; k++) {
    if (/[,;:]/.test(p.text.slice(p.words[k - 1]!.end, p.words[k]!.start))) return false;
    if (AUX.has(p.words[k]!.lower) || verbAt(p, k)) return false;
  }
  return true;
}

/**
 * Where reported content ends: at the sentence's end, or where the sentence goes on to something
 * else (", according to", ";", ", but said", ", telling", ", adding", ", even as…"). A dash does
 * not end it: what follows a dash inside reported speech ("is in decline — a decline that took
 * hold while he was in office", "46 percent of Republican voters — and 31 percent of voters
 * overall — remain undecided") is still what was reported, as the labels of real news read it,
 * unless the sentence turns there ("— but…").
 */
function contentEnd(a: ParagraphAnalysis, start: number, si: number, to: number): number {
  const { p } = a;
  for (let j = wordFrom(p, start) + 1; j < to; j++) {
    const w = p.words[j]!;
    const gap = p.text.slice(p.words[j - 1]!.end, w.start);
    if (gap.includes(';')) return p.words[j - 1]!.end;
    if (gap.includes(',') && writersComment(w, p.words[j + 1], p.words[j + 2]))
      return p.words[j - 1]!.end;
    // "…brutal leaders like Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said -":
    // a quotation set in after a dash is an aside with its own attribution.
    if (/[-–—]\s*["“'‘]/.test(gap)) return p.words[j - 1]!.end;
    // "…would slash up to 30,000 jobs, a mass layoff rivaling that of…": a noun phrase set after
    // the content and running to the sentence's end is the writer's gloss on it.
    if (gap.includes(',') && (w.lower === 'a' || w.lower === 'an') && gloss(p, j, to))
      return p.words[j - 1]!.end;
    // "…, and the American Civil Liberties Union has sued…": a clause with a subject of its own.
    // ("an attack by Russian forces, and the use of chemical weapons, would…" is one subject.)
    if (
      gap.includes(',') &&
      w.lower === 'and' &&
      NEW_SUBJECT.test(p.words[j + 1]?.text ?? '') &&
      !insertion(p, j, to)
    )
      return p.words[j - 1]!.end;
    // "…, but for Republicans, it is a smoking gun": the sentence turns to something else.
    // ("…, but that any operation should…" goes on reporting the same verb.)
    const turns = w.lower === 'but' || w.lower === 'while';
    const pause = gap.includes(',') || /[-–—]/.test(gap);
    if (pause && turns && p.words[j + 1]?.lower !== 'that') return p.words[j - 1]!.end;
    if (w.lower === 'according' && p.words[j + 1]?.lower === 'to') return w.start;
    // "…, and three-quarters said the same", "… and said": another speech verb, another clause.
    // ("… and others have said they…": a subject of its own, then its speech verb.)
    if (w.lower === 'and' || w.lower === 'but' || w.lower === 'while') {
      const next = p.words[j + 1]?.lower ?? '';
      const subject = gap.includes(',') || OWN_SUBJECT.has(next) || /^\d/.test(next);
      for (let k = j + 1; k < to && k <= j + 4; k++) {
        const verb = verbAt(p, k);
        if (verb && verb.form !== 'participle') return p.words[j - 1]!.end;
        if (!subject) break;
      }
    }
    if (gap.includes(',') && verbAt(p, j)?.form === 'participle') return p.words[j - 1]!.end;
    // "…, echoing a memo from…", "…, meaning she will…": a participle phrase of the writer's.
    if (gap.includes(',') && PARTICIPLE.test(w.text)) return p.words[j - 1]!.end;
    // "…, Sabato said." after the content: its own attribution, not more of what is reported.
    if (gap.includes(',') && trailingAttribution(p, j, to)) return p.words[j - 1]!.end;
  }
  return p.sentences[si]!.end;
}

/**
 * Where a subject-first attribution after its content ends: at the sentence's end, or at the
 * first comma or semicolon after the verb ("…, Nefzi said, adding…", "…, analysts say; in 2012…").
 */
function tailEnd(p: Paragraph, i: number, to: number): number {
  for (let j = i + 1; j < to; j++)
    if (/[,;]/.test(p.text.slice(p.words[j - 1]!.end, p.words[j]!.start))) return j;
  return to;
}

/** Whether words from `j` read `X said` up to the sentence's end or its next comma. */
function trailingAttribution(p: Paragraph, j: number, to: number): boolean {
  for (let i = j + 1; i < to && i - j <= PARENTHETICAL_SUBJECT; i++) {
    if (!onlySpace(p.text, p.words[i - 1]!.end, p.words[i]!.start)) return false;
    const verb = verbAt(p, i);
    if (verb) return verb.form !== 'participle' && tailEnd(p, i, to) - i <= 2;
  }
  return false;
}

/** `CONTENT, X said.` and `CONTENT, said X.` at the end of a sentence or of its first part. */
function tail(a: ParagraphAnalysis, i: number, verb: SpeechVerb, si: number, to: number): void {
  const { p } = a;
  const w = p.words[i]!;
  const prevGap = i > 0 ? p.text.slice(p.words[i - 1]!.end, w.start) : '';
  const inverted = prevGap.includes(',');
  const end = inverted ? to : tailEnd(p, i, to);
  // "…, said Ann Lee, director of the port authority based in Lisbon.": an inverted verb may be
  // followed by a name and a long apposition; the subject-first form is short.
  if (verb.form === 'participle' || end - i > (inverted ? INVERTED_TAIL : 7)) return;
  // "Republicans, in a statement, blasted Obama.", "Later, at a rally in Iowa, Trump mocked
  // Cruz.": a verb whose object is whom the words are about is never inverted, and with its object
  // it reports nothing before it.
  if (verb.targetObject && (inverted || end > i + 1)) return;
  const s = p.sentences[si]!;
  for (let j = i + 1; j < end; j++) if (p.words[j]!.lower === 'that' || verbAt(p, j)) return;
  let comma: number;
  let phrase: SpeakerPhrase | undefined;
  let at: number;
  if (inverted) {
    comma = p.words[i - 1]!.end + prevGap.indexOf(',');
    const np = a.phraseAfter(i);
    // Past the short form, only a name closed by its apposition's comma ("said Ann Lee, …").
    if (to - i > 7 && np && p.text[np.end] !== ',') return;
    phrase = np?.phrase;
    at = np?.at ?? w.start;
  } else {
    comma = p.text.lastIndexOf(',', w.start);
    if (comma < s.start || w.start - comma > 80) return;
    phrase = speakerPhrase(p.text.slice(comma + 1, w.start));
    at = comma + 1;
  }
  if (!phrase || comma <= s.start) return;
  const after = end < to ? p.words[end]!.start : s.end;
  if ((p.spans[spanFrom(p, w.start)]?.open ?? Number.POSITIVE_INFINITY) < after) return;
  const opening = p.spans[spanFrom(p, s.start)];
  if (opening && opening.open <= s.start + 1 && opening.open < comma) return;
  const range = a.trimContent(s.start, comma);
  if (!range) return;
  const speaker = a.book.resolve(phrase, p.base + at);
  if (!speaker) return;
  a.add('reported', range[0], range[1], speaker, w.text);
}

/** Words an "as X reported" attribution may span from "as" to its verb. */
const AS_SUBJECT = 7;

/**
 * `As X reported, CONTENT.`, `CONTENT, as X noted.`, `…, as X said on Saturday, CONTENT` and
 * `As reported by X, CONTENT.` Returns where the attribution's verb phrase ends when it found one.
 */
function asAttribution(
  a: ParagraphAnalysis,
  k: number,
  si: number,
  from: number,
  to: number,
): number | undefined {
  const { p } = a;
  const s = p.sentences[si]!;
  let i = k + 1;
  while (i < to && i - k <= AS_SUBJECT && spaced(p, i) && !verbAt(p, i)) i++;
  if (i >= to || i - k > AS_SUBJECT || !spaced(p, i)) return undefined;
  const verb = verbAt(p, i)!;
  if (verb.form === 'participle' || verb.form === 'base') return undefined;
  let j = i + 1;
  let phrase: SpeakerPhrase | undefined;
  let at: number;
  if (i <= k + 2 && p.words[j]?.lower === 'by') {
    // "as (first) reported by the New York Times": the source follows "by".
    if (i === k + 2 && !TIME_WORDS.has(p.words[k + 1]!.lower) && p.words[k + 1]!.lower !== 'first')
      return undefined;
    const first = j + 1;
    j = first;
    while (j < to && j - first < AS_SUBJECT && (j === first || spaced(p, j))) j++;
    if (j === first) return undefined;
    at = p.words[first]!.start;
    const source = p.text.slice(at, p.words[j - 1]!.end);
    phrase = speakerPhrase(source) ?? describedAs(source);
  } else {
    if (i === k + 1) return undefined;
    at = p.words[k + 1]!.start;
    phrase = speakerPhrase(p.text.slice(at, p.words[i - 1]!.end));
    // "as she said at the outset", "as The Times reported on Saturday": when, not what.
    if (j < to && spaced(p, j)) {
      if (!PLACE_OR_TIME.has(p.words[j]!.lower) && !TIME_WORDS.has(p.words[j]!.lower))
        return undefined;
      const stop = j + 4;
      while (j < to && j <= stop && spaced(p, j)) j++;
      if (j < to && spaced(p, j)) return undefined;
    }
  }
  if (!phrase || (phrase.kind === 'pronoun' && phrase.pronoun === 'it')) return undefined;
  const lead = k === from || (k === from + 1 && LEAD_WORDS.has(p.words[from]!.lower));
  const afterComma =
    j < to && /^\s*,\s*$/.test(p.text.slice(p.words[j - 1]!.end, p.words[j]!.start));
  let range: [number, number] | undefined;
  if (lead || (afterComma && j + 2 < to)) {
    if (!afterComma) return undefined;
    range = a.trimContent(p.words[j]!.start, contentEnd(a, p.words[j]!.start, si, to));
  } else {
    const gap = p.text.slice(p.words[k - 1]!.end, p.words[k]!.start);
    if (!gap.includes(',')) return undefined;
    range = a.trimContent(s.start, p.words[k - 1]!.end);
  }
  if (!range) return undefined;
  const speaker = a.book.resolve(phrase, p.base + at);
  if (!speaker) return undefined;
  a.add('reported', range[0], range[1], speaker, p.words[i]!.text);
  return p.words[j - 1]!.end;
}

/** Words that end the head of a long source ("a poll | conducted by…", "an email | from…"). */
const SOURCE_TAIL = new Set([
  'that',
  'who',
  'which',
  'whose',
  'conducted',
  'released',
  'obtained',
  'published',
  'based',
  'from',
  'by',
  'at',
  'in',
  'for',
  'with',
  'on',
  'involved',
]);
/** Words a source after "according to" may span before its head is taken alone. */
const SOURCE_WORDS = 24;
/** Words before a mid-sentence "according to" that may only lead into the content ("But, according to"). */
const LEAD_IN_WORDS = 3;
const LEAD_ADVERBS = new Set([
  'however',
  'meanwhile',
  'instead',
  'indeed',
  'moreover',
  'separately',
  'overall',
]);

/**
 * The source after "according to" at word `i`: up to a comma, a dash or the sentence's end.
 * A long description reads as its head ("a January 2016 study by the Pew Research Center based
 * on census data" -> "a January 2016 study").
 */
function sourceAfter(
  a: ParagraphAnalysis,
  i: number,
  to: number,
): { phrase: SpeakerPhrase; start: number; end: number; next: number } | undefined {
  const { p } = a;
  const first = i + 2;
  if (first >= to) return undefined;
  let j = first + 1;
  while (
    j < to &&
    j - first < SOURCE_WORDS &&
    onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start)
  )
    j++;
  const start = p.words[first]!.start;
  const end = p.words[j - 1]!.end;
  const source = p.text.slice(start, end);
  let phrase = speakerPhrase(source) ?? describedAs(source);
  if (!phrase) {
    let h = first + 1;
    while (h < j && !SOURCE_TAIL.has(p.words[h]!.lower)) h++;
    phrase = describedAs(p.text.slice(start, p.words[h - 1]!.end));
  }
  if (!phrase || phrase.kind === 'pronoun') return undefined;
  return { phrase, start, end, next: j };
}

/**
 * `according to X, CONTENT.`, `CONTENT, according to X.` and `CONTENT, according to X, CONTENT.`
 * (the whole sentence, as for "…, they said, …").
 */
function according(a: ParagraphAnalysis, i: number, si: number, from: number, to: number): void {
  const { p } = a;
  const s = p.sentences[si]!;
  const source = sourceAfter(a, i, to);
  if (!source) return;
  const rest = source.next < to ? p.text.slice(source.end, p.words[source.next]!.start) : '';
  const goesOn = /^\s*,\s*$/.test(rest) && source.next + 2 < to;
  let range: [number, number] | undefined;
  const first = p.words[from]!.lower;
  const leadIn =
    i === from ||
    (i - from < LEAD_IN_WORDS &&
      (LEAD_WORDS.has(first) ||
        TIME_WORDS.has(first) ||
        PLACE_OR_TIME.has(first) ||
        LEAD_ADVERBS.has(first)));
  if (leadIn) {
    if (!goesOn) return;
    range = a.trimContent(
      p.words[source.next]!.start,
      contentEnd(a, p.words[source.next]!.start, si, to),
    );
  } else {
    const next = p.words[source.next];
    // "…, according to X, but the…": the sentence turns to something else after the source.
    const turns =
      !next ||
      /^(?:but|and|while|although|though|which|who|so)$/.test(next.lower) ||
      verbAt(p, source.next)?.form === 'participle';
    const end = goesOn && !turns ? contentEnd(a, next!.start, si, to) : p.words[i]!.start;
    range = a.trimContent(s.start, end);
  }
  if (!range) return;
  const speaker = a.book.resolve(source.phrase, p.base + source.start);
  if (speaker) a.add('reported', range[0], range[1], speaker, 'according to');
}
