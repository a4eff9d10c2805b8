import { dedupeQuotes } from './dedupe-quotes.ts';
import type { Quote } from './quote.ts';
import { type QuoteSpan, quoteSpans } from './quote-spans.ts';
import { type SentenceRange, sentenceRanges } from './sentence-ranges.ts';
import { type Speaker, SpeakerBook } from './speaker-book.ts';
import {
  type PersonName,
  personName,
  type SpeakerPhrase,
  speakerPhrase,
  withoutPossessive,
} from './speaker-phrase.ts';
import { type SpeechVerb, speechVerb } from './speech-verbs.ts';
import { wordCharAt } from './word-char-at.ts';

export type { Speaker } from './speaker-book.ts';

/** The quotes of one article and the speakers they are attributed to. */
export interface QuoteAnalysis {
  quotes: Quote[];
  speakers: Speaker[];
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The speech verb `lower` is a form of, looked up once: every pass asks. */
  verb: SpeechVerb | undefined;
}

interface Paragraph {
  text: string;
  base: number;
  spans: QuoteSpan[];
  sentences: SentenceRange[];
  words: Word[];
  /** For each sentence, the index of its first word in `words`. */
  firstWord: number[];
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*/gu;
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'this',
  'these',
  'those',
  'no',
  'any',
  'every',
  'each',
]);
const AUX = new Set([
  'is',
  'was',
  'were',
  'are',
  'has',
  'had',
  'have',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
]);
const NOT_SPEECH_BEFORE =
  /\b(?:titled|entitled|slogan|dubbed|nicknamed|named|known\s+(?:\w+\s+)?as|so-called|reading|headlined|hashtag|word|words|term|phrase|song|album|film|movie|book|series|show|sang|chanted|label(?:l)?ed|branded|marked)\s*[,:]?\s*(?:the\s+|a\s+)?$/i;
const NAME_STOP = new Set(
  (
    'the a an in on at but and if when as after before meanwhile outside inside asked speaking according for from with by of to this that these those it he she they we i his her its their our some many most all each every no not monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    'valley street road river port mount lake island islands states hospital square city county province region sea gulf bay park avenue airport station school hall bridge centre center kingdom republic'
  ).split(' '),
);
const AFTER_NAME_STOP = new Set([
  'who',
  'which',
  'based',
  'in',
  'at',
  'on',
  'outside',
  'speaking',
  'adding',
  'and',
  'as',
  'after',
  'before',
  'during',
  'when',
  'while',
  'because',
  'to',
  'from',
  'with',
  'told',
  'said',
]);
const NON_CLAUSE_START = new Set([
  'in',
  'on',
  'at',
  'of',
  'to',
  'for',
  'with',
  'by',
  'from',
  'after',
  'before',
  'during',
  'about',
  'as',
  'late',
  'early',
  'earlier',
  'later',
  'yesterday',
  'today',
  'tonight',
  'afterwards',
  'reporters',
  'him',
  'her',
  'them',
  'me',
  'us',
  'so',
  'nothing',
  'little',
  'goodbye',
  'hello',
  'yes',
  'no',
  'sorry',
  'thanks',
]);

/** WORD with its own `lastIndex`, for the scan that jumps over quotations. */
const WORD_SCAN = new RegExp(WORD);
const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;
const SPACE = /\s/;

/** `/^\p{Lu}/u.test(s)` without the regex for ASCII, which is nearly every word. */
function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(s);
}

function startsLower(s: string): boolean {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 97 && c <= 122 : LOWER.test(s);
}

/** `/^\s+$/.test(text.slice(from, to))` without the slice. */
function onlySpace(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !SPACE.test(text[i]!)) return false;
  }
  return true;
}

/** End of the word starting at `start`: `WORD` as a scan, letters joined by ' ’ - . & */
function wordEnd(text: string, start: number): number {
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
function hasUpper(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/**
 * Words of running text: the scan jumps from a quotation's opening mark to its close. No word
 * crosses either mark (double marks never join words, a single mark opens only after a space and
 * closes only before a non-letter), so this finds the words a scan of every character would.
 */
function toWords(text: string, spans: readonly QuoteSpan[]): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let k = 0;
  let nextOpen = spans.length > 0 ? spans[0]!.open : n;
  let i = 0;
  while (i < n) {
    if (i >= nextOpen) {
      i = Math.max(i, spans[k]!.close);
      k++;
      nextOpen = k < spans.length ? spans[k]!.open : n;
      continue;
    }
    const c = text.charCodeAt(i);
    const letter =
      c < 128
        ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
        : wordCharAt(text, i) > 0;
    if (!letter) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(text, start);
    const word = text.slice(start, i);
    const lower = hasUpper(text, start, i) ? word.toLowerCase() : word;
    out.push({ text: word, lower, start, end: i, verb: speechVerb(lower) });
  }
  return out;
}

function prepare(text: string, base: number): Paragraph {
  const spans = quoteSpans(text);
  const sentences = sentenceRanges(text, spans);
  const words = toWords(text, spans);
  const firstWord: number[] = [];
  let w = 0;
  for (const s of sentences) {
    while (w < words.length && words[w]!.start < s.start) w++;
    firstWord.push(w);
  }
  return { text, base, spans, sentences, words, firstWord };
}

interface NameRun {
  tokens: string[];
  pos: number;
  person: PersonName | undefined;
  /** A title, role or apposition next to the name says it is a person ("worker Ann Lee, 30,"). */
  signal: boolean;
}

const NAME_PARTICLE = /^(?:de|van|von|der|al|bin|da|di|du|le|la)$|^(?:al|el)-/;
/** A particle joined to a capitalised name ("al-Shahad"): the end of a name, not a lowercase word. */
const JOINED_PARTICLE = /^(?:al|el|bin|ibn)-\p{Lu}/u;
/**
 * Prepositions of place: a capitalised run right after one ("in Idlib", "the province of X") is a
 * place, neither a full name to cluster on nor a he/she antecedent, unless a title or descriptor
 * that `personName` strips ("to President Vance") says it is a person.
 */
const LOCATIVE = new Set(
  'in at near into across around towards toward throughout inside outside within via'.split(' '),
);
/**
 * "of" is locative only after a place noun ("the province of X"): "the wife of X" and "Secretary of
 * State X" name people. "from" and "to" are left out too ("a letter from X", "told to X").
 */
const PLACE_NOUNS = new Set(
  'province region city town village district county state capital governorate area outskirts suburbs north south east west centre center'.split(
    ' ',
  ),
);

/** Whether the run starting at word `i` follows a preposition of place. */
function afterLocative(p: Paragraph, i: number): boolean {
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

function nameRuns(p: Paragraph): NameRun[] {
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
    let stop = false;
    for (let w = i; w < last && !stop; w++) stop = NAME_STOP.has(words[w]!.lower);
    if (last > i && !stop) {
      const tokens: string[] = [];
      for (let w = i; w < last; w++) tokens.push(withoutPossessive(words[w]!.text));
      let person: PersonName | undefined =
        tokens.length === 1 ? { tokens } : personName(tokens.join(' '));
      if (person && person.tokens.length === tokens.length && afterLocative(p, i))
        person = undefined;
      const signal = person !== undefined && personSignal(p, i, last, tokens, person);
      out.push({ tokens, pos: words[i]!.start, person, signal });
    }
    i = j;
  }
  return out;
}

/** Index of the first span opening at or after `pos` (spans are sorted and never overlap). */
function spanFrom(p: Paragraph, pos: number): number {
  let lo = 0;
  let hi = p.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.spans[mid]!.open < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first word starting at or after `pos`. */
function wordFrom(p: Paragraph, pos: number): number {
  let lo = 0;
  let hi = p.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.words[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words an inverted attribution at a sentence's end may span: a name and its apposition. */
const INVERTED_TAIL = 24;

/** Subject phrases are short: looking further back than this only finds clauses. */
const SUBJECT_WINDOW = 300;

const sentenceOf = (p: Paragraph, pos: number): number => {
  let lo = 0;
  let hi = p.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.sentences[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

/** Whether `s` has at least `n` words; stops counting there, as quotes can be long. */
function hasWords(s: string, n: number): boolean {
  const re = WORD_SCAN;
  re.lastIndex = 0;
  let count = 0;
  while (count < n && re.exec(s)) count++;
  return count >= n;
}

const TITLE_SMALL = new Set('a an the of in on for and to at by with or from'.split(' '));
const UPPER_OR_DIGIT = /^[\p{Lu}\p{N}]/u;

/** "Fire and Fury": a title, not speech. Stops at the first word that rules it out. */
function isTitleCase(quote: string): boolean {
  const re = WORD_SCAN;
  re.lastIndex = 0;
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

/** A verb in noun use ("a report that…", "the state") is not a speech cue. */
function verbAt(p: Paragraph, wi: number): SpeechVerb | undefined {
  const w = p.words[wi]!;
  if (w.text !== w.lower) return undefined;
  const verb = w.verb;
  if (!verb) return undefined;
  const prev = p.words[wi - 1];
  if (prev && DETERMINERS.has(prev.lower) && /^\s+$/.test(p.text.slice(prev.end, w.start)))
    return undefined;
  return verb;
}

/**
 * Finds direct quotes and reported speech in an article's clean paragraphs and attributes each to
 * one canonical speaker. Runs in time linear in the text: every look-around is bounded.
 * Offsets index `paragraphs.join('\n\n')`.
 */
export function extractQuotes(paragraphs: readonly string[]): QuoteAnalysis {
  const book = new SpeakerBook();
  const paras: Paragraph[] = [];
  let base = 0;
  for (const text of paragraphs) {
    paras.push(prepare(text, base));
    base += text.length + 2;
  }
  const runs = paras.map(nameRuns);
  for (const list of runs) {
    for (const { person } of list) if (person) book.addFullName(person.tokens);
  }
  const quotes: Quote[] = [];
  const used = new Set<Speaker>();
  let previousSpeaker: Speaker | undefined;
  paras.forEach((p, index) => {
    for (const { person, pos, signal } of runs[index]!) {
      if (person && (person.tokens.length > 1 || book.knowsSurname(person.tokens[0]!))) {
        book.mention(person.tokens, p.base + pos, person.gender, signal);
      }
    }
    const found = new Analysis(p, index, book).run(previousSpeaker);
    for (const q of found.quotes) {
      quotes.push(q.quote);
      used.add(q.speaker);
    }
    previousSpeaker = found.lastDirect;
  });
  return { quotes: dedupeQuotes(quotes), speakers: book.list().filter((s) => used.has(s)) };
}

interface Attribution {
  speaker: Speaker;
  cue: string | undefined;
}

interface Found {
  quote: Quote;
  speaker: Speaker;
}

/** The attribution work for one paragraph. */
class Analysis {
  private readonly out: Found[] = [];
  private readonly sentenceSpeaker: (Speaker | undefined)[] = [];
  private lastDirect: Speaker | undefined;
  private readonly subjectMemo = new Map<number, Speaker | undefined>();

  constructor(
    private readonly p: Paragraph,
    private readonly index: number,
    private readonly book: SpeakerBook,
  ) {}

  run(previous: Speaker | undefined): { quotes: Found[]; lastDirect: Speaker | undefined } {
    this.subjects();
    this.direct(previous);
    const directOnly = this.lastDirect;
    this.reported();
    this.out.sort((a, b) => a.quote.start - b.quote.start);
    return { quotes: this.out, lastDirect: directOnly };
  }

  private add(
    kind: Quote['kind'],
    start: number,
    end: number,
    speaker: Speaker,
    cue: string | undefined,
  ) {
    const { text, base } = this.p;
    const quote: Quote = {
      speaker: speaker.name,
      quote: text.slice(start, end),
      kind,
      paragraph: this.index,
      start: base + start,
      end: base + end,
    };
    if (speaker.role) quote.role = speaker.role;
    if (cue) quote.cue = cue;
    this.out.push({ quote, speaker });
  }

  /**
   * Registers the subject of every speech verb first, so that "the official said" after a quote
   * finds "A US official, speaking on condition…, said" earlier in the same paragraph.
   */
  private subjects(): void {
    const { p } = this;
    p.sentences.forEach((s, si) => {
      for (let i = p.firstWord[si]!; i < p.words.length && p.words[i]!.start < s.end; i++) {
        const verb = verbAt(p, i);
        if (verb && verb.form !== 'participle') this.subjectOf(i, verb, si);
      }
    });
  }

  // ---- direct quotes -------------------------------------------------------------------------

  private direct(previous: Speaker | undefined): void {
    const { p } = this;
    p.spans.forEach((span, k) => {
      const sentence = sentenceOf(p, span.open);
      const quoted = p.text.slice(span.start, span.end);
      const lead = p.text.slice(Math.max(0, span.open - 40), span.open);
      if (isTitleCase(quoted) || NOT_SPEECH_BEFORE.test(lead)) return;
      const startsSentence = span.open === p.sentences[sentence]!.start;
      let found: Attribution | undefined = startsSentence
        ? undefined
        : this.cueBefore(span, sentence);
      found ??= this.cueAfter(span);
      if (!found && startsSentence) {
        if (this.lastDirect) found = { speaker: this.lastDirect, cue: undefined };
        else if (k === 0 && span.open === 0 && previous)
          found = { speaker: previous, cue: undefined };
      }
      if (!found) return;
      let end = span.end;
      if (p.text[end - 1] === ',') end--;
      this.add('direct', span.start, end, found.speaker, found.cue);
      this.lastDirect = found.speaker;
      this.sentenceSpeaker[sentence] = found.speaker;
    });
  }

  /** `X said that they planned "provocations"`: the last speech verb before the quote, same sentence. */
  private cueBefore(span: QuoteSpan, sentence: number): Attribution | undefined {
    const { p } = this;
    const from = p.firstWord[sentence]!;
    const wi = wordFrom(p, span.open);
    // A verb with no subject of its own may sit inside a reported clause ("warned that the allies
    // would respond "quickly""): the quote then belongs to the verb before that clause's "that",
    // provided no stop lies between them (a sentence split missed in dirty text).
    let inner = false;
    let sawThat = false;
    for (let i = wi - 1, seen = 0; i >= from && seen < 30; i--, seen++) {
      if (p.words[i]!.lower === 'that') sawThat = true;
      const verb = verbAt(p, i);
      if (!verb) continue;
      if (inner && (!sawThat || /[.!?;]/.test(p.text.slice(p.words[i]!.end, span.open))))
        return undefined;
      const speaker = this.subjectOf(i, verb, sentence);
      if (speaker) return { speaker, cue: p.words[i]!.text };
      if (inner) return undefined;
      inner = true;
      sawThat = false;
    }
    return undefined;
  }

  /** `"…," X said` and `"…," said X`: the attribution right after the closing mark. */
  private cueAfter(span: QuoteSpan): Attribution | undefined {
    const { p } = this;
    if (!span.closed) return undefined;
    const last = p.text[span.end - 1] ?? '';
    const next = p.text.slice(span.close, span.close + 2);
    if (!(',?!—–-'.includes(last) || next.startsWith(',') || /^\s*\p{Ll}/u.test(next)))
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
      let phrase: SpeakerPhrase | undefined;
      let at = w.start;
      if (i === wi) {
        const np = this.phraseAfter(i);
        phrase = np?.phrase;
        at = np?.at ?? at;
      } else {
        const text = p.text.slice(span.close, w.start).replace(/^[\s,—–-]+/, '');
        phrase = speakerPhrase(text);
        at = p.words[wi]!.start;
      }
      if (!phrase) return undefined;
      const speaker = this.book.resolve(phrase, p.base + at);
      if (!speaker) return undefined;
      this.sentenceSpeaker[sentenceOf(p, w.start)] ??= speaker;
      return { speaker, cue: w.text };
    }
    return undefined;
  }

  /** The noun phrase after an inverted verb ("said Marta Oliveira, the union's leader"). */
  private phraseAfter(
    verbIndex: number,
  ): { phrase: SpeakerPhrase | undefined; at: number; end: number } | undefined {
    const { p } = this;
    const first = p.words[verbIndex + 1];
    if (!first) return undefined;
    let j = verbIndex + 1;
    while (
      j < p.words.length &&
      j - verbIndex <= 8 &&
      !AFTER_NAME_STOP.has(p.words[j]!.lower) &&
      !/[,.;:!?()"“”]/.test(p.text.slice(p.words[j - 1]!.end, p.words[j]!.start))
    ) {
      j++;
    }
    const end = p.words[j - 1]!.end;
    let text = p.text.slice(first.start, end);
    const rest = p.text.slice(end, end + 120);
    const role = /^,\s*((?:the|a|an|his|her|their|its)\s[^,.;]+)/.exec(rest);
    if (role) text = `${text}, ${role[1]}`;
    return { phrase: speakerPhrase(text), at: first.start, end };
  }

  /** The speaker of the verb at word `i`: its subject, or the sentence's for "…, adding that". */
  private subjectOf(i: number, verb: SpeechVerb, sentence: number): Speaker | undefined {
    if (!this.subjectMemo.has(i)) this.subjectMemo.set(i, this.findSubject(i, verb, sentence));
    return this.subjectMemo.get(i);
  }

  private findSubject(i: number, verb: SpeechVerb, sentence: number): Speaker | undefined {
    const { p } = this;
    const w = p.words[i]!;
    const prev = p.words[i - 1];
    const gap = prev ? p.text.slice(prev.end, w.start) : '';
    if (verb.form === 'participle') {
      if (!(gap.includes(',') || prev?.lower === 'and')) return undefined;
      return this.sentenceSpeaker[sentence] ?? this.sentenceSubject(sentence);
    }
    const s = p.sentences[sentence]!;
    let from = Math.max(s.start, w.start - SUBJECT_WINDOW);
    const before = p.spans[spanFrom(p, w.start) - 1];
    if (before && before.close <= w.start && before.close > from) from = before.close;
    const text = p.text.slice(from, w.start).replace(/^[\s,;:—–-]+/, '');
    if (!text) return undefined;
    const phrase = speakerPhrase(text);
    if (phrase) return this.book.resolve(phrase, p.base + w.start - text.length);
    if (prev && (prev.lower === 'and' || prev.lower === 'but'))
      return this.sentenceSpeaker[sentence] ?? this.sentenceSubject(sentence);
    return undefined;
  }

  /** The noun phrase a sentence opens with, up to its first verb. */
  private sentenceSubject(sentence: number): Speaker | undefined {
    const { p } = this;
    const s = p.sentences[sentence]!;
    const from = p.firstWord[sentence]!;
    for (let i = from; i < p.words.length && i < from + 14; i++) {
      const w = p.words[i]!;
      if (w.start >= s.end) break;
      if (w.text === w.lower && (AUX.has(w.lower) || w.lower.endsWith('ed') || w.verb)) {
        if ((p.spans[spanFrom(p, s.start)]?.open ?? Number.POSITIVE_INFINITY) < w.start)
          return undefined;
        const phrase = speakerPhrase(p.text.slice(s.start, w.start));
        return phrase ? this.book.resolve(phrase, p.base + s.start) : undefined;
      }
    }
    return undefined;
  }

  // ---- reported speech ------------------------------------------------------------------------

  private reported(): void {
    const { p } = this;
    p.sentences.forEach((s, si) => {
      if (s.end - s.start > 2000) return;
      const from = p.firstWord[si]!;
      let to = from;
      while (to < p.words.length && p.words[to]!.start < s.end) to++;
      let covered = -1;
      for (let i = from; i < to; i++) {
        const w = p.words[i]!;
        if (w.lower === 'according' && p.words[i + 1]?.lower === 'to') {
          this.according(i, si, from, to);
          continue;
        }
        if (w.start < covered) continue;
        const verb = verbAt(p, i);
        if (!verb) continue;
        const end = this.clause(i, verb, si, to);
        if (end !== undefined) covered = end;
        else this.tail(i, verb, si, to);
      }
    });
  }

  /** `X said (that) CONTENT`: returns where the content ends when it found one. */
  private clause(i: number, verb: SpeechVerb, si: number, to: number): number | undefined {
    const { p } = this;

    let start: number | undefined;
    for (let j = i + 1; j < to && j <= i + 8; j++) {
      const lw = p.words[j]!.lower;
      if (lw === 'that') {
        start = p.words[j]!.end;
        break;
      }
      if (
        AUX.has(lw) ||
        p.words[j]!.verb ||
        /[.;:]/.test(p.text.slice(p.words[j - 1]!.end, p.words[j]!.start))
      )
        break;
    }
    const next = p.words[i + 1];
    if (start === undefined && verb.bareClause && next && next.start < p.sentences[si]!.end) {
      const gap = p.text.slice(p.words[i]!.end, next.start);
      if (/^\s+$/.test(gap) && !NON_CLAUSE_START.has(next.lower)) start = next.start;
    }
    if (start === undefined) return undefined;
    const s = p.sentences[si]!;
    let end = s.end;
    for (let j = i + 2; j < to; j++) {
      const w = p.words[j]!;
      if (w.start <= start) continue;
      if ((w.lower === 'and' || w.lower === 'but') && p.words[j + 1] && verbAt(p, j + 1)) {
        const after = p.words.slice(j + 2, j + 5).some((x) => x.lower === 'that');
        if (after) {
          end = w.start;
          break;
        }
      }
      if (w.lower === 'according' && p.words[j + 1]?.lower === 'to') {
        end = w.start;
        break;
      }
    }
    const range = this.trimContent(start, end);
    if (!range) return undefined;
    const speaker = this.subjectOf(i, verb, si);
    if (!speaker) return undefined;
    this.add('reported', range[0], range[1], speaker, p.words[i]!.text);
    this.sentenceSpeaker[si] ??= speaker;
    return range[1];
  }

  /** `CONTENT, X said.` and `CONTENT, said X.` at the end of a sentence. */
  private tail(i: number, verb: SpeechVerb, si: number, to: number): void {
    const { p } = this;
    const w = p.words[i]!;
    const prevGap = i > 0 ? p.text.slice(p.words[i - 1]!.end, w.start) : '';
    // "…, said Ann Lee, director of the port authority based in Lisbon.": an inverted verb may be
    // followed by a name and a long apposition; the subject-first form is short.
    if (verb.form === 'participle' || to - i > (prevGap.includes(',') ? INVERTED_TAIL : 7)) return;
    const s = p.sentences[si]!;
    for (let j = i + 1; j < to; j++) if (p.words[j]!.lower === 'that' || verbAt(p, j)) return;
    let comma: number;
    let phrase: SpeakerPhrase | undefined;
    let at: number;
    if (prevGap.includes(',')) {
      comma = p.words[i - 1]!.end + prevGap.indexOf(',');
      const np = this.phraseAfter(i);
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
    if ((p.spans[spanFrom(p, w.start)]?.open ?? Number.POSITIVE_INFINITY) < s.end) return;
    const opening = p.spans[spanFrom(p, s.start)];
    if (opening && opening.open <= s.start + 1 && opening.open < comma) return;
    const range = this.trimContent(s.start, comma);
    if (!range) return;
    const speaker = this.book.resolve(phrase, p.base + at);
    if (!speaker) return;
    this.add('reported', range[0], range[1], speaker, w.text);
  }

  /** `according to X, CONTENT.` and `CONTENT, according to X.` */
  private according(i: number, si: number, from: number, to: number): void {
    const { p } = this;
    const s = p.sentences[si]!;
    const npStart = p.words[i + 2];
    if (!npStart) return;
    const stopAt = p.text.slice(npStart.start, s.end).search(/[,;:.!?]/);
    const npEnd = stopAt < 0 ? s.end : npStart.start + stopAt;
    const phrase = speakerPhrase(p.text.slice(npStart.start, npEnd));
    if (!phrase || phrase.kind === 'pronoun') return;
    let range: [number, number] | undefined;
    if (i === from) {
      if (p.text[npEnd] !== ',') return;
      range = this.trimContent(npEnd + 1, s.end);
    } else {
      const comma = p.text.lastIndexOf(',', p.words[i]!.start);
      if (comma < s.start) return;
      range = this.trimContent(s.start, comma);
    }
    if (!range || to <= from) return;
    const speaker = this.book.resolve(phrase, p.base + npStart.start);
    if (speaker) this.add('reported', range[0], range[1], speaker, 'according to');
  }

  /** Trims a content clause; none when it is too short or wholly a direct quote already. */
  private trimContent(start: number, end: number): [number, number] | undefined {
    const { p } = this;
    let a = start;
    let b = end;
    while (a < b && /\s/.test(p.text[a]!)) a++;
    while (b > a && /[\s.,;:]/.test(p.text[b - 1]!)) b--;
    if (!hasWords(p.text.slice(a, b), 3)) return undefined;
    const whole = p.spans[spanFrom(p, a)];
    if (whole?.open !== a) return [a, b];
    if (whole.close >= b - 1) return undefined;
    return [a, b];
  }
}
