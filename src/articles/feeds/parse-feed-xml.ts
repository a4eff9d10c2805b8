import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { decodeHTML } from 'entities';
import type { FeedItem } from './feed-item.ts';
import { FetchError } from './fetch-error.ts';

/** The parts of a parsed feed the pipeline uses. */
export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
}

/** Where a feed document starts: an optional declaration and comments, then the root element. */
const FEED_ROOT =
  /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w-]+:)?(rss|feed|RDF)\b/i;
const FEED_END = /<\/(?:[\w-]+:)?(?:rss|feed|RDF)\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/i;

/** True when the text starts like an RSS, RDF or Atom document. */
export function looksLikeFeed(text: string): boolean {
  return FEED_ROOT.test(text.slice(0, 4096));
}

/**
 * Parses RSS 2.0, RSS 1.0 (RDF) or Atom with @rowanmanning/feed-parser. The parser is lenient on
 * purpose (real feeds carry stray `&` and unknown entities), but it also accepts a document cut
 * off half-way, which is how a dropped connection looks; that one is refused, so a truncated
 * download is a failure with backoff rather than a silent loss of the items after the cut.
 *
 * @param sourceUrl where the document came from after redirects; relative links resolve against it.
 * @param feedUrl the feed as configured, stamped on every item.
 */
export function parseFeedXml(xml: string, sourceUrl: string, feedUrl = sourceUrl): ParsedFeed {
  if (!looksLikeFeed(xml)) {
    const start = xml.trimStart().slice(0, 60).replace(/\s+/g, ' ');
    throw new FetchError(
      'invalid-feed',
      feedUrl,
      `${feedUrl}: not an RSS or Atom feed (the document starts with "${start}")`,
    );
  }
  if (!FEED_END.test(xml.slice(-4096))) {
    throw new FetchError(
      'invalid-feed',
      feedUrl,
      `${feedUrl}: broken feed XML: the document ends before its root element is closed (truncated?)`,
    );
  }
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new FetchError('invalid-feed', feedUrl, `${feedUrl}: broken feed XML: ${reason}`, {
      cause: err,
    });
  }
  const feedTitle = plainText(feed.title);
  const atom = feed.meta.type === 'atom';
  const linkBase = absolute(feed.url, sourceUrl) ?? sourceUrl;
  const items: FeedItem[] = [];
  for (const item of feed.items) {
    const title = plainText(item.title);
    const content = nonEmpty(item.content);
    const summary = nonEmpty(item.description);
    if (!title && !content && !summary) continue;
    const guid = nonEmpty(item.id);
    const url = absolute(itemLink(item, atom), linkBase);
    const key =
      guid ??
      url ??
      `sha256:${createHash('sha256')
        .update(`${title ?? ''}\n${content ?? summary ?? ''}`)
        .digest('hex')
        .slice(0, 32)}`;
    items.push({
      key,
      feedUrl,
      ...(guid && { guid }),
      ...(title && { title }),
      ...(url && { url }),
      ...optionalDate(item.published ?? item.updated),
      ...(content && { content }),
      ...(summary && { summary }),
      ...(feedTitle && { feedTitle }),
    });
  }
  return { ...(feedTitle && { title: feedTitle }), items };
}

type Item = ReturnType<typeof parseFeed>['items'][number];

/**
 * The item's link, read from its own element: the library's `item.url` resolves every link
 * against `feed.url`, which rescans the whole channel each time, so a feed of 5,000 items took
 * seconds in that getter alone.
 */
function itemLink(item: Item, atom: boolean): string | undefined {
  const links = item.element.findElementsWithName('link');
  if (atom) {
    const link =
      links.find((l) => l.getAttribute('rel') === 'alternate') ??
      links.find((l) => l.getAttribute('rel') === null);
    return link?.getAttributeAsUrl('href') ?? undefined;
  }
  const link = links.find((l) => l.textContentNormalized)?.textContentAsUrl;
  if (link) return link;
  // RSS 2.0: a guid is the item's permalink unless it says isPermaLink="false".
  const guid = item.element.findElementWithName('guid');
  const text = guid?.textContentNormalized;
  return guid && text && /^https?:\/\//i.test(text) && guid.getAttribute('ispermalink') !== 'false'
    ? text
    : undefined;
}

function nonEmpty(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/**
 * Titles arrive with markup (Atom `type="html"`) and, in many real feeds, entities escaped twice
 * (`&amp;#039;`), which the XML parser turns into a literal `&#039;`. One more decode fixes those.
 */
function plainText(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  let t = s.replace(/<\/?[a-z][^>]*>/gi, ' ');
  if (/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]+);/i.test(t)) t = decodeHTML(t);
  t = t.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

function absolute(href: string | null | undefined, base: string): string | undefined {
  const h = href?.trim();
  if (!h) return undefined;
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function optionalDate(d: Date | null): { published?: string } {
  return d && !Number.isNaN(d.getTime()) ? { published: d.toISOString() } : {};
}
