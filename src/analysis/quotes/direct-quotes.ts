import type { QuoteSpan } from '../quote-spans.ts';
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import {
  BE,
  type Paragraph,
  PREPOSITIONS,
  sentenceOf,
  spanFrom,
  verbAt,
  wordFrom,
} from './paragraph.ts';
import type { Attribution, Found, ParagraphAnalysis } from './paragraph-analysis.ts';
import type { Speaker } from './speaker-book.ts';
import { namesPeople, type SpeakerPhrase, speakerPhrase } from './speaker-phrase.ts';
import { type Candidate, type QuoteContext, rankSpeakers, type Source } from './speaker-ranker.ts';
import type { SpeechVerb } from './speech-verbs.ts';
import { onlySpace, startsLower, startsUpper, WORD } from './text-scan.ts';

const UPPER = /^\p{Lu}/u;
/** A quotation right after one of these words names something: a title, a show, a book. */
const NOT_SPEECH_BEFORE = new RegExp(
  `\\b(?:${lexicon.notSpeechBefore.join('|')})\\s*[,:]?\\s*(?:the\\s+|a\\s+)?$`,
  'i',
);
const TITLE_SMALL = new Set(lexicon.titleSmallWords);
/**
 * `''Brujas'' -- Spanish for ''witches''`, `Latin for "if you wish peace, prepare for war"`: the
 * writer's translation of words, not anyone's speech (not "asked in Spanish for “respect”").
 */
const TRANSLATION_BEFORE =
  /(?<!\bin\s+)\b(?:Arabic|Cantonese|Chinese|Danish|Dutch|Farsi|French|Gaelic|German|Greek|Hawaiian|Hebrew|Hindi|Italian|Japanese|Korean|Latin|Mandarin|Norwegian|Persian|Polish|Portuguese|Russian|Spanish|Swahili|Swedish|Tagalog|Turkish|Ukrainian|Urdu|Vietnamese|Yiddish)\s+(?:word\s+|term\s+|phrase\s+)?for\s*[,:]?\s*$/;
const UPPER_OR_DIGIT = /^[\p{Lu}\p{N}]/u;

/** "Fire and Fury": a title, not speech. Stops at the first word that rules it out. */
function isTitleCase(quote: string): boolean {
  const re = new RegExp(WORD);
  let count = 0;
  let upper = false;
  for (let m = re.exec(quote); m; m = re.exec(quote)) {
    const w = m[0];
    if (++count > 8) return false;
    const c = w.charCodeAt(0);
    if (c < 128 ? c >= 65 && c <= 90 : UPPER.test(w)) upper = true;
    else if (!(c < 128 ? c >= 48 && c <= 57 : UPPER_OR_DIGIT.test(w)) && !TITLE_SMALL.has(w))
      return false;
  }
  return count >= 2 && upper;
}

/** What the paragraphs before tell about who is speaking. */
export interface SpeakingBefore {
  /** The last speaker of any kind: of a direct quote or a speech verb. */
  last?: Speaker;
  /** The speaker introducing a quotation when the paragraph before ends with a colon. */
  colon?: Speaker;
  /** How many quotes each speaker has had in the paragraphs before. */
  spoken?: Map<Speaker, number>;
  /** The speaker with the most quotes in the paragraphs before. */
  top?: Speaker;
  /** How often each capitalised word (by `speakerKey`) occurs in the article's running text. */
  counts?: ReadonlyMap<string, number>;
  /**
   * The article marks speech with single quotes, as British outlets do (‘…,’ she said): it has
   * several single-quoted spans and no double-quoted one, so they are quotations, not titles.
   */
  singleMarks?: boolean;
}

/**
 * Markup left in the text, never speech: an attribute value (`<tweet id="6721…" author="@x">`)
 * or a quoted handle, number, date or link.
 */
function isMarkup(text: string, span: QuoteSpan): boolean {
  let i = span.open - 1;
  while (i >= 0 && text[i] === ' ') i--;
  if (text[i] === '=') return true;
  return /^(?:[@#]\S+|[\d.:/-]+|(?:https?:\/\/|www\.)\S+)$/.test(text.slice(span.start, span.end));
}

/** `Gov. C.L. "Butch" Otter`: one quoted word between a forename and a surname is a nickname. */
function isNickname(text: string, span: QuoteSpan): boolean {
  return (
    !span.single &&
    /^\s\p{Lu}\p{Ll}/u.test(text.slice(span.close, span.close + 3)) &&
    !/[^\p{L}’'-]/u.test(text.slice(span.start, span.end)) &&
    /(?:^|\s)\p{Lu}[\p{L}.’'-]*\s$/u.test(text.slice(Math.max(0, span.open - 30), span.open))
  );
}

/**
 * `"Met accused of whitewashing baby Jesus," by Post's Kathianne Boniello`: a quotation closed
 * by a comma and followed by "by" and a name is a headline or a book with its author, not speech
 * (speech there reads `"…," said`).
 */
function isBylined(text: string, span: QuoteSpan): boolean {
  return (
    text[span.end - 1] === ',' && /^\s*by\s+\p{Lu}/u.test(text.slice(span.close, span.close + 20))
  );
}

/**
 * `"Orange is the New Black" star Dascha Polanco`, `"The Daily Show" host Trevor Noah`: a
 * quotation with no punctuation of its own before a role in a show and a name is the show.
 */
function namesAShowsPerson(text: string, span: QuoteSpan): boolean {
  if (!span.closed || /[,.!?;:…—–-]/.test(text[span.end - 1] ?? '')) return false;
  const role = /^\s+(\p{Ll}+(?:-\p{Ll}+)?)\s+\p{Lu}/u.exec(text.slice(span.close, span.close + 30));
  return role !== null && SHOW_ROLES.has(role[1]!);
}
const SHOW_ROLES = new Set(
  'star co-star host co-host anchor winner contestant creator showrunner actor actress'.split(' '),
);

/**
 * Finds the paragraph's direct quotes: each quotation that is speech (not a title or a name).
 * Its speaker comes from a cue next to it (`"…," X said`, `X said: "…"`); failing that, from the
 * quotes around it in the paragraph (`"…," X said. "…"`), from the sentence's or the paragraph's
 * speech verbs, or from the paragraphs before.
 */
export function findDirectQuotes(a: ParagraphAnalysis, before: SpeakingBefore): void {
  const { p } = a;
  const pending: { span: QuoteSpan; sentence: number; naming: boolean }[] = [];
  /** Quotations read as titles: speech after all if reported speech turns out to hold them. */
  const titles: { span: QuoteSpan; sentence: number }[] = [];
  for (const span of p.spans) {
    const sentence = sentenceOf(p, span.open);
    const quoted = p.text.slice(span.start, span.end);
    const lead = p.text.slice(Math.max(0, span.open - 40), span.open);
    if (isMarkup(p.text, span) || isNickname(p.text, span)) continue;
    const naming = namingBefore(p, span, sentence);
    if (
      !naming &&
      (NOT_SPEECH_BEFORE.test(lead) ||
        TRANSLATION_BEFORE.test(lead) ||
        isBylined(p.text, span) ||
        namesAShowsPerson(p.text, span))
    ) {
      titles.push({ span, sentence });
      continue;
    }
    const startsSentence = span.open === p.sentences[sentence]!.start;
    if (!naming && isTitleCase(quoted)) {
      // `"Your Honor," I said`, `"GROWING PARTY," he declared`: a quotation that opens its
      // sentence with a speech verb right after it is speech whatever its case (mid-sentence,
      // `on ABC's "This Week," Carson admitted`, the same pattern is a title). So is one after a
      // colon: `emailed a link with one sentence: "THIS IS NOT OK."`.
      const after = startsSentence ? cueAfter(a, span) : undefined;
      if (after?.cue) {
        if (after.cueSentence !== undefined) a.sentenceSpeaker[after.cueSentence] ??= after.speaker;
        addDirect(a, span, sentence, after);
        continue;
      }
      if (colonBefore(p.text, span.open) >= 0) {
        pending.push({ span, sentence, naming });
        continue;
      }
      // `She declared "What a Super Tuesday!"`, `crowds chanting "USA! USA!"`: right after a
      // speech verb it is what was said, as after a colon.
      if (!spokenRightBefore(p, span)) {
        titles.push({ span, sentence });
        continue;
      }
    }
    const cands: Candidate[] = [];
    const rule = gather(cands, cueSources(a, span, sentence, naming, startsSentence));
    if (rule < 0) {
      pending.push({ span, sentence, naming });
      continue;
    }
    // Quotes so far are in text order: the last one is the nearest before.
    gather(cands, contextTiers(a, span, sentence, naming, a.out.slice(-1), before));
    gather(cands, extraCandidates(a, span, sentence, before));
    const pick =
      cands[rankSpeakers(cands, rule, context(a, before, span, sentence, naming, cands[rule]!))]!;
    if (pick.cueSentence !== undefined) a.sentenceSpeaker[pick.cueSentence] ??= pick.speaker;
    addDirect(a, span, sentence, pick);
  }
  const cued = [...a.out];
  for (const { span, sentence, naming } of pending) {
    // Single marks with no cue next to them are titles and scare quotes far more than speech,
    // unless the article writes all its quotations so.
    if (span.single && !before.singleMarks) continue;
    const cands: Candidate[] = [];
    const rule = gather(cands, contextTiers(a, span, sentence, naming, cued, before));
    if (rule < 0) continue;
    gather(cands, extraCandidates(a, span, sentence, before));
    const tier = cands[rule]!.sources[0]!;
    // Quotes close to one that has a cue, or after a colon or a naming cue, are as good as cued.
    const weak = !naming && tier !== 'quote' && tier !== 'colon' && tier !== 'sentence';
    const pick =
      cands[rankSpeakers(cands, rule, context(a, before, span, sentence, naming, cands[rule]!))]!;
    const cue = process.env.QDEBUG ? `ctx:${pick.sources.join('+')}` : undefined;
    addDirect(a, span, sentence, { speaker: pick.speaker, cue }, weak);
  }
  a.lastDirect = a.out.reduce<Found | undefined>(
    (last, f) => (!last || f.quote.start > last.quote.start ? f : last),
    undefined,
  )?.speaker;
  // Who would have said each title, read without leaving a trace on the sentences' speakers.
  const sentenceSpeaker = [...a.sentenceSpeaker];
  for (const { span, sentence } of titles) {
    if (span.single || namesAThing(p, span)) continue;
    const startsSentence = span.open === p.sentences[sentence]!.start;
    const found =
      cuedSpeaker(a, span, sentence, false, startsSentence) ??
      contextSpeaker(a, span, sentence, false, cued, before);
    if (found) a.titles.push({ span, speaker: found.speaker });
  }
  a.sentenceSpeaker.splice(0, a.sentenceSpeaker.length, ...sentenceSpeaker);
}

/**
 * Whether a verb of uttering words stands right before the quotation's opening mark: "declared",
 * "chanting", "says"; or any speech verb with a comma or a colon before the mark. Not one that
 * may take a work or a name as its object ("praised "The Apprentice"", "cited "The Federalist
 * Papers"").
 */
function spokenRightBefore(p: Paragraph, span: QuoteSpan): boolean {
  const wi = wordFrom(p, span.open) - 1;
  const w = p.words[wi];
  const gap = w ? p.text.slice(w.end, span.open) : '';
  if (!w || !/^[\s,:]*$/.test(gap)) return false;
  const verb = verbAt(p, wi);
  if (!verb || verb.form === 'participle')
    return verb !== undefined && UTTERING_VERBS.has(verb.lemma);
  // `Clinton tweeted, “Love Trumps Hate.”`: a comma or a colon after any speech verb opens what
  // was said.
  return UTTERING_VERBS.has(verb.lemma) || /[,:]/.test(gap);
}
const UTTERING_VERBS = new Set(
  'say declare shout chant yell scream cry exclaim add ask reply respond answer joke quip proclaim whisper mutter'.split(
    ' ',
  ),
);

/**
 * Once reported speech is known: a quotation the rules read as a title is speech when reported
 * speech holds it (`Mr. Nevins said he pursued a new ''Twin Peaks'' only because…`), since the
 * words between quote marks inside what someone is reported to say are theirs.
 */
export function keepHeldTitles(a: ParagraphAnalysis): void {
  const { p } = a;
  for (const { span, speaker } of a.titles) {
    if (a.heldByReported(p.base + span.start, p.base + span.end))
      addQuotation(a, span, { speaker, cue: undefined }, true);
  }
}

/**
 * A title that names a thing whatever holds it: after a preposition or a possessive (`on MSNBC's
 * "Morning Joe"`, `from "Star Wars"`) or in apposition to a noun (`a novel, "The Long Winter,"`).
 */
function namesAThing(p: Paragraph, span: QuoteSpan): boolean {
  const wi = wordFrom(p, span.open) - 1;
  const prev = p.words[wi];
  if (!prev) return false;
  if (onlySpace(p.text, prev.end, span.open))
    return PREPOSITIONS.has(prev.lower) || /['’]s$/.test(prev.lower);
  const apposition = p.text[prev.end] === ',' && onlySpace(p.text, prev.end + 1, span.open);
  return apposition && startsLower(prev.text) && !verbAt(p, wi);
}

/** The cues next to a quotation (`"…," X said`, `X said "…"`, `called it "…"`), in the order the rules trust them. */
function cueSources(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  naming: boolean,
  startsSentence: boolean,
): [Source, () => Attribution | undefined][] {
  const { p } = a;
  const after = cueAfter(a, span);
  return [
    ['naming', () => (naming ? (agentAfter(a, span) ?? namerOf(a, span, sentence)) : undefined)],
    // `Comey cannot say that "from his perspective," Lewandowski added`: a quotation closed by a
    // comma belongs to the attribution after it before any verb earlier in the sentence.
    ['comma', () => (after?.tight && p.text[span.end - 1] === ',' ? after : undefined)],
    ['before', () => (startsSentence ? undefined : cueBefore(a, span, sentence))],
    ['after', () => after],
  ];
}

/** The rules' speaker from a cue next to the quotation. */
function cuedSpeaker(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  naming: boolean,
  startsSentence: boolean,
): Attribution | undefined {
  for (const [, find] of cueSources(a, span, sentence, naming, startsSentence)) {
    const found = find();
    if (found) return found;
  }
  return undefined;
}

/** The rules' speaker from the quotation's context (see `contextTiers`). */
function contextSpeaker(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  naming: boolean,
  cued: readonly Found[],
  before: SpeakingBefore,
): { speaker: Speaker; tier: string } | undefined {
  for (const [tier, find] of contextTiers(a, span, sentence, naming, cued, before)) {
    const speaker = find();
    if (speaker) return { speaker, tier };
  }
  return undefined;
}

/** What the ranker reads about a quotation besides its candidates. */
function context(
  a: ParagraphAnalysis,
  before: SpeakingBefore,
  span: QuoteSpan,
  sentence: number,
  naming: boolean,
  rule: Candidate,
): QuoteContext {
  const spoken = (speaker: Speaker) =>
    (before.spoken?.get(speaker) ?? 0) + (a.spoken.get(speaker) ?? 0);
  return {
    p: a.p,
    span,
    sentence,
    naming,
    last: before.last,
    lastDirect: a.lastDirect,
    spoken,
    ruleSource: rule.sources[0]!,
    counts: before.counts ?? new Map(),
    isPlace: (key) => a.book.isPlace(key),
  };
}

/**
 * Runs each source and adds what it finds to `cands` (a speaker found twice keeps one candidate
 * with both sources). Returns the index of the first source's candidate: the rules' pick, or -1.
 */
function gather(
  cands: Candidate[],
  sources: readonly [Source, () => Attribution | Speaker | undefined][],
): number {
  let first = -1;
  for (const [source, find] of sources) {
    const found = find();
    if (!found) continue;
    const speaker = 'speaker' in found ? found.speaker : found;
    const cue = 'speaker' in found ? found.cue : undefined;
    let i = cands.findIndex((c) => c.speaker === speaker);
    if (i < 0) {
      i = cands.push({ speaker, cue, sources: [] }) - 1;
      if ('speaker' in found && found.cueSentence !== undefined)
        cands[i]!.cueSentence = found.cueSentence;
    }
    cands[i]!.sources.push(source);
    if (first < 0) first = i;
  }
  return first;
}

/**
 * Names the rules never pick but the ranker may: the first name after the quotation, the
 * article's most quoted speaker so far.
 */
function extraCandidates(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  before: SpeakingBefore,
): [Source, () => Speaker | undefined][] {
  return [
    ['nameAfter', () => a.nearestNameAfter(sentence, wordFrom(a.p, span.close))],
    ['top', () => before.top],
  ];
}

/** The context of a quotation that may name its speaker, in the order the rules trust it. */
function contextTiers(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  naming: boolean,
  cued: readonly Found[],
  before: SpeakingBefore,
): [Source, () => Speaker | undefined][] {
  const { p } = a;
  const colon = colonBefore(p.text, span.open);
  return [
    ['sentence', () => a.sentenceSpeaker[sentence] ?? sentenceVoice(a, sentence, span.open)],
    ['colon', () => (colon >= 0 ? a.colonSpeaker(colon, sentence) : undefined)],
    // The words someone uses for a thing are the sentence's subject's before a nearby quote's.
    ['namer', () => (naming ? a.leadSpeaker(sentence) : undefined)],
    ['quote', () => nearestQuote(cued, p.base + span.start)],
    ['lead', () => a.leadSpeaker(sentence)],
    ['name', () => a.nearestName(sentence, wordFrom(p, span.open), true)],
    ['voice', () => nearestVoice(a, span.open)],
    ['prevColon', () => (span.open === 0 ? before.colon : undefined)],
    ['prev', () => before.last],
  ];
}

const NAMING_VERBS = new Set(lexicon.namingCues);
const NAMING_NOUNS = new Set(lexicon.namingNouns);
/** "called for", "called on": a naming verb followed by these calls for something, it names nothing. */
const NOT_AFTER_NAMING = new Set([
  'for',
  'on',
  'off',
  'in',
  'out',
  'up',
  'back',
  'to',
  'at',
  'into',
  'by',
  'with',
]);
const NOT_BEFORE_AS = new Set(['such', 'well', 'so', 'much', 'same', 'just']);
const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * Whether a naming cue comes right before the quotation: the words someone uses for a thing,
 * `called it "rigged"`, `dubbed the "yuca primary"`, `known as "rabbit patches"`, `hailed the
 * deal as a "breakthrough"`, `the phrase "self-deportation"`. Speech even when it is short or
 * title-cased: on the train split such quotations were labelled 52 times in 63 (both halves).
 * Not `called for`, `such as`, `as well as`; "so-called" is the writer's distance, not a cue.
 */
function namingBefore(p: Paragraph, span: QuoteSpan, sentence: number): boolean {
  const from = p.firstWord[sentence]!;
  let i = wordFrom(p, span.open) - 1;
  const last = p.words[i];
  if (i < from || !last) return false;
  // Only spaces between the cue and the mark, or a comma or colon after a noun ("the words: ").
  let k = last.end;
  const punct = p.text[k] === ',' || p.text[k] === ':';
  if (punct) k++;
  if (!onlySpace(p.text, k, span.open)) return false;
  if (punct) return NAMING_NOUNS.has(last.lower);
  const joined = (j: number) => onlySpace(p.text, p.words[j]!.end, p.words[j + 1]!.start);
  if (ARTICLES.has(last.lower) && i > from && joined(i - 1)) i--;
  const w = p.words[i]!.lower;
  if (NAMING_NOUNS.has(w)) return true;
  if (w === 'as') return i > from && !(joined(i - 1) && NOT_BEFORE_AS.has(p.words[i - 1]!.lower));
  // A naming verb and up to three words of its object: `called the show`, `calling him a`.
  for (let j = i; j >= from && i - j <= 3; j--) {
    if (j < i && !joined(j)) return false;
    if (!NAMING_VERBS.has(p.words[j]!.lower)) continue;
    if (j < i && NOT_AFTER_NAMING.has(p.words[j + 1]!.lower)) return false;
    return !(p.words[j - 1]?.lower === 'so' && j > from && joined(j - 1));
  }
  return false;
}

/** The offset of a colon right before `open` (spaces between), or -1. */
function colonBefore(text: string, open: number): number {
  let i = open - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\u00a0')) i--;
  return text[i] === ':' ? i : -1;
}

function addDirect(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
  found: Attribution,
  byContext = false,
) {
  addQuotation(a, span, found, byContext);
  a.lastDirect = found.speaker;
  a.sentenceSpeaker[sentence] ??= found.speaker;
}

/** Adds the quotation's words, without a comma that closes them, as a direct quote. */
function addQuotation(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  found: Attribution,
  byContext: boolean,
) {
  let end = span.end;
  if (a.p.text[end - 1] === ',') end--;
  a.add('direct', span.start, end, found.speaker, found.cue, byContext);
}

/** The speaker of the attributed quote closest before `pos`, else closest after. */
function nearestQuote(cued: readonly Found[], pos: number): Speaker | undefined {
  let before: Found | undefined;
  let after: Found | undefined;
  for (const f of cued) {
    if (f.quote.start < pos) {
      if (!before || f.quote.start > before.quote.start) before = f;
    } else if (!after || f.quote.start < after.quote.start) after = f;
  }
  return (before ?? after)?.speaker;
}

/** Index of the first voice after `pos` (voices are in text order). */
function voiceAfter(a: ParagraphAnalysis, pos: number): number {
  let lo = 0;
  let hi = a.voices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.voices[mid]!.pos <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The subject of a speech verb of the same sentence: the closest before `pos`, else after. */
function sentenceVoice(a: ParagraphAnalysis, sentence: number, pos: number): Speaker | undefined {
  const i = voiceAfter(a, pos);
  const before = a.voices[i - 1];
  if (before?.sentence === sentence) return before.speaker;
  const after = a.voices[i];
  return after?.sentence === sentence ? after.speaker : undefined;
}

/** The subject of the speech verb closest before `pos` in the paragraph, else closest after. */
function nearestVoice(a: ParagraphAnalysis, pos: number): Speaker | undefined {
  const i = voiceAfter(a, pos);
  return (a.voices[i - 1] ?? a.voices[i])?.speaker;
}

/** `X said that they planned "provocations"`: the last speech verb before the quote, same sentence. */
function cueBefore(
  a: ParagraphAnalysis,
  span: QuoteSpan,
  sentence: number,
): Attribution | undefined {
  const { p } = a;
  const from = p.firstWord[sentence]!;
  const wi = wordFrom(p, span.open);
  // A verb with no subject of its own may sit inside a reported clause ("warned that the allies
  // would respond "quickly""): the quote then belongs to the verb before that clause's "that",
  // provided no stop lies between them (a sentence split missed in dirty text).
  let inner = -1;
  let sawThat = false;
  for (let i = wi - 1, seen = 0; i >= from && seen < 30; i--, seen++) {
    if (p.words[i]!.lower === 'that') sawThat = true;
    const verb = verbAt(p, i);
    if (!verb) continue;
    // A stop between the verb and the quote (a sentence split missed in dirty text) ends the search.
    if (/[.!?;]/.test(p.text.slice(p.words[i]!.end, span.open))) break;
    if (inner >= 0 && !sawThat) break;
    const speaker = a.subjectOf(i, verb, sentence);
    if (speaker) return { speaker, cue: p.words[i]!.text };
    if (inner >= 0) break;
    inner = i;
    sawThat = false;
  }
  // "Mr. Trump was prompted to say, ''…''": a verb whose subject does not read as a phrase
  // goes to the name closest before it.
  if (inner < 0) return undefined;
  const speaker = a.leadSpeaker(sentence) ?? a.nearestName(sentence, inner);
  return speaker && { speaker, cue: p.words[inner]!.text };
}

/**
 * `has been dubbed the "summer of anchors" by local newspapers`: after a naming cue, the agent
 * that follows the quotation is who uses the words (after any other quotation, "by" names no
 * speaker: `had been "rocked" by Mr. Christie`).
 */
function agentAfter(a: ParagraphAnalysis, span: QuoteSpan): Attribution | undefined {
  const { p } = a;
  if (!span.closed) return undefined;
  const wi = wordFrom(p, span.close);
  const by = p.words[wi];
  if (by?.lower !== 'by' || !onlySpaceOrComma(p.text, span.close, by.start)) return undefined;
  const speaker = agentAt(a, wi);
  return speaker ? { speaker, cue: undefined } : undefined;
}

/** Who the phrase after the "by" at word `by` names (`by local newspapers`), if anyone. */
function agentAt(a: ParagraphAnalysis, by: number): Speaker | undefined {
  const np = a.phraseAfter(by);
  // The agent without what follows its comma ("local newspapers, a reference to…").
  const phrase = np && (np.phrase ?? speakerPhrase(a.p.text.slice(np.at, np.end)));
  return np && phrase && a.book.resolve(phrase, a.p.base + np.at);
}

/**
 * `critics dubbed it "the paper plan"`: the subject of an active naming verb a few words before
 * the quotation (a passive one, `was dubbed`, has its namer after "by" if anywhere).
 */
function namerOf(a: ParagraphAnalysis, span: QuoteSpan, sentence: number): Attribution | undefined {
  const { p } = a;
  const from = p.firstWord[sentence]!;
  const wi = wordFrom(p, span.open);
  for (let i = wi - 1; i >= from && i >= wi - 5; i--) {
    const w = p.words[i]!;
    if (!NAMING_VERBS.has(w.lower)) continue;
    if (BE.has(p.words[i - 1]?.lower ?? '')) return undefined;
    const verb: SpeechVerb = verbAt(p, i) ?? { lemma: w.lower, form: 'past', bareClause: false };
    const speaker = a.subjectOf(i, verb, sentence);
    return speaker && { speaker, cue: w.text };
  }
  return undefined;
}

/**
 * `"…," X said` and `"…," said X`: the attribution right after the closing mark; `tight` when a
 * speech verb and its subject follow with nothing between (see `tightCue`).
 */
function cueAfter(
  a: ParagraphAnalysis,
  span: QuoteSpan,
): (Attribution & { tight?: boolean }) | undefined {
  const { p } = a;
  if (!span.closed) return undefined;
  // `…, bro,’” Keidis continued`: a quotation inside it may close right after the comma.
  const inner = /['’]/.test(p.text[span.end - 1] ?? '') ? 2 : 1;
  const last = p.text[span.end - inner] ?? '';
  const next = p.text.slice(span.close, span.close + 2);
  if (!(',?!—–-…'.includes(last) || next.startsWith(',') || /^\s*\p{Ll}/u.test(next)))
    return undefined;
  const wi = wordFrom(p, span.close);
  const limit = Math.min(p.words.length, wi + 8);
  const stop = p.spans[spanFrom(p, span.close)]?.open ?? p.text.length;
  for (let i = wi; i < limit; i++) {
    const w = p.words[i]!;
    if (
      w.start > stop ||
      /[.!?:;]/.test(p.text.slice(i === wi ? span.close : p.words[i - 1]!.end, w.start))
    )
      break;
    const verb = verbAt(p, i);
    if (!verb || verb.form === 'participle') continue;
    // `"extremely careless," as described by FBI Director James Comey`, `"…," he was told by
    // aides`, `"…" measures added by Republicans`: a passive speech verb's agent is who spoke
    // (not in "Lima said by video link", nor the outlet in "was quoted by Reuters").
    const by = p.words[i + 1];
    if (
      by?.lower === 'by' &&
      onlySpace(p.text, w.end, by.start) &&
      passiveAt(p, i) &&
      !RELAYING_VERBS.has(verb.lemma)
    ) {
      const agent = agentAt(a, i + 1);
      if (agent && (agent.kind !== 'description' || namesPeople(agent.name.toLowerCase())))
        return { speaker: agent, cue: w.text, cueSentence: sentenceOf(p, w.start) };
    }
    let phrase: SpeakerPhrase | undefined;
    let at = w.start;
    if (i === wi) {
      const np = a.phraseAfter(i);
      phrase = np?.phrase;
      at = np?.at ?? at;
    } else {
      const text = p.text.slice(span.close, w.start).replace(/^[\s,—–-]+/, '');
      at = p.words[wi]!.start;
      const joint = a.jointSubject(text, p.base + at);
      if (joint) return { speaker: joint, cue: w.text, cueSentence: sentenceOf(p, w.start) };
      phrase = speakerPhrase(text);
    }
    if (!phrase) return undefined;
    const tight = tightCue(p.text, span.close, w, phrase);
    const cueSentence = sentenceOf(p, w.start);
    const speaker = a.resolveIn(phrase, p.base + at, cueSentence);
    if (!speaker) return undefined;
    return { speaker, cue: w.text, cueSentence, tight };
  }
  return farCue(a, span, wi) ?? nameNextToQuote(a, wi, span);
}

/**
 * Whether the verb at word `i` reads as passive: after "as" or a form of "be", or right after a
 * lower-case noun (a reduced relative, "measures added by"), not after a name or a pronoun.
 */
function passiveAt(p: Paragraph, i: number): boolean {
  const before = p.words[i - 1];
  if (!before) return false;
  if (before.lower === 'as' || BE.has(before.lower)) return true;
  return (
    startsLower(before.text) &&
    !PRONOUN_SUBJECTS.has(before.lower) &&
    !before.lower.endsWith('ly') &&
    !verbAt(p, i - 1)
  );
}
const PRONOUN_SUBJECTS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'who']);

/** Verbs whose "by" names who passed the words on, not who spoke them ("quoted by Reuters"). */
const RELAYING_VERBS = new Set(['quote', 'cite', 'report']);

/** How many words a subject with a long apposition may run before its verb. */
const FAR_WORDS = 30;

/**
 * `"…," Texas delegate Bill Eastland, wearing a cowboy hat and "Ted Cruz" pins, said`: a name
 * right after the closing mark, an apposition between commas too long for `cueAfter`'s window,
 * then the speech verb after a comma, in the same sentence.
 */
function farCue(a: ParagraphAnalysis, span: QuoteSpan, wi: number): Attribution | undefined {
  const { p } = a;
  const first = p.words[wi];
  if (!first || !startsUpper(first.text) || !onlySpaceOrComma(p.text, span.close, first.start))
    return undefined;
  const sentence = sentenceOf(p, first.start);
  const end = p.sentences[sentence]!.end;
  const stop = Math.min(p.words.length, wi + FAR_WORDS);
  for (let i = wi + 1; i < stop; i++) {
    const w = p.words[i]!;
    if (w.start >= end) break;
    const verb = verbAt(p, i);
    if (!verb || verb.form === 'participle') continue;
    if (!p.text.slice(p.words[i - 1]!.end, w.start).includes(',')) return undefined;
    const text = p.text.slice(first.start, w.start);
    const joint = a.jointSubject(text, p.base + first.start);
    if (joint) return { speaker: joint, cue: w.text, cueSentence: sentence };
    const phrase = speakerPhrase(text);
    if (!phrase || (phrase.kind !== 'person' && phrase.kind !== 'organisation')) return undefined;
    const speaker = a.book.resolve(phrase, p.base + first.start);
    return speaker && { speaker, cue: w.text, cueSentence: sentence };
  }
  return undefined;
}

/**
 * `"…," Lewandowski added.`: a name or pronoun and its verb right after the closing mark, with no
 * clause between ("…," for instance, and Trump vowed) and no colon or quotation after the verb
 * (`Trump said: "…"` introduces the next one).
 */
function tightCue(
  text: string,
  close: number,
  verb: { start: number; end: number },
  phrase: SpeakerPhrase,
): boolean {
  if (phrase.kind === 'description') return false;
  const between = text.slice(close, verb.start);
  if (/,\s*\S.*,|\b(?:and|but|while|as|when)\b/.test(between)) return false;
  return !/^\s*[:“"‘']/.test(text.slice(verb.end, verb.end + 3));
}

/**
 * `"…," Keidis continued.`, `"…!" beamed Donald Hartley of Madison`: after a quotation that
 * ends in a comma, a question or an exclamation, a name with any verb next to it attributes it,
 * whatever the verb.
 */
function nameNextToQuote(
  a: ParagraphAnalysis,
  wi: number,
  span: QuoteSpan,
): Attribution | undefined {
  const { p } = a;
  const first = p.words[wi];
  if (!first || !onlySpaceOrComma(p.text, span.close, first.start)) return undefined;
  // `"…," he continued.`: a pronoun and a past-tense verb right after the quotation.
  const verbAfter = p.words[wi + 1];
  if (
    /^(?:he|she|they)$/.test(first.lower) &&
    verbAfter?.lower.endsWith('ed') &&
    onlySpace(p.text, first.end, verbAfter.start) &&
    startsLower(verbAfter.text)
  ) {
    const phrase = speakerPhrase(first.lower);
    const speaker = phrase && a.book.resolve(phrase, p.base + first.start);
    if (speaker) return { speaker, cue: verbAfter.text };
  }
  // `"…!" the crowd cried out`, `"…," the vice-presidential nominee riffed`: people described,
  // then a past-tense verb, with nothing between, after a quotation closed by a comma, a question
  // or an exclamation (`the "amnesty bill" the senators passed` is no speech).
  const closing = p.text[span.end - 1] ?? '';
  const punctuated = ',?!'.includes(closing) || p.text[span.close] === ',';
  if (first.lower === 'the' && punctuated) {
    let k = wi + 2;
    while (
      k < p.words.length &&
      k <= wi + 5 &&
      onlySpace(p.text, p.words[k - 1]!.end, p.words[k]!.start) &&
      !(startsLower(p.words[k]!.text) && p.words[k]!.lower.endsWith('ed'))
    )
      k++;
    const verb = p.words[k];
    if (
      verb &&
      startsLower(verb.text) &&
      verb.lower.endsWith('ed') &&
      onlySpace(p.text, p.words[k - 1]!.end, verb.start)
    ) {
      const phrase = speakerPhrase(p.text.slice(first.start, p.words[k - 1]!.end));
      const speaker =
        phrase?.kind === 'description' &&
        namesPeople(phrase.name.toLowerCase()) &&
        a.book.resolve(phrase, p.base + first.start);
      if (speaker) return { speaker, cue: verb.text };
    }
  }
  let name = wi;
  if (!startsUpper(first.text)) {
    // An inverted verb: a past form ("beamed") and the name after it.
    if (!first.lower.endsWith('ed') || !startsUpper(p.words[wi + 1]?.text ?? '')) return undefined;
    name = wi + 1;
  }
  let end = name;
  while (end < p.words.length && startsUpper(p.words[end]!.text)) {
    if (end > name && !onlySpace(p.text, p.words[end - 1]!.end, p.words[end]!.start)) break;
    end++;
  }
  const after = p.words[end];
  if (name === wi) {
    // The subject first: a lowercase word must follow the name ("Hannity pressed").
    if (!after || !onlySpace(p.text, p.words[end - 1]!.end, after.start)) return undefined;
    if (!startsLower(after.text) || NOT_A_VERB.has(after.lower)) return undefined;
  } else if (after && onlySpace(p.text, p.words[end - 1]!.end, after.start)) return undefined;
  const phrase = speakerPhrase(p.text.slice(p.words[name]!.start, p.words[end - 1]!.end));
  if (!phrase || phrase.kind === 'description') return undefined;
  const speaker = a.book.resolve(phrase, p.base + p.words[name]!.start);
  return speaker && { speaker, cue: undefined };
}

/** Words after a name that show it is no subject ("Trump and", "Clinton of"). */
const NOT_A_VERB = new Set(lexicon.nameStops);

function onlySpaceOrComma(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!' ,\u00a0'.includes(text[i]!)) return false;
  return true;
}
