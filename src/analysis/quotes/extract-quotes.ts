import type { SentenceSpan } from '../sentences.ts';
import { findDirectQuotes, keepHeldTitles, type SpeakingBefore } from './direct-quotes.ts';
import { nameRuns } from './name-runs.ts';
import { type Paragraph, readParagraph } from './paragraph.ts';
import { ParagraphAnalysis } from './paragraph-analysis.ts';
import type { Quote } from './quote.ts';
import { findReportedSpeech } from './reported-speech.ts';
import { type Speaker, SpeakerBook } from './speaker-book.ts';
import { speakerKey } from './speaker-key.ts';
import { speakerPhrase } from './speaker-phrase.ts';
import { writtenName } from './written-names.ts';

export type { Speaker } from './speaker-book.ts';

/** The quotes of one article, the speakers they are attributed to, and its sentences. */
export interface QuoteAnalysis {
  quotes: Quote[];
  speakers: Speaker[];
  /** Each paragraph's sentences, as `paragraphSentences` gives them. */
  sentences: SentenceSpan[][];
}

/** Whether the quotation starting at `start` opens with a single mark (not `''`, a double one). */
function singleQuoted(text: string, start: number): boolean {
  const open = text[start - 1];
  return open === '‘' || (open === "'" && text[start - 2] !== "'");
}

/**
 * Finds direct quotes and reported speech in an article's clean paragraphs and attributes each to
 * one canonical speaker. Runs in time linear in the text: every look-around is bounded.
 * Offsets index `paragraphs.join('\n\n')`.
 */
export function extractQuotes(
  paragraphs: readonly string[],
  options: { headline?: boolean } = {},
): QuoteAnalysis {
  const book = new SpeakerBook();
  const paras: Paragraph[] = [];
  let base = 0;
  for (const text of paragraphs) {
    paras.push(readParagraph(text, base));
    base += text.length + 2;
  }
  book.read(paras);
  const runs = paras.map(nameRuns);
  for (const list of runs) for (const run of list) if (run.place) book.addPlace(run.tokens);
  // A headline capitalises its first word whatever it is: "Understated Perez raises political
  // profile" names no "Understated Perez" when the article calls him Thomas Perez. Its names
  // are read last, and only those the rest of the article does not name otherwise.
  const from = options.headline ? 1 : 0;
  for (let i = from; i < runs.length; i++) {
    for (const { person, pos } of runs[i]!)
      if (person) book.addFullName(person.tokens, paras[i]!.base + pos);
  }
  if (from === 1)
    for (const { person, pos } of runs[0] ?? [])
      if (person && !book.namesOtherwise(person.tokens))
        book.addFullName(person.tokens, paras[0]!.base + pos);
  const quotes: Quote[] = [];
  const used = new Set<Speaker>();
  const counts = new Map<string, number>();
  for (const p of paras)
    for (const w of p.words)
      if (w.text !== w.lower) {
        const key = speakerKey(w.text);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  const singleMarks = britishMarks(paras);
  const before: SpeakingBefore = { spoken: new Map(), counts, singleMarks };
  paras.forEach((p, index) => {
    for (const { person, pos, signal } of runs[index]!) {
      if (person && (person.tokens.length > 1 || book.knowsSurname(person.tokens[0]!))) {
        book.mention(person.tokens, p.base + pos, person.gender, signal);
      }
    }
    // A quotation standing alone, signed by the next paragraph ("- Bernie Sanders."), as fact
    // checks and epigraphs print them: the signature introduces it as a colon would.
    const signed =
      p.text.startsWith('"') || p.text.startsWith('“')
        ? signature(paras[index + 1], book)
        : undefined;
    if (signed) before.colon = signed;
    const analysis = new ParagraphAnalysis(p, index, book);
    analysis.subjects();
    findDirectQuotes(analysis, before);
    findReportedSpeech(analysis);
    keepHeldTitles(analysis);
    analysis.dropScareQuotes();
    analysis.widenToLikeMarks();
    const last = analysis.lastSpeaker();
    if (last) before.last = last;
    before.colon = p.text.trimEnd().endsWith(':')
      ? analysis.colonSpeaker(p.text.trimEnd().length - 1, p.sentences.length - 1)
      : undefined;
    // A headline's single quotation marks set off words, not speech: "Obama slams GOP’s ‘doom
    // and despair’", "Trump tells 3,000 in Reno NFL has gone ‘soft’". (A first paragraph that
    // only serves as the title may be a lede, which quotes in double marks; an article that
    // writes speech in single marks keeps them.) Its reported speech stays.
    if (from === 1 && index === 0 && !singleMarks) {
      const kept = analysis.out.filter(
        (f) => f.quote.kind !== 'direct' || !singleQuoted(p.text, f.quote.start - p.base),
      );
      analysis.out.splice(0, analysis.out.length, ...kept);
    }
    analysis.out.sort((x, y) => x.quote.start - y.quote.start);
    for (const q of analysis.out) {
      quotes.push(q.quote);
      used.add(q.speaker);
      const n = (before.spoken!.get(q.speaker) ?? 0) + 1;
      before.spoken!.set(q.speaker, n);
      if (!before.top || n > before.spoken!.get(before.top)!) before.top = q.speaker;
    }
  });
  // Shown as written: "Donald J. Trump" where the words read "Donald J Trump".
  const renamed = new Map<string, string>();
  for (const s of used) {
    const written = writtenName(s.name, paragraphs);
    if (written === s.name) continue;
    renamed.set(s.name, written);
    s.name = written;
  }
  if (renamed.size > 0) for (const q of quotes) q.speaker = renamed.get(q.speaker) ?? q.speaker;
  return {
    quotes,
    speakers: book.list().filter((s) => used.has(s)),
    sentences: paras.map((p) => p.sentenceSpans),
  };
}

/**
 * Whether the article marks speech with single quotes, as British outlets do: no double-quoted
 * span, two single-quoted ones at least, and one of them closed by a comma inside its marks as
 * speech before its attribution is (‘We will win,’ she said). American scare quotes in an article
 * without quotations ('Little Marco', 'a tax in disguise') have no such comma.
 */
function britishMarks(paras: readonly Paragraph[]): boolean {
  let singles = 0;
  let attributed = false;
  for (const p of paras) {
    for (const s of p.spans) {
      if (!s.single) return false;
      singles++;
      if (p.text[s.end - 1] === ',') attributed = true;
    }
  }
  return singles >= 2 && attributed;
}

/** A dash and a name, alone in a paragraph: "- Bernie Sanders.", "— the White House". */
const SIGNATURE = /^[-–—]+ *([^-–—.!?:;"“”]{2,60}?)\.?$/u;

/** The speaker a paragraph signs for when it is only a dash and a name, as read at its offset. */
function signature(p: Paragraph | undefined, book: SpeakerBook): Speaker | undefined {
  const m = p && SIGNATURE.exec(p.text.trim());
  if (!p || !m) return undefined;
  const phrase = speakerPhrase(m[1]!);
  if (!phrase || phrase.kind === 'pronoun' || phrase.kind === 'description') return undefined;
  return book.resolve(phrase, p.base + p.text.indexOf(m[1]!));
}
