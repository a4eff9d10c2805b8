import { describe, expect, it } from 'vitest';
import { cleanParagraphs, cleanText } from '../../../src/articles/cleaning/clean-article.ts';

const A = 'Hundreds of civilians have already started fleeing Idlib before the battle.';
const B = 'Turkey, which has long supported the Syrian rebels, fears an avalanche of refugees.';
const C = 'Iran wants to maintain its position in the Mediterranean nation, neighboring Israel.';

describe('cleanParagraphs: duplicates', () => {
  it('drops an exact duplicate, keeping the first occurrence', () => {
    const out = cleanParagraphs({ title: 'T', paragraphs: [A, B, A, C] });
    expect(out.paragraphs).toEqual([A, B, C]);
    expect(out.removed).toEqual([
      { text: A, reason: 'duplicate paragraph (same as source paragraph 1)' },
    ]);
  });

  it('drops a copy that differs only in case, punctuation and diacritics', () => {
    const copy = 'hundreds of civilians have ALREADY started fleeing Ídlib before the battle';
    const out = cleanParagraphs({ title: 'T', paragraphs: [A, B, copy] });
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.removed.map((r) => r.text)).toEqual([copy]);
  });

  it('drops a reworded near-duplicate (the seed\'s "gap" and "vacuum")', () => {
    const gap =
      'And Russia wants to maintain its regional presence to fill the gap left by the long uncertainty of the United States about what it wants in the conflict.';
    const vacuum = gap.replace('gap', 'vacuum');
    const out = cleanParagraphs({ title: 'T', paragraphs: [gap, B, vacuum] });
    expect(out.paragraphs).toEqual([gap, B]);
    expect(out.removed[0]?.reason).toMatch(/^duplicate paragraph/);
  });

  it('keeps the longer copy, in the earlier place, over a cut-down earlier one', () => {
    const short =
      'The terrified Syrians are making impromptu gas masks in paper cups amid fears of chemical attacks.';
    const long = `${short.slice(0, -1)} during an attempt to seize the remaining rebel stronghold of the country.`;
    const out = cleanParagraphs({ title: 'T', paragraphs: [short, B, long] });
    expect(out.paragraphs).toEqual([long, B]);
    expect(out.removed).toEqual([
      { text: short, reason: 'duplicate paragraph (shorter copy of source paragraph 3)' },
    ]);
  });

  it('removes a fragment that is the start of a later paragraph', () => {
    const fragment = 'The president of Iran, Hassan Rouhani, has said that the';
    const full = `${fragment} "illegal interference" of the United States in Syria must end.`;
    const out = cleanParagraphs({ title: 'T', paragraphs: [fragment, full, B] });
    expect(out.paragraphs).toEqual([full, B]);
    expect(out.removed).toEqual([
      { text: fragment, reason: 'truncated fragment (start of paragraph 2)' },
    ]);
  });

  it('keeps different paragraphs on the same topic', () => {
    const out = cleanParagraphs({ title: 'T', paragraphs: [A, B, C] });
    expect(out.paragraphs).toEqual([A, B, C]);
    expect(out.removed).toEqual([]);
  });
});

describe('cleanParagraphs: captions', () => {
  it.each([
    ['Erdogan (center) called for a ceasefire in the province of Idlib', 'position marker'],
    ['Rouhani (left) and Putin met in the Iranian capital', 'position marker'],
    ['Iranian President Hassan Rouhani (pictured today) at the summit', 'position marker'],
    ['Turkish leader Erdogan is photographed today with Putin', 'pictured'],
    ['Photo: Kayhan Ozer / Presidential Press Service', 'credit line'],
  ])('moves %j to captions', (caption, kind) => {
    const out = cleanParagraphs({ title: 'T', paragraphs: [A, caption, B] });
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.captions).toEqual([caption]);
    expect(out.removed).toEqual([
      { text: caption, reason: `photo caption (${kind}), moved to captions` },
    ]);
  });

  it('keeps a tripled gallery caption once, and lists each paragraph once', () => {
    const smoke = 'Smoke rises near the Syrian village of Kafr Ain after an air attack today';
    const out = cleanParagraphs({ title: 'T', paragraphs: [A, smoke, smoke, smoke, B] });
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.captions).toEqual([smoke]);
    expect(out.removed).toHaveLength(3);
    expect(out.removed.map((r) => r.reason)).toEqual([
      'photo caption (repeated gallery text), moved to captions',
      'repeated caption (same as source paragraph 2)',
      'repeated caption (same as source paragraph 2)',
    ]);
  });

  it('drops a marked caption that only repeats a body paragraph', () => {
    const body =
      'Meanwhile, Erdogan called for a ceasefire and the end of the airstrikes in Idlib, something that was not immediately accepted by Putin and Rouhani.';
    const caption =
      'Erdogan (center) called for a ceasefire and the end of the airstrikes in Idlib, something that was not immediately accepted by Putin (left) and Rouhani';
    const out = cleanParagraphs({ title: 'T', paragraphs: [caption, caption, caption, A, body] });
    expect(out.paragraphs).toEqual([A, body]);
    expect(out.captions).toEqual([]);
    expect(out.removed).toHaveLength(3);
    for (const r of out.removed) expect(r.reason).toBe('caption repeats source paragraph 5');
  });

  it('keeps captions a source separated, once each, without a body entry', () => {
    const out = cleanParagraphs({
      title: 'T',
      paragraphs: [A, B],
      captions: ['Smoke over Idlib', 'Smoke over Idlib', 'Putin and Erdogan in Tehran'],
    });
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.captions).toEqual(['Smoke over Idlib', 'Putin and Erdogan in Tehran']);
    expect(out.removed).toEqual([
      { text: 'Smoke over Idlib', reason: 'repeated caption (same as an earlier caption)' },
    ]);
  });
});

describe('cleanParagraphs: title and boilerplate', () => {
  it('takes a headline-like first line as the title', () => {
    const out = cleanText(`Rouhani warns the US over Syria\n\n${A}\n\n${B}`);
    expect(out.title).toBe('Rouhani warns the US over Syria');
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.removed).toEqual([
      { text: 'Rouhani warns the US over Syria', reason: 'headline (moved to title)' },
    ]);
  });

  it('does not take a first sentence as the title, and falls back to it shortened', () => {
    const out = cleanText(`${A}\n\n${B}`);
    expect(out.paragraphs).toEqual([A, B]);
    expect(out.title).toBe(A);
  });

  it('drops the given title when the body repeats it', () => {
    const out = cleanParagraphs({
      title: 'Rouhani warns the US',
      paragraphs: ['Rouhani warns the US', A],
    });
    expect(out.paragraphs).toEqual([A]);
    expect(out.removed[0]?.reason).toBe('headline repeated in the body');
  });

  it('removes boilerplate lines with their reason', () => {
    const out = cleanParagraphs({
      title: 'T',
      paragraphs: [
        A,
        '.',
        'Advertisement',
        B,
        'Share this article',
        'Loading Photo Gallery',
        'Follow AFP on Twitter',
        C,
      ],
    });
    expect(out.paragraphs).toEqual([A, B, C]);
    expect(out.removed.map((r) => r.reason)).toEqual([
      'boilerplate (punctuation only)',
      'boilerplate (advertisement)',
      'boilerplate (share prompt)',
      'boilerplate (gallery placeholder)',
      'boilerplate (social prompt)',
    ]);
  });

  it('decodes, tidies and composes every paragraph', () => {
    const out = cleanText(
      'Title of the story here\n\nRouhani attacked the & # 39; illegal presence & # 39; of the US, today .\n\nErdog\u0306an &amp;#39;s reply.',
    );
    expect(out.paragraphs).toEqual([
      "Rouhani attacked the 'illegal presence' of the US, today.",
      "Erdoğan 's reply.",
    ]);
  });
});
