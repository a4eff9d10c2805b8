import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../../../src/articles/cleaning/split-paragraphs.ts';

describe('splitParagraphs', () => {
  it.each([
    ['one\n\ntwo', ['one', 'two']],
    ['a\r\nb\r\n\r\nc', ['a b', 'c']],
    ['first\n \t\n\n\nsecond', ['first', 'second']],
    ['wrapped\nline\n\nnext', ['wrapped line', 'next']],
    // No blank line at all: one paragraph per line.
    ['l1\nl2\nl3', ['l1', 'l2', 'l3']],
    ['\n\n  \n', []],
    ['only', ['only']],
  ])('%j', (text, expected) => {
    expect(splitParagraphs(text)).toEqual(expected);
  });
});
