import type { CitedText } from '../core/reply.ts';
import type { Passage, Store } from '../store/store.ts';
import type { Story, StoryMember } from '../store/story-store.ts';
import type { BriefingStory } from './briefing.ts';
import type { Citations } from './citations.ts';
import { type RankedStory, rankStories } from './rank-stories.ts';

/** A story id as `/brief` accepts it (see `storyIdFor`). */
export const STORY_ID = /^s[0-9a-f]{12}$/;

/** Earlier or related stories listed under a briefing. */
export const MAX_RELATED = 5;

/** The stories of the articles the passages belong to, ranked for the topic. */
export async function findStories(
  store: Store,
  hits: readonly Passage[],
  topic = '',
): Promise<RankedStory[]> {
  if (hits.length === 0) return [];
  const storyIds = await store.storyIdsOf([...new Set(hits.map((h) => h.articleId))]);
  const stories = new Map(
    (await store.getStories([...new Set(storyIds.values())])).map((s) => [s.id, s]),
  );
  const storyOf = new Map<string, Story>();
  for (const [articleId, id] of storyIds) {
    const story = stories.get(id);
    if (story) storyOf.set(articleId, story);
  }
  return rankStories(hits, storyOf, topic);
}

/**
 * The articles a story's briefing reads, at most `max`: each outlet's best-matching article
 * first (so that every outlet can be heard), then the other matching ones, then the newest.
 * A syndicated copy is read once, as its article.
 */
export function storyReading(
  members: readonly StoryMember[],
  articleScore: ReadonlyMap<string, number>,
  max: number,
): string[] {
  const score = (m: StoryMember) => articleScore.get(m.articleId) ?? 0;
  const ordered = [...members].sort(
    (a, b) => score(b) - score(a) || (a.dated < b.dated ? 1 : a.dated > b.dated ? -1 : 0),
  );
  const picked: string[] = [];
  const outlets = new Set<string>();
  for (const m of ordered) {
    if (picked.length >= max) break;
    if (outlets.has(m.outlet ?? '') || picked.includes(m.articleId)) continue;
    outlets.add(m.outlet ?? '');
    picked.push(m.articleId);
  }
  for (const m of ordered) {
    if (picked.length >= max) break;
    if (!picked.includes(m.articleId)) picked.push(m.articleId);
  }
  return picked;
}

/**
 * "Covered by 3 outlets: AP [1], Breitbart [2] and Politico [4]": each outlet with the citation
 * of its own article, and so its own link (a syndicated copy is cited with the copy's link).
 */
export function coverageLine(members: readonly StoryMember[], citations: Citations): CitedText {
  const first = new Map<string, StoryMember>();
  for (const m of members) if (m.outlet && !first.has(m.outlet)) first.set(m.outlet, m);
  const outlets = [...first.values()];
  if (outlets.length === 0) {
    const n = members.length;
    return { text: `${n} article${n === 1 ? '' : 's'}, outlet unknown.` };
  }
  // An article's own outlet shares its citation; a syndicated copy gets its own, with its link.
  const original = new Map<string, string | undefined>();
  for (const m of members) if (!original.has(m.articleId)) original.set(m.articleId, m.outlet);
  const named = outlets.map((m) => {
    const key =
      original.get(m.articleId) === m.outlet ? m.articleId : `${m.articleId}\u0000${m.outlet}`;
    return `${m.outlet} [${citations.cite(m, key)}]`;
  });
  const list =
    named.length === 1
      ? named[0]
      : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return { text: `Covered by ${named.length} outlet${named.length === 1 ? '' : 's'}: ${list}.` };
}

const day = (iso: string) => iso.slice(0, 10);

/** A story's dates as a reader scans them: one day, or first to last. */
export function storyDates(story: Pick<Story, 'first' | 'last'>): string {
  return day(story.first) === day(story.last)
    ? day(story.first)
    : `${day(story.first)} to ${day(story.last)}`;
}

/**
 * The earlier or related stories to list under a briefing: the best matches for the topic
 * whatever their age (the briefed story already answers "what is new"), newest first.
 */
export function relatedStories(ranked: readonly RankedStory[], briefed: string): RankedStory[] {
  return ranked
    .filter((r) => r.story.id !== briefed)
    .sort((a, b) => b.match - a.match)
    .slice(0, MAX_RELATED)
    .sort((a, b) => (a.story.last < b.story.last ? 1 : a.story.last > b.story.last ? -1 : 0));
}

/** One line per earlier or related story: its dates, title, outlets and how to ask for it. */
export function relatedLines(
  related: readonly RankedStory[],
  hits: readonly Passage[],
  citations: Citations,
): CitedText[] {
  return related.map(({ story, articles }) => {
    const hit = hits.find((h) => h.articleId === articles[0]);
    const n = story.outlets.length;
    const outlets = n === 0 ? '' : ` · ${n} outlet${n === 1 ? '' : 's'}`;
    return {
      text: `${storyDates(story)}: ${story.title}${outlets} · /brief ${story.id}`,
      cites: hit ? [citations.cite(hit)] : [],
    };
  });
}

/** The contract's `stories`: each story with the citation numbers of its articles. */
export function briefingStories(
  stories: readonly Story[],
  citations: Citations,
  storyOfArticle: ReadonlyMap<string, string>,
): BriefingStory[] {
  for (const c of citations.list) {
    const story = storyOfArticle.get(c.articleId);
    if (story) c.story = story;
  }
  return stories.map((s) => ({
    id: s.id,
    title: s.title,
    outlets: s.outlets,
    sources: citations.list.filter((c) => c.story === s.id).map((c) => c.n),
    first: s.first,
    last: s.last,
  }));
}
