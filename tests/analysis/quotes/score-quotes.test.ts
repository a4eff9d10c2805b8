import { describe, expect, it } from 'vitest';
import {
  addScores,
  dice,
  type LabelledQuote,
  quoteFigures,
  quoteWords,
  scoreQuotes,
  speakerRight,
} from '../../../src/analysis/quotes/score-quotes.ts';

const q = (
  quote: string,
  speaker = 'Ann Lee',
  kind: LabelledQuote['kind'] = 'direct',
  paragraph = 0,
): LabelledQuote => ({ quote, speaker, kind, paragraph });

describe('quoteWords and dice', () => {
  it('folds case, diacritics and quote styles and ignores punctuation', () => {
    expect(quoteWords('“We can’t stop,” Støre')).toEqual(['we', 'can', 't', 'stop', 'store']);
    expect(quoteWords("''Crooked Hillary''")).toEqual(['crooked', 'hillary']);
    expect(dice(quoteWords('We can’t stop,'), quoteWords('"we can\'t stop."'))).toBe(1);
  });

  it('is twice the shared words over both lengths', () => {
    expect(dice(['one', 'two', 'three', 'four'], ['one', 'two'])).toBeCloseTo(4 / 6);
    expect(dice(['a', 'a', 'b'], ['a', 'c'])).toBeCloseTo(2 / 5);
    expect(dice(['one'], ['two'])).toBe(0);
    expect(dice([], ['x'])).toBe(0);
  });
});

describe('speakerRight', () => {
  it("is right when the label's last word is one of the predicted speaker's words", () => {
    expect(speakerRight('Mr. Trump', 'Donald Trump')).toBe(true);
    expect(speakerRight('Sanders’', 'Bernie Sanders')).toBe(true);
    expect(speakerRight('Jonas Gahr Støre', 'Store')).toBe(true);
    expect(speakerRight('Ted Cruz', 'Ted')).toBe(false);
    expect(speakerRight('Trump', '')).toBe(false);
  });
});

describe('scoreQuotes', () => {
  it('matches one to one within the article, best first, whatever the paragraph', () => {
    const gold = [
      q('we will win the vote', 'Ann Lee', 'direct', 3),
      q('the vote is close', 'Bo Ek'),
      q('the count starts at noon', 'unnamed: pronoun'),
    ];
    const predicted = [
      q('We will win the vote.', 'Lee', 'direct', 1),
      q('the vote is close', 'Erdoğan'),
      q('we will win the vote'),
      q('the count starts at noon', 'Someone'),
    ];
    const s = scoreQuotes(gold, predicted);
    expect(s.direct).toEqual({ gold: 3, predicted: 4, matched: 3 });
    // The unnamed label's quote matches but its speaker is not scored.
    expect(s.speakers).toEqual({ scored: 2, right: 1 });
    expect(s.issues.map((i) => i.issue).sort()).toEqual(['false positive', 'wrong speaker']);
  });

  it('matches at Dice 0.6 and not below', () => {
    expect(scoreQuotes([q('a b c d e')], [q('a b c x y')]).direct.matched).toBe(1);
    expect(scoreQuotes([q('a b c d e')], [q('a b x y z')]).direct.matched).toBe(0);
  });

  it('matches reported labels against every predicted quote', () => {
    const gold = [q('taxes will rise next year', 'Ann Lee', 'reported')];
    expect(scoreQuotes(gold, [q('taxes will rise next year')]).reported.matched).toBe(1);
    expect(scoreQuotes(gold, [q('taxes will rise', 'Ann Lee', 'reported')]).reported.matched).toBe(
      1,
    );
    const missed = scoreQuotes(gold, [q('something else entirely', 'Ann Lee', 'reported')]);
    expect(missed.reported).toEqual({ gold: 1, matched: 0 });
    expect(missed.issues).toMatchObject([{ issue: 'missed', kind: 'reported' }]);
  });

  it('adds articles up and derives the figures', () => {
    const total = addScores([
      scoreQuotes([q('a b'), q('c d')], [q('a b')]),
      scoreQuotes([q('e f'), q('g h', 'x', 'reported')], [q('e f'), q('i j')]),
    ]);
    const f = quoteFigures(total);
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.recall).toBeCloseTo(2 / 3);
    expect(f.f1).toBeCloseTo(2 / 3);
    expect(f.speakerAccuracy).toBe(1);
    expect(f.reportedRecall).toBe(0);
    expect(quoteFigures(addScores([])).f1).toBe(0);
  });
});
