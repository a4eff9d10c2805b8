/**
 * Trains the speaker ranker (`src/analysis/quotes/speaker-ranker.ts`) on a labelled folder: runs
 * every article through the ingest path with the rules alone, records each direct quote's
 * candidate speakers and their features, marks a candidate right when the matched label's surname
 * is among its words (the scoring rule of `../shared/data/README.md`; for a described speaker,
 * "unnamed: description (a senior aide)", the description's last word), and fits a conditional
 * logistic regression (softmax over one quote's candidates, L2, full-batch gradient descent from
 * zero: deterministic).
 *
 *   npm run train:speakers -- <folder> [--write [--fit a|b]] [--named-only]
 *
 * Prints, for half a -> half b and half b -> half a, how often the rules and the ranker pick a right
 * candidate, for named and for described speakers apart; `--write` fits on all articles
 * (`--fit a|b`: one half) and writes the weights file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  isNamed,
  type LabelledQuote,
  matchPairs,
  quoteWords,
  speakerRight,
} from '../src/analysis/quotes/score-quotes.ts';
import { type RankerTrace, rankerTrace } from '../src/analysis/quotes/speaker-ranker.ts';
import { prepareArticle } from '../src/articles/prepare-article.ts';
import { labelledArticles } from './eval-quotes.ts';

/** One scored quote: each candidate's sparse features and whether it is right. */
interface Example {
  half: 'a' | 'b';
  /** Whether the label names its speaker (scored); else it describes one ("a senior aide"). */
  named: boolean;
  feats: [number, number][][];
  right: boolean[];
  rule: number;
}

const WEIGHTS = join(import.meta.dirname, '../src/analysis/quotes/speaker-ranker.weights.json');

function collect(folder: string, names: Map<string, number>): Example[] {
  const out: Example[] = [];
  const index = (k: string) => {
    const i = names.get(k) ?? names.size;
    names.set(k, i);
    return i;
  };
  rankerTrace.rulesOnly = true;
  labelledArticles(folder).forEach((name, n) => {
    const half = n % 2 === 0 ? 'a' : 'b';
    const traces: RankerTrace[] = [];
    rankerTrace.sink = (t) => traces.push(t);
    const raw = readFileSync(join(folder, `${name}.txt`), 'utf8');
    prepareArticle({ raw, format: 'text', origin: name });
    rankerTrace.sink = undefined;
    const gold = (
      JSON.parse(readFileSync(join(folder, `${name}.quotes.json`), 'utf8')) as LabelledQuote[]
    ).filter((q) => q.kind === 'direct');
    const pairs = matchPairs(
      gold.map((q) => quoteWords(q.quote)),
      traces.map((t) => quoteWords(t.quote)),
    );
    for (const [g, t] of pairs) {
      // A described speaker ("unnamed: description (a Trump supporter)") is not scored, but the
      // ranker learns from it too: a description the rules found must not give way to a name
      // that only occurs nearby.
      const described = /^unnamed: description \((.*)\)$/.exec(gold[g]!.speaker);
      const label = described ? described[1]! : gold[g]!.speaker;
      if (!described && !isNamed(label)) continue;
      const trace = traces[t]!;
      out.push({
        half,
        named: !described,
        rule: trace.rule,
        right: trace.candidates.map((c) => speakerRight(label, c.name)),
        feats: trace.candidates.map((c) =>
          Object.entries(c.features).map(([k, v]) => [index(k), v] as [number, number]),
        ),
      });
    }
  });
  rankerTrace.rulesOnly = false;
  return out;
}

const dot = (w: Float64Array, f: readonly [number, number][]) =>
  f.reduce((s, [i, v]) => s + w[i]! * v, 0);

/** Fits the weights: minimises -log P(right candidates) + l2/2 |w|^2, averaged over quotes. */
function train(data: readonly Example[], size: number, l2 = 0.01, steps = 400): Float64Array {
  const w = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  // Only quotes with a right and a wrong candidate say anything about the ranking.
  const useful = data.filter((e) => e.right.some(Boolean) && e.right.some((r) => !r));
  for (let step = 1; step <= steps; step++) {
    const grad = new Float64Array(size);
    for (const e of useful) {
      const s = e.feats.map((f) => dot(w, f));
      const max = Math.max(...s);
      const exp = s.map((x) => Math.exp(x - max));
      const z = exp.reduce((a, b) => a + b, 0);
      const zRight = exp.reduce((a, x, i) => a + (e.right[i] ? x : 0), 0);
      e.feats.forEach((f, i) => {
        // d(-log zRight/z)/ds_i = p_i - q_i, q the distribution over right candidates.
        const g = exp[i]! / z - (e.right[i] ? exp[i]! / zRight : 0);
        for (const [k, x] of f) grad[k]! += (g * x) / useful.length;
      });
    }
    // Adam, fixed rate: deterministic, converges in a few hundred steps here.
    const rate = 0.05;
    for (let k = 0; k < size; k++) {
      const g = grad[k]! + l2 * w[k]!;
      m[k] = 0.9 * m[k]! + 0.1 * g;
      v[k] = 0.999 * v[k]! + 0.001 * g * g;
      const mh = m[k]! / (1 - 0.9 ** step);
      const vh = v[k]! / (1 - 0.999 ** step);
      w[k]! -= (rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w;
}

/** How many quotes the rules and the weights get right (ties keep the rules' pick). */
function score(
  data: readonly Example[],
  w: Float64Array,
  margin = 0,
): { rules: number; ranked: number; fixed: number; broken: number } {
  let rules = 0;
  let ranked = 0;
  let fixed = 0;
  let broken = 0;
  for (const e of data) {
    if (e.right[e.rule]) rules++;
    let best = e.rule;
    let bestScore = dot(w, e.feats[e.rule]!) + margin;
    e.feats.forEach((f, i) => {
      const s = dot(w, f);
      if (s > bestScore + 1e-9) {
        best = i;
        bestScore = s;
      }
    });
    if (e.right[best]) ranked++;
    if (e.right[best] && !e.right[e.rule]) fixed++;
    if (!e.right[best] && e.right[e.rule]) broken++;
  }
  return { rules, ranked, fixed, broken };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      write: { type: 'boolean', default: false },
      l2: { type: 'string', default: '0.003' },
      steps: { type: 'string', default: '400' },
      // Writes weights fitted on one half only, to score the other with `eval:quotes --half`.
      fit: { type: 'string', default: 'all' },
      // Leaves out the described speakers (for comparison: the ranker then trades them for names).
      'named-only': { type: 'boolean', default: false },
    },
  });
  const folder = positionals[0];
  if (!folder) {
    console.error(
      'usage: train-speaker-ranker <folder> [--write [--fit a|b]] [--named-only] [--l2 0.003] [--steps 400]',
    );
    process.exitCode = 2;
    return;
  }
  const l2 = Number(values.l2);
  const steps = Number(values.steps);
  const names = new Map<string, number>();
  const collected = collect(folder, names);
  const trainable = (e: Example) => e.named || !values['named-only'];
  const data = collected.filter(trainable);
  const oracle = data.filter((e) => e.right.some(Boolean)).length;
  console.log(
    `${data.length} scored quotes, ${names.size} features; a right candidate exists for ${oracle}`,
  );
  for (const [train_, test] of [
    ['a', 'b'],
    ['b', 'a'],
  ] as const) {
    const w = train(
      data.filter((e) => e.half === train_),
      names.size,
      l2,
      steps,
    );
    for (const named of [true, false]) {
      const part = collected.filter((e) => e.half === test && e.named === named);
      for (const margin of [0, 0.5]) {
        const s = score(part, w, margin);
        console.log(
          `train ${train_} -> test ${test}, ${named ? 'named' : 'described'} speakers, margin ${margin}: rules ${s.rules}/${part.length}, ranker ${s.ranked}/${part.length} (fixed ${s.fixed}, broken ${s.broken})`,
        );
      }
    }
  }
  if (values.write) {
    const fit = data.filter((e) => values.fit === 'all' || e.half === values.fit);
    const w = train(fit, names.size, l2, steps);
    const s = score(
      fit.filter((e) => e.named),
      w,
    );
    console.log(
      `fitted on ${values.fit}: named rules ${s.rules}, ranker ${s.ranked} (same quotes)`,
    );
    const out: Record<string, number> = {};
    for (const [k, i] of [...names].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (Math.abs(w[i]!) >= 1e-4) out[k] = Number(w[i]!.toFixed(4));
    writeFileSync(WEIGHTS, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${Object.keys(out).length} weights to ${WEIGHTS}`);
  }
}

main();
