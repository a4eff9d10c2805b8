import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/articles/cleaning/clean-article.ts';
import {
  comparable,
  NEAR_DUPLICATE,
  overlap,
} from '../../../src/articles/cleaning/compare-text.ts';
import {
  decodeEntities,
  hasEntityResidue,
} from '../../../src/articles/cleaning/decode-entities.ts';
import { truncationReasons } from '../../../src/articles/cleaning/find-truncated.ts';
import { normalizeSpacing } from '../../../src/articles/cleaning/normalize-spacing.ts';
import { splitParagraphs } from '../../../src/articles/cleaning/split-paragraphs.ts';
import { SAMPLES } from '../../../src/paths.ts';

// The seed (same bytes as shared/seeds/000_63b4e5284efe75b4.txt): 94 raw paragraphs in; out, a
// title, 57 body paragraphs and 5 captions, and 37 removals, one per paragraph that left the body:
// the headline, a stray ".", the cut-off second line, 5 captions moved, 29 copies of captions.
const raw = readFileSync(join(SAMPLES, 'idlib-tehran-summit.txt'), 'utf8');
const rawParagraphs = splitParagraphs(raw);
const out = cleanText(raw);

function pairs<T>(items: readonly T[]): Array<[T, T]> {
  const result: Array<[T, T]> = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) result.push([items[i] as T, items[j] as T]);
  return result;
}

describe('cleanText on the seed: 94 raw paragraphs -> 57 body, 5 captions, 1 title', () => {
  it('has the counts noted above', () => {
    expect(rawParagraphs).toHaveLength(94);
    expect(out.paragraphs).toHaveLength(57);
    expect(out.captions).toHaveLength(5);
    expect(out.removed).toHaveLength(37);
  });

  it('finds the headline', () => {
    expect(out.title).toBe(
      "Illegal US interference UU's's. in Syria must end, warns Rouhani as he meets Putin and Erdogan",
    );
  });

  it('leaves no entity residue', () => {
    expect(hasEntityResidue(raw)).toBe(true);
    for (const text of [out.title, ...out.paragraphs, ...out.captions]) {
      expect(hasEntityResidue(text), text).toBe(false);
    }
    expect(out.paragraphs.join('\n')).toContain("the 'illegal presence' of the United States");
  });

  it('has no paragraph twice, exactly or nearly', () => {
    const keys = out.paragraphs.map(comparable);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [a, b] of pairs(out.paragraphs)) {
      expect(overlap(a, b), `${a}\n${b}`).toBeLessThan(NEAR_DUPLICATE);
    }
  });

  it('has no truncated fragment', () => {
    expect(truncationReasons(out.paragraphs)).toEqual(out.paragraphs.map(() => undefined));
    expect(out.paragraphs).not.toContain(
      'Iranian President Hassan Rouhani (center) has said that the',
    );
  });

  it('has each caption once, none in the body', () => {
    const keys = out.captions.map(comparable);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [a, b] of pairs(out.captions)) expect(overlap(a, b)).toBeLessThan(NEAR_DUPLICATE);
    expect(out.captions).toContain(
      'Smoke rises near the Syrian village of Kafr Ain in the southern countryside of Idlib province after an air attack today',
    );
    for (const p of out.paragraphs) expect(p).not.toMatch(/\((center|left|right|pictured)/);
  });

  it('fixes spacing and keeps quote marks', () => {
    expect(out.paragraphs.some((p) => / [.,]$/.test(p) || / \. /.test(p))).toBe(false);
    expect(out.paragraphs).toContain(
      '"We never want Idlib to become a bloodbath," Erdogan told his Iranian and Russian counterparts on Friday.',
    );
  });

  it('accounts for every raw paragraph: body, title, caption, or removed with a reason', () => {
    const kept = new Set([out.title, ...out.paragraphs, ...out.captions]);
    const removed = new Map<string, number>();
    for (const r of out.removed) {
      expect(r.reason.length).toBeGreaterThan(5);
      removed.set(r.text, (removed.get(r.text) ?? 0) + 1);
    }
    for (const p of rawParagraphs) {
      const text = normalizeSpacing(decodeEntities(p));
      const where = removed.get(text) ?? 0;
      if (where > 0) removed.set(text, where - 1);
      else expect(kept.has(text), text).toBe(true);
    }
    // Every removal is one raw paragraph: none is listed twice.
    expect([...removed.values()].every((n) => n === 0)).toBe(true);
  });
});
