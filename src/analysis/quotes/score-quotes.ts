import { speakerKey } from './speaker-key.ts';

/** One labelled or extracted quote in the contract's `quotes --json` shape. */
export interface LabelledQuote {
  speaker: string;
  quote: string;
  kind: 'direct' | 'reported';
  paragraph: number;
}

/** Counts for one kind of quote; add them up over articles with `combineScores`. */
export interface KindScore {
  gold: number;
  predicted: number;
  matched: number;
  /** Matched quotes whose speaker has the same `speakerKey` as the label's. */
  speakerCorrect: number;
}

/** What went wrong, for reading the misses. */
export interface ScoreIssue {
  issue: 'missed' | 'spurious' | 'wrong speaker';
  kind: LabelledQuote['kind'];
  paragraph: number;
  quote: string;
  expected?: string;
  got?: string;
}

export interface QuoteScore {
  direct: KindScore;
  reported: KindScore;
  issues: ScoreIssue[];
}

/** The derived figures of a `KindScore`. */
export interface KindFigures {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
}

/** Default share of the longer quote's words the two quotes must share to match. */
export const DEFAULT_OVERLAP = 0.5;

/** Words of a quote for matching: case, quote marks, punctuation and curly/straight forms ignored. */
export function quoteWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []
  );
}

/** Shared words (as a multiset) over the longer quote's length: 1 for the same words, 0 for none. */
export function quoteOverlap(a: string, b: string): number {
  const wa = quoteWords(a);
  const wb = quoteWords(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      shared++;
      counts.set(w, c - 1);
    }
  }
  return shared / Math.max(wa.length, wb.length);
}

function scoreKind(
  kind: LabelledQuote['kind'],
  gold: readonly LabelledQuote[],
  predicted: readonly LabelledQuote[],
  threshold: number,
  issues: ScoreIssue[],
): KindScore {
  const g = gold.filter((q) => q.kind === kind);
  const p = predicted.filter((q) => q.kind === kind);
  const pairs: { gi: number; pi: number; score: number }[] = [];
  g.forEach((gq, gi) => {
    p.forEach((pq, pi) => {
      if (gq.paragraph !== pq.paragraph) return;
      const score = quoteOverlap(gq.quote, pq.quote);
      if (score >= threshold) pairs.push({ gi, pi, score });
    });
  });
  // Greedy one-to-one matching, best overlaps first.
  pairs.sort((a, b) => b.score - a.score);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  let speakerCorrect = 0;
  for (const { gi, pi } of pairs) {
    if (gUsed.has(gi) || pUsed.has(pi)) continue;
    gUsed.add(gi);
    pUsed.add(pi);
    const gq = g[gi]!;
    const pq = p[pi]!;
    if (speakerKey(gq.speaker) === speakerKey(pq.speaker)) speakerCorrect++;
    else
      issues.push({
        issue: 'wrong speaker',
        kind,
        paragraph: gq.paragraph,
        quote: gq.quote,
        expected: gq.speaker,
        got: pq.speaker,
      });
  }
  g.forEach((q, i) => {
    if (!gUsed.has(i))
      issues.push({
        issue: 'missed',
        kind,
        paragraph: q.paragraph,
        quote: q.quote,
        expected: q.speaker,
      });
  });
  p.forEach((q, i) => {
    if (!pUsed.has(i))
      issues.push({
        issue: 'spurious',
        kind,
        paragraph: q.paragraph,
        quote: q.quote,
        got: q.speaker,
      });
  });
  return { gold: g.length, predicted: p.length, matched: gUsed.size, speakerCorrect };
}

/**
 * Scores extracted quotes against labels of one article. Quotes match one-to-one within the same
 * paragraph when `quoteOverlap` reaches `threshold`; trailing punctuation and quote marks never count.
 */
export function scoreQuotes(
  gold: readonly LabelledQuote[],
  predicted: readonly LabelledQuote[],
  threshold = DEFAULT_OVERLAP,
): QuoteScore {
  const issues: ScoreIssue[] = [];
  const direct = scoreKind('direct', gold, predicted, threshold, issues);
  const reported = scoreKind('reported', gold, predicted, threshold, issues);
  return { direct, reported, issues };
}

/** Adds up the counts of several articles. */
export function combineScores(scores: readonly QuoteScore[]): QuoteScore {
  const sum = (kind: 'direct' | 'reported'): KindScore => ({
    gold: scores.reduce((n, s) => n + s[kind].gold, 0),
    predicted: scores.reduce((n, s) => n + s[kind].predicted, 0),
    matched: scores.reduce((n, s) => n + s[kind].matched, 0),
    speakerCorrect: scores.reduce((n, s) => n + s[kind].speakerCorrect, 0),
  });
  return {
    direct: sum('direct'),
    reported: sum('reported'),
    issues: scores.flatMap((s) => s.issues),
  };
}

/** Precision, recall, F1 and speaker accuracy (on matched quotes); 0 where undefined. */
export function kindFigures(k: KindScore): KindFigures {
  const precision = k.predicted ? k.matched / k.predicted : 0;
  const recall = k.gold ? k.matched / k.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, speakerAccuracy: k.matched ? k.speakerCorrect / k.matched : 0 };
}
