import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { cleanText } from '../../../src/articles/cleaning/clean-article.ts';
import { repairMojibake } from '../../../src/articles/cleaning/repair-mojibake.ts';

describe('repairMojibake', () => {
  it.each([
    // UTF-8 read as Windows-1252, as real feeds deliver it.
    ['Marc TrÃ©vidic put it', 'Marc Trévidic put it'],
    ['PeÃ±a Nieto and FranÃ§ois Hollande', 'Peña Nieto and François Hollande'],
    ['â€œErdoÄŸan,â€\u009d he said', '“Erdoğan,” he said'],
    // One sequence that reads as nothing (a lost byte) leaves the others repaired.
    ['cafÃ© ðŸ˜', 'café ðŸ˜'],
    ['â€œYes,â€\u009d he said. Itâ€™s over â€” done.', '“Yes,” he said. It’s over — done.'],
    ['Â© 2016', '© 2016'],
    // Decomposed, as the PolNeAR stream carries it: "A" and a combining tilde for "Ã".
    ['TrA\u0303\u00a9vidic', 'Trévidic'],
  ])('%j -> %j', (input, expected) => {
    expect(repairMojibake(input)).toBe(expected);
  });

  it.each([
    ['naïve résumé in São Paulo and Zürich'],
    // German quotes after "ß" would read as a letter of N'Ko: not Latin text, so not a misreading.
    ['Straße“ und café—'],
    ['plain ascii'],
    ['Ã  la carte'],
    // Upper-case letters before curly quotes, an ellipsis or a no-break space, with no sign of a
    // misreading anywhere: real text.
    ['“TÄMÄ” and CAFÉ… and Ç\u00a0!'],
    // A misread sequence that would read as a bidirectional control stays as it is.
    ['Hello â€® dlrow'],
    // A lone "ErdoÄŸan" is ambiguous without other signs ("Ä" before "Ÿ" may be real).
    ['ErdoÄŸan'],
  ])('leaves %j as it is', (input) => {
    expect(repairMojibake(input)).toBe(input);
  });

  it('gives a quote back its speaker once the name reads again', () => {
    const { paragraphs } = cleanText(
      'But at the time, as anti-terrorist prosecutor Marc TrÃ©vidic put it, "there was not much to complain about."',
    );
    expect(paragraphs[0]).toContain('Marc Trévidic');
    expect(extractQuotes(paragraphs).quotes.map((q) => q.speaker)).toEqual(['Marc Trévidic']);
  });
});
