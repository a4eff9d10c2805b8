import type { Store } from '../store/store.ts';
import type { Story, StoryMember } from '../store/story-store.ts';
import { findStories } from './story-briefing.ts';

/** Stories `/stories` lists. */
export const MAX_LISTED = 15;
/** Stories looked at before the newest and most covered are kept. */
const LOOKED_AT = 60;
/** A story about a topic matches at least this fraction of the best match (not a passing mention). */
const ABOUT = 0.25;

const day = (iso: string) => iso.slice(0, 10);

/** Newest day first; within a day, the most outlets, then the most articles. */
export function newestMostCovered(a: Story, b: Story): number {
  const da = day(a.last);
  const db = day(b.last);
  if (da !== db) return da < db ? 1 : -1;
  return b.outlets.length - a.outlets.length || b.articles - a.articles;
}

/**
 * The current stories, or those about a topic (the stories of the passages it finds, the best
 * matches), newest and most covered first.
 */
export async function listStories(
  store: Store,
  topic?: string,
  limit = MAX_LISTED,
): Promise<Story[]> {
  const stories = topic?.trim()
    ? (await findStories(store, await store.searchPassages(topic, { limit: 200 }), topic))
        .filter((r) => r.match >= ABOUT)
        .slice(0, LOOKED_AT)
        .map((r) => r.story)
    : await store.recentStories(LOOKED_AT);
  return stories.sort(newestMostCovered).slice(0, limit);
}

/** `newsbrief stories --json`: each story with its articles (a syndicated copy is one more). */
export async function storiesJson(store: Store, stories: readonly Story[]) {
  const members = await store.storyMembers(stories.map((s) => s.id));
  return stories.map((s) => ({
    id: s.id,
    title: s.title,
    outlets: s.outlets,
    first: s.first,
    last: s.last,
    articles: members
      .filter((m) => m.storyId === s.id)
      .map((m: StoryMember) => ({
        title: m.title,
        outlet: m.outlet,
        published: m.published,
        url: m.url,
      })),
  }));
}
