import type { QuoteSpan } from '../quote-spans.ts';
import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import { sentenceOf, spanFrom, verbAt, wordFrom } from './paragraph.ts';
import type { Attribution, ParagraphAnalysis } from './paragraph-analysis.ts';
import type { Speaker } from './speaker-book.ts';
import { type SpeakerPhrase, speakerPhrase } from './speaker-phrase.ts';
import { WORD } from './text-scan.ts';

const UPPER = /^\p{Lu}/u;
/** A quotation right after one of these words names something: a title, a slogan, a word. */
const NOT_SPEECH_BEFORE = new RegExp(
  `\\b(?:${lexicon.notSpeechBefore.join('|')}|known\\s+(?:\\w+\\s+)?as)\\s*[,:]?\\s*(?:the\\s+|a\\s+)?$`,
  'i',
);
const TITLE_SMALL = new Set(lexicon.titleSmallWords);
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

/**
 * Finds the paragraph's direct quotes: each quotation that is speech (not a title or a name)
 * with a speaker from a cue next to it, or from the quote before it. `previous` is the speaker
 * of the previous paragraph's last direct quote, for a paragraph that opens with a quotation.
 */
export function findDirectQuotes(a: ParagraphAnalysis, previous: Speaker | undefined): void {
  const { p } = a;
  p.spans.forEach((span, k) => {
    const sentence = sentenceOf(p, span.open);
    const quoted = p.text.slice(span.start, span.end);
    const lead = p.text.slice(Math.max(0, span.open - 40), span.open);
    if (isTitleCase(quoted) || NOT_SPEECH_BEFORE.test(lead)) return;
    const startsSentence = span.open === p.sentences[sentence]!.start;
    let found: Attribution | undefined = startsSentence ? undefined : cueBefore(a, span, sentence);
    found ??= cueAfter(a, span);
    if (!found && startsSentence) {
      if (a.lastDirect) found = { speaker: a.lastDirect, cue: undefined };
      else if (k === 0 && span.open === 0 && previous)
        found = { speaker: previous, cue: undefined };
    }
    if (!found) return;
    let end = span.end;
    if (p.text[end - 1] === ',') end--;
    a.add('direct', span.start, end, found.speaker, found.cue);
    a.lastDirect = found.speaker;
    a.sentenceSpeaker[sentence] = found.speaker;
  });
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
  let inner = false;
  let sawThat = false;
  for (let i = wi - 1, seen = 0; i >= from && seen < 30; i--, seen++) {
    if (p.words[i]!.lower === 'that') sawThat = true;
    const verb = verbAt(p, i);
    if (!verb) continue;
    if (inner && (!sawThat || /[.!?;]/.test(p.text.slice(p.words[i]!.end, span.open))))
      return undefined;
    const speaker = a.subjectOf(i, verb, sentence);
    if (speaker) return { speaker, cue: p.words[i]!.text };
    if (inner) return undefined;
    inner = true;
    sawThat = false;
  }
  return undefined;
}

/** `"…," X said` and `"…," said X`: the attribution right after the closing mark. */
function cueAfter(a: ParagraphAnalysis, span: QuoteSpan): Attribution | undefined {
  const { p } = a;
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
      const np = a.phraseAfter(i);
      phrase = np?.phrase;
      at = np?.at ?? at;
    } else {
      const text = p.text.slice(span.close, w.start).replace(/^[\s,—–-]+/, '');
      phrase = speakerPhrase(text);
      at = p.words[wi]!.start;
    }
    if (!phrase) return undefined;
    const speaker = a.book.resolve(phrase, p.base + at);
    if (!speaker) return undefined;
    a.sentenceSpeaker[sentenceOf(p, w.start)] ??= speaker;
    return { speaker, cue: w.text };
  }
  return undefined;
}
