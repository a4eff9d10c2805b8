import { describe, expect, it } from 'vitest';
import { normalizeSpacing } from '../../../src/articles/cleaning/normalize-spacing.ts';

describe('normalizeSpacing', () => {
  it.each([
    ['Putin (left) and Erdogan (right), today .', 'Putin (left) and Erdogan (right), today.'],
    ['word , next ; last :', 'word, next; last:'],
    ['really ?', 'really?'],
    ['a  b\t c', 'a b c'],
    ['a\u00a0\u00a0b', 'a b'],
    ['  padded  ', 'padded'],
    ['(a )', '(a)'],
    ['U.S . troops', 'U.S. troops'],
    ['\u200bzero\u200d width\ufeff', 'zero width'],
    ['bell\u0007', 'bell'],
    ['Sen. Lind\u00adsey Gra\u00adham', 'Sen. Lindsey Graham'],
    // Two blocks a scraper joined without a space; abbreviations and domains stay as they are.
    ['the crowd, Trump said.Trump then left', 'the crowd, Trump said. Trump then left'],
    ['Read more here.Read the latest', 'Read more here. Read the latest'],
    ['the U.S.A and a Ph.D from example.com', 'the U.S.A and a Ph.D from example.com'],
    ['on news.Google.com and Amazon.Com', 'on news.Google.com and Amazon.Com'],
    ['see index.php?Title=Main or search?Query=x', 'see index.php?Title=Main or search?Query=x'],
    ['Yahoo!Finance and System.Console.WriteLine', 'Yahoo!Finance and System.Console.WriteLine'],
    // The seed's dangling quote mark after a closed quote.
    ['result in a "bloodbath" "', 'result in a "bloodbath"'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeSpacing(input)).toBe(expected);
  });

  it('composes to NFC', () => {
    const decomposed = 'Erdog\u0306an cafe\u0301';
    const out = normalizeSpacing(decomposed);
    expect(out).toBe('Erdoğan café');
    expect(out).toBe(out.normalize('NFC'));
    expect(out).not.toBe(decomposed);
  });

  it('keeps quote marks exactly as they are', () => {
    for (const text of [
      '"Straight," he said.',
      '“Curly,” she said.',
      "‘single’ and 'plain'",
      'He warned of "provocations", possibly.',
    ]) {
      expect(normalizeSpacing(text)).toBe(text);
    }
  });
});
