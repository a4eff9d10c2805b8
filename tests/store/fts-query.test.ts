import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../src/store/sqlite/fts-query.ts';

describe('ftsQuery', () => {
  it.each([
    ['idlib ceasefire', 'all', '"idlib" "ceasefire"'],
    ['idlib ceasefire', 'any', '"idlib" OR "ceasefire"'],
    ['"idlib" -turkey NEAR(x)', 'all', '"idlib" "turkey" "NEAR" "x"'],
    ['text:idl*', 'all', '"text" "idl"'],
    ['Erdoğan', 'all', '"Erdoğan"'],
  ] as const)('%j (%s)', (text, mode, expected) => {
    expect(ftsQuery(text, mode)).toBe(expected);
  });

  it('has no query for no words', () => {
    for (const text of ['', '   ', '"', '(*)', '-:^'])
      expect(ftsQuery(text, 'all')).toBeUndefined();
  });

  it('bounds the number of words', () => {
    expect(
      ftsQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '), 'all')?.split(' '),
    ).toHaveLength(32);
  });
});
