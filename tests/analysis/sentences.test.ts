import { describe, expect, it } from 'vitest';
import { paragraphSentences, renewingReader } from '../../src/analysis/sentences.ts';

/** One paragraph on its own, as a document of one paragraph. */
const splitSentences = (paragraph: string) => paragraphSentences([paragraph])[0] ?? [];

const texts = (paragraph: string, spans: Array<[number, number]>) =>
  spans.map(([s, e]) => paragraph.slice(s, e));

describe('paragraphSentences', () => {
  it('splits sentences, keeping abbreviations and quotes that close after the full stop', () => {
    const p = 'Mr. Putin met U.S. envoys on Friday. "We never want a bloodbath." Talks go on.';
    expect(texts(p, splitSentences(p))).toEqual([
      'Mr. Putin met U.S. envoys on Friday.',
      '"We never want a bloodbath."',
      'Talks go on.',
    ]);
  });

  it('gives offsets into each paragraph, never a sentence across paragraphs', () => {
    // The first paragraph ends without a full stop: the blank line between them still ends it.
    const paragraphs = [
      'Smoke rises over Idlib',
      'Russia resumed air strikes. Turkey objected.',
      '',
    ];
    const spans = paragraphSentences(paragraphs);
    expect(spans).toHaveLength(3);
    expect(texts(paragraphs[0] as string, spans[0] ?? [])).toEqual(['Smoke rises over Idlib']);
    expect(texts(paragraphs[1] as string, spans[1] ?? [])).toEqual([
      'Russia resumed air strikes.',
      'Turkey objected.',
    ]);
    expect(spans[2]).toEqual([]);
  });

  it('gives the same spans for an article as for its paragraphs one by one', () => {
    const paragraphs = [
      'The talks ended on Friday. Erdogan called for a ceasefire.',
      '"Any attack will result in a disaster," he said. Rouhani disagreed…',
      '— AFP',
      'Dr. Jones, of the U.N., said 3.5 million people live there.',
    ];
    expect(paragraphSentences(paragraphs)).toEqual(paragraphs.map((p) => splitSentences(p)));
  });

  it('treats a paragraph of symbols only as one sentence, and handles no paragraphs', () => {
    expect(splitSentences('* * *')).toEqual([[0, 5]]);
    expect(paragraphSentences([])).toEqual([]);
  });
});

describe('renewingReader', () => {
  it('loads a fresh instance after each `limit` documents, and not before the first', () => {
    let loads = 0;
    const read = renewingReader(2, () => {
      loads++;
      const instance = loads;
      return { readDoc: (text: string) => ({ text, instance }) as never };
    });
    expect(loads).toBe(0);
    const instances = ['a', 'b', 'c', 'd', 'e'].map(
      (t) => (read(t) as unknown as { instance: number }).instance,
    );
    expect(instances).toEqual([1, 1, 2, 2, 3]);
    expect(loads).toBe(3);
  });
});
