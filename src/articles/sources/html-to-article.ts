import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { CleanInput } from '../cleaning/clean-article.ts';
import { checkHtmlBudget } from './html-budget.ts';

/** What an HTML page says about itself, besides its text. */
export interface HtmlArticle extends CleanInput {
  title?: string;
  outlet?: string;
  published?: string;
}

type Doc = ReturnType<typeof parseHTML>['document'];

const BLOCKS = 'p, h2, h3, h4, li, blockquote, pre';

function meta(document: Doc, ...names: string[]): string | undefined {
  for (const name of names) {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * The main text of an HTML page via Readability on linkedom: body paragraphs, figure captions
 * kept apart, and the page's title, site name and date from its meta tags. Undefined when the
 * page holds no article; throws a `SourceError` for a page over `HTML_BUDGET` (too large or
 * too deeply nested to parse safely).
 */
export function htmlToArticle(html: string): HtmlArticle | undefined {
  checkHtmlBudget(html);
  const { document } = parseHTML(
    html.includes('<html') ? html : `<html><body>${html}</body></html>`,
  );
  const outlet = meta(document, 'og:site_name', 'application-name');
  const published = meta(document, 'article:published_time', 'date', 'pubdate', 'dc.date');
  // Readability edits the document it reads; captions are collected before it runs.
  const captions = [...document.querySelectorAll('figcaption')]
    .map((el) => (el.textContent ?? '').trim())
    .filter(Boolean);
  const parsed = // linkedom's document is DOM-compatible for Readability, but not typed as the DOM's.
    new Readability(document as never, { charThreshold: 100 }).parse();
  if (!parsed?.content) return undefined;
  const { document: content } = parseHTML(`<html><body>${parsed.content}</body></html>`);
  for (const el of content.querySelectorAll('figcaption, figure, script, style, nav, aside'))
    el.remove();
  let paragraphs = [...content.querySelectorAll(BLOCKS)]
    // Nested blocks (a <p> inside a <blockquote>) would be read twice.
    .filter((el) => !el.parentElement?.closest(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (paragraphs.length === 0) {
    paragraphs = (parsed.textContent ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
  }
  if (paragraphs.join(' ').length < 100) return undefined;
  return {
    paragraphs,
    captions,
    title: parsed.title?.trim() || undefined,
    outlet: outlet ?? (parsed.siteName?.trim() || undefined),
    published: toIsoDate(published ?? parsed.publishedTime ?? undefined),
  };
}

/** An ISO date from whatever a page or feed gives, or undefined when it is not a date. */
export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
