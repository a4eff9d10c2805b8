import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  hasEntityResidue,
} from '../../../src/articles/cleaning/decode-entities.ts';
import { normalizeSpacing } from '../../../src/articles/cleaning/normalize-spacing.ts';

describe('decodeEntities', () => {
  it.each([
    // The seed's broken spaced forms, with the padding spaces the breaking adds.
    ['the & # 39; illegal presence & # 39; of', "the 'illegal presence' of"],
    ['UU & # 039; s & # 039; s.', "UU's's."],
    ['don & # 39;t', "don't"],
    ['& # 34; hello & # 34; he said', '"hello" he said'],
    ['he said & # 39;we will& # 39; and left', "he said 'we will' and left"],
    // Double- and triple-encoded.
    ['it&amp;#39;s', "it's"],
    ['&amp;amp;#39;', "'"],
    ['&amp;lt;p&amp;gt;', '<p>'],
    // Named and numeric, decimal and hex, and a spaced hex one.
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['caf&eacute; &#233; &#xE9; &#x E9;', 'café é é é'],
    ['&lt;b&gt; &quot;x&quot;', '<b> "x"'],
    ['&#x1F600;', '😀'],
    ['& amp; co', '& co'],
    ['a&nbsp;b', 'a b'],
    // Not entities: left as they are.
    ['AT&T and R&D', 'AT&T and R&D'],
    ['a & b', 'a & b'],
    ['&ampx', '&ampx'],
  ])('%j -> %j', (input, expected) => {
    // Cleaning always tidies spacing after decoding; the pair is what the pipeline produces.
    const decoded = normalizeSpacing(decodeEntities(input));
    expect(decoded).toBe(expected);
    expect(hasEntityResidue(decoded)).toBe(false);
  });

  it('keeps the padding around a spaced apostrophe out of the words it joins', () => {
    expect(decodeEntities('Syria & # 039; s war')).toBe("Syria's war");
  });

  it('leaves text with no entity untouched', () => {
    const text = 'Rouhani said: "The presence must end," and left.';
    expect(decodeEntities(text)).toBe(text);
  });
});

describe('hasEntityResidue', () => {
  it.each([
    ['& # 039;', true],
    ['&amp;', true],
    ['&#x27;', true],
    ['&# 39 ;', true],
    ["it's", false],
    ['AT&T', false],
    ['a & b', false],
  ])('%j -> %j', (text, expected) => {
    expect(hasEntityResidue(text)).toBe(expected);
  });
});
