import type { Briefer, Briefing } from '../briefing/briefing.ts';
import { briefingReply } from '../briefing/briefing-reply.ts';
import { UserError } from '../core/errors.ts';
import type { Reply } from '../core/reply.ts';
import type { Store, Subscription } from '../store/store.ts';
import { digestMarker } from './digest-marker.ts';
import { storyDigest } from './story-digest.ts';

/** What a digest needs: the store and how to brief (default extractive). */
export interface DigestDeps {
  store: Store;
  /**
   * A briefer for topic digests instead of the story digest, reading the given store, which
   * only sees the digest's window.
   */
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

/** New articles a digest looks at: the best matches of its topics, or the newest of all. */
const LOOKED_AT = 200;

/**
 * Builds a channel's digest: the articles ingested since its last digest, on its topics (or
 * all), organised by story (each new story once with its outlets, an older story only with what
 * is new), with quotes, sources and a footer carrying the period marker. A `brieferFor` given
 * instead briefs the topics on the store as it was since then.
 */
export function createDigestBuilder(deps: DigestDeps): BuildDigest {
  const postWhenEmpty = deps.postWhenEmpty ?? true;
  return async ({ subscription, since, period }) => {
    const topics = subscription.topics;
    const on = topics.length > 0 ? topics.join(', ') : 'any topic';
    let briefing: Briefing | undefined;
    if (topics.length > 0 && deps.brieferFor) {
      try {
        briefing = await deps.brieferFor(windowed(deps.store, since)).brief(topics.join(' '));
      } catch (error) {
        // The briefer refuses a topic with no passages: for a digest that just means nothing new.
        if (!(error instanceof UserError)) throw error;
      }
    } else {
      const ids =
        topics.length > 0
          ? [
              ...new Set(
                (
                  await deps.store.searchPassages(topics.join(' '), {
                    ingestedSince: since,
                    limit: LOOKED_AT,
                  })
                ).map((p) => p.articleId),
              ),
            ]
          : await deps.store.articlesIngestedSince(since, LOOKED_AT);
      if (ids.length > 0) briefing = await storyDigest(deps.store, ids);
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
