import type { Article, Quote, Removal } from '../articles/article.ts';
import { removalsByReason } from '../articles/cleaning/removals-by-reason.ts';
import type { Delivery, DeliveryState } from './delivery-ledger.ts';
import type { ArticleSummary, Passage, StoredQuote, Subscription } from './store.ts';
import type { Story } from './story-store.ts';

/**
 * The rows both SQL stores read, and how they become the store's types. Column names are the
 * same in SQLite and PostgreSQL; a JSON column arrives as text from SQLite and parsed from
 * PostgreSQL's jsonb, which `json` accepts either way.
 */

/** JSON text (SQLite) or the value itself (PostgreSQL jsonb). */
type Json<T> = T | string;

const json = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export interface ArticleRow {
  seq: number | string;
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  origin: string;
  raw: string;
  captions: Json<string[]>;
  removed: Json<Removal[]>;
  ingested_at: string;
}

export interface ParagraphRow {
  text: string;
  sentences: Json<Array<[number, number]>>;
}

export interface QuoteRow {
  article_id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  paragraph: number;
  speaker: string;
  role: string | null;
  quote: string;
  kind: 'direct' | 'reported';
  cue: string | null;
  start: number;
  end: number;
}

/** A paragraph found by a search; `score` is higher for better matches. */
export interface PassageRow extends ParagraphRow {
  score: number;
  idx: number;
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
}

export interface SubscriptionRow {
  platform: Subscription['platform'];
  channel_id: string;
  time: string;
  timezone: string;
  topics: Json<string[]>;
  created_by: string;
  created_at: string;
  last_digest_at: string | null;
  last_error: string | null;
}

export interface DeliveryRow {
  platform: Subscription['platform'];
  channel_id: string;
  period: string;
  state: DeliveryState;
  owner: string;
  owner_host: string;
  owner_pid: number;
  claimed_at: string;
  lease_until: string;
  since: string | null;
  done_at: string | null;
  note: string | null;
  attempts: number;
}

/** A quote's own columns, as an article's quotes are read. */
export type ArticleQuoteRow = Omit<
  QuoteRow,
  'article_id' | 'title' | 'outlet' | 'url' | 'published'
>;

export function toQuote(r: ArticleQuoteRow): Quote {
  return {
    speaker: r.speaker,
    role: orUndefined(r.role),
    quote: r.quote,
    kind: r.kind,
    paragraph: r.paragraph,
    cue: orUndefined(r.cue),
    start: r.start,
    end: r.end,
  };
}

export function toStoredQuote(r: QuoteRow): StoredQuote {
  return {
    articleId: r.article_id,
    title: r.title,
    outlet: orUndefined(r.outlet),
    url: orUndefined(r.url),
    published: orUndefined(r.published),
    ...toQuote(r),
  };
}

export function toArticle(
  row: ArticleRow,
  paragraphs: readonly ParagraphRow[],
  quotes: readonly ArticleQuoteRow[],
): Article {
  return {
    id: row.id,
    title: row.title,
    outlet: orUndefined(row.outlet),
    url: orUndefined(row.url),
    published: orUndefined(row.published),
    origin: row.origin,
    raw: row.raw,
    paragraphs: paragraphs.map((p) => p.text),
    sentences: paragraphs.map((p) => json(p.sentences)),
    captions: json(row.captions),
    removed: json(row.removed),
    quotes: quotes.map(toQuote),
    ingestedAt: row.ingested_at,
  };
}

/** Rows by the article they belong to (`article_seq`, as text: PostgreSQL's bigint is a string). */
export function groupBy<T extends { article_seq: number | string }>(
  rows: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const key = String(r.article_seq);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

export function toArticleSummary(r: ArticleRow & { paragraphs: number }): ArticleSummary {
  const removed = json(r.removed);
  return {
    id: r.id,
    title: r.title,
    outlet: orUndefined(r.outlet),
    url: orUndefined(r.url),
    published: orUndefined(r.published),
    ingestedAt: r.ingested_at,
    paragraphs: r.paragraphs,
    removed: removed.length,
    removedByReason: removalsByReason(removed),
  };
}

export function toPassage(r: PassageRow): Passage {
  return {
    articleId: r.id,
    paragraph: r.idx,
    text: r.text,
    sentences: json(r.sentences),
    // SQL gives -0 for a negated zero; callers compare scores, tests compare values.
    score: r.score + 0,
    title: r.title,
    outlet: orUndefined(r.outlet),
    url: orUndefined(r.url),
    published: orUndefined(r.published),
  };
}

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    platform: r.platform,
    channelId: r.channel_id,
    time: r.time,
    timezone: r.timezone,
    topics: json(r.topics),
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastDigestAt: orUndefined(r.last_digest_at),
    lastError: orUndefined(r.last_error),
  };
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    platform: r.platform,
    channelId: r.channel_id,
    period: r.period,
    state: r.state,
    owner: { id: r.owner, host: r.owner_host, pid: r.owner_pid },
    claimedAt: r.claimed_at,
    leaseUntil: r.lease_until,
    since: orUndefined(r.since),
    doneAt: orUndefined(r.done_at),
    note: orUndefined(r.note),
    attempts: r.attempts,
  };
}

/** One outlet's appearances in a story: how many, and the first (`dated`, U+0001, article id). */
export interface OutletRow {
  story_id: string;
  outlet: string;
  n: number | string;
  seen: string;
}

/**
 * Stories with their outlets in the order they first covered each, and their count of
 * appearances (a syndicated copy counts once per outlet), from the outlet rows of those stories.
 */
export function withOutlets(
  stories: readonly Omit<Story, 'outlets' | 'articles'>[],
  outletRows: readonly OutletRow[],
): Story[] {
  const byStory = new Map<string, OutletRow[]>();
  for (const r of outletRows) {
    const list = byStory.get(r.story_id);
    if (list) list.push(r);
    else byStory.set(r.story_id, [r]);
  }
  return stories.map((story) => {
    const own = (byStory.get(story.id) ?? []).sort((a, b) =>
      a.seen < b.seen ? -1 : a.seen > b.seen ? 1 : 0,
    );
    return {
      id: story.id,
      title: story.title,
      outlets: own.map((r) => r.outlet).filter((o) => o !== ''),
      first: story.first,
      last: story.last,
      articles: own.reduce((sum, r) => sum + Number(r.n), 0),
    };
  });
}
