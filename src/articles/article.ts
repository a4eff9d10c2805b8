import type { Quote } from '../analysis/quotes/quote.ts';

// Quotes are analysis's output; articles carry them.
export type { Quote };

/** What a source (file, feed item, web page) hands to the pipeline, before cleaning. */
export interface ArticleInput {
  /** The text as it arrived: plain text, Markdown or HTML. Kept unchanged in the store. */
  raw: string;
  format: 'text' | 'markdown' | 'html';
  title?: string;
  url?: string;
  /** The publication, e.g. "Reuters"; from the feed or the page's site name. */
  outlet?: string;
  /** ISO 8601 date, when the source gives one. */
  published?: string;
  /** Where it came from: a file path or a URL. */
  origin: string;
  /**
   * What to read instead when this input is refused (too large, too deep, too slow to clean):
   * a feed item's own summary when the page it links to is refused.
   */
  fallback?: ArticleInput;
}

/** One thing cleaning took out of the body, and why. */
export interface Removal {
  text: string;
  reason: string;
}

/** The result of cleaning: what everything downstream reads. */
export interface CleanedArticle {
  title: string;
  paragraphs: string[];
  captions: string[];
  removed: Removal[];
}

/** A stored article: the source's metadata, the raw text, the clean text and its analysis. */
export interface Article extends CleanedArticle {
  /** Content hash of the clean text: the same article twice is one article. */
  id: string;
  url?: string;
  outlet?: string;
  published?: string;
  origin: string;
  raw: string;
  quotes: Quote[];
  /** The article's speakers with every name form they appear under, for forgiving look-up. */
  speakers?: { name: string; aliases: string[] }[];
  /** Sentence boundaries per paragraph: `[start, end)` character offsets within that paragraph. */
  sentences: Array<Array<[number, number]>>;
  /** From a feed's first poll: searchable, but not news for a digest. */
  backfill?: boolean;
  /** ISO time it entered the store. */
  ingestedAt: string;
}

/** The clean text the quote offsets point into. */
export function cleanText(article: Pick<CleanedArticle, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n');
}
