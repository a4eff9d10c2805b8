import type { Article, Quote } from '../articles/article.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import type { FeedStateStore } from './feed-state-store.ts';
import type { Person } from './speaker-names.ts';
import type { StoreTransfer } from './store-transfer.ts';
import type { StoryStore } from './story-store.ts';

/** A paragraph found by a search, with the article it belongs to. */
export interface Passage {
  articleId: string;
  paragraph: number;
  text: string;
  /** Sentence boundaries within `text`, `[start, end)`, when the store has them. */
  sentences?: Array<[number, number]>;
  /** Higher is more relevant. */
  score: number;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
}

/** A stored quote with its article's metadata, for `/who` and briefings. */
export interface StoredQuote extends Quote {
  articleId: string;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
}

/** One line of `/sources`. */
export interface ArticleSummary {
  id: string;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
  ingestedAt: string;
  paragraphs: number;
  removed: number;
  /** Removal counts by reason, e.g. `{ "duplicate paragraph": 12 }`. */
  removedByReason: Record<string, number>;
}

export interface SearchOptions {
  limit?: number;
  /** ISO time: only articles published (or ingested, when undated) at or after it. */
  since?: string;
  /** ISO time: only articles that entered the store at or after it, backfill excluded (digests). */
  ingestedSince?: string;
  /**
   * Paragraphs with any of the topic's words, not only those with all of them (which a search
   * tries first): how a briefing finds the earlier stories a narrower topic leaves out.
   */
  anyWord?: boolean;
}

export interface AddResult {
  id: string;
  /** False when the same article was already stored. */
  inserted: boolean;
}

/** Articles, their paragraphs and quotes: what ingest writes and the commands read. */
export interface ArticleStore {
  /** Adds articles in one transaction; an article already stored is left as it is. */
  addArticles(articles: readonly Article[]): Promise<AddResult[]>;
  getArticle(id: string): Promise<Article | undefined>;
  /**
   * The articles of `ids`, in that order (an id not stored is left out), read together: one
   * round trip for a digest's or a briefing's articles instead of one or more each.
   */
  getArticles(ids: readonly string[]): Promise<Article[]>;
  countArticles(): Promise<number>;
  listArticles(options?: { topic?: string; limit?: number }): Promise<ArticleSummary[]>;
  /** Ranked paragraphs matching the words of `topic` (never query syntax). */
  searchPassages(topic: string, options?: SearchOptions): Promise<Passage[]>;
  /** Every paragraph of the given articles, in order, as passages with score 0. */
  articlePassages(articleIds: readonly string[]): Promise<Passage[]>;
  /**
   * The quotes of the person `name` means, found forgivingly ("erdogan", "Erdoğan", "Recep
   * Erdogan"), under that person's one name; the most quoted person when it means several.
   */
  quotesBySpeaker(name: string, options?: SearchOptions): Promise<StoredQuote[]>;
  /** The people `name` may mean across articles, the most quoted first (`/who` lists them). */
  peopleNamed(name: string): Promise<Person[]>;
  /** Quotes whose paragraph or article mentions `topic`. */
  quotesByTopic(topic: string, options?: SearchOptions): Promise<StoredQuote[]>;
  /** Quotes in the given paragraphs (passages already found), the newest articles first. */
  quotesIn(
    passages: readonly Pick<Passage, 'articleId' | 'paragraph'>[],
    options?: SearchOptions,
  ): Promise<StoredQuote[]>;
  /** Ids of articles ingested at or after `since`, feed backfill excluded, newest first (digests). */
  articlesIngestedSince(since: string, limit: number): Promise<string[]>;
}

/**
 * The only way the rest of the code reaches stored data: one database behind these interfaces,
 * whichever implementation (`openStore` picks it from the config). Asynchronous although SQLite
 * is not, so that PostgreSQL fits behind it too; no SQL lives outside `src/store/`.
 */
export interface Store
  extends ArticleStore,
    SubscriptionStore,
    FeedStateStore,
    StoryStore,
    StoreTransfer {
  /** The digest delivery ledger, in the same database. */
  readonly ledger: DeliveryLedger;
  /** Resolves when the database answers a trivial query (readiness checks); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A channel's digest subscription. */
export interface Subscription {
  platform: 'discord' | 'slack' | 'console';
  channelId: string;
  /** HH:MM, 24-hour, in `timezone`. */
  time: string;
  /** IANA timezone name. */
  timezone: string;
  /** Empty means every topic. */
  topics: string[];
  createdBy: string;
  createdAt: string;
  /** When the last digest was posted (ISO), and the last delivery error if the last one failed. */
  lastDigestAt?: string;
  lastError?: string;
}

/** Subscriptions of channels to digests, one per channel. */
export interface SubscriptionStore {
  putSubscription(s: Subscription): Promise<void>;
  getSubscription(
    platform: Subscription['platform'],
    channelId: string,
  ): Promise<Subscription | undefined>;
  listSubscriptions(): Promise<Subscription[]>;
  /** True when there was one to remove. */
  deleteSubscription(platform: Subscription['platform'], channelId: string): Promise<boolean>;
}
