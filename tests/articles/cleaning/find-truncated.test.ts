import { describe, expect, it } from 'vitest';
import { truncationReasons } from '../../../src/articles/cleaning/find-truncated.ts';

const FULL =
  'Iranian President Hassan Rouhani (center) has said that the "illegal interference" of the United States in Syria must end.';

/** The reason for paragraph `index` of `all`. */
const truncationReason = (_text: string, index: number, all: readonly string[]) =>
  truncationReasons(all)[index];

describe('truncationReasons', () => {
  it('finds the seed second line: a prefix of a longer paragraph', () => {
    const all = ['Iranian President Hassan Rouhani (center) has said that the', FULL];
    expect(truncationReason(all[0]!, 0, all)).toBe('truncated fragment (start of paragraph 2)');
    expect(truncationReason(all[1]!, 1, all)).toBeUndefined();
  });

  it('finds a prefix that comes after the full paragraph too', () => {
    const all = [FULL, 'Something else entirely happened.', 'Iranian President Hassan Rouhani'];
    expect(truncationReason(all[2]!, 2, all)).toBe('truncated fragment (start of paragraph 1)');
  });

  it.each([
    'He said the talks in Tehran were',
    'The leaders met to discuss the',
    'Turkey fears an avalanche of refugees and',
  ])('finds %j: ends mid-sentence', (text) => {
    expect(truncationReason(text, 0, [text])).toBe('truncated fragment (ends mid-sentence)');
  });

  it.each([
    // A finished sentence is whole even when a longer paragraph starts with it.
    [
      'He said the talks were over.',
      ['He said the talks were over.', 'He said the talks were over. Then he left.'],
    ],
    ['"We never want Idlib to become a bloodbath," Erdogan said', ['x']],
    ['Rouhani said', ['Rouhani said']],
    ['Hundreds flee Idlib', ['Hundreds flee Idlib']],
    ['Short', ['Short', 'Short and longer']],
    // A closing mark typed as an opening one after the full stop: the sentence is finished.
    ['“They can look at the data,” he said. “They see that. “', ['x']],
  ])('keeps %j', (text, all) => {
    expect(truncationReason(text, 0, [text, ...all.slice(1)])).toBeUndefined();
  });

  it('names the first longer paragraph in the article, whatever the order of their words', () => {
    const all = [
      'Zebra crossings were painted on Main Street last week.',
      `${FULL} More followed.`,
      'Iranian President Hassan Rouhani (center) has said',
      FULL,
    ];
    expect(truncationReasons(all)).toEqual([
      undefined,
      undefined,
      'truncated fragment (start of paragraph 2)',
      undefined,
    ]);
  });

  it('grows with the paragraph count, not its square', () => {
    /** CPU time of `f`, best of 3 after a warm-up: neighbours on a busy machine do not count. */
    const cpuMs = (f: () => void) => {
      f();
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const start = process.cpuUsage();
        f();
        const used = process.cpuUsage(start);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    // Unfinished paragraphs, each compared with every other before: 5,000 took 1.1 s. Both
    // sizes above the key cache's 4,096 entries, so both pay for their keys alike.
    const article = (n: number) =>
      Array.from({ length: n }, (_, i) => `Paragraph number ${i} says that`);
    const small = article(5_000);
    const large = article(40_000);
    expect(
      cpuMs(() => truncationReasons(large)) /
        Math.max(
          cpuMs(() => truncationReasons(small)),
          1,
        ),
    ).toBeLessThan(24);
  });
});
