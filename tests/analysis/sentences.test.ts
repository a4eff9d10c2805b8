import { describe, expect, it } from 'vitest';
import { quoteSpans } from '../../src/analysis/quote-spans.ts';
import { datelineEnd, paragraphSentences, splitSentences } from '../../src/analysis/sentences.ts';
import { prepareArticle } from '../../src/articles/prepare-article.ts';

/** The sentences of one paragraph, as text. */
const sentences = (paragraph: string) =>
  (paragraphSentences([paragraph])[0] ?? []).map(([s, e]) => paragraph.slice(s, e));

describe('paragraphSentences', () => {
  it('splits sentences, keeping abbreviations and quotes that close after the full stop', () => {
    expect(
      sentences('Mr. Putin met U.S. envoys on Friday. "We never want a bloodbath." Talks go on.'),
    ).toEqual([
      'Mr. Putin met U.S. envoys on Friday.',
      '"We never want a bloodbath."',
      'Talks go on.',
    ]);
  });

  it('gives offsets into each paragraph, never a sentence across paragraphs', () => {
    const paragraphs = [
      'Smoke rises over Idlib',
      'Russia resumed air strikes. Turkey objected.',
      '',
    ];
    const spans = paragraphSentences(paragraphs);
    expect(spans).toEqual([
      [[0, 22]],
      [
        [0, 27],
        [28, 44],
      ],
      [],
    ]);
  });

  it('treats a paragraph of symbols only as one sentence, and handles no paragraphs', () => {
    expect(sentences('* * *')).toEqual(['* * *']);
    expect(paragraphSentences([])).toEqual([]);
  });
});

describe('sentences of real news', () => {
  it('never cuts after a title or inside a name with initials', () => {
    expect(
      sentences(
        '"It is over," said Mr. Trump. Lt. Gov. Dan Patrick and Gen. John F. Kelly spoke to Sen. Lindsey O. Graham, and Martin Luther King Jr. Day came. Paul H. Chipok agreed.',
      ),
    ).toEqual([
      '"It is over," said Mr. Trump.',
      'Lt. Gov. Dan Patrick and Gen. John F. Kelly spoke to Sen. Lindsey O. Graham, and Martin Luther King Jr. Day came.',
      'Paul H. Chipok agreed.',
    ]);
  });

  it('keeps a party-state tag inside its sentence', () => {
    expect(
      sentences(
        'Sen. Lindsey Graham (R-S.C.) sent a letter to Comey, who did not reply. He waited.',
      ),
    ).toEqual([
      'Sen. Lindsey Graham (R-S.C.) sent a letter to Comey, who did not reply.',
      'He waited.',
    ]);
  });

  it('leaves a dateline out of the first sentence', () => {
    const p = 'COLUMBIA, S.C. (AP) — Gov. Nikki Haley said Tuesday she would run. Aides agreed.';
    expect(sentences(p)).toEqual(['Gov. Nikki Haley said Tuesday she would run.', 'Aides agreed.']);
    expect(sentences('WASHINGTON (Reuters) - Markets fell.')).toEqual(['Markets fell.']);
    expect(sentences('BOCA RATON, Fla. -- Weeds grow.')).toEqual(['Weeds grow.']);
    expect(datelineEnd('NEW YORK-based firms grew.')).toBe(0);
    expect(datelineEnd('I said so.')).toBe(0);
  });

  it('reads "No." as an abbreviation only before a number', () => {
    expect(sentences('He is the No. 2 official. Asked again, he said no. Then he left.')).toEqual([
      'He is the No. 2 official.',
      'Asked again, he said no.',
      'Then he left.',
    ]);
  });

  it('ends a sentence after "U.S." or "Inc." only when a sentence-opening word follows', () => {
    expect(
      sentences(
        'The U.S. Senate voted. He moved to the U.S. The vote came after Apple Inc. said it would sue.',
      ),
    ).toEqual([
      'The U.S. Senate voted.',
      'He moved to the U.S.',
      'The vote came after Apple Inc. said it would sue.',
    ]);
  });

  it('keeps a question in quotes with its attribution, and splits inside quotations', () => {
    expect(
      sentences("''Can we win Illinois?'' Mr. Manafort asked. ''I don't know. But we can.''"),
    ).toEqual(["''Can we win Illinois?'' Mr. Manafort asked.", "''I don't know.", "But we can.''"]);
    expect(sentences('"We won. It is over," he said. (He left.) Fine.')).toEqual([
      '"We won.',
      'It is over," he said.',
      '(He left.)',
      'Fine.',
    ]);
  });

  it('does not end a sentence at an ellipsis', () => {
    expect(sentences('I have never met ... Doley. We all took pay cuts.')).toEqual([
      'I have never met ... Doley.',
      'We all took pay cuts.',
    ]);
  });

  it('never breaks inside a chat mention token', () => {
    const p = 'Ask <!subteam^S1|the team. Now> today. Then <@123> replied.';
    expect(sentences(p)).toEqual([
      'Ask <!subteam^S1|the team. Now> today.',
      'Then <@123> replied.',
    ]);
  });

  it('stays linear with thousands of quotations and no full stop', () => {
    const paragraph = 'he said "yes" and '.repeat(20_000);
    expect(splitSentences(paragraph, quoteSpans(paragraph))).toEqual([[0, paragraph.length - 1]]);
    const stops = 'Yes. "No." '.repeat(20_000);
    expect(splitSentences(stops, quoteSpans(stops))).toHaveLength(40_000);
  });
});

describe('chat tokens and soft hyphens (hostile input)', () => {
  const split = (p: string) => paragraphSentences([p])[0]!.map(([a, b]) => p.slice(a, b));

  it('never breaks inside <!here> or another chat token, so no "here> …" sentence', () => {
    for (const p of [
      'Go now! <!here> Everyone must leave. Then we talk.',
      'Stop <!here>! Now go.',
      'Alert.<!here> Everyone must leave.',
      'We will not allow <!channel> provocations. Next one.',
    ]) {
      const sentences = split(p);
      expect(sentences.join(' ')).toBe(p.replace(/\s+/g, ' '));
      for (const s of sentences) expect(s, p).not.toMatch(/^[a-z]+>/);
    }
  });

  it('reads a name with a soft hyphen as one name, and the cleaner drops the hyphen', () => {
    const p = 'He met Sen. Lind\u00adsey Gra\u00adham. Then he left.';
    expect(split(p)).toEqual(['He met Sen. Lind\u00adsey Gra\u00adham.', 'Then he left.']);
    const article = prepareArticle({
      raw: `Title\n\n"We will win," said Lind\u00adsey Gra\u00adham on Monday.`,
      format: 'text',
      origin: 'soft-hyphen',
    });
    expect(article.quotes.map((q) => q.speaker)).toEqual(['Lindsey Graham']);
  });
});
