import openers from '../lexicon/sentence-openers.json' with { type: 'json' };
import type { QuoteSpan } from '../quote-spans.ts';
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import { afterLocative, ofTitle } from './name-runs.ts';
import {
  type Paragraph,
  PREPOSITIONS,
  sentenceOf,
  spanFrom,
  verbAt,
  wordFrom,
} from './paragraph.ts';
import type { Quote } from './quote.ts';
import type { Speaker, SpeakerBook } from './speaker-book.ts';
import { speakerKey } from './speaker-key.ts';
import {
  describedAs,
  isGroupAdjective,
  isShortTitle,
  isTitle,
  jointDescription,
  jointPhrase,
  type SpeakerPhrase,
  speakerPhrase,
  TITLE_CASE_CLAUSE,
} from './speaker-phrase.ts';
import type { SpeechVerb } from './speech-verbs.ts';
import { hasWords, onlySpace, startsLower, startsUpper } from './text-scan.ts';

/** A speaker found for a quote, and the verb that attributes it. */
export interface Attribution {
  speaker: Speaker;
  cue: string | undefined;
  /** The sentence whose speaker a cue after a quotation gives, set when the cue is taken. */
  cueSentence?: number;
}

/** A quote found in the paragraph, with its speaker as resolved in the article. */
export interface Found {
  quote: Quote;
  speaker: Speaker;
  /** A direct quote with no cue next to it, attributed from its context. */
  byContext?: boolean;
}

const AUX = new Set(lexicon.auxiliaries);
const ARTICLE = new Set(['the', 'a', 'an']);
/** Words that follow a participle opening a sentence: its object or a preposition. */
const PARTICIPLE_OBJECTS = new Set(
  'a an the one his her their its my our your this that these those him them it us me himself herself themselves itself on in at to for with from about up out off into over after'.split(
    ' ',
  ),
);
/** Adverbs that follow a name as often as a participle ("Golding always", "Manning never"). */
const NAME_ADVERBS = new Set(['always', 'never', 'often', 'also', 'still', 'then', 'now', 'just']);
/** Adverbs that end in "s", no plural nouns ("Giuliani always…"). */
const S_ADVERBS = new Set(
  'always sometimes perhaps besides nevertheless nonetheless afterwards towards regardless thus'.split(
    ' ',
  ),
);
const OPENING_ADVERB = /(?:al|ous|ent|ant|ive|ed|ate|ar|ful|ible|able)ly$/;
const THOUGHT_WORDS = new Set(lexicon.thoughtWords);
/** Sentence openers that name who speaks ("Democrats said"). */
const GROUP_OPENERS = new Set(['democrats', 'republicans', 'officials']);
const AFTER_NAME_STOP = new Set(lexicon.afterName);
/** Words a sentence may open with before its subject ("But Trump called it…"). */
const LEAD_SKIP = new Set(['but', 'and', 'so', 'yet', 'then', 'still', 'now', 'also', 'meanwhile']);
/** Capitalised words that open sentences and name no one ("For", "There", "Given", "I"). */
const OPENING_WORDS = new Set([
  ...lexicon.nameStops,
  ...lexicon.openingWords,
  // "Earlier in the day, Clinton…": sentence openers other than the groups that speak.
  ...openers.words.map((w) => w.toLowerCase()).filter((w) => !GROUP_OPENERS.has(w)),
]);
const NAME_STOP = new Set([...lexicon.nameStops, ...lexicon.placeWords]);

/** Words that open a description after an inverted verb ("said a longtime adviser to…"). */
const DESCRIPTION_OPENERS = new Set(['a', 'an', 'one', 'the', 'another']);

/** Subject phrases are short: looking further back than this only finds clauses. */
const SUBJECT_WINDOW = 300;

/** Words that open a clause inside a sentence ("…comes when the UN warned that…"). */
const SUBORDINATOR =
  /^(?:[\s\S]*[\s,])?(?:when|after|because|while|since|if|although|though|that|where|whereas|before|until|once|what)\s+/i;

/** A comma, then a subordinate clause's opening word and one word: `…, when he`. */
const SUBORDINATE_CLAUSE =
  /,\s*(?:when|after|because|while|since|if|although|though|before|until|once)\s+\S+\s*$/i;
/**
 * "a bill…, which critics said was discriminatory", "a system that Trump says is rigged": the
 * relative pronoun is the reported clause's subject; who says it is the name or the group after
 * it. A pronoun there ("which he said") is left to the sentence's subject, an adverb or a verb
 * ("which often", "that helps") to the rest of the rules.
 */
const RELATIVE_SAYER = /(?:^|[\s,])(?:which|that)\s+((?:the\s+)?\p{L}+)\s*$/u;
const SAYING_GROUPS = new Set(
  'critics officials analysts experts aides advisers advocates opponents supporters observers sources friends callers residents lawyers prosecutors investigators authorities organizers voters police scientists economists historians researchers activists leaders'.split(
    ' ',
  ),
);

/**
 * The written thing a subject ending in "which" stands for ("voted for the resolution which"),
 * from its last determiner; with where it starts in `text`.
 */
function relativeAntecedent(text: string): { phrase: SpeakerPhrase; at: number } | undefined {
  const m = /\s(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}([\p{Ll}-]+)\s+which\s*$/u.exec(text);
  if (!m || !WRITINGS.has(m[1]!)) return undefined;
  const at = m.index + 1;
  const phrase = describedAs(text.slice(at).replace(/\s+which\s*$/, ''));
  return phrase?.kind === 'description' ? { phrase, at } : undefined;
}
/**
 * What is written and says something ("a resolution which said"). Other nouns are left to the
 * other readings: in "sent a letter to the committee which said", the committee said nothing.
 */
const WRITINGS = new Set(
  'resolution order bill law document ruling filing complaint lawsuit indictment petition proposal platform statement letter email memo cable report assessment study poll survey editorial article column op-ed book ad video release message tweet post'.split(
    ' ',
  ),
);

/** Who says the reported clause after a relative pronoun, if `text` ends in one and a sayer. */
function relativeSayer(text: string): string | undefined {
  const sayer = RELATIVE_SAYER.exec(text)?.[1];
  if (!sayer) return undefined;
  const head = sayer.slice(sayer.lastIndexOf(' ') + 1);
  return startsUpper(head) || SAYING_GROUPS.has(head) ? sayer : undefined;
}

/**
 * Common irregular past tenses: never a role noun between names ("Paul Ryan gave Trump…" names
 * Paul Ryan, not a "Paul Ryan gave" Trump). Regular ones end in "ed".
 */
const IRREGULAR_PAST = new Set(
  'gave took made met won hit led beat sent put struck came went got ran left kept held brought bought thought felt found lost paid saw set spent stood taught understood sold drew threw knew began broke chose drove fell shook spoke swore wrote became'.split(
    ' ',
  ),
);

/** Pronouns that are a verb's subject: "he called Obama…", unlike "a company called…". */
const SUBJECT_PRONOUNS = new Set(['i', 'he', 'she', 'we', 'they', 'you', 'who', 'it']);

/** Words between "who" and its verb: "who has long argued", "who also said". */
export const RELATIVE_GAP =
  /^(?:has|have|had|also|long|once|often|later|then|never|previously|repeatedly|\p{Ll}+ly)$/u;
/**
 * Adverbs that open a sentence before a comma or "than" ("Rather, it was…", "Rather than try…")
 * and are a surname otherwise ("Rather said the network had failed": Dan Rather).
 */
export const COMMA_ADVERBS = new Set(['rather']);
/** "Hours later,", "Days before": a time unit and its relation open an adverbial, no name. */
const TIME_UNITS = /^(?:seconds|minutes|hours|days|weeks|months|years|moments|decades)$/;
const TIME_RELATIONS = new Set(['later', 'earlier', 'ago', 'before', 'after']);
/** Forms of "be" that say what someone is: "Trump is a liar who…". */
const ARTICLES = new Set(['a', 'an', 'the']);
const COPULA = new Set(['is', 'was']);

/** Words before a participle that open its clause, whose subject is the sentence's. */
const PARTICIPLE_LEADS = new Set(['after', 'before', 'while', 'when', 'since', 'without']);

/** The text after the last subordinating word, where a clause's own subject starts. */
function afterSubordinator(text: string): string {
  const m = SUBORDINATOR.exec(text);
  return m ? text.slice(m[0].length) : '';
}

/**
 * "A woman who worked for Sanders (said)", "Two officials who met Trump (said)": a subject with a
 * relative clause is the description the clause describes, never the name inside the clause
 * (so it is read before the readings that take the name nearest the verb). Only with no comma
 * in it (an apposition, "Lionel Sosa, a consultant who…", names its person before it), a head
 * of at most four words that reads as a description in lower case too (no name, "Trump who
 * won", nor question, "Asked who would win"), and no name closing the clause after a noun
 * ("…who covered the event asked about the plan Trump"), where a new subject starts.
 */
function relativeHead(text: string): SpeakerPhrase | undefined {
  if (/[,;:—–]/.test(text)) return undefined;
  const subject = (afterSubordinator(text) || text).trim();
  const m = /^(\p{L}+)((?:\s+\p{Ll}+){0,3})\s+who\s/u.exec(subject);
  if (!m || describedAs(`${m[1]!.toLowerCase()}${m[2]}`)?.kind !== 'description') return undefined;
  // One capitalised word alone is a name or a question ("Trump who", "Asked who") unless it is
  // a determiner or a plural noun ("Those who", "Supporters who").
  if (
    !m[2] &&
    startsUpper(m[1]!) &&
    !HEAD_DETERMINERS.has(m[1]!) &&
    speakerPhrase(m[1]!.toLowerCase())?.kind !== 'description'
  )
    return undefined;
  const words = subject.split(/\s+/);
  let k = words.length;
  while (k > 0 && startsUpper(words[k - 1]!)) k--;
  const before = words[k - 1]?.toLowerCase() ?? '';
  // A name after a preposition, an article or a past verb is inside the clause ("who worked for
  // Sanders", "who met Trump", "who interviewed Clinton").
  const object =
    PREPOSITIONS.has(before) ||
    ARTICLE_WORDS.has(before) ||
    (k > 2 && (before.endsWith('ed') || IRREGULAR_PAST.has(before)));
  if (k < words.length && !object) return undefined;
  // Read whole when it reads ("some who advocate free speech"), else its head ("a woman").
  const whole = describedAs(subject);
  const head = whole?.kind === 'description' ? whole : describedAs(`${m[1]}${m[2]}`);
  return head?.kind === 'description' ? head : undefined;
}
const ARTICLE_WORDS = new Set(['the', 'a', 'an']);
const HEAD_DETERMINERS = new Set('Those Some Many Most Several Few All Others'.split(' '));

/**
 * "39 percent blame his supporters and 22 percent (say)": a poll's share as the subject of a
 * clause joined by "and" or "but" (other words after a conjunction too often end a clause).
 */
function afterConjunction(text: string): SpeakerPhrase | undefined {
  const at = Math.max(text.lastIndexOf(' and '), text.lastIndexOf(' but '));
  if (at < 0) return undefined;
  const tail = text.slice(at + 5).trim();
  // ("40 percent of the time she (says)": a share of time, and the pronoun is the subject.)
  if (!SHARE.test(tail) || /\b(?:he|she|they|we|i|you|it|time|times)$/i.test(tail))
    return undefined;
  return describedAs(tail);
}
/** "22 percent", "just 8 percent of Democrats", "a third": a share of those polled. */
const SHARE =
  /^(?:(?:about|nearly|almost|just|only|some|roughly)\s+)?(?:\d+(?:\.\d+)?\s*(?:percent|%)|(?:a|one|two)[\s-](?:third|quarter|half)s?)(?:\s+of\s+[\p{L}\s]{1,40})?$/u;

/** Lowercase words that end a name's run rather than describe its role ("of", "is", "said"). */
const NOT_ROLE_NOUN = new Set([...NAME_STOP, ...AUX, 'and', 'or', 'who', 'not']);

/** "Horrified at…", "Based on…": a capitalised past participle opening an adverbial, not a name. */
function participleOpener(p: Paragraph, i: number): boolean {
  const w = p.words[i]!;
  const next = p.words[i + 1];
  return (
    w.lower.length > 4 &&
    w.lower.endsWith('ed') &&
    next !== undefined &&
    startsLower(next.text) &&
    !next.verb &&
    !AUX.has(next.lower)
  );
}

/**
 * The index of the capitalised word after up to three lowercase role nouns starting at word `j`
 * ("presidential candidate" in "Democratic presidential candidate Bernie Sanders"), or -1.
 */
export function afterRoleNouns(p: Paragraph, j: number): number {
  const { words } = p;
  for (let k = j; k < words.length && k < j + 3; k++) {
    const w = words[k]!;
    if (!startsLower(w.text) || !onlySpace(p.text, words[k - 1]!.end, w.start)) return -1;
    if (w.verb || NOT_ROLE_NOUN.has(w.lower) || IRREGULAR_PAST.has(w.lower)) return -1;
    if (/(?:ly|ed)$/.test(w.lower)) return -1;
    const next = words[k + 1];
    if (next && startsUpper(next.text) && onlySpace(p.text, w.end, next.start)) return k + 1;
  }
  return -1;
}

/**
 * The attribution state of one paragraph, shared by the direct-quote and reported-speech passes:
 * the quotes found, the speaker of each sentence so far, and the subject of each speech verb.
 */
export class ParagraphAnalysis {
  readonly out: Found[] = [];
  /** How many quotes each speaker has in `out`. */
  readonly spoken = new Map<Speaker, number>();
  /** Quotations read as titles, with who would have said them (see `keepHeldTitles`). */
  readonly titles: { span: QuoteSpan; speaker: Speaker }[] = [];
  readonly sentenceSpeaker: (Speaker | undefined)[] = [];
  /** The speaker of the last direct quote so far. */
  lastDirect: Speaker | undefined;
  /** Speech verbs whose subject follows them ("…, explained Rosenberg"), by word index. */
  readonly inverted = new Set<number>();
  /** Every speech verb whose subject resolved, in text order: who speaks where. */
  readonly voices: { pos: number; sentence: number; speaker: Speaker }[] = [];
  private readonly subjectMemo = new Map<number, Speaker | undefined>();

  constructor(
    readonly p: Paragraph,
    readonly index: number,
    readonly book: SpeakerBook,
  ) {}

  add(
    kind: Quote['kind'],
    start: number,
    end: number,
    speaker: Speaker,
    cue: string | undefined,
    byContext = false,
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
    this.out.push(byContext ? { quote, speaker, byContext } : { quote, speaker });
    this.spoken.set(speaker, (this.spoken.get(speaker) ?? 0) + 1);
  }

  /**
   * Drops the short quotations that only context attributed and that no reported speech holds:
   * in `the "establishment" candidate`, a word in quote marks outside anything anyone is
   * reported to say or think is a scare quote, not speech. One word only: from two words on, such
   * quotations were more often speech than not on the train split (both halves).
   */
  dropScareQuotes(maxWords = 1): void {
    for (let k = this.out.length - 1; k >= 0; k--) {
      const f = this.out[k]!;
      if (!f.byContext || hasWords(f.quote.quote, maxWords + 1)) continue;
      if (this.heldByReported(f.quote.start, f.quote.end)) continue;
      if (this.reportsThought(sentenceOf(this.p, f.quote.start - this.p.base))) continue;
      this.out.splice(k, 1);
    }
  }

  /**
   * Gives each direct quote the extent its quotation has with like marks paired, where the
   * paragraph mixes straight and curly marks (`“A," she said. "B.”` is one quotation, A to B, as
   * the labels of real news read it), and drops the direct quotes that quotation then holds.
   * The speakers stay those read from the quotations as `quoteSpans` splits them. Its words are
   * the quoted pieces joined by an ellipsis ("A … B."): the writer's words between them (`she
   * said`) are no one's quote, and users are shown quotes verbatim.
   */
  widenToLikeMarks(): void {
    const { p } = this;
    if (!p.likeMarks) return;
    const like = new Map(p.likeMarks.map((s) => [s.start, s]));
    const read = new Map(p.spans.map((s) => [s.start, s]));
    /** The widened quotes' extents, in text order (article offsets). */
    const wide: [number, number][] = [];
    for (const f of this.out) {
      if (f.quote.kind !== 'direct') continue;
      const start = f.quote.start - p.base;
      const l = like.get(start);
      const r = read.get(start);
      if (!l || !r || l.end <= r.end) continue;
      const end = p.text[l.end - 1] === ',' ? l.end - 1 : l.end;
      f.quote.end = p.base + end;
      f.quote.quote = quotedPieces(p, start, end);
      wide.push([f.quote.start, f.quote.end]);
    }
    if (wide.length === 0) return;
    wide.sort((x, y) => x[0] - y[0]);
    // Like-mark quotations never overlap: the one opening last before a quote is the only one
    // that can hold it.
    const holds = (start: number) => {
      let lo = 0;
      let hi = wide.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (wide[mid]![0] < start) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && start < wide[lo - 1]![1];
    };
    let k = 0;
    for (const f of this.out)
      if (f.quote.kind !== 'direct' || !holds(f.quote.start)) this.out[k++] = f;
    this.out.length = k;
  }

  /**
   * Whether the sentence reports a belief or a finding ("a survey found", "she believes"): what
   * someone thinks is attributed like what they say, so a quoted word there is theirs.
   */
  private reportsThought(sentence: number): boolean {
    const { p } = this;
    const end = p.sentences[sentence]!.end;
    for (let i = p.firstWord[sentence]!; i < p.words.length && p.words[i]!.start < end; i++)
      if (THOUGHT_WORDS.has(p.words[i]!.lower)) return true;
    return false;
  }

  /** Whether reported speech found in the paragraph holds the text `[start, end)` (article offsets). */
  heldByReported(start: number, end: number): boolean {
    return this.out.some(
      (r) => r.quote.kind === 'reported' && r.quote.start <= start && end <= r.quote.end,
    );
  }

  /**
   * Registers the subject of every speech verb first, so that "the official said" after a quote
   * finds "A US official, speaking on condition…, said" earlier in the same paragraph.
   */
  subjects(): void {
    const { p } = this;
    p.sentences.forEach((s, si) => {
      for (let i = p.firstWord[si]!; i < p.words.length && p.words[i]!.start < s.end; i++) {
        const verb = verbAt(p, i);
        if (verb && verb.form !== 'participle') {
          const speaker = this.subjectOf(i, verb, si);
          if (speaker) this.voices.push({ pos: p.words[i]!.start, sentence: si, speaker });
        }
      }
    });
  }

  /** The speaker of the verb at word `i`: its subject, or the sentence's for "…, adding that". */
  subjectOf(i: number, verb: SpeechVerb, sentence: number): Speaker | undefined {
    if (!this.subjectMemo.has(i)) this.subjectMemo.set(i, this.findSubject(i, verb, sentence));
    return this.subjectMemo.get(i);
  }

  private findSubject(i: number, verb: SpeechVerb, sentence: number): Speaker | undefined {
    const { p } = this;
    const w = p.words[i]!;
    const prev = p.words[i - 1];
    const gap = prev ? p.text.slice(prev.end, w.start) : '';
    if (verb.form === 'participle') {
      // "…, eventually saying", "after initially saying": the adverb or the subordinator belongs
      // to the participle's own clause.
      let at = i;
      if (i > 0 && /ly$/.test(prev!.lower) && onlySpace(p.text, prev!.end, w.start)) at--;
      const lead = p.words[at - 1];
      const joined =
        /[,–—]|\s-\s/.test(lead ? p.text.slice(lead.end, p.words[at]!.start) : '') ||
        lead?.lower === 'and' ||
        PARTICIPLE_LEADS.has(lead?.lower ?? '');
      if (joined) {
        // The sentence's subject when it is a name; a described one may be the sentence read up
        // to a verb no list knows ("Mr. Trump struck a"), where its opening name is better.
        // A single unknown word opening the sentence ("Prior", "Alongside") is no better.
        const subject = this.sentenceSubject(sentence);
        const opener = this.leadSpeaker(sentence);
        const named = opener && (opener.name.includes(' ') || this.book.knowsSurname(opener.name));
        return (
          this.sentenceSpeaker[sentence] ??
          this.voiceBefore(sentence, w.start) ??
          (subject?.kind === 'description' ? undefined : subject) ??
          (named ? opener : subject)
        );
      }
      // "with 30 percent of voters saying they…": who says is what "with" names.
      const counted = this.withSubject(at, sentence);
      if (counted) return counted;
      // "with Sen. John McCain calling it…": the name right before the participle.
      return this.nameBefore(at);
    }
    const s = p.sentences[sentence]!;
    const windowStart = Math.max(s.start, w.start - SUBJECT_WINDOW);
    let from = windowStart;
    const before = p.spans[spanFrom(p, w.start) - 1];
    if (before && before.close <= w.start && before.close > from) from = before.close;
    const text = p.text.slice(from, w.start).replace(/^[\s,;:—–-]+/, '');
    if (!text) return undefined;
    const joint = this.jointSubject(text, p.base + w.start - text.length);
    if (joint) return joint;
    // "Dale went after Reed at the meeting, when he called…": the subject is the clause's own
    // ("he"), not the sentence read up to the comma as a description.
    // "The council passed a resolution which said": the relative pronoun stands for the noun
    // phrase before it.
    const antecedent = relativeAntecedent(text);
    if (antecedent) {
      const found = this.resolveIn(
        antecedent.phrase,
        p.base + w.start - text.length + antecedent.at,
        sentence,
      );
      if (found) return found;
    }
    const sayer = relativeSayer(text);
    const clause = SUBORDINATE_CLAUSE.test(text)
      ? speakerPhrase(afterSubordinator(text))
      : sayer
        ? speakerPhrase(sayer)
        : undefined;
    let phrase =
      clause ??
      relativeHead(text) ??
      speakerPhrase(text) ??
      speakerPhrase(afterSubordinator(text)) ??
      jointDescription(text) ??
      afterConjunction(text);
    // "A few weeks after Obama announced…", "Three hours after police said…": a time clause
    // read whole is a description; the name in it is who speaks.
    if (phrase?.kind === 'description') {
      const inner = speakerPhrase(afterSubordinator(text));
      if (inner && inner.kind !== 'description') phrase = inner;
    }
    // "Any ''cleareyed'' interpretation of Mr. Kerry's actions, said Michael Kofman, an expert":
    // a description before the comma is what is said, the name after the verb says it.
    if (phrase?.kind === 'description' && gap.includes(',')) {
      const inverted = this.invertedSubject(i, true);
      if (inverted) return inverted;
    }
    if (phrase) {
      const at = p.base + w.start - text.length;
      const found = this.resolveIn(phrase, at, sentence);
      if (found) return found;
      // "Late on Monday, the company said": the opening word refused as a common word, the
      // phrase after the last comma is the subject.
      const comma = text.lastIndexOf(',');
      const rest = comma > 0 ? speakerPhrase(text.slice(comma + 1).trim()) : undefined;
      return rest && this.resolveIn(rest, at + comma + 1, sentence);
    }
    // `Hemsley, the co-author of "Going Viral," about…, said`: a title in quote marks right after
    // a word is part of the subject, not where it starts.
    if (
      from !== windowStart &&
      before &&
      /\s\p{Ll}+\s*$/u.test(p.text.slice(windowStart, before.open))
    ) {
      const read = speakerPhrase(p.text.slice(windowStart, w.start));
      if (read && (read.kind === 'person' || read.kind === 'organisation'))
        return this.book.resolve(read, p.base + windowStart);
    }
    if (prev && (prev.lower === 'and' || prev.lower === 'but'))
      return this.sentenceSpeaker[sentence] ?? this.sentenceSubject(sentence);
    // "Because of how …, explained Rosenberg, “…”": an inverted verb and its subject after it.
    return gap.includes(',') ? this.invertedSubject(i) : undefined;
  }

  /**
   * The noun phrase between "with" and the participle at word `i`, read as a description ("with
   * 50 percent saying", "with three in 10 saying"); a name there is `nameBefore`'s.
   */
  private withSubject(i: number, sentence: number): Speaker | undefined {
    const { p } = this;
    const from = p.firstWord[sentence]!;
    for (let j = i - 1; j >= from && j >= i - 7; j--) {
      const word = p.words[j]!;
      if (/[,.;:]/.test(p.text.slice(word.end, p.words[j + 1]!.start))) return undefined;
      if (word.lower !== 'with') continue;
      if (j === i - 1 || startsUpper(p.words[i - 1]!.text)) return undefined;
      const phrase = describedAs(p.text.slice(p.words[j + 1]!.start, p.words[i - 1]!.end));
      return phrase && this.book.resolve(phrase, p.base + p.words[j + 1]!.start);
    }
    return undefined;
  }

  /**
   * The subject after the verb at word `i` ("…, explained Rosenberg, “…”"), closed by a stop;
   * `named`: only a person or an organisation.
   */
  private invertedSubject(i: number, named = false): Speaker | undefined {
    const { p } = this;
    const np = this.phraseAfter(i);
    const rest = np ? p.text.slice(np.end, np.end + 20) : '';
    const closed =
      /^\s*[,:;.“"]/.test(rest) || AFTER_NAME_STOP.has(/^\s*(\p{L}+)/u.exec(rest)?.[1] ?? '');
    if (!np?.phrase || np.phrase.kind === 'pronoun' || !closed) return undefined;
    if (named && np.phrase.kind === 'description') return undefined;
    // "…, however, said the hack was “…”": a phrase and its verb open what was said.
    const last = /(\p{L}+)\s*$/u.exec(p.text.slice(np.at, np.end))?.[1];
    if (last && startsLower(last) && AUX.has(last)) return undefined;
    this.inverted.add(i);
    // "…, who, on a call Friday, criticized Sanders for stealing their data and for “…”": the
    // object of such a verb is whom the words are about (nobody writes "…, criticized Sanders"),
    // so it names no speaker; the verb still reports nothing after it.
    if (verbAt(p, i)?.targetObject) return undefined;
    return this.book.resolve(np.phrase, p.base + np.at);
  }

  /**
   * Two people as the subject of a speech verb ("Edward-Isaac Dovere and Gabriel Debenedetti
   * wrote"): one speaker for both. `text` is the subject, starting at article offset `at`.
   */
  jointSubject(text: string, at: number): Speaker | undefined {
    const joint = jointPhrase(text);
    if (!joint) return undefined;
    const x = this.book.resolve(joint[0], at);
    const y = this.book.resolve(joint[1], at + text.indexOf(' and '));
    return x && y && x !== y ? this.book.pair(x, y, at) : undefined;
  }

  /**
   * Resolves a phrase found in `sentence`: "he" or "she" there is the person a speech verb earlier
   * in the same sentence gave ("Cross said he is left with Clinton, whom he called…"), else the
   * article's most recent fit.
   */
  resolveIn(phrase: SpeakerPhrase, pos: number, sentence: number): Speaker | undefined {
    if (phrase.kind === 'pronoun' && (phrase.pronoun === 'he' || phrase.pronoun === 'she')) {
      const gender = phrase.pronoun === 'he' ? 'm' : 'f';
      let found: Speaker | undefined;
      for (const v of this.voices) {
        if (v.sentence !== sentence || this.p.base + v.pos >= pos) continue;
        const known = this.book.genderOf(v.speaker);
        if (v.speaker.kind !== 'description' && (known === undefined || known === gender))
          found = v.speaker;
      }
      if (found) return this.book.repeat(found, pos);
      // "Bush went after Trump at the debate, when he called the businessman…": with no speech
      // verb before it, "he" later in the sentence is its subject, not the nearest name.
      const lead = this.leadSpeaker(sentence);
      const leadGender = lead && this.book.genderOf(lead);
      const opens = pos - this.p.base <= this.p.sentences[sentence]!.start + 3;
      if (lead?.kind === 'person' && !opens && (leadGender === undefined || leadGender === gender))
        return this.book.repeat(lead, pos);
    }
    if (phrase.kind === 'pronoun' && phrase.pronoun === 'they') {
      const pair = this.pairBefore(sentence, pos - this.p.base);
      if (pair) return pair;
    }
    return this.book.resolve(phrase, pos);
  }

  /**
   * Two people joined by "and" earlier in the sentence, before `pos` ("As Johnson and Weld
   * stumped across New England, they were recognized by voters, they said"): who "they" are.
   */
  private pairBefore(sentence: number, at: number): Speaker | undefined {
    const { p } = this;
    const { words } = p;
    const from = p.firstWord[sentence]!;
    // The pronoun itself: the phrase read may start before it ("As Johnson and Weld…, they").
    const end = p.sentences[sentence]!.end;
    let t = wordFrom(p, at);
    while (t < words.length && words[t]!.start < end && words[t]!.lower !== 'they') t++;
    if (t >= words.length || words[t]!.start >= end) return undefined;
    const pos = words[t]!.start;
    for (let i = from + 1; i < words.length && words[i]!.end < pos; i++) {
      const w = words[i]!;
      if (w.text !== 'and' || !startsUpper(words[i - 1]!.text)) continue;
      const next = words[i + 1];
      if (!next || next.start >= pos || !startsUpper(next.text)) continue;
      let a = i - 1;
      while (
        a > from &&
        startsUpper(words[a - 1]!.text) &&
        onlySpace(p.text, words[a - 1]!.end, words[a]!.start)
      )
        a--;
      while (a < i - 1 && OPENING_WORDS.has(words[a]!.lower)) a++;
      let b = i + 1;
      while (
        b + 1 < words.length &&
        words[b + 1]!.end < pos &&
        startsUpper(words[b + 1]!.text) &&
        onlySpace(p.text, words[b]!.end, words[b + 1]!.start)
      )
        b++;
      if (!onlySpace(p.text, words[i - 1]!.end, w.start) || !onlySpace(p.text, w.end, next.start))
        continue;
      const first = speakerPhrase(p.text.slice(words[a]!.start, words[i - 1]!.end));
      const second = speakerPhrase(p.text.slice(next.start, words[b]!.end));
      if (first?.kind !== 'person' || second?.kind !== 'person') continue;
      const x = this.book.resolve(first, p.base + words[a]!.start);
      const y = this.book.resolve(second, p.base + next.start);
      if (x?.kind === 'person' && y?.kind === 'person' && x !== y)
        return this.book.pair(x, y, p.base + pos);
    }
    return undefined;
  }

  /** "…, Spicer said, adding": the subject of the last speech verb before `pos` in the sentence. */
  private voiceBefore(sentence: number, pos: number): Speaker | undefined {
    let found: Speaker | undefined;
    for (const v of this.voices) if (v.sentence === sentence && v.pos < pos) found = v.speaker;
    return found;
  }

  /**
   * The person or organisation named closest before word `i` in its sentence, not inside a
   * quotation: "Mr. Trump was prompted to say, ''…''" gives Mr. Trump.
   */
  nearestName(sentence: number, i: number, notObjects = false): Speaker | undefined {
    const { p } = this;
    const { words } = p;
    const from = p.firstWord[sentence]!;
    for (let j = i - 1; j >= from && i - j <= 25; j--) {
      if (!startsUpper(words[j]!.text)) continue;
      let k = j;
      while (
        k > from &&
        startsUpper(words[k - 1]!.text) &&
        onlySpace(p.text, words[k - 1]!.end, words[k]!.start)
      )
        k--;
      while (k < j && OPENING_WORDS.has(words[k]!.lower)) k++;
      // "Reprising one of her lines, the governor…", "Recently, …": one capitalised adverb, or
      // "-ing" word before its lower-case object, opening the sentence is no name (the adverb
      // endings leave out Kelly and Schlafly; "Schilling, who" and "King said" stay names).
      const opener = k === from && k === j && this.participleOrAdverb(k);
      const object = notObjects && this.objectOfTarget(k, from);
      const speaker = opener || object ? undefined : this.nameAt(k, j);
      if (speaker) return speaker;
      j = k;
    }
    return undefined;
  }

  /**
   * Whether the name at word `k` is the object of a verb whose object is whom the words are about
   * ("criticized Sanders for “…”", "calling President Barack Obama an “ignorant baboon”"): not a
   * name that a noun is called by ("a company called Cambridge Analytica, which … calls").
   */
  private objectOfTarget(k: number, from: number): boolean {
    const { words } = this.p;
    const verb = k > from ? verbAt(this.p, k - 1) : undefined;
    if (!verb?.targetObject) return false;
    const before = words[k - 2];
    const naming =
      verb.form === 'past' &&
      before !== undefined &&
      startsLower(before.text) &&
      !SUBJECT_PRONOUNS.has(before.lower);
    return !naming;
  }

  private participleOrAdverb(k: number): boolean {
    const { words, text } = this.p;
    const w = words[k]!;
    if (OPENING_ADVERB.test(w.lower)) return true;
    const next = words[k + 1];
    // ("Reprising one", "Looking ahead", "Declaring himself": a participle before its object,
    // a preposition or an adverb; "Golding always", "Fleming thinks", a surname the article
    // knows, are names.)
    if (!w.lower.endsWith('ing') || this.book.knowsSurname(w.text)) return false;
    if (!next || !onlySpace(text, w.end, next.start) || !startsLower(next.text)) return false;
    if (PARTICIPLE_OBJECTS.has(next.text)) return true;
    return (
      !next.verb &&
      !AUX.has(next.lower) &&
      !IRREGULAR_PAST.has(next.lower) &&
      !next.lower.endsWith('ed') &&
      !(next.lower.endsWith('s') && !next.lower.endsWith('ss')) &&
      !NAME_ADVERBS.has(next.lower)
    );
  }

  /** The person or organisation named first after word `i` in its sentence, not inside a quotation. */
  nearestNameAfter(sentence: number, i: number): Speaker | undefined {
    const { p } = this;
    const { words } = p;
    const end = p.sentences[sentence]!.end;
    for (let j = i; j < words.length && j - i <= 25 && words[j]!.start < end; j++) {
      if (!startsUpper(words[j]!.text)) continue;
      let k = j;
      while (
        k + 1 < words.length &&
        words[k + 1]!.start < end &&
        startsUpper(words[k + 1]!.text) &&
        onlySpace(p.text, words[k]!.end, words[k + 1]!.start)
      )
        k++;
      let from = j;
      while (from < k && OPENING_WORDS.has(words[from]!.lower)) from++;
      const speaker = this.nameAt(from, k);
      if (speaker) return speaker;
      j = k;
    }
    return undefined;
  }

  /**
   * The person or organisation the capitalised words `k..j` name, if they name one: not a place
   * ("in Kentucky"), a party tag ("(R-Ohio)"), a day or a word opening the sentence.
   */
  private nameAt(k: number, j: number): Speaker | undefined {
    const { p } = this;
    const { words } = p;
    if (k === j && (OPENING_WORDS.has(words[k]!.lower) || NAME_STOP.has(words[k]!.lower)))
      return undefined;
    if (afterLocative(p, k) || p.text[words[k]!.start - 1] === '(') return undefined;
    // "Secretary of State Hillary Clinton": the title's complement is no part of the name.
    if (j - k >= 2 && ofTitle(p, k)) return this.nameAt(k + 1, j);
    // "percent of Democratic registered voters say": an adjective before its plural noun names
    // no one (a quote whose only candidate it is, "the GOP presidential candidate", keeps it).
    if (
      k === j &&
      isGroupAdjective(words[j]!.text) &&
      !this.book.knowsSurname(words[j]!.text) &&
      this.pluralFollows(j)
    )
      return undefined;
    const phrase = speakerPhrase(p.text.slice(words[k]!.start, words[j]!.end));
    if (!phrase || (phrase.kind !== 'person' && phrase.kind !== 'organisation')) {
      // A headline in title case: "Selenis Leyva Got Real About Being Called" is a clause, and
      // its subject the name before its first auxiliary or preposition.
      for (let m = k + 1; m < j; m++)
        if (TITLE_CASE_CLAUSE.has(words[m]!.lower) || PREPOSITIONS.has(words[m]!.lower))
          return m - k >= 2 ? this.nameAt(k, m - 1) : undefined;
      return undefined;
    }
    return this.book.resolve(phrase, p.base + words[k]!.start);
  }

  /** Whether a plural noun follows word `j` within three lower-case words ("registered voters"). */
  private pluralFollows(j: number): boolean {
    const { p } = this;
    for (let i = j + 1; i <= j + 3 && i < p.words.length; i++) {
      const w = p.words[i]!;
      if (!startsLower(w.text) || !onlySpace(p.text, p.words[i - 1]!.end, w.start)) return false;
      if (w.verb || AUX.has(w.lower) || S_ADVERBS.has(w.lower)) return false;
      if (w.lower.length > 3 && w.lower.endsWith('s') && !/(?:ss|us|is)$/.test(w.lower))
        return true;
    }
    return false;
  }

  /** The name that ends right before word `i` ("Sen. John McCain" in "Sen. John McCain calling"). */
  private nameBefore(i: number): Speaker | undefined {
    const { p } = this;
    let j = i;
    while (j > 0 && startsUpper(p.words[j - 1]!.text)) {
      if (!onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start)) break;
      j--;
    }
    if (j === i) return undefined;
    const phrase = speakerPhrase(p.text.slice(p.words[j]!.start, p.words[i - 1]!.end));
    if (!phrase || phrase.kind === 'description') return undefined;
    return this.book.resolve(phrase, p.base + p.words[j]!.start);
  }

  /**
   * The name a relative clause's "who" stands for when the noun before it is what the name is:
   * "Donald Trump is a serial liar… who has repeatedly pledged to…" is Trump's pledge. Word `i`
   * is the clause's verb; "who" comes right before it or before an auxiliary and adverbs, with no
   * comma (", who said" is read elsewhere), and a form of "be" earlier in the sentence follows a
   * name.
   */
  copulaSubject(i: number, sentence: number): Speaker | undefined {
    const { p } = this;
    let k = i - 1;
    while (k > 0 && i - k <= 3 && RELATIVE_GAP.test(p.words[k]!.lower)) k--;
    const from = p.firstWord[sentence]!;
    if (k <= from || p.words[k]!.lower !== 'who') return undefined;
    if (!onlySpace(p.text, p.words[k - 1]!.end, p.words[k]!.start)) return undefined;
    for (let j = k - 1; j > from && k - j <= 15; j--) {
      if (!COPULA.has(p.words[j]!.lower)) continue;
      // "It was Mr. Manafort who had argued…": a cleft sentence; the name right before "who".
      if (p.words[j - 1]!.lower === 'it') return this.nameBefore(k);
      // "Trump is a serial liar… who has pledged": "be" and an article, what the name is.
      if (!ARTICLES.has(p.words[j + 1]!.lower)) return undefined;
      // "Trump regularly incites violence and is a serial liar… who has pledged": the name
      // that opens the clause (after a colon: "Editor's note: Trump…").
      if (p.words[j - 1]!.lower !== 'and') return this.nameBefore(j);
      let c = from;
      for (let q = j - 1; q > from; q--)
        if (p.text.slice(p.words[q - 1]!.end, p.words[q]!.start).includes(':')) {
          c = q;
          break;
        }
      return startsUpper(p.words[c]!.text) ? this.nearestNameAfter(sentence, c) : undefined;
    }
    return undefined;
  }

  /** Who spoke last in the paragraph: the latest direct quote or speech verb with a speaker. */
  lastSpeaker(): Speaker | undefined {
    let pos = -1;
    let speaker: Speaker | undefined;
    for (const f of this.out) {
      if (f.quote.kind === 'direct' && f.quote.start - this.p.base > pos) {
        pos = f.quote.start - this.p.base;
        speaker = f.speaker;
      }
    }
    const voice = this.voices.at(-1);
    return voice && voice.pos > pos ? voice.speaker : speaker;
  }

  /**
   * The person or organisation a sentence opens with ("Carson took the stage…", "Republican
   * pollster Daron Shaw doubts…", "He called it…"): the likeliest speaker of a quotation in a
   * sentence whose verb is not a speech verb. None when the sentence opens otherwise.
   */
  leadSpeaker(sentence: number): Speaker | undefined {
    const { p } = this;
    const { words } = p;
    const s = p.sentences[sentence]!;
    let i = p.firstWord[sentence]!;
    const first = words[i];
    if (!first || first.start >= s.end) return undefined;
    // A sentence that opens with a quotation has no lead speaker of its own.
    if ((p.spans[spanFrom(p, s.start)]?.open ?? Number.POSITIVE_INFINITY) < first.start)
      return undefined;
    // "Reading from a prepared text, Ben Carson…", "For years, Twitter has…": an opening word
    // that is no name starts an adverbial; the subject follows its comma, if anywhere.
    if (
      !startsUpper(first.text) ||
      OPENING_WORDS.has(first.lower) ||
      (COMMA_ADVERBS.has(first.lower) &&
        (p.text[first.end] === ',' || words[i + 1]?.lower === 'than')) ||
      /(?:ing|ly)$/.test(first.lower) ||
      (TIME_UNITS.test(first.lower) && TIME_RELATIONS.has(words[i + 1]?.lower ?? '')) ||
      participleOpener(p, i)
    ) {
      if (LEAD_SKIP.has(first.lower) && startsUpper(words[i + 1]?.text ?? '')) i++;
      else {
        let comma = p.text.indexOf(',', first.end);
        if (comma < 0 || comma >= s.end) return undefined;
        i = wordFrom(p, comma);
        // "At a rally in Birmingham, Alabama, on Saturday, some…": a capitalised run between two
        // commas right after a capitalised word is the place's state, still the adverbial.
        const run = this.capitalisedRun(i, s.end);
        if (
          run > i &&
          startsUpper(words[i - 1]?.text ?? '') &&
          p.text[words[run - 1]!.end] === ','
        ) {
          comma = p.text.indexOf(',', words[run - 1]!.end + 1);
          if (comma < 0 || comma >= s.end) return undefined;
          i = wordFrom(p, comma);
        }
      }
    }
    const lead = words[i];
    if (!lead || lead.start >= s.end || OPENING_WORDS.has(lead.lower)) return undefined;
    let j = i;
    while (j < words.length && words[j]!.start < s.end) {
      const w = words[j]!;
      if (j > i && !onlySpace(p.text, words[j - 1]!.end, w.start)) break;
      if (startsUpper(w.text)) {
        j++;
        continue;
      }
      // Role nouns between capitalised words ("Republican pollster Daron Shaw", "Democratic
      // presidential candidate Bernie Sanders").
      const name = j > i ? afterRoleNouns(p, j) : -1;
      if (name >= 0) {
        j = name;
        continue;
      }
      // One word of any other kind between capitalised words ("Ryan and Trump", "Frustrations at
      // Carson's"): the run reads as a phrase, which names no one unless it is a name.
      const next = words[j + 1];
      if (
        j > i &&
        next &&
        startsUpper(next.text) &&
        onlySpace(p.text, w.end, next.start) &&
        !w.verb &&
        !AUX.has(w.lower) &&
        !IRREGULAR_PAST.has(w.lower)
      ) {
        j++;
        continue;
      }
      break;
    }
    if (j === i || !startsUpper(words[j - 1]!.text)) return undefined;
    const phrase = speakerPhrase(p.text.slice(words[i]!.start, words[j - 1]!.end));
    if (!phrase || phrase.kind === 'description') return undefined;
    return this.book.resolve(phrase, p.base + words[i]!.start);
  }

  /** The end of the run of capitalised words joined by spaces from word `i`, before `end`. */
  private capitalisedRun(i: number, end: number): number {
    const { p } = this;
    let j = i;
    while (
      j < p.words.length &&
      p.words[j]!.start < end &&
      startsUpper(p.words[j]!.text) &&
      (j === i || onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start))
    )
      j++;
    return j;
  }

  /**
   * The speaker of a quotation after a colon: the name right before it ("Michael P. McDonald:
   * “…”"), else the sentence's speech verb or the name it opens with ("Cruz continued: “…”").
   */
  colonSpeaker(colon: number, sentence: number): Speaker | undefined {
    const { p } = this;
    let j = wordFrom(p, colon);
    const end = j;
    while (j > 0 && startsUpper(p.words[j - 1]!.text)) {
      if (j < end && !onlySpace(p.text, p.words[j - 1]!.end, p.words[j]!.start)) break;
      j--;
    }
    if (j < end) {
      const phrase = speakerPhrase(p.text.slice(p.words[j]!.start, p.words[end - 1]!.end));
      const last = p.words[end - 1]!;
      const adjacent = last.end === colon || onlySpace(p.text, last.end, colon);
      // "delivered a blunt message to Trump:": a name after a preposition is the one addressed.
      const before = p.words[j - 1];
      const addressed =
        before !== undefined &&
        (before.lower === 'to' || PREPOSITIONS.has(before.lower)) &&
        onlySpace(p.text, before.end, p.words[j]!.start);
      if (phrase && phrase.kind !== 'description' && adjacent && !addressed)
        return this.book.resolve(phrase, p.base + p.words[j]!.start);
    }
    for (const v of this.voices) if (v.sentence === sentence && v.pos < colon) return v.speaker;
    return this.leadSpeaker(sentence);
  }

  /**
   * The subject of the verb at word `i` described by its own words when it reads as no name
   * ("54 percent said", "multiple sources privy to negotiations say").
   */
  describedSubject(i: number, sentence: number): Speaker | undefined {
    const { p } = this;
    const w = p.words[i]!;
    const s = p.sentences[sentence]!;
    const from = Math.max(
      s.start,
      p.text.lastIndexOf(',', w.start - 1) + 1,
      p.text.lastIndexOf(';', w.start - 1) + 1,
    );
    const text = afterSubordinator(p.text.slice(from, w.start)) || p.text.slice(from, w.start);
    const phrase = describedAs(text.trim());
    return phrase && this.book.resolve(phrase, p.base + from);
  }

  /** The noun phrase a sentence opens with, up to its first verb. */
  sentenceSubject(sentence: number): Speaker | undefined {
    const { p } = this;
    const s = p.sentences[sentence]!;
    const from = p.firstWord[sentence]!;
    for (let i = from; i < p.words.length && i < from + 14; i++) {
      const w = p.words[i]!;
      if (w.start >= s.end) break;
      // "The retired neurosurgeon has…", "the state of New York": a word after an article is
      // an adjective or a noun, not the verb ("Vitamin A is": a capital "A" inside a sentence is
      // no article).
      const article = i > from ? p.words[i - 1]! : undefined;
      const adjective =
        article !== undefined &&
        ARTICLE.has(article.lower) &&
        (article.text === article.lower || i - 1 === from);
      if (
        w.text === w.lower &&
        !adjective &&
        (AUX.has(w.lower) || w.lower.endsWith('ed') || IRREGULAR_PAST.has(w.lower) || w.verb)
      ) {
        if ((p.spans[spanFrom(p, s.start)]?.open ?? Number.POSITIVE_INFINITY) < w.start)
          return undefined;
        const phrase = speakerPhrase(p.text.slice(s.start, w.start));
        return phrase ? this.book.resolve(phrase, p.base + s.start) : undefined;
      }
    }
    return undefined;
  }

  /**
   * The noun phrase after an inverted verb ("said Marta Oliveira, the union's leader"); read past
   * an "and" after a title when that gives a person ("said former Pennsylvania Gov. and
   * Democratic National Committee Chairman Ed Rendell").
   */
  phraseAfter(
    verbIndex: number,
  ): { phrase: SpeakerPhrase | undefined; at: number; end: number } | undefined {
    const stop = this.phraseEnd(verbIndex, false);
    const short = this.phraseRead(verbIndex, stop);
    if (!short || !this.titleAndAt(stop)) return short;
    const long = this.phraseRead(verbIndex, this.phraseEnd(verbIndex, true));
    if (long?.phrase?.kind === 'person') return long;
    // "said Sen. and Mrs. Smith": the short reading is a bare title, no one.
    const title = this.p.words[stop - 1]!.lower.replace(/\.$/, '');
    return isShortTitle(title) ? undefined : short;
  }

  /** Where the phrase after the verb at `verbIndex` ends (exclusive), maybe past a title's "and". */
  private phraseEnd(verbIndex: number, pastTitleAnd: boolean): number {
    const { p } = this;
    let j = verbIndex + 1;
    let limit = verbIndex + 8;
    while (j < p.words.length && j <= limit) {
      const w = p.words[j]!;
      if (pastTitleAnd && this.titleAndAt(j)) {
        limit = j + 8;
        j++;
        continue;
      }
      const gap = p.text.slice(p.words[j - 1]!.end, w.start);
      if (AFTER_NAME_STOP.has(w.lower) || /[,.;:!?()"“”—–]/.test(gap) || this.ofSomeone(j)) break;
      j++;
    }
    return this.complementEnd(verbIndex + 1, j);
  }

  /**
   * Whether word `j` is a lower-case "and" right after a title: a full one ("former prosecutor
   * and"), or a short one with its period ("Gov. and"), never a sentence's end ("the mayor. And").
   */
  private titleAndAt(j: number): boolean {
    const { p } = this;
    const w = p.words[j];
    const before = p.words[j - 1];
    if (!w || !before || w.text !== 'and') return false;
    // (A short title's period may be read with its word or in the gap.)
    const title = before.lower.replace(/\.$/, '');
    const period = before.lower.endsWith('.') || p.text[before.end] === '.';
    const gap = p.text.slice(before.end, w.start).replace(/^\./, '');
    if (!/^\s+$/.test(gap)) return false;
    return period ? isShortTitle(title) : isTitle(title);
  }

  private phraseRead(
    verbIndex: number,
    j: number,
  ): { phrase: SpeakerPhrase | undefined; at: number; end: number } | undefined {
    const { p } = this;
    const first = p.words[verbIndex + 1];
    if (!first) return undefined;
    const end = p.words[j - 1]!.end;
    let text = p.text.slice(first.start, end);
    const rest = p.text.slice(end, end + 120);
    const role = /^,\s*((?:the|a|an|his|her|their|its)\s[^,.;]+)/.exec(rest);
    if (role) text = `${text}, ${role[1]}`;
    return { phrase: speakerPhrase(text), at: first.start, end };
  }

  /**
   * Whether word `j` is "of" before someone the article names ("said political scientist Patrick
   * Murray of Christie, who…"): "said X of Y" is said about Y, where "Ted Cruz of Texas" names a
   * place.
   */
  private ofSomeone(j: number): boolean {
    const { p } = this;
    const next = p.words[j + 1];
    return (
      p.words[j]!.lower === 'of' &&
      next !== undefined &&
      startsUpper(next.text) &&
      this.book.knowsSurname(next.text) &&
      !this.book.isPlace(speakerKey(next.text))
    );
  }

  /**
   * Where a description after an inverted verb ends when a name completes it: "said one longtime
   * adviser to Bill Clinton", "a person close to the Clintons", "the base chief known as Bob".
   * The description (lowercase, opened by an article or "one") stopped at word `j` on "to" or
   * "known as"; the capitalised run after it, with "the" or "both" before it, belongs to it.
   * Otherwise (a name, "to reporters") `j` stays.
   */
  private complementEnd(from: number, j: number): number {
    const { p } = this;
    const { words } = p;
    const stop = words[j];
    if (!stop || j - from < 2 || !DESCRIPTION_OPENERS.has(words[from]!.lower)) return j;
    if (!startsLower(words[from]!.text) && words[from]!.lower !== 'the') return j;
    for (let k = from + 1; k < j; k++) if (!startsLower(words[k]!.text)) return j;
    const joins = stop.lower === 'to' || (stop.lower === 'as' && words[j - 1]!.lower === 'known');
    if (!joins) return j;
    let k = j + 1;
    if (
      words[k] &&
      (words[k]!.lower === 'the' || words[k]!.lower === 'both') &&
      startsLower(words[k]!.text)
    )
      k++;
    let end = k;
    while (
      end < words.length &&
      end - k < 5 &&
      startsUpper(words[end]!.text) &&
      onlySpace(p.text, words[end - 1]!.end, words[end]!.start)
    )
      end++;
    const between = p.text.slice(words[j - 1]!.end, words[Math.min(k, words.length - 1)]!.start);
    return end > k && !/[,.;:!?()"“”]/.test(between) ? end : j;
  }

  /** Trims a content clause; none when it is too short or wholly a direct quote already. */
  trimContent(start: number, end: number): [number, number] | undefined {
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

/**
 * The quoted words between `start` and `end` (paragraph offsets) without the writer's between
 * them: the double-quoted pieces the paragraph's spans read there, each without a comma that
 * closes it, joined by " … ". A single-quoted phrase between them is the writer's (`Ann Lee said
 * of the ‘plan’`).
 */
function quotedPieces(p: Paragraph, start: number, end: number): string {
  const { text } = p;
  const pieces: string[] = [];
  // Spans are in text order: from the first that opens before `start` (its words start there).
  for (let k = Math.max(0, spanFrom(p, start) - 1); k < p.spans.length; k++) {
    const s = p.spans[k]!;
    if (s.start >= end) break;
    if (s.start < start || s.single) continue;
    const to = Math.min(s.end, end);
    const piece = text.slice(s.start, text[to - 1] === ',' ? to - 1 : to).trim();
    if (piece) pieces.push(piece);
  }
  return pieces.length > 0 ? pieces.join(' … ') : text.slice(start, end);
}
