import { Parser } from 'htmlparser2';
import type { ArticleInput } from '../article.ts';
import { FetchError } from './fetch-error.ts';
import type { HttpResponse } from './http-get.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

/** Meta tags naming the publication date, most specific first. */
const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'datePublished',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'dc.date.issued',
  'dcterms.created',
  'dc.date',
  'date',
];

/**
 * Turns a fetched page into an `ArticleInput`: the whole HTML as `raw` (cleaning, with
 * Readability, is the pipeline's job), and the title, outlet and date from the page's meta tags
 * when it has them.
 *
 * @param origin the URL as the user or the feed gave it; `url` is where redirects ended.
 */
export function pageToArticle(res: HttpResponse, origin: string): ArticleInput {
  const body = res.body;
  if (TEXT_TYPES.has(res.contentType)) {
    return {
      raw: body,
      format: res.contentType === 'text/markdown' ? 'markdown' : 'text',
      url: res.url,
      origin,
    };
  }
  const sniffedHtml =
    res.contentType === '' && /^\s*(?:<!doctype html|<html)/i.test(body.slice(0, 1024));
  if (!HTML_TYPES.has(res.contentType) && !sniffedHtml) {
    throw new FetchError(
      'not-a-page',
      origin,
      `${origin}: not a web page (content type ${res.contentType || 'unknown'})`,
    );
  }
  const meta = readMeta(body);
  return {
    raw: body,
    format: 'html',
    url: res.url,
    origin,
    ...(meta.title && { title: meta.title }),
    ...(meta.outlet && { outlet: meta.outlet }),
    ...(meta.published && { published: meta.published }),
  };
}

/**
 * The page's meta tags and `<title>`, read with htmlparser2's streaming parser: it builds no
 * tree, so this runs on the thread that fetched the page in time linear in the head, whatever
 * a hostile page nests there (the page itself is parsed later, within a budget, in a worker).
 */
function readMeta(html: string): { title?: string; outlet?: string; published?: string } {
  // Only the head carries the meta tags; reading a multi-megabyte body for them would be waste.
  const headEnd = html.slice(0, 1_000_000).search(/<\/head\s*>|<body[\s>]/i);
  const head = headEnd >= 0 ? html.slice(0, headEnd) : html.slice(0, 200_000);
  const metas = new Map<string, string>();
  let inTitle = false;
  let titleText: string | undefined;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (tag === 'title' && titleText === undefined) {
          inTitle = true;
          titleText = '';
        }
        if (tag !== 'meta') return;
        const name = (attributes.property ?? attributes.name ?? attributes.itemprop)
          ?.trim()
          .toLowerCase();
        const content = attributes.content?.replace(/\s+/g, ' ').trim();
        if (name && content && !metas.has(name)) metas.set(name, content);
      },
      ontext(text) {
        if (inTitle) titleText += text;
      },
      onclosetag(tag) {
        if (tag === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(head);
  parser.end();
  const title = metas.get('og:title') ?? metas.get('twitter:title') ?? clean(titleText);
  const outlet = metas.get('og:site_name') ?? metas.get('application-name');
  let published: string | undefined;
  for (const name of PUBLISHED_META) {
    published = isoDate(metas.get(name.toLowerCase()));
    if (published) break;
  }
  // JSON-LD (schema.org NewsArticle) is where many news sites put the date, often in the body.
  published ??= isoDate(/"datePublished"\s*:\s*"([^"]+)"/.exec(html.slice(0, 2_000_000))?.[1]);
  return {
    ...(title && { title }),
    ...(outlet && { outlet }),
    ...(published && { published }),
  };
}

function clean(s: string | null | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

function isoDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
