import { describe, expect, it } from 'vitest';
import {
  combineScores,
  kindFigures,
  type LabelledQuote,
  quoteOverlap,
  quoteWords,
  scoreQuotes,
} from '../../../src/analysis/quotes/score-quotes.ts';

const q = (
  quote: string,
  speaker = 'Ann Lee',
  kind: LabelledQuote['kind'] = 'direct',
  paragraph = 0,
) => ({
  quote,
  speaker,
  kind,
  paragraph,
});

describe('quoteOverlap', () => {
  it('ignores case, quote marks, curly apostrophes and trailing punctuation', () => {
    expect(quoteWords('“We can’t stop,”')).toEqual(['we', "can't", 'stop']);
    expect(quoteOverlap('We can’t stop,', '"we can\'t stop."')).toBe(1);
  });

  it('is the shared share of the longer quote', () => {
    expect(quoteOverlap('one two three four', 'one two')).toBe(0.5);
    expect(quoteOverlap('one two', 'three four')).toBe(0);
    expect(quoteOverlap('', 'x')).toBe(0);
  });
});

describe('scoreQuotes', () => {
  it('matches one-to-one within a paragraph and checks speakers by key', () => {
    const gold = [
      q('we will win the vote'),
      q('the vote is close', 'Bo Ek'),
      q('prices rose', 'Ann Lee', 'reported'),
    ];
    const predicted = [
      q('We will win the vote.'),
      q('the vote is close', 'Erdoğan'),
      q('we will win the vote'),
    ];
    const s = scoreQuotes(gold, predicted);
    expect(s.direct).toEqual({ gold: 2, predicted: 3, matched: 2, speakerCorrect: 1 });
    expect(s.reported).toEqual({ gold: 1, predicted: 0, matched: 0, speakerCorrect: 0 });
    expect(s.issues.map((i) => i.issue).sort()).toEqual(['missed', 'spurious', 'wrong speaker']);
  });

  it('does not match across paragraphs or below the threshold', () => {
    const s = scoreQuotes(
      [q('a b c d', 'X', 'direct', 0)],
      [q('a b c d', 'X', 'direct', 1), q('a x y z', 'X')],
    );
    expect(s.direct.matched).toBe(0);
    expect(scoreQuotes([q('a b c d')], [q('a b x y')], 0.5).direct.matched).toBe(1);
    expect(scoreQuotes([q('a b c d')], [q('a b x y')], 0.75).direct.matched).toBe(0);
  });

  it('adds articles up and derives precision, recall and F1', () => {
    const total = combineScores([
      scoreQuotes([q('a b'), q('c d')], [q('a b')]),
      scoreQuotes([q('e f')], [q('e f'), q('g h')]),
    ]);
    const f = kindFigures(total.direct);
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.recall).toBeCloseTo(2 / 3);
    expect(f.f1).toBeCloseTo(2 / 3);
    expect(f.speakerAccuracy).toBe(1);
    expect(kindFigures({ gold: 0, predicted: 0, matched: 0, speakerCorrect: 0 }).f1).toBe(0);
  });
});
