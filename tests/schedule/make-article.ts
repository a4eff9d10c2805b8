import type { Article, Quote } from '../../src/articles/article.ts';

/** A stored article built by hand: paragraphs of one sentence each, quotes given verbatim. */
export function makeArticle(
  id: string,
  paragraphs: string[],
  options: { ingestedAt: string; title?: string; backfill?: boolean; quotes?: Quote[] },
): Article {
  return {
    id,
    title: options.title ?? `Title ${id}`,
    paragraphs,
    captions: [],
    removed: [],
    origin: `test:${id}`,
    raw: paragraphs.join('\n\n'),
    quotes: options.quotes ?? [],
    sentences: paragraphs.map((p) => [[0, p.length]]),
    ingestedAt: options.ingestedAt,
    backfill: options.backfill,
    outlet: 'Test Wire',
    url: `https://news.test/${id}`,
  };
}
