import type { ArticleInput } from '../article.ts';
import { type FeedItemsToArticlesOptions, feedItemsToArticles } from './feed-items-to-articles.ts';
import { FEED_ACCEPT } from './fetch-feed.ts';
import type { FetchOptions } from './fetch-options.ts';
import { httpGet } from './http-get.ts';
import { pageToArticle } from './page-to-article.ts';
import { looksLikeFeed, parseFeedXml } from './parse-feed-xml.ts';

/** What a URL turned out to be. */
export type LoadedUrl =
  | { kind: 'feed'; title?: string; items: ArticleInput[] }
  | { kind: 'article'; article: ArticleInput };

/**
 * For `newsbrief ingest <URL>`: fetches the URL once and decides by its body (servers label
 * feeds `text/html`, `text/plain` and worse): a document whose root is `<rss>`, `<feed>` or
 * `<rdf:RDF>` is a feed, read into articles (teasers' pages fetched); anything else must be a
 * page. Throws a `FetchError` with the reason otherwise.
 */
export async function loadUrl(
  url: string,
  options: FetchOptions & Omit<FeedItemsToArticlesOptions, 'fetchOptions'> = {},
): Promise<LoadedUrl> {
  const res = await httpGet(url, {
    ...options,
    headers: { accept: `text/html, ${FEED_ACCEPT}` },
  });
  if (looksLikeFeed(res.body)) {
    const feed = parseFeedXml(res.body, res.url, url);
    const items = await feedItemsToArticles(feed.items, { ...options, fetchOptions: options });
    return { kind: 'feed', items, ...(feed.title && { title: feed.title }) };
  }
  return { kind: 'article', article: pageToArticle(res, url) };
}
