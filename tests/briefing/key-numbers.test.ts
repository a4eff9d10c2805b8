import { describe, expect, it } from 'vitest';
import { figureClause, figureKey } from '../../src/briefing/key-numbers.ts';

describe('figureClause', () => {
  it.each([
    [
      'It is home to some three million people, according to the UN.',
      'It is home to some three million people',
    ],
    [
      'The UN warned it could displace 800,000 people and result in a bloodbath.',
      'The UN warned it could displace 800,000 people and result in a bloodbath',
    ],
    [
      'Support has allowed him to regain control in the seven-year civil war that has claimed some 350,000 lives since 2011.',
      '…in the seven-year civil war that has claimed some 350,000 lives since 2011',
    ],
  ])('%s', (sentence, text) => {
    expect(figureClause(sentence)?.text).toBe(text);
  });

  it('shows the words as printed, not re-spaced around the figure', () => {
    expect(
      figureClause(
        'Roof should have been prevented from buying the .45-caliber weapon used in Charleston.',
      )?.text,
    ).toBe('…should have been prevented from buying the .45-caliber weapon used in Charleston');
  });

  it('never starts inside a capitalised name', () => {
    expect(
      figureClause(
        'Two years ago the New York Attorney General Eric Schneiderman filed a $40 million lawsuit alleging fraud.',
      )?.text,
    ).toBe(
      '…New York Attorney General Eric Schneiderman filed a $40 million lawsuit alleging fraud',
    );
    expect(
      figureClause('Long ago the “New York Times” sold its last big batch of 40,000 shares.')?.text,
    ).toBe('…“New York Times” sold its last big batch of 40,000 shares');
  });

  it("reads on past a title's full stop", () => {
    expect(
      figureClause(
        'A survey found that 45 percent backed Mrs. Clinton, and 42 percent Mr. Sanders.',
      )?.text,
    ).toBe('A survey found that 45 percent backed Mrs. Clinton');
  });

  it('keeps quote marks paired when the clause starts or ends inside a quotation', () => {
    expect(
      figureClause('I never had a case where somebody destroyed 34,000 emails,” said Giuliani.')
        ?.text,
    ).toBe('“I never had a case where somebody destroyed 34,000 emails,” said Giuliani');
    expect(figureClause('He said: “We lost 2,000 homes in the fire and more')?.text).toBe(
      '“We lost 2,000 homes in the fire and more”',
    );
  });

  it('skips years, single digits and sentences without a figure', () => {
    expect(
      figureClause('Seized from government forces in 2015, Idlib is held by the opposition.'),
    ).toBeUndefined();
    expect(figureClause('He met 3 leaders.')).toBeUndefined();
    expect(figureClause('Nothing here counts anything.')).toBeUndefined();
  });

  it('weighs counts of people above counts of things', () => {
    const people = figureClause('The war has displaced 800,000 people so far.');
    const posts = figureClause('Turkey runs 12 observation posts in the province.');
    expect(people?.weight).toBeGreaterThan(posts?.weight ?? 0);
  });
});

describe('figureKey', () => {
  it('treats number words and digits, hedges and commas as one figure', () => {
    expect(figureKey('some three million')).toBe(figureKey('3 million'));
    expect(figureKey('about 2,000')).toBe(figureKey('2000'));
  });
});

describe('dates and counts', () => {
  it('takes "March 25" and "25 March" for dates, not figures, and keeps "25 Marines"', async () => {
    const { countedFigures } = await import('../../src/briefing/key-numbers.ts');
    expect(
      figureClause('On March 25, Platte River had a conference call with staffers.'),
    ).toBeUndefined();
    expect(figureClause('On 25 March the company held a call with 40 staffers.')?.figure).toBe(
      '40',
    );
    expect(countedFigures('The 25 Marines and 84 million viewers were counted.')).toEqual([
      { figure: '25', key: '25', noun: 'marines' },
      { figure: '84 million', key: '84 million', noun: 'viewers' },
    ]);
    expect(countedFigures('Clinton led with 48 percent, and 3 delegates.')).toEqual([]);
  });
});
