import type { StoryPlan } from '../stories/story.ts';

/**
 * The ids a plan writes to that may have been merged away since it was made: another process
 * (sharing the store) may have merged a story this batch read as live.
 */
export function planStoryIds(plan: StoryPlan): string[] {
  return [...new Set([...plan.stories.map((s) => s.id), ...plan.members.map((m) => m.storyId)])];
}

/**
 * The plan as it applies after merges it did not know of (`aliases`: merged id to the story it
 * joined): a merged-away story is not written back (its row would return beside the one it
 * joined), and its new appearances go to the story it joined.
 */
export function redirectPlan(plan: StoryPlan, aliases: ReadonlyMap<string, string>): StoryPlan {
  if (aliases.size === 0) return plan;
  return {
    ...plan,
    stories: plan.stories.filter((s) => !aliases.has(s.id)),
    members: plan.members.map((m) => {
      const into = aliases.get(m.storyId);
      return into ? { ...m, storyId: into } : m;
    }),
  };
}
