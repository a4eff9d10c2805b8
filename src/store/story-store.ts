import type { Story, StoryMember, StoryPlan, StorySource, StoryState } from '../stories/story.ts';

export type { Story, StoryMember, StoryPlan, StoryState };

/**
 * Stories: what ingest's story assignment reads and writes (`StorySource`, `saveStories`) and
 * what `/brief`, `/stories`, `/sources` and digests read. Which story an article joins is decided
 * outside the store (`src/stories`); the store keeps the result and answers bounded look-ups.
 */
export interface StoryStore extends StorySource {
  /** Writes one batch's plan in one transaction: stories whole, appearances once, term counts. */
  saveStories(plan: StoryPlan): Promise<void>;
  /** The id of the story of each stored article that has one (what a briefing groups by). */
  storyIdsOf(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** The stories with these ids that exist, with their outlets and article counts. */
  getStories(ids: readonly string[]): Promise<Story[]>;
  /** Every appearance in these stories, oldest first. */
  storyMembers(storyIds: readonly string[]): Promise<StoryMember[]>;
  /** The stories whose last article is newest, newest first. */
  recentStories(limit: number): Promise<Story[]>;
}
