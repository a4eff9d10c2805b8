import type { Quote } from '../../articles/article.ts';
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import { type Paragraph, spanFrom, verbAt } from './paragraph.ts';
import type { Speaker, SpeakerBook } from './speaker-book.ts';
import { type SpeakerPhrase, speakerPhrase } from './speaker-phrase.ts';
import type { SpeechVerb } from './speech-verbs.ts';
import { hasWords } from './text-scan.ts';

/** A speaker found for a quote, and the verb that attributes it. */
export interface Attribution {
  speaker: Speaker;
  cue: string | undefined;
}

/** A quote found in the paragraph, with its speaker as resolved in the article. */
export interface Found {
  quote: Quote;
  speaker: Speaker;
}

const AUX = new Set(lexicon.auxiliaries);
const AFTER_NAME_STOP = new Set(lexicon.afterName);

/** Subject phrases are short: looking further back than this only finds clauses. */
const SUBJECT_WINDOW = 300;

/**
 * The attribution state of one paragraph, shared by the direct-quote and reported-speech passes:
 * the quotes found, the speaker of each sentence so far, and the subject of each speech verb.
 */
export class ParagraphAnalysis {
  readonly out: Found[] = [];
  readonly sentenceSpeaker: (Speaker | undefined)[] = [];
  /** The speaker of the last direct quote so far. */
  lastDirect: Speaker | undefined;
  private readonly subjectMemo = new Map<number, Speaker | undefined>();

  constructor(
    readonly p: Paragraph,
    readonly index: number,
    readonly book: SpeakerBook,
  ) {}

  add(kind: Quote['kind'], start: number, end: number, speaker: Speaker, cue: string | undefined) {
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
  subjects(): void {
    const { p } = this;
    p.sentences.forEach((s, si) => {
      for (let i = p.firstWord[si]!; i < p.words.length && p.words[i]!.start < s.end; i++) {
        const verb = verbAt(p, i);
        if (verb && verb.form !== 'participle') this.subjectOf(i, verb, si);
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
  sentenceSubject(sentence: number): Speaker | undefined {
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

  /** The noun phrase after an inverted verb ("said Marta Oliveira, the union's leader"). */
  phraseAfter(
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
