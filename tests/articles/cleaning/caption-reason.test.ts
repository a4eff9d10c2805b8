import { describe, expect, it } from 'vitest';
import { captionReason } from '../../../src/articles/cleaning/caption-reason.ts';

describe('captionReason', () => {
  it.each([
    ['Erdogan (center) called for a ceasefire in Idlib', 'photo caption (position marker)'],
    ['Putin (left) and Rouhani', 'photo caption (position marker)'],
    ['Putin (left with Erdogan) warned the militants', 'photo caption (position marker)'],
    ['Putin (L), Rouhani (C) and Erdogan (R) pose', 'photo caption (position marker)'],
    ['Iranian President Hassan Rouhani (pictured today) says', 'photo caption (position marker)'],
    ['Turkish leader Erdogan is photographed today with Putin', 'photo caption (pictured)'],
    ['The two leaders, pictured here in Tehran', 'photo caption (pictured)'],
    ['Photo: AFP', 'photo caption (credit line)'],
    ['(Photo by John Doe/Getty Images)', 'photo caption (credit line)'],
    ['AP Photo/Hussein Malla', 'photo caption (credit line)'],
  ])('%j', (text, reason) => {
    expect(captionReason(text)).toBe(reason);
  });

  it.each([
    'Russia (RUS) and the US (USA) met in Geneva.',
    'They met in the capital (Tehran) today.',
    'The photos are on display at the museum, the curator said.',
    'Hundreds of civilians have already started fleeing Idlib.',
    'Gov. Phil Bryant (R) said he expects an "aggressive appeal" of the ruling.',
  ])('%j is body text', (text) => {
    expect(captionReason(text)).toBeUndefined();
  });
});
