import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { speakerKey } from '../../../src/analysis/quotes/speaker-key.ts';
import { writtenName } from '../../../src/analysis/quotes/written-names.ts';

describe('a speaker shown as the article writes the name', () => {
  it('keeps the periods of initials and suffixes', () => {
    const { quotes, speakers } = extractQuotes([
      '“We will win,” Donald J. Trump said at the rally.',
      '“It was a mistake,” said Joseph R. Biden Jr., the vice president.',
      '“Watch the fringe,” said J.J. MacNab, who studies extremists.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Donald J. Trump',
      'Joseph R. Biden Jr.',
      'J.J. MacNab',
    ]);
    expect(speakers.map((s) => s.name)).toEqual([
      'Donald J. Trump',
      'Joseph R. Biden Jr.',
      'J.J. MacNab',
    ]);
    // The same speaker as the name read without them: `/who` and stored keys do not change.
    expect(speakerKey('Donald J. Trump')).toBe(speakerKey('Donald J Trump'));
  });

  it('writes nothing the article does not', () => {
    const texts = ['President Harry S Truman said no.', 'Robert P. Casey, Jr. spoke.'];
    expect(writtenName('Harry S Truman', texts)).toBe('Harry S Truman');
    expect(writtenName('Robert P Casey Jr', texts)).toBe('Robert P. Casey, Jr.');
    expect(writtenName('Donald Trump', texts)).toBe('Donald Trump');
    // Only the same words in the same order: not a longer name that contains them.
    expect(writtenName('J Smith', ['Mary J.J. Smith spoke.'])).toBe('J Smith');
  });
});

describe('a name that ends in a letter', () => {
  it('does not take the period that ends the sentence', () => {
    const texts = ['“We built it,” said Malcolm X.', 'Neither did I.'];
    expect(writtenName('Malcolm X', texts)).toBe('Malcolm X');
    expect(writtenName('I', texts)).toBe('I');
    expect(writtenName('George H.W Bush', ['George H.W. Bush said so.'])).toBe('George H.W. Bush');
    const { quotes } = extractQuotes([
      '“This is not the party I joined,” I said to him.',
      'He shrugged. Neither did I.',
    ]);
    expect(quotes.map((q) => q.speaker)).not.toContain('I.');
  });
});
