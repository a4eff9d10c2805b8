import { describe, expect, it } from 'vitest';
import type { StoryMember, StoryPlan, StoryState } from '../../../src/store/story-store.ts';
import { type TestDatabaseFactory, withStores } from './test-database.ts';

function state(id: string, center: string, keys: string[], extra: Partial<StoryState> = {}) {
  return {
    id,
    title: `Story ${id}`,
    first: center,
    last: center,
    center,
    size: 1,
    titleVector: keys.map((k): [string, number] => [k, 0.5]),
    centroid: keys.map((k, i): [string, number] => [k, 1 - i / 100]),
    keys,
    ...extra,
  };
}

function member(
  storyId: string,
  articleId: string,
  outlet?: string,
  dated = '2016-07-05T00:00:00.000Z',
): StoryMember {
  return {
    storyId,
    articleId,
    title: `Article ${articleId}`,
    ...(outlet ? { outlet, url: `https://${outlet.toLowerCase()}.example/${articleId}` } : {}),
    published: dated,
    dated,
  };
}

const plan = (p: Partial<StoryPlan>): StoryPlan => ({
  stories: [],
  members: [],
  merged: [],
  documents: 0,
  terms: new Map(),
  ...p,
});

export function storiesContract(factory: TestDatabaseFactory): void {
  const withStore = (run: Parameters<typeof withStores>[2]) => withStores(factory, 1, run);

  describe('stories', () => {
    it('gives a saved story back whole, with its outlets and article count', () =>
      withStore(async (s) => {
        const fbi = state('s1', '2016-07-05T00:00:00.000Z', ['comey', 'fbi', 'indict'], {
          first: '2016-07-05T00:00:00.000Z',
          last: '2016-07-07T00:00:00.000Z',
        });
        await s.saveStories(
          plan({
            stories: [fbi],
            members: [
              member('s1', 'a1', 'Politico'),
              member('s1', 'a2', 'Breitbart', '2016-07-06T00:00:00.000Z'),
              // A syndicated copy of a1 in another outlet, and a1 again from Politico.
              member('s1', 'a1', 'USA Today', '2016-07-07T00:00:00.000Z'),
              member('s1', 'a1', 'Politico'),
              member('s1', 'a3'),
            ],
          }),
        );
        expect(await s.getStories(['s1', 'missing'])).toEqual([
          {
            id: 's1',
            title: 'Story s1',
            outlets: ['Politico', 'Breitbart', 'USA Today'],
            first: '2016-07-05T00:00:00.000Z',
            last: '2016-07-07T00:00:00.000Z',
            articles: 4,
          },
        ]);
        const members = await s.storyMembers(['s1']);
        expect(members.map((m) => `${m.articleId}:${m.outlet ?? '-'}`)).toEqual([
          'a1:Politico',
          'a3:-',
          'a2:Breitbart',
          'a1:USA Today',
        ]);
        expect(members[0]).toEqual(member('s1', 'a1', 'Politico'));
        expect(await s.storyIdsOf(['a1', 'a2', 'a1', 'nope'])).toEqual(
          new Map([
            ['a1', 's1'],
            ['a2', 's1'],
          ]),
        );
        const of = await s.storiesOfArticles(['a1', 'a2', 'nope']);
        expect([...of.keys()].sort()).toEqual(['a1', 'a2']);
        expect(of.get('a1')).toEqual(fbi);
      }));

    it('rewrites a story when it grows, and finds it by its new key terms only', () =>
      withStore(async (s) => {
        await s.saveStories(
          plan({ stories: [state('s1', '2016-07-05T00:00:00.000Z', ['comey'])] }),
        );
        await s.saveStories(
          plan({
            stories: [
              state('s1', '2016-07-06T00:00:00.000Z', ['lynch', 'fbi'], {
                title: 'Grown',
                size: 2,
              }),
            ],
          }),
        );
        const window = ['2016-07-01T00:00:00.000Z', '2016-07-10T00:00:00.000Z'] as const;
        expect(await s.storyCandidates(['comey'], ...window)).toEqual([]);
        const [found] = await s.storyCandidates(['lynch', 'nothing'], ...window);
        expect(found).toMatchObject({ title: 'Grown', size: 2, keys: ['fbi', 'lynch'] });
      }));

    it('finds candidates by key term within the window of their mean time, newest first', () =>
      withStore(async (s) => {
        await s.saveStories(
          plan({
            stories: [
              state('july', '2016-07-05T00:00:00.000Z', ['comey', 'letter']),
              state('october', '2016-10-28T00:00:00.000Z', ['comey', 'letter']),
              state('other', '2016-10-28T00:00:00.000Z', ['debate']),
              state('late', '2016-10-29T00:00:00.000Z', ['letter'], {
                last: '2016-10-30T00:00:00.000Z',
              }),
            ],
          }),
        );
        const found = await s.storyCandidates(
          ['letter', 'comey'],
          '2016-10-25T00:00:00.000Z',
          '2016-10-31T00:00:00.000Z',
        );
        expect(found.map((x) => x.id)).toEqual(['late', 'october']);
      }));

    it('counts term document frequencies across batches', () =>
      withStore(async (s) => {
        expect(await s.termFrequencies(['comey'])).toEqual({ documents: 0, df: new Map() });
        await s.saveStories(
          plan({
            documents: 2,
            terms: new Map([
              ['comey', 2],
              ['fbi', 1],
            ]),
          }),
        );
        await s.saveStories(plan({ documents: 1, terms: new Map([['comey', 1]]) }));
        expect(await s.termFrequencies(['comey', 'fbi', 'none'])).toEqual({
          documents: 3,
          df: new Map([
            ['comey', 3],
            ['fbi', 1],
          ]),
        });
      }));

    it('lists the stories with the newest last article first', () =>
      withStore(async (s) => {
        await s.saveStories(
          plan({
            stories: [
              state('old', '2016-01-01T00:00:00.000Z', ['a']),
              state('new', '2016-03-01T00:00:00.000Z', ['b']),
              state('mid', '2016-02-01T00:00:00.000Z', ['c']),
            ],
            members: [member('new', 'n1', 'AP')],
          }),
        );
        const recent = await s.recentStories(2);
        expect(recent.map((x) => x.id)).toEqual(['new', 'mid']);
        expect(recent[0]).toMatchObject({ outlets: ['AP'], articles: 1 });
      }));

    it('looks up more ids than one statement takes', () =>
      withStore(async (s) => {
        const stories = Array.from({ length: 1200 }, (_, i) =>
          state(`s${i}`, '2016-07-05T00:00:00.000Z', [`k${i}`]),
        );
        await s.saveStories(
          plan({ stories, members: stories.map((x) => member(x.id, `a-${x.id}`, 'AP')) }),
        );
        const ids = stories.map((x) => x.id);
        const found = await s.getStories(ids);
        expect(found.length).toBe(1200);
        expect(found.every((x) => x.articles === 1 && x.outlets.join() === 'AP')).toBe(true);
        expect((await s.storyIdsOf(ids.map((id) => `a-${id}`))).size).toBe(1200);
        expect((await s.storiesOfArticles(ids.map((id) => `a-${id}`))).size).toBe(1200);
        const keys = stories.map((x) => x.keys[0] as string);
        expect(
          (await s.storyCandidates(keys, '2016-07-01T00:00:00.000Z', '2016-07-09T00:00:00.000Z'))
            .length,
        ).toBe(1200);
      }));

    it('merges a story into another: members and keys move, the merged id answers as the other', () =>
      withStore(async (s) => {
        const day = (d: number) => `2016-02-0${d}T00:00:00.000Z`;
        await s.saveStories(
          plan({
            stories: [
              state('iowa', day(1), ['iowa', 'caucus']),
              state('polls', day(2), ['poll', 'iowa']),
              state('hampshire', day(3), ['hampshire']),
            ],
            members: [
              member('iowa', 'a1', 'Politico', day(1)),
              member('polls', 'a2', 'New York Times', day(2)),
              member('polls', 'a2', 'USA Today', day(2)),
              member('hampshire', 'a3', 'Breitbart', day(3)),
            ],
          }),
        );
        // Polls joins Iowa (the older keeps its id); then New Hampshire joins it too, in a later
        // batch, with a new article for the merged story.
        const grown = state('iowa', day(2), ['caucus', 'iowa', 'poll'], {
          first: day(1),
          last: day(2),
          size: 2,
        });
        await s.saveStories(plan({ stories: [grown], merged: [{ from: 'polls', into: 'iowa' }] }));
        await s.saveStories(
          plan({
            stories: [{ ...grown, last: day(4), size: 4 }],
            members: [member('iowa', 'a4', 'Washington Post', day(4))],
            merged: [{ from: 'hampshire', into: 'iowa' }],
          }),
        );
        const iowa = {
          id: 'iowa',
          title: 'Story iowa',
          outlets: ['Politico', 'New York Times', 'USA Today', 'Breitbart', 'Washington Post'],
          first: day(1),
          last: day(4),
          articles: 5,
        };
        expect(await s.getStories(['iowa'])).toEqual([iowa]);
        // Both merged ids (the first through the second merge) find the story they joined, once.
        expect(await s.getStories(['polls'])).toEqual([iowa]);
        expect(await s.getStories(['hampshire', 'polls', 'iowa'])).toEqual([iowa]);
        expect(await s.storyIdsOf(['a1', 'a2', 'a3', 'a4'])).toEqual(
          new Map([
            ['a1', 'iowa'],
            ['a2', 'iowa'],
            ['a3', 'iowa'],
            ['a4', 'iowa'],
          ]),
        );
        expect((await s.storyMembers(['iowa'])).map((m) => m.articleId)).toEqual([
          'a1',
          'a2',
          'a2',
          'a3',
          'a4',
        ]);
        expect(await s.storyMembers(['polls'])).toEqual([]);
        const window = [day(1), day(9)] as const;
        const found = await s.storyCandidates(['poll', 'hampshire', 'iowa'], ...window);
        expect(found.map((x) => x.id)).toEqual(['iowa']);
        expect((await s.recentStories(10)).map((x) => x.id)).toEqual(['iowa']);
        expect((await s.storiesOfArticles(['a3'])).get('a3')?.id).toBe('iowa');
      }));

    it('writes a batch planned before a merge it did not see to the story merged into', () =>
      withStores(factory, 2, async (one, other) => {
        const day = (d: number) => `2016-02-0${d}T00:00:00.000Z`;
        await one.saveStories(
          plan({
            stories: [state('iowa', day(1), ['iowa']), state('polls', day(2), ['poll'])],
            members: [member('iowa', 'a1', 'AP', day(1)), member('polls', 'a2', 'AP', day(2))],
          }),
        );
        // The other process read "polls" as live, then this one merged it away.
        await one.saveStories(
          plan({
            stories: [state('iowa', day(1), ['iowa', 'poll'], { last: day(2), size: 2 })],
            merged: [{ from: 'polls', into: 'iowa' }],
          }),
        );
        await other.saveStories(
          plan({
            stories: [state('polls', day(2), ['poll'], { last: day(3), size: 2 })],
            members: [member('polls', 'a3', 'Reuters', day(3))],
          }),
        );
        expect((await other.recentStories(10)).map((x) => x.id)).toEqual(['iowa']);
        expect((await one.storyIdsOf(['a3'])).get('a3')).toBe('iowa');
        expect(await one.getStories(['polls'])).toMatchObject([
          { id: 'iowa', outlets: ['AP', 'Reuters'], articles: 3 },
        ]);
      }));
  });
}
