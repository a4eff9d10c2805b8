import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toParagraphs } from '../../../scripts/bench-quotes.ts';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { dice, type LabelledQuote, quoteWords } from '../../../src/analysis/quotes/score-quotes.ts';
import { speakerKey } from '../../../src/analysis/quotes/speaker-key.ts';

const fixture = (name: string) => new URL(`../../fixtures/quotes/${name}`, import.meta.url);
const seedParagraphs = toParagraphs(readFileSync(fixture('seed.txt'), 'utf8'));
const seedLabels = JSON.parse(readFileSync(fixture('seed.quotes.json'), 'utf8')) as LabelledQuote[];

const quotesOf = (...paragraphs: string[]) => extractQuotes(paragraphs).quotes;

/** The least CPU time of two runs of `fn`, in milliseconds. */
function cpuMs(fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe('extractQuotes on the seed article', () => {
  const analysis = extractQuotes(seedParagraphs);

  it.each(seedLabels.map((l) => [`${l.kind} ¶${l.paragraph} ${l.quote.slice(0, 40)}`, l] as const))(
    'finds %s with its speaker',
    (_, label) => {
      const match = analysis.quotes.find(
        (q) =>
          q.kind === label.kind &&
          q.paragraph === label.paragraph &&
          dice(quoteWords(q.quote), quoteWords(label.quote)) >= 0.9,
      );
      expect(match, label.quote).toBeDefined();
      expect(speakerKey(match!.speaker)).toBe(speakerKey(label.speaker));
    },
  );

  it('finds nothing the labels do not have', () => {
    expect(analysis.quotes).toHaveLength(seedLabels.length);
  });

  it('gives offsets into the joined clean text', () => {
    const text = seedParagraphs.join('\n\n');
    for (const q of analysis.quotes) expect(text.slice(q.start, q.end)).toBe(q.quote);
  });

  it('clusters names to their longest form and keeps roles apart', () => {
    const rouhani = analysis.speakers.find((s) => s.name === 'Hassan Rouhani');
    expect(rouhani).toMatchObject({ kind: 'person', role: 'The president of Iran' });
    expect(rouhani!.aliases).toContain('Rouhani');
    expect(analysis.speakers.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Vladimir Putin',
        'Recep Tayyip Erdogan',
        'the Syrian Observatory for Human Rights',
      ]),
    );
    expect(analysis.speakers.find((s) => s.name.includes('Observatory'))?.kind).toBe(
      'organisation',
    );
  });

  it('records the cue verb', () => {
    const told = analysis.quotes.find((q) => q.quote.startsWith('We never want Idlib'));
    expect(told).toMatchObject({ cue: 'told', speaker: 'Recep Tayyip Erdogan', kind: 'direct' });
  });
});

describe('extractQuotes patterns', () => {
  it('splits a quote broken by its attribution into two quotes of one speaker', () => {
    const q = quotesOf('"We are ready," said Anna Berg, the mayor. "But we need help."');
    expect(q.map((x) => [x.quote, x.speaker, x.role])).toEqual([
      ['We are ready', 'Anna Berg', 'the mayor'],
      ['But we need help.', 'Anna Berg', 'the mayor'],
    ]);
  });

  it('resolves "she" to the most recent compatible person, not a man named since', () => {
    const q = quotesOf(
      'Ms Clara Holt met Mr Peter Vance on Monday.',
      'Vance said nothing. “It was a good meeting,” she said.',
    );
    expect(q.find((x) => x.kind === 'direct')?.speaker).toBe('Clara Holt');
  });

  it('gives a paragraph that is only a quote to the previous speaker, across paragraphs', () => {
    const q = quotesOf(
      '“We will open the border next week,” Interior Minister Sara Lind told reporters. “Not before.',
      '“The checks must be finished first.”',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Sara Lind', 'Sara Lind', 'Sara Lind']);
    expect(q[0]!.role).toBe('Interior Minister');
  });

  it('treats titles of works in quotes as no speech', () => {
    const q = quotesOf(
      'The campaign ran an ad titled "Build It Better" and a film, "The Paper Plan," in May.',
      'She has written a novel, "The Long Winter," set in Oslo.',
    );
    expect(q).toEqual([]);
  });

  it('takes slogans and nicknames someone uses as their words (the labelling rule of real news)', () => {
    const q = quotesOf(
      'Mayor Ann Lee ran under the slogan "Build It Better". But critics dubbed it "the paper plan".',
    );
    expect(q.map((x) => [x.speaker, x.quote])).toEqual([
      ['Ann Lee', 'Build It Better'],
      ['critics', 'the paper plan'],
    ]);
  });

  it('finds reported speech, "according to" and sentence-final attributions', () => {
    const q = quotesOf(
      'The ministry said in a statement that the bridge would reopen in May.',
      'Traffic fell by a third, according to the city transport office.',
      'Two lanes will stay closed until June, officials said.',
    );
    expect(q.map((x) => [x.kind, x.speaker, x.quote])).toEqual([
      ['reported', 'the ministry', 'the bridge would reopen in May'],
      ['reported', 'the city transport office', 'Traffic fell by a third'],
      ['reported', 'officials', 'Two lanes will stay closed until June'],
    ]);
  });

  it('resolves "the official" to the described speaker and "it" to the organisation', () => {
    const q = quotesOf(
      'A senior EU official, speaking on condition of anonymity, said the talks had stalled. "We are stuck," the official said.',
      'The Northwind Group said it would appeal. It added that the ruling was "deeply flawed."',
    );
    expect(q.map((x) => x.speaker)).toEqual([
      'a senior EU official',
      'a senior EU official',
      'the Northwind Group',
      'the Northwind Group',
      'the Northwind Group',
    ]);
  });

  it('keeps nested quotes inside the outer quote', () => {
    const q = quotesOf('“He shouted ‘Run!’ and we ran,” said Tom Reed.');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ quote: 'He shouted ‘Run!’ and we ran', speaker: 'Tom Reed' });
  });

  it('starts a new quotation at an opening mark inside an open curly one', () => {
    const q = quotesOf(
      '“We were hated,” Ann Lee said. “They revel in it. “There is another side,” Lee said.',
    );
    expect(q.map((x) => x.quote)).toEqual([
      'We were hated',
      'They revel in it.',
      'There is another side',
    ]);
  });

  it('nests curly quotes inside a quotation a straight mark opened', () => {
    const nested = quotesOf('"We heard “Run!” and we ran," said Tom Reed.');
    expect(nested.map((x) => x.quote)).toEqual(['We heard “Run!” and we ran']);
  });

  it('pairs like marks where a paragraph mixes them, with the speaker read between', () => {
    // Mixed typing: the straight quotation runs to the next straight mark, over the curly ones
    // (as the labels of real news delimit it); the cue between still names the speaker, and the
    // writer's words between the pieces are left out of the quote ("A … B"), which users read
    // as verbatim.
    const text = [
      'Tom Reed spoke first.',
      '"I know,” Reed added. “Not yet," he said.',
      '“Our roads are crumbling," Ann Lee said. "Families endure blackouts.”',
    ];
    const q = quotesOf(...text);
    expect(q.map((x) => [x.quote, x.speaker])).toEqual([
      ['I know … Not yet', 'Tom Reed'],
      ['Our roads are crumbling … Families endure blackouts.', 'Ann Lee'],
    ]);
    // The offsets still span the whole quotation, its first mark's words to its last's.
    const joined = text.join('\n\n');
    expect(joined.slice(q[1]!.start, q[1]!.end)).toBe(
      'Our roads are crumbling," Ann Lee said. "Families endure blackouts.',
    );
  });
});

describe('an article that marks speech with single quotes, as British outlets do', () => {
  it('takes its single-quoted spans for quotations, cued or not', () => {
    const q = quotesOf(
      '‘We will win this election,’ Ann Lee said on Tuesday. ‘It is the right thing for the port.’',
      '‘I think,’ said the minister, ‘that we have done enough.’',
    );
    expect(q.map((x) => [x.quote, x.speaker])).toEqual([
      ['We will win this election', 'Ann Lee'],
      ['It is the right thing for the port.', 'Ann Lee'],
      ['I think', 'the minister'],
      ['that we have done enough.', 'the minister'],
    ]);
  });

  it('is not an American article whose only quote marks are single scare quotes', () => {
    const q = quotesOf(
      'Ana Lima said the plan was fine.',
      "Critics call it the 'Fair Streets' plan, or 'a tax in disguise'.",
    );
    expect(q.filter((x) => x.kind === 'direct')).toEqual([]);
  });

  it('still reads an uncued single-quoted span as a title where speech has double marks', () => {
    const q = quotesOf('"We will win," Ann Lee said. ‘It is the right thing for the port.’');
    expect(q.map((x) => x.quote)).toEqual(['We will win']);
  });
});

describe('a quotation after a colon', () => {
  it('is not said by the one it is addressed to', () => {
    const quotes = quotesOf(
      'Mayor Lena Moss delivered a blunt message to Mark Dale: "Open the harbour or resign."',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Lena Moss']);
  });
});

describe('a time clause before the speaker', () => {
  it('gives the name in it, not the clause read as a description', () => {
    const quotes = quotesOf(
      'Mark Dale spoke at the harbour in May.',
      'A few weeks after Dale announced that the ferry would close, the council sold it.',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Mark Dale']);
  });
});

describe('a pronoun later in the sentence', () => {
  it("is the sentence's subject, not the nearest name", () => {
    const quotes = quotesOf(
      'Mark Dale and Tom Reed met at the harbour on Monday.',
      'Dale went after Reed at the meeting, when he called the harbour master "a disgrace."',
    );
    expect(quotes.map((q) => [q.quote, q.speaker])).toEqual([['a disgrace.', 'Mark Dale']]);
  });
});

describe('a quotation signed in the next paragraph', () => {
  it('takes its speaker from a dash and a name alone in the paragraph after it', () => {
    const quotes = quotesOf(
      'Lena Moss and Mark Dale debated the harbour plan on Tuesday.',
      '"The ferry will pay for itself within five years."',
      '- Mark Dale.',
      '"We cannot afford another winter like the last one."',
      '— Lena Moss',
    );
    expect(quotes.map((q) => [q.quote, q.speaker])).toEqual([
      ['The ferry will pay for itself within five years.', 'Mark Dale'],
      ['We cannot afford another winter like the last one.', 'Lena Moss'],
    ]);
  });

  it('leaves a byline after a paragraph of running text alone', () => {
    const quotes = quotesOf(
      'The council met for three hours. "It was long," Lena Moss said.',
      '— Mark Dale.',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Lena Moss']);
  });
});

describe('extractQuotes on bad input', () => {
  it('returns nothing for empty input, empty paragraphs and text without quotes', () => {
    expect(extractQuotes([])).toEqual({ quotes: [], speakers: [], sentences: [] });
    expect(extractQuotes(['', '  '])).toEqual({ quotes: [], speakers: [], sentences: [[], []] });
    expect(quotesOf('The river rose by two metres overnight.')).toEqual([]);
  });

  it('survives odd numbers of quote marks', () => {
    const q = quotesOf('"One," he said "two" and "three', '"" " "', 'Kim Lee said: "Open.');
    expect(q.at(-1)).toMatchObject({ quote: 'Open.', speaker: 'Kim Lee' });
  });

  it('handles a quote thousands of characters long', () => {
    const long = 'We will keep building. '.repeat(400).trim();
    const q = quotesOf(`"${long}" said Ada Stone.`);
    expect(q[0]).toMatchObject({ speaker: 'Ada Stone', quote: long });
  });

  it('does not crash on non-English text', () => {
    expect(() =>
      quotesOf('« Nous ne céderons pas », a déclaré Émilie Roux.', '「我们不会让步」，他说。'),
    ).not.toThrow();
  });

  it('stays linear: a 1 MB paragraph with odd quote marks', () => {
    const chunk = "Smith said \"the plan is fine, and he said “it works” while 'others' disagree. ";
    const paragraphs = (bytes: number) => {
      const huge = chunk.repeat(Math.ceil(bytes / chunk.length));
      return [huge, `${huge}"`];
    };
    const result = extractQuotes(paragraphs(1_000_000));
    expect(result.quotes.length).toBeGreaterThan(0);
    // CPU time, not the wall clock, and a ratio, not a limit: a busy machine slows both sizes
    // alike. Four times the text takes about four times as long; quadratic work would take 16.
    // The best of three runs each: one collection in a 20 ms run once made a linear ratio 8.
    const best = (bytes: number) =>
      Math.min(...[1, 2, 3].map(() => cpuMs(() => extractQuotes(paragraphs(bytes)))));
    const small = best(50_000);
    const big = best(200_000);
    expect(big / small).toBeLessThan(8);
  });
});

describe('a Korean name, family name first', () => {
  it('is the same person when the article goes on with the family name alone', () => {
    const q = extractQuotes([
      'U.N. Secretary General Ban Ki-moon spoke on Monday, after President Donald Trump.',
      '"We must act," Ban said.',
      "Ban's term expires this year. He said the deal would last.",
      'North Korean leader Kim Jong-un answered. "We are ready," Kim said.',
    ]).quotes;
    expect(q.map((x) => x.speaker)).toEqual(['Ban Ki-moon', 'Ban Ki-moon', 'Kim Jong-un']);
  });
});
