import type { QuoteSpan } from '../quote-spans.ts';
import { wordCharAt } from '../word-char-at.ts';
import { type Paragraph, wordFrom } from './paragraph.ts';
import type { Speaker } from './speaker-book.ts';
import { speakerKey } from './speaker-key.ts';
import weights from './speaker-ranker.weights.json' with { type: 'json' };
import { startsLower } from './text-scan.ts';

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
  'top',
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
  /** How many quotes a speaker has had so far in the article. */
  spoken: (speaker: Speaker) => number;
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

const W = new Map(Object.entries(weights as Record<string, number>));

/**
 * A group of one-hot features, such as `src:lead&w1`: the names made and the weights looked up
 * once, so that scoring a candidate is array reads (every quote of every article is ranked).
 */
class Group {
  readonly weights: Float64Array;
  constructor(readonly names: readonly string[]) {
    this.weights = Float64Array.from(names, (n) => W.get(n) ?? 0);
  }
}
const group = (prefix: string, values: readonly string[]) =>
  new Group(values.map((v) => prefix + v));
/** `prefix a sep b` for every pair: index `i * b.length + j`. */
const cross = (prefix: string, a: readonly string[], sep: string, b: readonly string[]) =>
  new Group(a.flatMap((x) => b.map((y) => prefix + x + sep + y)));

const SHAPES = ['w1', 'w3', 'w9', 'wlong', 'para', 'sent', 'mid', 'naming'] as const;
const KINDS = ['person', 'organisation', 'description'] as const;
const DIGITS = ['0', '1', '2', '3'];
const ARTS = ['art:1', 'art:3', 'art:9', 'art:many'];
const DISTANCES = ['d20', 'd60', 'd150', 'dfar'];
const SOURCE_INDEX = new Map(SOURCES.map((s, i) => [s, i]));
const KIND_INDEX = new Map(KINDS.map((k, i) => [k, i]));

const G = {
  single: group('', [
    'rule',
    'lowerInName',
    'place',
    'isLast',
    'isLastDirect',
    'sameSentence',
    'inQuote',
  ]),
  ruleShape: group('rule&', SHAPES),
  src: group('src:', SOURCES),
  srcShape: cross('src:', SOURCES, '&', SHAPES),
  nsrc: group('nsrc:', DIGITS),
  kind: group('kind:', KINDS),
  tok: group('tok:', DIGITS),
  kindTok: cross('kind:', KINDS, '&tok:', DIGITS),
  art: group('', ARTS),
  firstKindTok: cross(
    '',
    SOURCES,
    '&kind:',
    KINDS.flatMap((k) => [`${k}&tok:1`, `${k}&tok:2`]),
  ),
  firstArt: cross('', SOURCES, '&', ARTS),
  spoke: group('spoke:', DIGITS),
  vs: cross('vs:', SOURCES, '>', SOURCES),
  count: group('count:', DIGITS),
  before: group('before:', DISTANCES),
  after: group('after:', DISTANCES),
  absent: group('absent&', SHAPES.slice(0, 4)),
};
const [RULE, LOWER_IN_NAME, PLACE, IS_LAST, IS_LAST_DIRECT, SAME_SENTENCE, IN_QUOTE] = [
  0, 1, 2, 3, 4, 5, 6,
];

/** Adds up a candidate's weights, and lists its features' names when asked. */
class Scorer {
  score = 0;
  constructor(readonly names?: string[]) {}
  add(g: Group, i: number): void {
    this.score += g.weights[i]!;
    this.names?.push(g.names[i]!);
  }
}

/**
 * Picks the speaker of a quotation among the candidates the rules propose: a linear score over
 * hand-made features (which rules agree, how near and how often the name occurs, the shape of the
 * quotation and of the name), trained on the labelled train split by
 * `scripts/train-speaker-ranker.ts`. `rule` is the candidate the rules' order picks; with one
 * candidate, or on ties, it stays.
 */
export function rankSpeakers(cands: readonly Candidate[], rule: number, ctx: QuoteContext): number {
  const sink = rankerTrace.sink;
  if (cands.length < 2 && !sink) return rule;
  const q = quoteShape(ctx);
  const scored = cands.map((c, i) => {
    const s = new Scorer(sink ? [] : undefined);
    addFeatures(s, c, i === rule, ctx, q);
    return s;
  });
  sink?.({
    quote: ctx.p.text.slice(ctx.span.start, ctx.span.end),
    candidates: cands.map((c, i) => ({
      name: c.speaker.name,
      features: counted(scored[i]!.names!),
    })),
    rule,
  });
  if (rankerTrace.rulesOnly) return rule;
  let best = rule;
  scored.forEach((s, i) => {
    if (s.score > scored[best]!.score + 1e-9) best = i;
  });
  return best;
}

function counted(f: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of f) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** What the features read about the quotation, once for all its candidates. */
interface QuoteShape {
  /** Its length bucket: an index into `SHAPES`. */
  len: number;
  /** Indices into `SHAPES`: length, position, naming cue. */
  shape: number[];
  /** The words around it where a candidate's name is looked for: `[from, to)`. */
  from: number;
  to: number;
  /** The quoted words (a slice: no copy). */
  text: string;
}

function quoteShape(ctx: QuoteContext): QuoteShape {
  const { p, span, sentence } = ctx;
  const words = wordsIn(p.text, span.start, span.end);
  const len = words <= 1 ? 0 : words <= 3 ? 1 : words <= 9 ? 2 : 3;
  const opensParagraph = span.open <= p.dateline + 1;
  const opensSentence = span.open === p.sentences[sentence]!.start;
  const shape = [len, opensParagraph ? 4 : opensSentence ? 5 : 6];
  if (ctx.naming) shape.push(7);
  // Up to `NEAR` words either side: bounded, so that a paragraph of many quotes stays linear.
  const from = Math.max(0, wordFrom(p, span.open) - NEAR);
  const to = Math.min(p.words.length, wordFrom(p, span.close) + NEAR);
  return { len, shape, from, to, text: p.text.slice(span.start, span.end) };
}

/** What the features read about a speaker's name: the same for every quote of the article. */
interface NameShape {
  tokens: number;
  last: string;
  lower: string;
  lowerInName: boolean;
  place: boolean;
  /** Bucket of how often the surname occurs in the article: an index into `ARTS`. */
  art: number;
}

const NAME_SHAPES = new WeakMap<Speaker, NameShape>();

function nameShape(speaker: Speaker, ctx: QuoteContext): NameShape {
  let shape = NAME_SHAPES.get(speaker);
  if (!shape) {
    const tokens = speaker.name.split(' ');
    const last = tokens.at(-1)!;
    const inArticle = ctx.counts.get(speakerKey(last)) ?? 0;
    shape = {
      tokens: tokens.length,
      last,
      lower: last.toLowerCase(),
      // Lowercase words inside a name ("his boss was"), not a description's article or role.
      lowerInName: speaker.kind !== 'description' && tokens.some((t) => startsLower(t)),
      place: ctx.isPlace(speakerKey(speaker.name)),
      art: inArticle <= 1 ? 0 : inArticle <= 3 ? 1 : inArticle <= 9 ? 2 : 3,
    };
    NAME_SHAPES.set(speaker, shape);
  }
  return shape;
}

/** Words between `from` and `to`, counted up to ten (the longest bucket starts there). */
function wordsIn(text: string, from: number, to: number): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to && n < 10; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Whether `word` occurs in `text` as a whole word, case as written. */
function hasWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; ) {
    if (wordCharAt(text, i - 1) === 0 && wordCharAt(text, i + word.length) === 0) return true;
    i = text.indexOf(word, i + 1);
  }
  return false;
}

/** How many words either side of a quotation the features look at for the candidate's name. */
const NEAR = 40;

const distance = (d: number) => (d < 20 ? 0 : d < 60 ? 1 : d < 150 ? 2 : 3);

/** The features of one candidate, added to `s`. */
function addFeatures(
  s: Scorer,
  c: Candidate,
  isRule: boolean,
  ctx: QuoteContext,
  q: QuoteShape,
): void {
  const { p, span, sentence } = ctx;
  const nShapes = SHAPES.length;
  if (isRule) {
    s.add(G.single, RULE);
    for (const k of q.shape) s.add(G.ruleShape, k);
  }
  for (const src of c.sources) {
    const i = SOURCE_INDEX.get(src)!;
    s.add(G.src, i);
    for (const k of q.shape) s.add(G.srcShape, i * nShapes + k);
  }
  s.add(G.nsrc, Math.min(c.sources.length, 3));
  const kind = KIND_INDEX.get(c.speaker.kind)!;
  s.add(G.kind, kind);
  const name = nameShape(c.speaker, ctx);
  const tok = Math.min(name.tokens, 3);
  s.add(G.tok, tok);
  s.add(G.kindTok, kind * 4 + tok);
  if (name.lowerInName) s.add(G.single, LOWER_IN_NAME);
  if (name.place) s.add(G.single, PLACE);
  const { art, last, lower } = name;
  s.add(G.art, art);
  // How much each source is trusted depends on what kind of name it found.
  const first = SOURCE_INDEX.get(c.sources[0]!)!;
  s.add(G.firstKindTok, first * 6 + kind * 2 + (name.tokens > 1 ? 1 : 0));
  s.add(G.firstArt, first * 4 + art);
  s.add(G.spoke, Math.min(ctx.spoken(c.speaker), 3));
  if (!isRule) s.add(G.vs, SOURCE_INDEX.get(ctx.ruleSource)! * SOURCES.length + first);
  if (c.speaker === ctx.last) s.add(G.single, IS_LAST);
  if (c.speaker === ctx.lastDirect) s.add(G.single, IS_LAST_DIRECT);
  // Where the name occurs in the paragraph's running text, and inside the quotation itself.
  let before = Number.POSITIVE_INFINITY;
  let after = Number.POSITIVE_INFINITY;
  let sameSentence = false;
  const sent = p.sentences[sentence]!;
  let count = 0;
  for (let k = q.from; k < q.to; k++) {
    const w = p.words[k]!;
    if (w.lower !== lower) continue;
    count++;
    if (w.end <= span.open) before = Math.min(before, span.open - w.end);
    else if (w.start >= span.close) after = Math.min(after, w.start - span.close);
    if (w.start >= sent.start && w.end <= sent.end) sameSentence = true;
  }
  s.add(G.count, Math.min(count, 3));
  if (sameSentence) s.add(G.single, SAME_SENTENCE);
  if (before < Number.POSITIVE_INFINITY) s.add(G.before, distance(before));
  if (after < Number.POSITIVE_INFINITY) s.add(G.after, distance(after));
  if (count === 0) s.add(G.absent, q.len);
  // A name inside the quotation is more often talked about than talking.
  if (hasWord(q.text, last)) s.add(G.single, IN_QUOTE);
}
