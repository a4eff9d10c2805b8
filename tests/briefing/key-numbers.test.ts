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
