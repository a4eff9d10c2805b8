import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparable,
  coverage,
  isNearDuplicate,
  NEAR_DUPLICATE,
  overlap,
} from '../../../src/articles/cleaning/compare-text.ts';
import { decodeEntities } from '../../../src/articles/cleaning/decode-entities.ts';
import { normalizeSpacing } from '../../../src/articles/cleaning/normalize-spacing.ts';
import { splitParagraphs } from '../../../src/articles/cleaning/split-paragraphs.ts';
import { SAMPLES } from '../../../src/paths.ts';

describe('comparable', () => {
  it.each([
    ['Erdoğan', 'erdogan'],
    ['  "Hello," she said!  ', 'hello she said'],
    ["Syria's war", 'syria s war'],
    ['Ｆｕｌｌ width', 'full width'],
  ])('%j -> %j', (text, expected) => {
    expect(comparable(text)).toBe(expected);
  });

  it("takes its ASCII shortcuts only where they give the general rule's key, on every code point", () => {
    // The general rule: decompose, drop marks, lowercase, anything but letters and digits is a space.
    const general = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const differ: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCodePoint(cp);
      for (const text of [`Ab${c}cD`, `${c}é`, `Ab${c}Cd É${c}`]) {
        if (comparable(text) !== general(text)) differ.push(cp.toString(16));
      }
    }
    expect(differ).toEqual([]);
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

describe('isNearDuplicate', () => {
  it('agrees with equal keys or overlap >= NEAR_DUPLICATE on every pair of the seed paragraphs', () => {
    const raw = readFileSync(join(SAMPLES, 'idlib-tehran-summit.txt'), 'utf8');
    const paragraphs = splitParagraphs(raw).map((p) => normalizeSpacing(decodeEntities(p)));
    let near = 0;
    for (const a of paragraphs) {
      for (const b of paragraphs) {
        const expected = comparable(a) === comparable(b) || overlap(a, b) >= NEAR_DUPLICATE;
        if (expected) near++;
        expect(isNearDuplicate(a, b), `${a}\n${b}`).toBe(expected);
      }
    }
    // Both verdicts occur: the seed has copies and rewordings, and different paragraphs.
    expect(near).toBeGreaterThan(paragraphs.length);
    expect(near).toBeLessThan(paragraphs.length ** 2);
  });
});

describe('coverage of several paragraphs', () => {
  it('counts them as their concatenation', () => {
    const inner = 'Smoke rises near Idlib after an air attack today';
    expect(coverage(inner, 'Smoke rises near Idlib', 'after an air attack today')).toBe(1);
    expect(coverage(inner, 'Smoke rises near Idlib after an air attack today')).toBe(1);
    expect(coverage(inner, 'Smoke rises', 'near Idlib')).toBe(0.5);
  });
});
