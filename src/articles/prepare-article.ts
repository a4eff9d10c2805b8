import { createHash } from 'node:crypto';
import { extractQuotes } from '../analysis/quotes/extract-quotes.ts';
import type { Article, ArticleInput, CleanedArticle } from './article.ts';
import { cleanParagraphs, cleanText } from './cleaning/clean-article.ts';
import { comparable } from './cleaning/compare-text.ts';
import { htmlToArticle, toIsoDate } from './sources/html-to-article.ts';
import { markdownToText } from './sources/markdown-to-text.ts';
import { SourceError } from './sources/source-error.ts';

/** Turns a source's input into its clean text, with title, outlet and date where the source has them. */
export function cleanInput(
  input: ArticleInput,
): CleanedArticle & Pick<ArticleInput, 'outlet' | 'published'> {
  if (input.format === 'html') {
    const page = htmlToArticle(input.raw);
    if (!page) throw new SourceError('no article text found in the HTML');
    const cleaned = cleanParagraphs({ ...page, title: input.title ?? page.title });
    return {
      ...cleaned,
      outlet: input.outlet ?? page.outlet,
      published: input.published ?? page.published,
    };
  }
  const text = input.format === 'markdown' ? markdownToText(input.raw) : input.raw;
  return {
    ...cleanText(text, input.title),
    outlet: input.outlet,
    published: toIsoDate(input.published),
  };
}

/** The stable id: a hash of the normalised clean text, so the same story twice is one article. */
export function articleId(paragraphs: readonly string[]): string {
  // The same key as comparable(paragraphs.join('\n')), built from the keys cleaning already cached.
  const key = paragraphs.map(comparable).filter(Boolean).join(' ');
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

/**
 * The whole per-article pipeline: clean, split sentences, attribute quotes. Pure and
 * synchronous so that ingest can run it in batches; throws `SourceError` for non-articles.
 */
export function prepareArticle(input: ArticleInput, now: Date = new Date()): Article {
  const cleaned = cleanInput(input);
  if (cleaned.paragraphs.length === 0)
    throw new SourceError('nothing left after cleaning (no article text)');
  const { quotes, speakers, sentences } = extractQuotes(cleaned.paragraphs, {
    headline: cleaned.paragraphs[0] === cleaned.title,
  });
  return {
    ...cleaned,
    id: articleId(cleaned.paragraphs),
    url: input.url,
    origin: input.origin,
    raw: input.raw,
    sentences,
    quotes,
    speakers: speakers.map((s) => ({ name: s.name, aliases: s.aliases })),
    ingestedAt: now.toISOString(),
  };
}
