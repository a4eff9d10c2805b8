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

/** One quote or piece of reported speech, attributed to a canonical speaker. */
export interface Quote {
  /** Canonical name ("Hassan Rouhani"), organisation ("the White House") or description ("a US official"). */
  speaker: string;
  /** Title or role kept apart from the name ("Iranian President"). */
  role?: string;
  /** The quoted words without quote marks; for reported speech the content clause. */
  quote: string;
  kind: 'direct' | 'reported';
  /** Index into the clean paragraphs. */
  paragraph: number;
  /** The speech verb that attributes it ("said", "warned"), when there is one. */
  cue?: string;
  /** Character offsets of `quote` in the clean text (`paragraphs.join('\n\n')`). */
  start: number;
  end: number;
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
