import { describe, expect, it } from 'vitest';
import {
  comparable,
  coverage,
  NEAR_DUPLICATE,
  overlap,
} from '../../../src/articles/cleaning/compare-text.ts';

describe('comparable', () => {
  it.each([
    ['Erdoğan', 'erdogan'],
    ['  "Hello," she said!  ', 'hello she said'],
    ["Syria's war", 'syria s war'],
    ['Ｆｕｌｌ width', 'full width'],
  ])('%j -> %j', (text, expected) => {
    expect(comparable(text)).toBe(expected);
  });
});

describe('overlap', () => {
  const gap =
    'And Russia wants to maintain its regional presence to fill the gap left by the long uncertainty of the United States about what it wants in the conflict.';
  const vacuum =
    'And Russia wants to maintain its regional presence to fill the vacuum left by the long uncertainty of the United States about what it wants in the conflict';

  it('scores a scraper rewording as a near-duplicate', () => {
    expect(overlap(gap, vacuum)).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
  });

  it('scores two paragraphs on one topic low', () => {
    expect(
      overlap(
        'Turkey already hosts 3.5 million Syrian refugees and has sealed its borders.',
        'Iran wants to maintain its position in the Mediterranean nation, neighboring Israel.',
      ),
    ).toBeLessThan(0.3);
  });

  it('does not call a handful of shared words duplication', () => {
    expect(
      overlap('Putin met Erdogan.', 'Putin met Erdogan and Rouhani in Tehran on Friday for talks.'),
    ).toBeLessThan(NEAR_DUPLICATE);
  });
});

describe('coverage', () => {
  it('is directional', () => {
    expect(
      coverage('Smoke rises near Idlib', 'Smoke rises near Idlib after an air attack today'),
    ).toBe(1);
    expect(
      coverage('Smoke rises near Idlib after an air attack today', 'Smoke rises near Idlib'),
    ).toBeLessThan(1);
  });
});
