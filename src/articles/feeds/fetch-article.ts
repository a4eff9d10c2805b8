import type { ArticleInput } from '../article.ts';
import type { FetchOptions } from './fetch-options.ts';
import { httpGet } from './http-get.ts';
import { pageToArticle } from './page-to-article.ts';

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1';

/**
 * Fetches an article page: its HTML as `format: 'html'`, with title, outlet and published date
 * from its meta tags when present. Throws a `FetchError` when the page cannot be had.
 */
export async function fetchArticle(url: string, options: FetchOptions = {}): Promise<ArticleInput> {
  const res = await httpGet(url, { ...options, headers: { accept: ACCEPT } });
  return pageToArticle(res, url);
}
