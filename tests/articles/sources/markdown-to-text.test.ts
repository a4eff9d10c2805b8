import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../../src/articles/prepare-article.ts';
import { markdownToText } from '../../../src/articles/sources/markdown-to-text.ts';
import { SourceError } from '../../../src/articles/sources/source-error.ts';

describe('markdownToText', () => {
  it.each([
    ['# Rouhani warns the US', 'Rouhani warns the US'],
    ['## Sub heading ##', 'Sub heading'],
    ['A **bold** and *emphasised* and _under_ word', 'A bold and emphasised and under word'],
    ['See [the report](https://example.org/r) now', 'See the report now'],
    ['![a photo](/img.jpg)Text', 'Text'],
    ['> "We never want a bloodbath," he said.', '"We never want a bloodbath," he said.'],
    ['Use `code` here', 'Use code here'],
    ['before<!-- hidden -->after', 'beforeafter'],
    ['---', ''],
    ['2 * 3 * 4 = 24', '2 * 3 * 4 = 24'],
    ['snake_case_name stays', 'snake_case_name stays'],
  ])('%j -> %j', (markdown, expected) => {
    expect(markdownToText(markdown)).toBe(expected);
  });

  // The constructs of issue 13 (item 9): 11 of 13 came out wrong from the hand-written parser.
  it.each([
    ['setext heading', 'Leaders meet\n============\n\nBody text.', 'Leaders meet\n\nBody text.'],
    [
      'reference link',
      'See [the report][r] now.\n\n[r]: https://example.org/r',
      'See the report now.',
    ],
    ['escapes', '\\*not emphasis\\* and 1\\. not a list', '*not emphasis* and 1. not a list'],
    ['autolink', 'Visit <https://example.org/a> today.', 'Visit https://example.org/a today.'],
    ['~~~ fence', '~~~\nconst x = 1;\n~~~\n\nAfter.', 'After.'],
    ['indented code', 'Before.\n\n    const x = 1;\n\nAfter.', 'Before.\n\nAfter.'],
    ['table', '| Name | Votes |\n|---|---|\n| Ann | 12 |', 'Name | Votes\n\nAnn | 12'],
    ['footnote', 'A claim.[^1]\n\n[^1]: The source note.', 'A claim.\n\nThe source note.'],
    ['strikethrough', 'The ~~old~~ plan.', 'The old plan.'],
    [
      'link URL with parentheses',
      'See [the page](https://en.wikipedia.org/wiki/Idlib_(city)) now.',
      'See the page now.',
    ],
    ['lists of each kind, one item a paragraph', '- one\n* two\n1. three', 'one\n\ntwo\n\nthree'],
    ['hard line break', 'Line one  \nline two', 'Line one\nline two'],
    ['inline HTML', 'a <b>bold</b> word', 'a bold word'],
  ])('%s', (_name, markdown, expected) => {
    expect(markdownToText(markdown)).toBe(expected);
  });

  it('cleans a Markdown article, keeping paragraphs and quote marks', () => {
    const md = `# Leaders meet in Tehran\n\nIranian President **Hassan Rouhani** said the "illegal interference" of the US must end.\n\n> "We never want Idlib to become a bloodbath," Erdogan said.\n\nAdvertisement\n\n- Turkey hosts 3.5 million refugees.`;
    const out = cleanInput({ raw: md, format: 'markdown', origin: 'a.md' });
    expect(out.title).toBe('Leaders meet in Tehran');
    expect(out.paragraphs).toEqual([
      'Iranian President Hassan Rouhani said the "illegal interference" of the US must end.',
      '"We never want Idlib to become a bloodbath," Erdogan said.',
      'Turkey hosts 3.5 million refugees.',
    ]);
  });

  it('keeps paragraph breaks after a heading, before a list and around a rule', () => {
    expect(markdownToText('# Title here\n\nBody.\n\nText\n\n- item\n\n***\n\nEnd.')).toBe(
      'Title here\n\nBody.\n\nText\n\nitem\n\nEnd.',
    );
  });

  it('refuses quotes and lists nested past the limit, before parsing them', () => {
    // Before the limit: 500 nested list items took 108 s; 10,000 nested quotes overflowed the stack.
    for (const md of [
      '>'.repeat(10_000),
      Array.from({ length: 500 }, (_, i) => `${' '.repeat(2 * i)}- item`).join('\n'),
    ]) {
      expect(() => markdownToText(md)).toThrow(SourceError);
      expect(() => markdownToText(md)).toThrow(
        /^Markdown refused: its quotes and lists nest more than 32 levels deep/,
      );
    }
    expect(markdownToText('> > > three levels')).toBe('three levels');
  });
});

describe('markdownToText on pathological runs', () => {
  /** CPU time of `f` (neighbours on a busy machine do not count), best of 3 after a warm-up. */
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
  const SIZE = 18_000;
  const repeated = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length));

  // micromark rescanned the paragraph at each of these: 72 KB of `]` took 193 s and of `*a_`
  // 195 s, growing with the square of the length. markdown-it grows linearly, though some runs
  // cost far more per byte than prose ("![": 100-150x warm prose, 0.2 s for 72 KB). So the test
  // is the growth, measured within one process so a busy machine cancels out: eight times the
  // text may cost 40 times the time (linear: 8x; up to 26x seen with three such processes on two
  // cores, as the heap grows; quadratic: 64x).
  it.each([']', '*a_', '"]]>"said', '**"x', '_*', '[a](', '~~x', '![', '[![', '- ['])(
    '%j repeated does not grow with the square of its length',
    (unit) => {
      const small = cpuMs(() => markdownToText(repeated(unit, SIZE)));
      const large = cpuMs(() => markdownToText(repeated(unit, 8 * SIZE)));
      expect(large / Math.max(small, 2)).toBeLessThan(40);
    },
  );
});
