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

  // A live blog's block: one post a line, lines longer than any wrapping width.
  const long =
    'When the moderator pointed out that Trump had not answered the question, the candidate said families sue.';
  it('splits a block of long lines at each line break, so an open quotation stops at its line', () => {
    const text = `Intro\n\n${long}\n"They sue," he said. "Everybody sues, right?\n"He continues to put out this fiction," he said.`;
    expect(splitParagraphs(text)).toEqual([
      'Intro',
      long,
      '"They sue," he said. "Everybody sues, right?',
      '"He continues to put out this fiction," he said.',
    ]);
  });

  it('joins a line that ends mid-sentence on a lower-case word or a comma', () => {
    const text = `Intro\n\n${long} Then, as the crowd cheered, the candidate said\nDonald Trump would lose.\n“Yes,\nNo.”`;
    expect(splitParagraphs(text)).toEqual([
      'Intro',
      `${long} Then, as the crowd cheered, the candidate said Donald Trump would lose.`,
      '“Yes, No.”',
    ]);
  });

  it('joins a line that goes on with a lower-case word or closes a tag left open', () => {
    const text = `Intro\n\n${long} “Supporters,” he added, “have\nin caucuses.”\n<tweet date="March 9, 2016\n">Stands empty.<tweet/>`;
    expect(splitParagraphs(text)).toEqual([
      'Intro',
      `${long} “Supporters,” he added, “have in caucuses.”`,
      '<tweet date="March 9, 2016 ">Stands empty.<tweet/>',
    ]);
  });
});
