import { foldText } from '../fold-text.ts';

/** One labelled or extracted quote in the contract's `quotes --json` shape. */
export interface LabelledQuote {
  speaker: string;
  quote: string;
  kind: 'direct' | 'reported';
  /** Informative only: labels and the cleaner may count paragraphs differently. */
  paragraph: number;
}

/** Counts of one article or of many added up (`addScores`). */
export interface QuoteScore {
  direct: { gold: number; predicted: number; matched: number };
  /** Matched direct quotes whose label names its speaker, and how many of those are right. */
  speakers: { scored: number; right: number };
  reported: { gold: number; matched: number };
  issues: ScoreIssue[];
}

/** What went wrong, for reading the errors. */
export interface ScoreIssue {
  issue: 'missed' | 'false positive' | 'wrong speaker';
  kind: LabelledQuote['kind'];
  quote: string;
  /** The label's speaker (misses, wrong speakers). */
  expected?: string;
  /** The predicted speaker (false positives, wrong speakers). */
  got?: string;
}

/** The figures the issue's targets are stated in. */
export interface QuoteFigures {
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
  reportedRecall: number;
}

/** Quotes match when their token Dice reaches this. */
export const MATCH_DICE = 0.6;

/** Words of a quote as the scoring rules compare them: `foldText`'s words. */
export function quoteWords(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

/** Token Dice of two word lists as multisets: 1 for the same words, 0 for none shared. */
export function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      shared++;
      counts.set(w, c - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** One-to-one pairs `[gold, predicted]` with Dice >= `MATCH_DICE`, best first. */
export function matchPairs(
  gold: readonly string[][],
  predicted: readonly string[][],
): Array<[number, number]> {
  const pairs: { g: number; p: number; score: number }[] = [];
  gold.forEach((gw, g) => {
    predicted.forEach((pw, p) => {
      const score = dice(gw, pw);
      if (score >= MATCH_DICE) pairs.push({ g, p, score });
    });
  });
  // A stable sort: equal scores keep label order, then prediction order.
  pairs.sort((x, y) => y.score - x.score);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const { g, p } of pairs) {
    if (gUsed.has(g) || pUsed.has(p)) continue;
    gUsed.add(g);
    pUsed.add(p);
    out.push([g, p]);
  }
  return out;
}

/** Whether a label's speaker is scored: it names someone, it is not `unnamed: …`. */
export const isNamed = (speaker: string) => !speaker.startsWith('unnamed:');

/** Right when the label's last word (its surname) is one of the predicted speaker's words. */
export function speakerRight(label: string, predicted: string): boolean {
  const surname = quoteWords(label).at(-1);
  return surname !== undefined && quoteWords(predicted).includes(surname);
}

/**
 * Scores one article's extracted quotes against its labels by the rules of
 * `../shared/data/README.md`: within the article, quotes match one-to-one, best first, when their
 * token Dice reaches 0.6; direct labels match direct predictions; speakers are scored over
 * matched direct quotes whose label names a speaker; reported labels match any predicted quote.
 */
export function scoreQuotes(
  gold: readonly LabelledQuote[],
  predicted: readonly LabelledQuote[],
): QuoteScore {
  const issues: ScoreIssue[] = [];
  const words = (qs: readonly LabelledQuote[]) => qs.map((q) => quoteWords(q.quote));
  const goldDirect = gold.filter((q) => q.kind === 'direct');
  const predDirect = predicted.filter((q) => q.kind === 'direct');
  const direct = matchPairs(words(goldDirect), words(predDirect));
  const speakers = { scored: 0, right: 0 };
  for (const [g, p] of direct) {
    const label = goldDirect[g]!;
    const got = predDirect[p]!;
    if (!isNamed(label.speaker)) continue;
    speakers.scored++;
    if (speakerRight(label.speaker, got.speaker)) speakers.right++;
    else
      issues.push({
        issue: 'wrong speaker',
        kind: 'direct',
        quote: label.quote,
        expected: label.speaker,
        got: got.speaker,
      });
  }
  const goldMatched = new Set(direct.map(([g]) => g));
  const predMatched = new Set(direct.map(([, p]) => p));
  goldDirect.forEach((q, i) => {
    if (!goldMatched.has(i))
      issues.push({ issue: 'missed', kind: 'direct', quote: q.quote, expected: q.speaker });
  });
  predDirect.forEach((q, i) => {
    if (!predMatched.has(i))
      issues.push({ issue: 'false positive', kind: 'direct', quote: q.quote, got: q.speaker });
  });

  const goldReported = gold.filter((q) => q.kind === 'reported');
  const reported = matchPairs(words(goldReported), words(predicted));
  const reportedMatched = new Set(reported.map(([g]) => g));
  goldReported.forEach((q, i) => {
    if (!reportedMatched.has(i))
      issues.push({ issue: 'missed', kind: 'reported', quote: q.quote, expected: q.speaker });
  });
  return {
    direct: { gold: goldDirect.length, predicted: predDirect.length, matched: direct.length },
    speakers,
    reported: { gold: goldReported.length, matched: reported.length },
    issues,
  };
}

/** Adds up the counts of several articles. */
export function addScores(scores: readonly QuoteScore[]): QuoteScore {
  const total: QuoteScore = {
    direct: { gold: 0, predicted: 0, matched: 0 },
    speakers: { scored: 0, right: 0 },
    reported: { gold: 0, matched: 0 },
    issues: [],
  };
  for (const s of scores) {
    total.direct.gold += s.direct.gold;
    total.direct.predicted += s.direct.predicted;
    total.direct.matched += s.direct.matched;
    total.speakers.scored += s.speakers.scored;
    total.speakers.right += s.speakers.right;
    total.reported.gold += s.reported.gold;
    total.reported.matched += s.reported.matched;
    total.issues.push(...s.issues);
  }
  return total;
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

/** Direct precision, recall and F1, named-speaker accuracy and reported recall; 0 where undefined. */
export function quoteFigures(s: QuoteScore): QuoteFigures {
  const precision = ratio(s.direct.matched, s.direct.predicted);
  const recall = ratio(s.direct.matched, s.direct.gold);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    speakerAccuracy: ratio(s.speakers.right, s.speakers.scored),
    reportedRecall: ratio(s.reported.matched, s.reported.gold),
  };
}
