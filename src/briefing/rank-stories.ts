import { stemmer } from 'stemmer';
import type { Passage } from '../store/store.ts';
import type { Story } from '../store/story-store.ts';
import { STORY_STOPWORDS } from '../stories/story-words.ts';

/** Days after which a story counts half as recent as the newest on the topic. */
export const RECENCY_DAYS = 7;
const DAY = 86_400_000;
/**
 * Stories matching at least this share of the best match are about the topic; recency is
 * measured from the newest of them. (From the newest story with any match, one later article
 * that names Iowa in passing made February's caucuses 0.04 as recent and briefed in their place.)
 */
export const ABOUT_SHARE = 0.5;
/**
 * An article whose headline has every word of the topic matches (1 + this) times as well as its
 * passages alone say; half the words, half that. A headline says what an article is about, where
 * one paragraph that names all the words may be a passing mention ("Obama, who endorsed Clinton,
 * …" in a story about a Florida primary). `npm run eval:story-briefs`: the labelled story briefed
 * for 18 of 30 topics without, 20 with 2 (19-20 from 1 to 10).
 */
export const TITLE_WEIGHT = 2;

/** A story found for a topic, with how well it matches and its matching articles, best first. */
export interface RankedStory {
  story: Story;
  /** Match (0..1, relative to the best) times recency (relative to the newest story found). */
  score: number;
  /** Match alone (0..1, relative to the best). */
  match: number;
  articles: string[];
}

/**
 * The stories of the passages a topic found, ranked by match and recency. An article's score
 * is its passages' and more when its headline names the topic (`TITLE_WEIGHT`). Match is the best
 * article's score plus a little for each further matching article (a story many outlets covered
 * matches better, but five passing mentions do not beat one article about the topic). Recency
 * is measured from the newest story on the topic, not from the clock, so an archive ranks the
 * same today as on the day it was stored: 1 for the newest, 1/2 a week older, 1/5 a month.
 */
export function rankStories(
  hits: readonly Passage[],
  storyOf: ReadonlyMap<string, Story>,
  topic = '',
): RankedStory[] {
  const wanted = stems(topic, true);
  const articleScore = new Map<string, number>();
  const headlines = new Map<string, string>();
  for (const h of hits) {
    articleScore.set(h.articleId, (articleScore.get(h.articleId) ?? 0) + h.score);
    headlines.set(h.articleId, h.title);
  }
  for (const [id, headline] of headlines)
    articleScore.set(
      id,
      (articleScore.get(id) ?? 0) * (1 + TITLE_WEIGHT * shareIn(wanted, headline)),
    );
  const byStory = new Map<string, { story: Story; scores: [string, number][] }>();
  for (const [articleId, score] of articleScore) {
    const story = storyOf.get(articleId);
    if (!story) continue;
    const entry = byStory.get(story.id) ?? { story, scores: [] };
    entry.scores.push([articleId, score]);
    byStory.set(story.id, entry);
  }
  if (byStory.size === 0) return [];
  const matched = [...byStory.values()].map(({ story, scores }) => {
    scores.sort((a, b) => b[1] - a[1]);
    const [best = 0, ...rest] = scores.map(([, s]) => s);
    const match = best + 0.3 * rest.reduce((sum, s) => sum + s, 0);
    return { story, match, articles: scores.map(([id]) => id) };
  });
  const top = Math.max(...matched.map((r) => r.match)) || 1;
  const newest = Math.max(
    ...matched.filter((r) => r.match >= ABOUT_SHARE * top).map((r) => Date.parse(r.story.last)),
  );
  return matched
    .map((r) => {
      const days = Math.max(0, newest - Date.parse(r.story.last)) / DAY;
      return {
        story: r.story,
        score: (r.match / top) * (1 / (1 + days / RECENCY_DAYS)),
        match: r.match / top,
        articles: r.articles,
      };
    })
    .sort((a, b) => b.score - a.score || (a.story.last < b.story.last ? 1 : -1));
}

/**
 * The Porter stems of a text's words, as the SQLite store's search reads them; with `content`,
 * of its content words only ("of", "the" in a topic say nothing of a headline).
 */
function stems(text: string, content = false): Set<string> {
  const folded = text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set((content ? words.filter((w) => !STORY_STOPWORDS.has(w)) : words).map(stemmer));
}

/** The share of the wanted stems that a headline has, 0..1. */
function shareIn(wanted: ReadonlySet<string>, title: string): number {
  if (wanted.size === 0) return 0;
  const have = stems(title);
  let n = 0;
  for (const w of wanted) if (have.has(w)) n++;
  return n / wanted.size;
}
