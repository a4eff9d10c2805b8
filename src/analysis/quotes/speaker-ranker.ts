import { foldText } from '../fold-text.ts';
import type { QuoteSpan } from '../quote-spans.ts';
import type { Paragraph } from './paragraph.ts';
import type { Speaker } from './speaker-book.ts';
import { speakerKey } from './speaker-key.ts';
import weights from './speaker-ranker.weights.json' with { type: 'json' };

/**
 * Where a candidate speaker of a direct quote comes from, in the order the rules trust them:
 * first the cues next to the quotation, then its context.
 */
export const SOURCES = [
  'naming',
  'comma',
  'before',
  'after',
  'sentence',
  'colon',
  'namer',
  'quote',
  'lead',
  'name',
  'nameAfter',
  'voice',
  'prevColon',
  'prev',
] as const;
export type Source = (typeof SOURCES)[number];

/** One speaker proposed for a quotation, with every source that proposed it. */
export interface Candidate {
  speaker: Speaker;
  cue: string | undefined;
  sources: Source[];
  /** The sentence whose speaker a cue after the quotation sets, when it wins. */
  cueSentence?: number;
}

/** What the features read about the quotation itself. */
export interface QuoteContext {
  p: Paragraph;
  span: QuoteSpan;
  sentence: number;
  naming: boolean;
  /** The speaker of the paragraphs before, and of the last direct quote of this one. */
  last: Speaker | undefined;
  lastDirect: Speaker | undefined;
  /** How many quotes each speaker has had so far in the article. */
  spoken: ReadonlyMap<Speaker, number>;
  /** The first source of the rules' pick. */
  ruleSource: Source;
  /** How often each capitalised word (by `speakerKey`) occurs in the article's running text. */
  counts: ReadonlyMap<string, number>;
  /** Whether the article names this (`speakerKey`) as a place ("in Ohio"). */
  isPlace: (key: string) => boolean;
}

/** One quotation's candidates and their features, for the training script. */
export interface RankerTrace {
  quote: string;
  candidates: { name: string; features: Record<string, number> }[];
  /** Index of the candidate the rules alone would pick. */
  rule: number;
}

/** Set by `scripts/train-speaker-ranker.ts` to read every decision; unset in the product. */
export const rankerTrace: { sink?: (t: RankerTrace) => void; rulesOnly?: boolean } = {};

const W = weights as Record<string, number>;

/**
 * Picks the speaker of a quotation among the candidates the rules propose: a linear score over
 * hand-made features (which rules agree, how near and how often the name occurs, the shape of the
 * quotation and of the name), trained on the labelled train split by
 * `scripts/train-speaker-ranker.ts`. `rule` is the candidate the rules' order picks; with one
 * candidate, or on ties, it stays.
 */
export function rankSpeakers(cands: readonly Candidate[], rule: number, ctx: QuoteContext): number {
  if (cands.length < 2 && !rankerTrace.sink) return rule;
  const feats = cands.map((c, i) => candidateFeatures(c, i === rule, ctx));
  rankerTrace.sink?.({
    quote: ctx.p.text.slice(ctx.span.start, ctx.span.end),
    candidates: cands.map((c, i) => ({ name: c.speaker.name, features: feats[i]! })),
    rule,
  });
  if (rankerTrace.rulesOnly) return rule;
  let best = rule;
  let bestScore = score(feats[rule]!);
  feats.forEach((f, i) => {
    const s = score(f);
    if (s > bestScore + 1e-9) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

function score(f: Record<string, number>): number {
  let s = 0;
  for (const k in f) s += (W[k] ?? 0) * f[k]!;
  return s;
}

const lengthBucket = (n: number) => (n <= 1 ? 'w1' : n <= 3 ? 'w3' : n <= 9 ? 'w9' : 'wlong');
const distanceBucket = (d: number) => (d < 20 ? 'd20' : d < 60 ? 'd60' : d < 150 ? 'd150' : 'dfar');

/** The features of one candidate: sparse, by name. */
export function candidateFeatures(
  c: Candidate,
  isRule: boolean,
  ctx: QuoteContext,
): Record<string, number> {
  const { p, span, sentence } = ctx;
  const f: Record<string, number> = {};
  const quoteText = p.text.slice(span.start, span.end);
  const quoteWords = quoteText.split(/\s+/).filter(Boolean).length;
  const len = lengthBucket(quoteWords);
  const opensParagraph = span.open <= p.dateline + 1;
  const opensSentence = span.open === p.sentences[sentence]!.start;
  const shape = [
    len,
    opensParagraph ? 'para' : opensSentence ? 'sent' : 'mid',
    ctx.naming ? 'naming' : '',
  ].filter(Boolean);
  const set = (k: string, v = 1) => {
    f[k] = (f[k] ?? 0) + v;
  };
  if (isRule) {
    set('rule');
    for (const s of shape) set(`rule&${s}`);
  }
  for (const src of c.sources) {
    set(`src:${src}`);
    for (const s of shape) set(`src:${src}&${s}`);
  }
  set(`nsrc:${Math.min(c.sources.length, 3)}`);
  set(`kind:${c.speaker.kind}`);
  const tokens = c.speaker.name.split(' ');
  set(`tok:${Math.min(tokens.length, 3)}`);
  set(`kind:${c.speaker.kind}&tok:${Math.min(tokens.length, 3)}`);
  // Lowercase words inside a name ("his boss was"), not a description's article or role.
  if (c.speaker.kind !== 'description' && tokens.some((t) => /^\p{Ll}/u.test(t)))
    set('lowerInName');
  if (ctx.isPlace(speakerKey(c.speaker.name))) set('place');
  const inArticle = ctx.counts.get(speakerKey(tokens.at(-1)!)) ?? 0;
  const art = `art:${inArticle <= 1 ? 1 : inArticle <= 3 ? 3 : inArticle <= 9 ? 9 : 'many'}`;
  set(art);
  // How much each source is trusted depends on what kind of name it found.
  const first = c.sources[0]!;
  set(`${first}&kind:${c.speaker.kind}&tok:${Math.min(tokens.length, 2)}`);
  set(`${first}&${art}`);
  set(`spoke:${Math.min(ctx.spoken.get(c.speaker) ?? 0, 3)}`);
  if (!isRule) set(`vs:${ctx.ruleSource}>${c.sources[0]}`);
  if (c.speaker === ctx.last) set('isLast');
  if (c.speaker === ctx.lastDirect) set('isLastDirect');
  // Where the name occurs in the paragraph's running text, and inside the quotation itself.
  const surname = speakerKey(tokens.at(-1)!);
  let before = Number.POSITIVE_INFINITY;
  let after = Number.POSITIVE_INFINITY;
  let count = 0;
  let sameSentence = false;
  const s = p.sentences[sentence]!;
  for (const w of p.words) {
    if (speakerKey(w.text) !== surname) continue;
    count++;
    if (w.end <= span.open) before = Math.min(before, span.open - w.end);
    else if (w.start >= span.close) after = Math.min(after, w.start - span.close);
    if (w.start >= s.start && w.end <= s.end) sameSentence = true;
  }
  set(`count:${Math.min(count, 3)}`);
  if (sameSentence) set('sameSentence');
  if (before < Number.POSITIVE_INFINITY) set(`before:${distanceBucket(before)}`);
  if (after < Number.POSITIVE_INFINITY) set(`after:${distanceBucket(after)}`);
  if (count === 0) set(`absent&${len}`);
  // A name inside the quotation is more often talked about than talking.
  if (` ${foldText(quoteText)} `.includes(` ${surname} `)) set('inQuote');
  return f;
}
