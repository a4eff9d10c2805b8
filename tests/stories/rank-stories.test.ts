import { describe, expect, it } from 'vitest';
import { rankStories } from '../../src/briefing/rank-stories.ts';
import type { Passage } from '../../src/store/store.ts';
import type { Story } from '../../src/store/story-store.ts';

const story = (id: string, last: string): Story => ({
  id,
  title: id,
  outlets: ['AP'],
  first: last,
  last,
  articles: 1,
});
const hit = (articleId: string, score: number, title = articleId): Passage => ({
  articleId,
  paragraph: 0,
  text: '',
  score,
  title,
});

describe('rankStories', () => {
  it('measures recency from the newest story about the topic, not from a passing mention', () => {
    const caucuses = story('caucuses', '2016-02-02T00:00:00.000Z');
    const mention = story('mention', '2016-08-08T00:00:00.000Z');
    const ranked = rankStories(
      [hit('a', 10), hit('b', 2)],
      new Map([
        ['a', caucuses],
        ['b', mention],
      ]),
    );
    expect(ranked.map((r) => r.story.id)).toEqual(['caucuses', 'mention']);
  });

  it('puts a newer story about the topic before an older one that matches as well', () => {
    const july = story('july', '2016-07-05T00:00:00.000Z');
    const october = story('october', '2016-10-28T00:00:00.000Z');
    const ranked = rankStories(
      [hit('a', 10), hit('b', 9)],
      new Map([
        ['a', july],
        ['b', october],
      ]),
    );
    expect(ranked.map((r) => r.story.id)).toEqual(['october', 'july']);
    expect(ranked[1]?.score).toBeLessThan(0.1);
  });

  it('ranks a story whose headline names the topic above a newer passing mention', () => {
    const endorsement = story('endorsement', '2016-06-09T00:00:00.000Z');
    const primary = story('primary', '2016-08-30T00:00:00.000Z');
    const hits = [
      hit('a', 10, 'Barack Obama’s Endorsement Comes At A Good Time For Hillary Clinton'),
      hit('b', 6, 'Wasserman Schultz survives spirited primary'),
    ];
    const storyOf = new Map([
      ['a', endorsement],
      ['b', primary],
    ]);
    expect(rankStories(hits, storyOf).map((r) => r.story.id)).toEqual(['primary', 'endorsement']);
    expect(rankStories(hits, storyOf, 'obama endorses clinton').map((r) => r.story.id)).toEqual([
      'endorsement',
      'primary',
    ]);
  });
});
