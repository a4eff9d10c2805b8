import type { Logger } from 'pino';
import type { ArticleInput } from '../article.ts';
import { publicOrTrusted } from './address-guard.ts';
import type { FeedItem } from './feed-item.ts';
import { fetchArticle } from './fetch-article.ts';
import type { FetchOptions } from './fetch-options.ts';

/** How feed items become articles. */
export interface FeedItemsToArticlesOptions {
  fetchOptions?: FetchOptions;
  log?: Logger;
  /**
   * An item whose best text (content or description) is shorter than this many characters of
   * plain text is a teaser: its linked page is fetched instead. Default 600.
   */
  summaryMaxChars?: number;
  /** Pages fetched at once. Default 4. */
  pageConcurrency?: number;
  /**
   * Most pages fetched for one call; later teasers keep their summary. Bounds a first poll of a
   * feed with thousands of teasers. Default 100.
   */
  maxPageFetches?: number;
}

/**
 * Turns feed items into `ArticleInput`s, in order: the item's content as HTML when it has a full
 * body, else the linked page (fetched with `fetchArticle`). A page that cannot be fetched falls
 * back to the item's summary and is logged; this function does not throw for one bad page.
 */
export async function feedItemsToArticles(
  items: readonly FeedItem[],
  options: FeedItemsToArticlesOptions = {},
): Promise<ArticleInput[]> {
  const threshold = options.summaryMaxChars ?? 600;
  let pageBudget = options.maxPageFetches ?? 100;
  const wantsPage = items.map((item) => {
    const teaser = item.url !== undefined && textLength(bestText(item)) < threshold;
    if (teaser && pageBudget > 0) {
      pageBudget--;
      return true;
    }
    return false;
  });
  const results = new Array<ArticleInput>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i]!;
      results[i] = wantsPage[i] ? await fromPage(item, options) : fromItem(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.pageConcurrency ?? 4) }, worker));
  return results;
}

function fromItem(item: FeedItem): ArticleInput {
  return {
    raw: bestText(item),
    format: 'html',
    origin: item.url ?? item.feedUrl,
    ...(item.title && { title: item.title }),
    ...(item.url && { url: item.url }),
    ...(item.feedTitle && { outlet: item.feedTitle }),
    ...(item.published && { published: item.published }),
  };
}

async function fromPage(
  item: FeedItem,
  options: FeedItemsToArticlesOptions,
): Promise<ArticleInput> {
  try {
    // The link is the feed author's word: it may not lead into the bot's own network.
    const guard = publicOrTrusted([new URL(item.feedUrl).host]);
    const page = await fetchArticle(item.url!, { ...options.fetchOptions, guard });
    const title = item.title ?? page.title;
    const outlet = item.feedTitle ?? page.outlet;
    const published = item.published ?? page.published;
    return {
      raw: page.raw,
      format: page.format,
      origin: item.url!,
      url: item.url!,
      ...(title && { title }),
      ...(outlet && { outlet }),
      ...(published && { published }),
      // A page that cleaning refuses (too large, too deep, too slow) still leaves the summary.
      fallback: fromItem(item),
    };
  } catch (err) {
    options.log?.warn(
      { feed: item.feedUrl, url: item.url, err: err instanceof Error ? err.message : String(err) },
      'article page not fetched; keeping the feed summary',
    );
    return fromItem(item);
  }
}

/** The longer of content and summary: some feeds put the full text in `description`. */
function bestText(item: FeedItem): string {
  const content = item.content ?? '';
  const summary = item.summary ?? '';
  return textLength(summary) > textLength(content) ? summary : content;
}

function textLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#\w]+;/g, 'x')
    .replace(/\s+/g, ' ')
    .trim().length;
}
