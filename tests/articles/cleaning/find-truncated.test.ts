import { describe, expect, it } from 'vitest';
import { truncationReason } from '../../../src/articles/cleaning/find-truncated.ts';

const FULL =
  'Iranian President Hassan Rouhani (center) has said that the "illegal interference" of the United States in Syria must end.';

describe('truncationReason', () => {
  it('finds the seed second line: a prefix of a longer paragraph', () => {
    const all = ['Iranian President Hassan Rouhani (center) has said that the', FULL];
    expect(truncationReason(all[0]!, 0, all)).toBe('truncated fragment (start of paragraph 2)');
    expect(truncationReason(all[1]!, 1, all)).toBeUndefined();
  });

  it('finds a prefix that comes after the full paragraph too', () => {
    const all = [FULL, 'Something else entirely happened.', 'Iranian President Hassan Rouhani'];
    expect(truncationReason(all[2]!, 2, all)).toBe('truncated fragment (start of paragraph 1)');
  });

  it.each([
    'He said the talks in Tehran were',
    'The leaders met to discuss the',
    'Turkey fears an avalanche of refugees and',
  ])('finds %j: ends mid-sentence', (text) => {
    expect(truncationReason(text, 0, [text])).toBe('truncated fragment (ends mid-sentence)');
  });

  it.each([
    // A finished sentence is whole even when a longer paragraph starts with it.
    [
      'He said the talks were over.',
      ['He said the talks were over.', 'He said the talks were over. Then he left.'],
    ],
    ['"We never want Idlib to become a bloodbath," Erdogan said', ['x']],
    ['Rouhani said', ['Rouhani said']],
    ['Hundreds flee Idlib', ['Hundreds flee Idlib']],
    ['Short', ['Short', 'Short and longer']],
  ])('keeps %j', (text, all) => {
    expect(truncationReason(text, 0, [text, ...all.slice(1)])).toBeUndefined();
  });
});
