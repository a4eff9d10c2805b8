import type { Citation, CitedText } from '../../core/reply.ts';
import type { StoredQuote } from '../../store/store.ts';
import type { BriefingQuote } from '../briefing.ts';
import type { ShownPassage } from './format-passages.ts';
import { matchSpeaker } from './match-speaker.ts';
import { foldName, normalizeSpan, normalizeText } from './normalize-text.ts';
import type { ModelAnswer } from './parse-answer.ts';

/** Something the verifier took out of the model's answer, and why. */
export interface Dropped {
  part: 'point' | 'number' | 'quote';
  text: string;
  reason: string;
}

/** What survives verification, cited against `sources` numbered 1..k. */
export interface VerifiedAnswer {
  points: CitedText[];
  numbers: CitedText[];
  quotes: BriefingQuote[];
  sources: Citation[];
  dropped: Dropped[];
}

export interface VerifyOptions {
  /** Share of a point's content words that its cited passages must contain (0..1). */
  minSupport?: number;
  maxPoints?: number;
  maxNumbers?: number;
  maxQuotes?: number;
  /**
   * When fewer quotes than this survive, add the quote index's own quotes from passages the
   * model was shown, one per new speaker (verbatim by construction), so "who said what" is never
   * empty when the index has an answer.
   */
  minQuotes?: number;
}

const MENTION = /@(everyone|here)\b|<!(channel|here|everyone)>|<@[!&]?\d+>|<#\d+>/i;
const MARKERS = /\s*\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;
const STOPWORDS = new Set(
  `about above according added after again against also amid among another around because been
  before being between both could during each either even every from further have having here
  into itself just last least less made make many more most much must near next only other over
  said same says several should since some such than that their them then there these they this
  those though through told under until upon very were what when where whether which while will
  with within without would year years`.split(/\s+/),
);

/** The passage numbers written inline as [2] or [1, 3], and the text without them. */
function takeMarkers(text: string): { text: string; cites: number[] } {
  const cites: number[] = [];
  const clean = text.replace(MARKERS, (_, list: string) => {
    for (const n of list.split(/[^\d]+/)) if (n) cites.push(Number(n));
    return '';
  });
  return { text: clean.replace(/\s+([.,;:!?])/g, '$1').trim(), cites };
}

/** The spans of `text` in quotation marks, normalised. */
export function quotedSpans(text: string): string[] {
  const t = normalizeText(text);
  const spans = [...t.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
  for (const m of t
    .replace(/"[^"]*"/g, ' ')
    .matchAll(/(?<![\p{L}\p{N}])'([^']+?)'(?![\p{L}\p{N}])/gu)) {
    spans.push(m[1] ?? '');
  }
  return spans.map(normalizeSpan).filter((s) => s !== '');
}

/** Whether every piece of `span` (split at an ellipsis) is in `passage`, in order. */
function verbatimIn(span: string, passage: string): boolean {
  const text = normalizeText(passage);
  let from = 0;
  for (const piece of span.split(/\s*(?:\[\.\.\.\]|\.\.\.)\s*/).map(normalizeSpan)) {
    if (piece === '') continue;
    const at = text.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

function figures(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,(?=\d{3}\b)/g, '')),
  );
}

function stems(text: string): string[] {
  return foldName(text)
    .split(' ')
    .filter((w) => w.length >= 4 && !STOPWORDS.has(w) && !/^\d/.test(w))
    .map((w) => w.slice(0, 5));
}

interface Checked {
  text: string;
  cites: number[];
}

/**
 * Checks a model's answer against the passages it was shown and the quote index: every [n]
 * exists, every quoted span is verbatim in a cited passage, every figure is in a cited passage,
 * most content words come from the cited passages, a quote's speaker matches the quote index.
 * What fails is dropped with its reason; quotes are taken from the index, never from the model.
 */
export function verifyAnswer(
  answer: ModelAnswer,
  shown: readonly ShownPassage[],
  index: readonly StoredQuote[],
  {
    minSupport = 0.5,
    maxPoints = 7,
    maxNumbers = 7,
    maxQuotes = 5,
    minQuotes = 2,
  }: VerifyOptions = {},
): VerifiedAnswer {
  const byN = new Map(shown.map((p) => [p.n, p]));
  const dropped: Dropped[] = [];
  const knownSpeakers = [...new Set(index.map((q) => q.speaker))];

  const indexHits = (span: string, articleIds: Set<string>) =>
    index.filter((q) => {
      if (!articleIds.has(q.articleId)) return false;
      const stored = normalizeSpan(q.quote);
      return stored.includes(span) || (span.includes(stored) && stored.length >= span.length / 2);
    });

  function check(part: Dropped['part'], raw: { text: string; cites: number[] }): Checked | string {
    const { text, cites: inline } = takeMarkers(raw.text);
    const cites = [...new Set([...raw.cites, ...inline])];
    if (text === '') return 'empty';
    if (part === 'point' && text.split(/\s+/).length < 3) return 'too short to be a point';
    if (MENTION.test(text)) return 'it mentions or pings people';
    if (cites.length === 0) return 'no citation';
    const missing = cites.filter((n) => !byN.has(n));
    if (missing.length > 0) return `it cites [${missing.join(', ')}], which does not exist`;
    const cited = cites.map((n) => byN.get(n)!);
    const spans = quotedSpans(text);
    const notVerbatim = spans.find((s) => !cited.some((p) => verbatimIn(s, p.shown)));
    if (notVerbatim !== undefined) return `"${notVerbatim}" is not verbatim in its cited passages`;
    const known = figures(cited.map((p) => p.shown).join(' '));
    const invented = [...figures(text)].find((f) => !known.has(f));
    if (invented !== undefined) return `the figure ${invented} is not in its cited passages`;
    const words = stems(text);
    const source = new Set(stems(cited.map((p) => `${p.shown} ${p.title}`).join(' ')));
    const support = words.filter((w) => source.has(w)).length / Math.max(words.length, 1);
    if (words.length >= 3 && support < minSupport) {
      return `only ${Math.round(support * 100)}% of its words are in its cited passages`;
    }
    const articles = new Set(cited.map((p) => p.articleId));
    const folded = ` ${foldName(text)} `;
    for (const span of spans) {
      const owners = indexHits(span, articles).map((q) => q.speaker);
      if (owners.length === 0) continue;
      const named = knownSpeakers.filter((s) => {
        const surname = foldName(s).split(' ').at(-1);
        return surname !== undefined && surname.length > 2 && folded.includes(` ${surname} `);
      });
      if (named.length > 0 && !named.some((s) => owners.some((o) => matchSpeaker(s, o)))) {
        return `"${span}" is attributed to ${named.join(', ')}; the quote index says ${owners[0]}`;
      }
    }
    return { text, cites };
  }

  function keep(
    part: Dropped['part'],
    items: readonly { text: string; cites: number[] }[],
    max: number,
  ) {
    const kept: Checked[] = [];
    const seen: string[] = [];
    for (const item of items) {
      const result = check(part, item);
      if (typeof result === 'string') {
        dropped.push({ part, text: item.text, reason: result });
        continue;
      }
      const key = normalizeSpan(result.text);
      if (seen.some((s) => s === key || s.includes(key))) {
        dropped.push({ part, text: item.text, reason: 'it repeats an earlier one' });
        continue;
      }
      if (kept.length >= max) {
        dropped.push({ part, text: item.text, reason: `more than ${max}` });
        continue;
      }
      seen.push(key);
      kept.push(result);
    }
    return kept;
  }

  const points = keep('point', answer.points, maxPoints);
  const numbers = keep('number', answer.numbers, maxNumbers);

  const quotes: { quote: StoredQuote; n: number }[] = [];
  for (const q of answer.quotes) {
    const drop = (reason: string) => dropped.push({ part: 'quote', text: q.quote, reason });
    const span = normalizeSpan(takeMarkers(q.quote).text);
    const cited = q.cites.map((n) => byN.get(n));
    if (span.split(' ').length < 2) {
      drop('too short to attribute');
      continue;
    }
    if (cited.length === 0 || cited.some((p) => p === undefined)) {
      drop(
        cited.length === 0
          ? 'no citation'
          : `it cites [${q.cites.join(', ')}], which does not exist`,
      );
      continue;
    }
    const passage = cited.find((p) => p && verbatimIn(span, p.shown));
    if (!passage) {
      drop('not verbatim in its cited passage');
      continue;
    }
    const hits = indexHits(span, new Set([passage.articleId]));
    if (hits.length === 0) {
      drop('not in the quote index');
      continue;
    }
    const hit = hits.find((h) => matchSpeaker(q.speaker, h.speaker));
    if (!hit) {
      drop(`the model says ${q.speaker || 'nobody'}; the quote index says ${hits[0]?.speaker}`);
      continue;
    }
    if (quotes.some((k) => k.quote === hit)) {
      drop('it repeats an earlier one');
      continue;
    }
    if (quotes.length >= maxQuotes) {
      drop(`more than ${maxQuotes}`);
      continue;
    }
    quotes.push({ quote: hit, n: passage.n });
  }
  for (const q of index) {
    if (quotes.length >= Math.min(minQuotes, maxQuotes)) break;
    const passage = shown.find((p) => p.articleId === q.articleId && p.paragraph === q.paragraph);
    if (!passage || !verbatimIn(normalizeSpan(q.quote), passage.shown)) continue;
    if (quotes.some((k) => matchSpeaker(k.quote.speaker, q.speaker))) continue;
    quotes.push({ quote: q, n: passage.n });
  }

  // One source per article, numbered in order of first citation.
  const sources: Citation[] = [];
  const sourceOf = new Map<string, number>();
  const renumber = (n: number): number => {
    const p = byN.get(n)!;
    let s = sourceOf.get(p.articleId);
    if (s === undefined) {
      s = sources.length + 1;
      sourceOf.set(p.articleId, s);
      sources.push({
        n: s,
        articleId: p.articleId,
        title: p.title,
        ...(p.outlet ? { outlet: p.outlet } : {}),
        ...(p.url ? { url: p.url } : {}),
        ...(p.published ? { published: p.published } : {}),
      });
    }
    return s;
  };
  const cite = (items: Checked[]): CitedText[] =>
    items.map((i) => ({ text: i.text, cites: [...new Set(i.cites.map(renumber))] }));
  const citedPoints = cite(points);
  const citedNumbers = cite(numbers);
  const briefingQuotes: BriefingQuote[] = quotes.map(({ quote, n }) => ({
    speaker: quote.speaker,
    ...(quote.role ? { role: quote.role } : {}),
    text: quote.quote,
    kind: quote.kind,
    cite: renumber(n),
  }));
  return { points: citedPoints, numbers: citedNumbers, quotes: briefingQuotes, sources, dropped };
}
