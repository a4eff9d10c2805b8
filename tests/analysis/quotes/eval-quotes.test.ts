import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateFolder, toParagraphs } from '../../../scripts/eval-quotes.ts';
import { kindFigures } from '../../../src/analysis/quotes/score-quotes.ts';

const folder = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/quotes/${name}`, import.meta.url));

describe('toParagraphs', () => {
  it('splits on blank lines and joins wrapped lines', () => {
    expect(toParagraphs('One\nline.\n\n\n  Two.  \r\n\r\nThree.')).toEqual([
      'One line.',
      'Two.',
      'Three.',
    ]);
  });
});

// The targets. The held-out set was written before the extractor and never tuned on.
describe.each(['dev', 'holdout'])('quote extraction on the %s set', (set) => {
  const { total, articles } = evaluateFolder(folder(set));
  const direct = kindFigures(total.direct);
  const reported = kindFigures(total.reported);

  it('scores every article', () => {
    expect(articles.length).toBeGreaterThanOrEqual(3);
  });

  it('reaches direct-quote F1 >= 0.97 and speaker accuracy >= 0.95', () => {
    expect(direct.f1).toBeGreaterThanOrEqual(0.97);
    expect(direct.speakerAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('finds >= 80% of reported speech', () => {
    expect(reported.recall).toBeGreaterThanOrEqual(0.8);
  });
});
