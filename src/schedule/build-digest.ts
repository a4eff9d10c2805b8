import type { Article } from '../articles/article.ts';
import type { Briefer, Briefing, BriefingQuote } from '../briefing/briefing.ts';
import { briefingReply } from '../briefing/briefing-reply.ts';
import { ExtractiveBriefer } from '../briefing/extractive-briefer.ts';
import { UserError } from '../core/errors.ts';
import type { Citation, CitedText, Reply } from '../core/reply.ts';
import type { Store, Subscription } from '../store/store.ts';
import { digestMarker } from './digest-marker.ts';

/** What a digest needs: the store and how to brief (default extractive). */
export interface DigestDeps {
  store: Store;
  /** A briefer reading the given store; the store passed in only sees the digest's window. */
  brieferFor?: (store: Store) => Briefer;
  /** Post "Nothing new on …" (default) or skip an empty digest. */
  postWhenEmpty?: boolean;
}

/** A digest ready to post, or `undefined` reply when it is empty and empty ones are skipped. */
export interface Digest {
  reply?: Reply;
  empty: boolean;
  /** Articles cited. */
  articles: number;
}

/** What to build: whose digest, since when, for which period (the footer's marker). */
export interface DigestRequest {
  subscription: Pick<Subscription, 'topics' | 'timezone'>;
  /** Start of the window (`ingestedSince`): the last digest's time. */
  since: string;
  /** The period key; omitted for `/digest now`, which has no ledger row. */
  period?: string;
}

export type BuildDigest = (request: DigestRequest) => Promise<Digest>;

const MAX_ARTICLES = 7;
const MAX_QUOTES = 5;

/** The store as a digest sees it: every search limited to articles ingested since `since`. */
function windowed(store: Store, since: string): Store {
  const scoped = new Set(['searchPassages', 'quotesByTopic', 'quotesBySpeaker']);
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof name === 'string' && scoped.has(name)) {
        return (query: string, options: object = {}) =>
          (value as (q: string, o: object) => unknown).call(target, query, {
            ...options,
            ingestedSince: since,
          });
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}

function leadSentence(article: Article): string | undefined {
  const [span] = article.sentences[0] ?? [];
  const first = article.paragraphs[0];
  if (!first) return undefined;
  return (span ? first.slice(span[0], span[1]) : first).trim() || undefined;
}

/** A digest of every topic: the lead of each new article, and one verbatim quote per speaker. */
async function everyTopic(store: Store, ids: readonly string[]): Promise<Briefing> {
  const points: CitedText[] = [];
  const quotes: BriefingQuote[] = [];
  const sources: Citation[] = [];
  const speakers = new Set<string>();
  for (const id of ids.slice(0, MAX_ARTICLES)) {
    const a = await store.getArticle(id);
    const lead = a && leadSentence(a);
    if (!a || !lead) continue;
    const n = sources.length + 1;
    sources.push({
      n,
      articleId: a.id,
      title: a.title,
      outlet: a.outlet,
      url: a.url,
      published: a.published,
    });
    points.push({ text: lead, cites: [n] });
    for (const q of a.quotes) {
      if (quotes.length >= MAX_QUOTES || q.kind !== 'direct' || speakers.has(q.speaker)) continue;
      if (q.quote.split(/\s+/).length < 4) continue;
      speakers.add(q.speaker);
      quotes.push({ speaker: q.speaker, role: q.role, text: q.quote, kind: q.kind, cite: n });
    }
  }
  return { topic: '', points, numbers: [], quotes, sources, summarizer: 'extractive' };
}

/**
 * Builds a channel's digest: the articles ingested since its last digest, on its topics (or
 * all), as a briefing with points, quotes and sources, and a footer carrying the period marker.
 */
export function createDigestBuilder(deps: DigestDeps): BuildDigest {
  const brieferFor = deps.brieferFor ?? ((s: Store) => new ExtractiveBriefer(s));
  const postWhenEmpty = deps.postWhenEmpty ?? true;
  return async ({ subscription, since, period }) => {
    const topics = subscription.topics;
    const on = topics.length > 0 ? topics.join(', ') : 'any topic';
    let briefing: Briefing | undefined;
    if (topics.length > 0) {
      try {
        briefing = await brieferFor(windowed(deps.store, since)).brief(topics.join(' '));
      } catch (error) {
        // The briefer refuses a topic with no passages: for a digest that just means nothing new.
        if (!(error instanceof UserError)) throw error;
      }
    } else {
      const ids = await deps.store.articlesIngestedSince(since, MAX_ARTICLES);
      if (ids.length > 0) briefing = await everyTopic(deps.store, ids);
    }
    const footer = period
      ? `Digest for ${period} (${subscription.timezone}) · ${digestMarker(period)}`
      : undefined;
    if (!briefing || briefing.points.length === 0) {
      if (!postWhenEmpty) return { empty: true, articles: 0 };
      const blocks: Reply['blocks'] = [{ type: 'text', text: `Nothing new on ${on}.` }];
      if (footer) blocks.push({ type: 'text', text: footer });
      return { reply: { title: `Digest: ${on}`, blocks }, empty: true, articles: 0 };
    }
    const reply = briefingReply(briefing, `Digest: ${on}`, 'What is new');
    if (footer) reply.blocks.push({ type: 'text', text: footer });
    return { reply, empty: false, articles: briefing.sources.length };
  };
}
