import { describe, expect, it } from 'vitest';
import { formatPassages } from '../../../src/briefing/llm/format-passages.ts';
import type { ModelAnswer } from '../../../src/briefing/llm/parse-answer.ts';
import { quotedSpans, verifyAnswer } from '../../../src/briefing/llm/verify-answer.ts';
import { goodAnswer, seedPassages, seedQuotes } from './seed-evidence.ts';

const { shown } = formatPassages(seedPassages, { budget: 10_000 });

function answer(partial: Partial<ModelAnswer>): ModelAnswer {
  return { notInSources: false, points: [], numbers: [], quotes: [], ...partial };
}

const good: ModelAnswer = {
  notInSources: false,
  points: goodAnswer.points,
  numbers: goodAnswer.numbers,
  quotes: goodAnswer.quotes.map((q) => ({ speaker: q.speaker, quote: q.quote, cites: [q.cite] })),
};

describe('verifyAnswer', () => {
  it('keeps a grounded answer whole and renumbers its sources by article', () => {
    const v = verifyAnswer(good, shown, seedQuotes);
    expect(v.dropped).toEqual([]);
    expect(v.points.map((p) => p.cites)).toEqual([[1], [1], [1], [2]]);
    expect(v.sources.map((s) => s.articleId)).toEqual(['a1', 'b2']);
    expect(v.sources[0]).toMatchObject({
      n: 1,
      outlet: 'Daily Mail',
      url: 'https://example.org/rouhani',
    });
    // The inline [3] marker became a citation and left the text.
    expect(v.points[1]?.text).toBe(
      'Putin insisted that the legitimate Syrian government must eventually control all of its national territory.',
    );
    expect(v.numbers).toHaveLength(2);
  });

  it('takes quote text and speaker from the quote index, not from the model', () => {
    const v = verifyAnswer(good, shown, seedQuotes);
    expect(v.quotes).toEqual([
      {
        speaker: 'Hassan Rouhani',
        role: 'Iranian President',
        text: 'The fight against terrorism in Idlib is an inescapable part of the mission to restore peace and stability in Syria,',
        kind: 'direct',
        cite: 1,
      },
      {
        speaker: 'Recep Tayyip Erdoğan',
        role: 'Turkish President',
        text: 'We never want Idlib to become a bloodbath,',
        kind: 'direct',
        cite: 1,
      },
    ]);
  });

  it('drops a point whose quoted words are not in its cited passage', () => {
    const v = verifyAnswer(
      answer({
        points: [
          { text: 'Putin said "Idlib will be liberated within a week".', cites: [3] },
          { text: 'Rouhani said the US "should end quickly" its presence.', cites: [1] },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.points.map((p) => p.text)).toEqual([
      'Rouhani said the US "should end quickly" its presence.',
    ]);
    expect(v.dropped[0]?.reason).toMatch(/not verbatim/);
  });

  it('drops a quote that is verbatim but cited to the wrong passage', () => {
    const v = verifyAnswer(
      answer({
        points: [{ text: 'Erdogan said "We never want Idlib to become a bloodbath".', cites: [1] }],
      }),
      shown,
      seedQuotes,
    );
    expect(v.points).toEqual([]);
  });

  it('drops citations of passages that do not exist, inline or listed', () => {
    const v = verifyAnswer(
      answer({
        points: [
          { text: 'About three million people live in the rebel stronghold [9].', cites: [] },
          { text: 'About three million people live in the rebel stronghold.', cites: [5, 9] },
          { text: 'About three million people live in the rebel stronghold.', cites: [0] },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.points).toEqual([]);
    expect(v.dropped.map((d) => d.reason)).toEqual([
      'it cites [9], which does not exist',
      'it cites [9], which does not exist',
      'it cites [0], which does not exist',
    ]);
  });

  it('drops uncited points, invented figures and claims the passages do not support', () => {
    const v = verifyAnswer(
      answer({
        points: [
          { text: 'The summit ended without agreement.', cites: [] },
          { text: 'The UN warned an attack could displace 900,000 people.', cites: [6] },
          { text: 'The secret password of the newsroom is banana pancake.', cites: [6] },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.points).toEqual([]);
    expect(v.dropped.map((d) => d.reason)).toEqual([
      'no citation',
      'the figure 900000 is not in its cited passages',
      expect.stringMatching(/of its words are in its cited passages/),
    ]);
  });

  it('drops a quote attributed to the wrong speaker, in a point or in the quotes list', () => {
    const v = verifyAnswer(
      answer({
        points: [{ text: 'Putin said "We never want Idlib to become a bloodbath".', cites: [4] }],
        quotes: [
          { speaker: 'Putin', quote: 'We never want Idlib to become a bloodbath', cites: [4] },
        ],
      }),
      shown,
      seedQuotes,
      { minQuotes: 0 },
    );
    expect(v.points).toEqual([]);
    expect(v.quotes).toEqual([]);
    expect(v.dropped.map((d) => d.reason)).toEqual([
      expect.stringMatching(
        /attributed to Vladimir Putin; the quote index says Recep Tayyip Erdoğan/,
      ),
      'the model says Putin; the quote index says Recep Tayyip Erdoğan',
    ]);
  });

  it('matches speakers forgivingly: case, diacritics, surname, role', () => {
    const v = verifyAnswer(
      answer({
        quotes: [
          { speaker: 'ERDOGAN', quote: 'We never want Idlib to become a bloodbath', cites: [4] },
          {
            speaker: 'Iranian President Hassan Rouhani',
            quote: 'should end quickly',
            cites: [1],
          },
          {
            speaker: 'President Putin',
            quote: 'must eventually control all of its national territory',
            cites: [3],
          },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.quotes.map((q) => q.speaker)).toEqual([
      'Recep Tayyip Erdoğan',
      'Hassan Rouhani',
      'Vladimir Putin',
    ]);
  });

  it('fills "who said what" from the quote index when the model gives too few quotes', () => {
    const v = verifyAnswer(answer({ points: goodAnswer.points, quotes: [] }), shown, seedQuotes, {
      minQuotes: 3,
    });
    // One quote per speaker, in index order, each from a passage the model was shown.
    expect(v.quotes.map((q) => [q.speaker, q.cite])).toEqual([
      ['Hassan Rouhani', 1],
      ['Vladimir Putin', 1],
      ['Recep Tayyip Erdoğan', 1],
    ]);
    expect(v.quotes[0]?.text).toBe(seedQuotes[0]?.quote);
    const none = verifyAnswer(answer({ points: goodAnswer.points }), shown, seedQuotes, {
      minQuotes: 0,
    });
    expect(none.quotes).toEqual([]);
  });

  it('drops a verbatim quote the quote index does not hold', () => {
    const v = verifyAnswer(
      answer({
        quotes: [
          { speaker: 'the UN', quote: 'one of the worst humanitarian disasters', cites: [6] },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.quotes.map((q) => q.text)).not.toContain('one of the worst humanitarian disasters');
    expect(v.dropped[0]?.reason).toBe('not in the quote index');
  });

  it('accepts straightened quote marks, changed case, re-spacing and an ellipsis', () => {
    const v = verifyAnswer(
      answer({
        points: [
          {
            text: 'Rouhani said US interference “should   end quickly” and that “the presence … of the United States in Syria” must stop.',
            cites: [1],
          },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.dropped).toEqual([]);
  });

  it('drops points that would ping a channel', () => {
    const v = verifyAnswer(
      answer({
        points: [
          { text: '@everyone Rouhani said the US should end quickly its presence', cites: [1] },
        ],
      }),
      shown,
      seedQuotes,
    );
    expect(v.points).toEqual([]);
    expect(v.dropped[0]?.reason).toBe('it mentions or pings people');
  });

  it('drops a point that repeats an earlier one', () => {
    const point = { text: 'About three million people live in the rebel stronghold.', cites: [5] };
    const v = verifyAnswer(answer({ points: [point, point] }), shown, seedQuotes);
    expect(v.points).toHaveLength(1);
    expect(v.dropped[0]?.reason).toBe('it repeats an earlier one');
  });
});

describe('quotedSpans', () => {
  it('finds double and single quoted spans but not apostrophes', () => {
    expect(
      quotedSpans(`Erdogan's "red line" and Putin's ‘provocations’ warning; the rebels' plans`),
    ).toEqual(['red line', 'provocations']);
  });
});
