import { describe, expect, it } from 'vitest';
import { bcubed, cluster, loadStream } from '../../scripts/eval-stories.ts';

describe('bcubed', () => {
  it('is 1/1 for the labels themselves and drops precision for a merge, recall for a split', () => {
    const gold = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    expect(bcubed(gold, gold)).toEqual({ precision: 1, recall: 1, f1: 1 });
    const merged = bcubed(new Map([...gold.keys()].map((k) => [k, 'one'])), gold);
    expect(merged.recall).toBe(1);
    expect(merged.precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3);
    const split = bcubed(new Map([...gold.keys()].map((k) => [k, k])), gold);
    expect(split.precision).toBe(1);
    expect(split.recall).toBeCloseTo((1 / 2 + 1 / 2 + 1) / 3);
  });
});

// The real 840-article stream against the labelled stories (see `npm run eval:stories`).
describe('stories on the PolNeAR stream', async () => {
  const stream = await loadStream();
  const { story } = await cluster(stream);

  it('keeps different events apart (B-cubed precision >= 0.95) and groups most of each story', () => {
    const all = bcubed(story, stream.halves.all);
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.6);
  });

  it('scores the half it was not tuned on as well as the half it was', () => {
    expect(bcubed(story, stream.halves.check).f1).toBeGreaterThanOrEqual(
      bcubed(story, stream.halves.tune).f1 - 0.05,
    );
  });

  it('puts the two Miami debates a day apart in different stories', () => {
    const democrats = story.get('Washington Post|2016-03-10|Scrappy debate signals long grind');
    const republicans = story.get("Politico|2016-03-10|Trump's rivals pull their punches");
    expect(democrats).toBeDefined();
    expect(democrats).not.toBe(republicans);
  });
});
