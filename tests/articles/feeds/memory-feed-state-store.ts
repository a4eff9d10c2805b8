import type { FeedState } from '../../../src/articles/feeds/feed-state.ts';
import type { FeedStateStore } from '../../../src/store/feed-state-store.ts';

/** A `FeedStateStore` in memory, for the poller's tests. */
export class MemoryFeedStateStore implements FeedStateStore {
  readonly #states = new Map<string, FeedState>();
  readonly #seen = new Map<string, Set<string>>();
  readonly #leases = new Map<string, { owner: string; until: number }>();

  async leaseFeed(url: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const held = this.#leases.get(url);
    if (held && held.owner !== owner && held.until > now.getTime()) return false;
    this.#leases.set(url, { owner, until: until.getTime() });
    return true;
  }

  async getFeedState(url: string): Promise<FeedState | undefined> {
    const state = this.#states.get(url);
    return state && { ...state };
  }

  async putFeedState(state: FeedState): Promise<void> {
    this.#states.set(state.url, { ...state });
  }

  async unseenItems(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    const seen = this.#seen.get(feedUrl);
    return [...new Set(keys)].filter((k) => !seen?.has(k));
  }

  async markItemsSeen(feedUrl: string, keys: readonly string[]): Promise<string[]> {
    let seen = this.#seen.get(feedUrl);
    if (!seen) {
      seen = new Set();
      this.#seen.set(feedUrl, seen);
    }
    const fresh: string[] = [];
    for (const key of keys) {
      if (!seen.has(key)) {
        seen.add(key);
        fresh.push(key);
      }
    }
    return fresh;
  }
}
