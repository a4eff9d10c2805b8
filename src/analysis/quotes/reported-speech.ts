import lexicon from './lexicon/quote-words.json' with { type: 'json' };
import { spanFrom, verbAt } from './paragraph.ts';
import type { ParagraphAnalysis } from './paragraph-analysis.ts';
import { type SpeakerPhrase, speakerPhrase } from './speaker-phrase.ts';
import type { SpeechVerb } from './speech-verbs.ts';

const AUX = new Set(lexicon.auxiliaries);
const NON_CLAUSE_START = new Set(lexicon.notClauseStart);
/** Words an inverted attribution at a sentence's end may span: a name and its apposition. */
const INVERTED_TAIL = 24;

/** Finds the paragraph's reported speech: `X said (that) …`, `…, X said.`, `according to X, …`. */
export function findReportedSpeech(a: ParagraphAnalysis): void {
  const { p } = a;
  p.sentences.forEach((s, si) => {
    if (s.end - s.start > 2000) return;
    const from = p.firstWord[si]!;
    let to = from;
    while (to < p.words.length && p.words[to]!.start < s.end) to++;
    let covered = -1;
    for (let i = from; i < to; i++) {
      const w = p.words[i]!;
      if (w.lower === 'according' && p.words[i + 1]?.lower === 'to') {
        according(a, i, si, from, to);
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

/** `X said (that) CONTENT`: returns where the content ends when it found one. */
function clause(
  a: ParagraphAnalysis,
  i: number,
  verb: SpeechVerb,
  si: number,
  to: number,
): number | undefined {
  const { p } = a;

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
  // "…, said the monitor based in Britain": what follows an inverted verb is its subject.
  const inverted = a.subjectOf(i, verb, si) !== undefined && a.inverted.has(i);
  if (
    start === undefined &&
    verb.bareClause &&
    !inverted &&
    next &&
    next.start < p.sentences[si]!.end
  ) {
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
  const range = a.trimContent(start, end);
  if (!range) return undefined;
  const speaker = a.subjectOf(i, verb, si);
  if (!speaker) return undefined;
  a.add('reported', range[0], range[1], speaker, p.words[i]!.text);
  a.sentenceSpeaker[si] ??= speaker;
  return range[1];
}

/** `CONTENT, X said.` and `CONTENT, said X.` at the end of a sentence. */
function tail(a: ParagraphAnalysis, i: number, verb: SpeechVerb, si: number, to: number): void {
  const { p } = a;
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
  if ((p.spans[spanFrom(p, w.start)]?.open ?? Number.POSITIVE_INFINITY) < s.end) return;
  const opening = p.spans[spanFrom(p, s.start)];
  if (opening && opening.open <= s.start + 1 && opening.open < comma) return;
  const range = a.trimContent(s.start, comma);
  if (!range) return;
  const speaker = a.book.resolve(phrase, p.base + at);
  if (!speaker) return;
  a.add('reported', range[0], range[1], speaker, w.text);
}

/** `according to X, CONTENT.` and `CONTENT, according to X.` */
function according(a: ParagraphAnalysis, i: number, si: number, from: number, to: number): void {
  const { p } = a;
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
    range = a.trimContent(npEnd + 1, s.end);
  } else {
    const comma = p.text.lastIndexOf(',', p.words[i]!.start);
    if (comma < s.start) return;
    range = a.trimContent(s.start, comma);
  }
  if (!range || to <= from) return;
  const speaker = a.book.resolve(phrase, p.base + npStart.start);
  if (speaker) a.add('reported', range[0], range[1], speaker, 'according to');
}
