import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../src/articles/prepare-article.ts';

describe('a short first paragraph that serves as the title', () => {
  it('keeps its quotations in double marks: it may be the lede, not a headline', () => {
    const article = prepareArticle({
      raw: '“We will not back down,” Sanders told supporters in Burlington on Tuesday.\n\nThe senator spoke for an hour about wages and trade.',
      format: 'text',
      origin: 'lede.txt',
    });
    expect(article.quotes.map((q) => [q.kind, q.speaker, q.quote])).toContainEqual([
      'direct',
      'Sanders',
      'We will not back down',
    ]);
  });

  it('drops a headline’s single-quoted words, which are no speech', () => {
    const article = prepareArticle({
      raw: 'Obama slams GOP’s ‘doom and despair’ on economy.\n\nPresident Barack Obama said the Republican candidates were peddling “doom and despair.”',
      format: 'text',
      origin: 'headline.txt',
    });
    const direct = article.quotes.filter((q) => q.kind === 'direct');
    expect(direct.map((q) => [q.speaker, q.paragraph])).toEqual([['Barack Obama', 1]]);
  });
});
