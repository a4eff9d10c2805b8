import { describe, expect, it } from 'vitest';
import { speakerKey } from '../../../src/analysis/quotes/speaker-key.ts';

describe('speakerKey', () => {
  it('folds case and diacritics', () => {
    expect(speakerKey('Erdoğan')).toBe('erdogan');
    expect(speakerKey('Recep Tayyip ERDOĞAN')).toBe('recep tayyip erdogan');
    expect(speakerKey('Helena Sørensen')).toBe('helena sorensen');
    expect(speakerKey('Łukasz Müller')).toBe('lukasz muller');
  });

  it('ignores punctuation, spacing and a leading "the"', () => {
    expect(speakerKey('  the White  House ')).toBe('white house');
    expect(speakerKey('Bashar al-Assad')).toBe('bashar al assad');
    expect(speakerKey('Halberd & Co.')).toBe('halberd co');
  });

  it('keeps different names apart', () => {
    expect(speakerKey('Putin')).not.toBe(speakerKey('Rouhani'));
  });
});
