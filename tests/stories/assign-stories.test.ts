import { createHash } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  assignStories,
  STORY_PARAMS,
  type StoryArticle,
  type StoryParams,
  storyIdFor,
} from '../../src/stories/assign-stories.ts';
import { MemoryStories } from '../../src/stories/memory-stories.ts';
import { storyTerms, storyWord } from '../../src/stories/story-terms.ts';

let n = 0;
function article(
  title: string,
  paragraphs: string[],
  extra: Partial<StoryArticle> = {},
): StoryArticle {
  n++;
  return {
    id: createHash('sha256').update(String(n)).digest('hex').slice(0, 20),
    title,
    paragraphs,
    ingestedAt: '2016-10-01T00:00:00.000Z',
    ...extra,
  };
}

/** Ingests batches in order into one memory store, as the ingest writer would. */
async function ingest(batches: StoryArticle[][], log = pino({ level: 'silent' })) {
  const stories = new MemoryStories();
  const stored = new Set<string>();
  for (const batch of batches) {
    const plan = await assignStories(
      batch.map((a) => {
        const inserted = !stored.has(a.id);
        stored.add(a.id);
        return { article: a, inserted };
      }),
      stories,
      { log },
    );
    stories.save(plan);
  }
  return stories;
}

// Background articles so that IDF can tell common words from telling ones, as in a real store.
const background = Array.from({ length: 30 }, (_, i) =>
  article(
    `Campaign notebook ${i}`,
    [
      `The presidential campaign went on in state number ${i} with Donald Trump and Hillary Clinton holding rallies and voters weighing the economy, jobs and taxes.`,
      `Polls in the state showed a close race between the Republican and Democratic candidates for president, with many voters undecided about the election.`,
    ],
    { published: `2016-0${1 + (i % 8)}-1${i % 10}T00:00:00.000Z` },
  ),
);

const debateSeptember = [
  'The first presidential debate at Hofstra University on Monday night saw Trump and Clinton spar over trade, the birther controversy and the tax returns Trump has not released.',
  'Lester Holt of NBC moderated the Hofstra debate, which drew a record television audience of 84 million viewers.',
];
const debateOctober = [
  'The second presidential debate in St. Louis on Sunday night opened with Trump defending the Access Hollywood tape and threatening to jail Clinton over her emails.',
  'Anderson Cooper and Martha Raddatz moderated the town hall debate at Washington University in St. Louis.',
];

describe('storyWord', () => {
  it('folds case, diacritics, possessives and plurals, and drops stopwords and numbers', () => {
    expect(storyWord('Debates')).toBe('debate');
    expect(storyWord('Clinton’s')).toBe('clinton');
    expect(storyWord('Erdoğan')).toBe('erdogan');
    expect(storyWord('said')).toBeUndefined();
    expect(storyWord('2016')).toBeUndefined();
    expect(storyWord('emails')).toBe('email');
  });
});

describe('storyTerms', () => {
  it('weighs the headline, the lead and the names the body mentions', () => {
    const terms = storyTerms({
      title: 'Guccifer pleads guilty',
      paragraphs: [
        'The Romanian hacker known as Guccifer pleaded guilty in Alexandria on Wednesday.',
      ],
    });
    expect(terms.get('guccifer')).toBeGreaterThan(terms.get('hacker') ?? 0);
    expect(terms.get('alexandria')).toBeGreaterThan(terms.get('hacker') ?? 0);
    expect(terms.has('wednesday')).toBe(false);
  });
});

describe('assignStories', () => {
  it('puts two outlets reporting one event in one story, and a different debate in another', async () => {
    const nbc = article('Trump and Clinton clash at Hofstra debate', debateSeptember, {
      outlet: 'NBC',
      published: '2016-09-27T02:00:00.000Z',
    });
    const ap = article(
      'Takeaways from the Hofstra presidential debate',
      [
        'Trump and Clinton traded attacks over trade and the birther controversy at the first presidential debate at Hofstra University.',
        'The debate, moderated by Lester Holt, drew 84 million viewers, a record for a presidential debate.',
      ],
      { outlet: 'AP', published: '2016-09-27T05:00:00.000Z' },
    );
    const october = article('Trump threatens to jail Clinton at St. Louis debate', debateOctober, {
      outlet: 'AP',
      published: '2016-10-10T03:00:00.000Z',
    });
    const stories = await ingest([background, [nbc], [ap, october]]);
    expect(stories.storyOf(ap.id)).toBe(stories.storyOf(nbc.id));
    expect(stories.storyOf(october.id)).not.toBe(stories.storyOf(nbc.id));
    const hofstra = stories.stories.get(stories.storyOf(nbc.id) as string);
    expect(hofstra?.id).toBe(storyIdFor(nbc.id));
    expect(hofstra?.first).toBe(nbc.published);
    expect(hofstra?.last).toBe(ap.published);
  });

  it('reads story terms worked out beforehand (ingest does it on a worker), for the default weights only', async () => {
    const batch = [background.slice(0, 10), [article('Hofstra debate', debateSeptember)]].flat();
    const plan = (
      terms: (a: StoryArticle) => Map<string, number> | undefined,
      params?: StoryParams,
    ) =>
      assignStories(
        batch.map((a) => ({ article: a, inserted: true, terms: terms(a) })),
        new MemoryStories(),
        { params },
      );
    const computed = await plan(() => undefined);
    expect(await plan((a) => storyTerms(a))).toEqual(computed);
    // Terms that are not the article's show that they are read, and ignored for other weights.
    const wrong = () =>
      new Map([
        ['hofstra', 1],
        ['zebra', 2],
        ['quartz', 3],
        ['violin', 4],
      ]);
    expect((await plan(wrong)).terms).toEqual(
      new Map([
        ['hofstra', 11],
        ['zebra', 11],
        ['quartz', 11],
        ['violin', 11],
      ]),
    );
    const fields = { ...STORY_PARAMS.fields };
    const other = { ...STORY_PARAMS, fields };
    expect(await plan(wrong, other)).toEqual(await plan(() => undefined, other));
    expect(await plan(() => undefined, other)).toEqual(computed);
  });

  it('keeps the same words a month apart in different stories (the time window)', async () => {
    const july = article(
      'Comey letter on Clinton emails',
      [
        'FBI Director James Comey said in a letter to Congress that the Clinton email inquiry found no grounds for charges.',
      ],
      { published: '2016-07-06T00:00:00.000Z' },
    );
    const october = article(
      'Comey letter on Clinton emails',
      [
        'FBI Director James Comey said in a letter to Congress that the Clinton email inquiry found new emails to review.',
      ],
      { published: '2016-10-28T00:00:00.000Z' },
    );
    const stories = await ingest([background, [july, october]]);
    expect(stories.storyOf(july.id)).not.toBe(stories.storyOf(october.id));
  });

  it('lists a syndicated copy (the same text from another outlet) in its article story', async () => {
    const wire = article('Hofstra debate draws record audience', debateSeptember, {
      outlet: 'AP',
      url: 'https://ap.example/hofstra',
      published: '2016-09-27T02:00:00.000Z',
    });
    const copy = { ...wire, outlet: 'Breitbart', url: 'https://breitbart.example/hofstra' };
    const stories = await ingest([background, [wire], [copy]]);
    const story = stories.storyOf(wire.id) as string;
    const outlets = stories.members.filter((m) => m.storyId === story).map((m) => m.outlet);
    expect(outlets).toEqual(['AP', 'Breitbart']);
  });

  it('takes fifty outlets copying one text in one batch as one story with fifty outlets', async () => {
    const wire = article('Hofstra debate draws record audience', debateSeptember, {
      published: '2016-09-27T02:00:00.000Z',
    });
    const copies = Array.from({ length: 50 }, (_, i) => ({ ...wire, outlet: `Outlet ${i}` }));
    const stories = await ingest([background, copies]);
    const story = stories.storyOf(wire.id) as string;
    expect(stories.members.filter((m) => m.storyId === story)).toHaveLength(50);
    expect(stories.stories.size).toBe(
      1 + new Set(background.map((a) => stories.storyOf(a.id))).size,
    );
  });

  it('handles an article with no title, no date or one word, and logs the one-word one', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const untitled = article('', debateOctober, { published: '2016-10-10T02:00:00.000Z' });
    const undated = article('Hofstra debate', debateSeptember);
    const oneWord = article('', ['Hofstra']);
    const badDate = article('Hofstra', debateSeptember, { published: 'not a date' });
    const stories = await ingest([background, [untitled, undated, oneWord, badDate]], log);
    const untitledStory = stories.stories.get(stories.storyOf(untitled.id) as string);
    expect(untitledStory?.title).toMatch(/^The second presidential debate in St\. Louis/);
    expect(stories.stories.get(stories.storyOf(undated.id) as string)?.last).toBe(
      undated.ingestedAt,
    );
    expect(stories.storyOf(oneWord.id)).toBe(storyIdFor(oneWord.id));
    expect(stories.storyOf(badDate.id)).toBeDefined();
    for (const said of ['too little text', 'no usable publication date', 'no headline'])
      expect(lines.some((l) => l.includes(said))).toBe(true);
  });

  it('takes the headline of the article closest to the story as its title', async () => {
    const aside = article(
      'Ratings night',
      [
        'Television ratings for the first presidential debate at Hofstra were a record, 84 million viewers, NBC said.',
      ],
      { published: '2016-09-27T02:00:00.000Z' },
    );
    const core = article(
      'Trump and Clinton clash at Hofstra presidential debate',
      debateSeptember,
      {
        published: '2016-09-27T03:00:00.000Z',
      },
    );
    const more = article(
      'Hofstra debate: Trump and Clinton spar over trade',
      debateSeptember.slice(0, 1),
      {
        published: '2016-09-27T04:00:00.000Z',
      },
    );
    const stories = await ingest([background, [aside, core, more]]);
    const story = stories.stories.get(stories.storyOf(aside.id) as string);
    expect(stories.storyOf(core.id)).toBe(story?.id);
    expect(story?.title).not.toBe('Ratings night');
  });

  it('merges two live stories when an article brings their centroids close, the older keeping its id', async () => {
    const stories = new MemoryStories();
    const day = (d: number) => `2016-02-0${d}T00:00:00.000Z`;
    const stored = (id: string, d: number, centroid: Array<[string, number]>) => ({
      id,
      title: `Story ${id}`,
      titleVector: centroid,
      first: day(d),
      last: day(d),
      center: day(d),
      size: 1,
      centroid,
      keys: centroid.map(([t]) => t).sort(),
    });
    const caucus = stored('scaucus', 1, [
      ['iowa', 1],
      ['caucus', 1],
      ['cruz', 1],
      ['moines', 0.5],
    ]);
    const polls = stored('spolls', 2, [
      ['poll', 1],
      ['pollster', 1],
      ['survey', 1],
      ['cruz', 0.3],
    ]);
    stories.save({
      stories: [caucus, polls],
      members: [
        { storyId: 'scaucus', articleId: 'a1', title: 'Cruz wins Iowa', dated: day(1) },
        { storyId: 'spolls', articleId: 'a2', title: 'Polls missed it', dated: day(2) },
      ],
      merged: [],
      documents: 0,
      terms: new Map(),
    });
    const batch = (a: StoryArticle) => [{ article: a, inserted: true }];
    const bridge = article(
      'Pollsters missed Cruz in the Iowa caucus',
      [
        'The Iowa caucus poll average had Trump ahead; every pollster and survey missed the late swing to Cruz, and the caucus results surprised them.',
      ],
      { published: day(3) },
    );
    // Apart, the two stories are not close enough to merge; the article joins one of them and
    // moves its centroid towards the other.
    const apart = await assignStories(batch(bridge), stories, {
      params: { ...STORY_PARAMS, mergeThreshold: 0.9 },
    });
    expect(apart.merged).toEqual([]);
    const plan = await assignStories(batch(bridge), stories);
    expect(plan.merged).toEqual([{ from: 'spolls', into: 'scaucus' }]);
    expect(plan.members.map((m) => m.storyId)).toEqual(['scaucus']);
    expect(plan.stories.map((s) => s.id)).toEqual(['scaucus']);
    const merged = plan.stories[0];
    expect(merged).toMatchObject({ first: day(1), last: day(3), size: 3 });
    expect(merged?.keys).toEqual(expect.arrayContaining(['iowa', 'poll']));
    stories.save(plan);
    expect([...stories.stories.keys()]).toEqual(['scaucus']);
    expect(stories.storyOf('a2')).toBe('scaucus');
    expect(stories.aliases.get('spolls')).toBe('scaucus');
  });
});
