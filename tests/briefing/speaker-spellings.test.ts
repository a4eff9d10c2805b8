import { describe, expect, it } from 'vitest';
import { Citations } from '../../src/briefing/citations.ts';
import { pickQuotes } from '../../src/briefing/extractive-briefer.ts';
import { type OutletArticle, whereTheyDiffer } from '../../src/briefing/story-differences.ts';
import type { StoredQuote } from '../../src/store/store.ts';

// Outlets spell one name differently ("George W. Bush" in one, "George W Bush" in another), and
// speakers are shown as each article writes them: comparing speakers must read past that.
const said = (speaker: string, quote: string, articleId: string): StoredQuote => ({
  speaker,
  quote,
  kind: 'direct',
  paragraph: 0,
  start: 0,
  end: quote.length,
  articleId,
  title: `Article ${articleId}`,
  outlet: articleId,
});

const article = (
  articleId: string,
  outlet: string,
  quotes: StoredQuote[],
  sentences: string[] = [],
): OutletArticle => ({ articleId, outlet, sentences, quotes });

describe('one speaker spelt two ways by two outlets', () => {
  const cite = (id: string) => Number(id.slice(1));

  it('is one voice where the outlets differ: nobody "only" quoted him', () => {
    const quote = 'We will rebuild the whole coast, every town of it, in two years';
    const lead = ['The former president spoke in Biloxi on Monday.'];
    const lines = whereTheyDiffer(
      [
        article('a1', 'NYT', [said('George W. Bush', quote, 'a1')], lead),
        article('a2', 'Guardian', [said('George W Bush', `${quote} and more`, 'a2')], lead),
      ],
      cite,
    );
    expect(lines.map((l) => l.text)).toEqual([]);
  });

  it('lists whom each outlet quotes by person, each in its own spelling', () => {
    const lines = whereTheyDiffer(
      [
        article('a1', 'NYT', [
          said('George W. Bush', 'We will rebuild it', 'a1'),
          said('Haley Barbour', 'The state is ready', 'a1'),
        ]),
        article('a2', 'Guardian', [
          said('George W Bush', 'We will rebuild it', 'a2'),
          said('George W Bush', 'Help is coming', 'a2'),
        ]),
      ],
      cite,
    ).map((l) => l.text);
    expect(lines).toEqual([
      'NYT quotes George W. Bush and Haley Barbour.',
      'Guardian quotes George W Bush.',
    ]);
  });

  it('gives a briefing at most two quotes of one person, however spelt', () => {
    const picked = pickQuotes(
      [
        said('George W. Bush', 'The levees held in most places tonight', 'a1'),
        said('George W Bush', 'Help is coming to every town on the coast', 'a2'),
        said('George W. Bush', 'We will rebuild the whole coast in two years', 'a1'),
        said('Haley Barbour', 'The state is ready for the storm season', 'a1'),
      ],
      new Citations(),
    );
    expect(picked.map((q) => q.speaker)).toEqual([
      'George W. Bush',
      'George W Bush',
      'Haley Barbour',
    ]);
  });
});
