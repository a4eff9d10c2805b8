import { describe, expect, it } from 'vitest';
import { looksLikeHeadline } from '../../../src/articles/cleaning/detect-title.ts';

describe('looksLikeHeadline', () => {
  it.each([
    [
      "Illegal US interference UU's's. in Syria must end, warns Rouhani as he meets Putin and Erdogan",
      true,
    ],
    ['Idlib summit: what we know so far', true],
    ['Who will win the battle for Idlib?', true],
    ['Rouhani said the war must end.', false],
    ['"We never want Idlib to become a bloodbath"', false],
    ['Breaking', false],
    ['Hi there', false],
    [
      'Hundreds of civilians have already started fleeing Idlib before what could be the last, bloodiest, battle of the devastating conflict, as the leaders of Russia, Iran and Turkey met in Tehran',
      false,
    ],
  ])('%j -> %j', (line, expected) => {
    expect(looksLikeHeadline(line)).toBe(expected);
  });
});
