import { afterEach, describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { type RankerTrace, rankerTrace } from '../../../src/analysis/quotes/speaker-ranker.ts';

const paragraphs = [
  'Senator Ada Stone met Governor Ben Marsh in Ohio on Monday.',
  '"We will not back down," Stone said. "Not this year."',
  'Marsh disagreed. "The plan is dead," he told reporters.',
];

describe('speaker ranker', () => {
  afterEach(() => {
    rankerTrace.sink = undefined;
    rankerTrace.rulesOnly = undefined;
  });

  it('reports every direct quote with its candidates, the rules pick among them', () => {
    const traces: RankerTrace[] = [];
    rankerTrace.sink = (t) => traces.push(t);
    const { quotes } = extractQuotes(paragraphs);
    const direct = quotes.filter((q) => q.kind === 'direct');
    expect(traces.map((t) => t.quote)).toEqual([
      'We will not back down,',
      'Not this year.',
      'The plan is dead,',
    ]);
    for (const t of traces) {
      expect(t.candidates[t.rule]!.features.rule).toBe(1);
      expect(t.candidates.every((c) => Object.keys(c.features).length > 5)).toBe(true);
    }
    expect(direct.map((q) => q.speaker)).toEqual(['Ada Stone', 'Ada Stone', 'Ben Marsh']);
  });

  it('gives the same speakers with the weights as the rules alone on plain attributions', () => {
    const ranked = extractQuotes(paragraphs).quotes.map((q) => q.speaker);
    rankerTrace.rulesOnly = true;
    rankerTrace.sink = () => {};
    expect(extractQuotes(paragraphs).quotes.map((q) => q.speaker)).toEqual(ranked);
  });
});
