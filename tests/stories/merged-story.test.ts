import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { ExtractiveBriefer } from '../../src/briefing/extractive-briefer.ts';
import { listStories } from '../../src/briefing/list-stories.ts';
import { createDigestBuilder } from '../../src/schedule/build-digest.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

// What users see once assignment merges two stories (src/stories/assign-stories.ts decides when;
// here the merge is written as it would write it): the merged id still briefs, /stories lists
// the story once, and the next digest tells what is new in it instead of announcing it again.

const log = pino({ level: 'silent' });
let dir: string;
let store: SqliteStore;

const background = Array.from({ length: 20 }, (_, i) => ({
  title: `Market notebook ${i}`,
  source: 'Reuters',
  published: `2016-0${1 + (i % 8)}-1${i % 10}`,
  body: `Shares moved on day ${i} as traders weighed interest rates, oil prices and earnings.\n\nAnalysts said markets would stay calm.`,
}));
const breach = {
  title: 'Dam breach floods valley towns',
  source: 'AP',
  url: 'https://ap.example/dam',
  published: '2016-10-10T08:00:00Z',
  body: 'A dam on the Ruvo river burst on Monday, flooding the valley towns of Marna and Tessel.\n\nRescue teams from Marna evacuated hundreds of residents from the Ruvo valley.',
};
const shelters = {
  title: 'Shelters open in school gyms',
  source: 'Politico',
  url: 'https://politico.example/shelters',
  published: '2016-10-10T11:00:00Z',
  body: 'Volunteers set up cots and blankets in three school gymnasiums on Monday evening.\n\nThe Red Cross said families could stay in the gyms for at least a week.',
};
const later = {
  title: 'Ruvo dam: engineers warned of cracks',
  source: 'Reuters',
  url: 'https://reuters.example/dam',
  published: '2016-10-11T09:00:00Z',
  body: 'Engineers had warned the Marna council about cracks in the Ruvo dam two years ago, documents show.\n\nThe Ruvo dam burst on Monday, flooding the valley towns of Marna and Tessel.',
};

async function ingestAt(name: string, articles: object[], at: string) {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(articles));
  const summary = await ingestPaths([file], { store, log, clock: () => new Date(at) });
  expect(summary.failed).toEqual([]);
}

const points = (text: string) => text.split('\n').filter((l) => l.startsWith('  • '));
const digestSince = async (since: string) =>
  renderConsole(
    (
      await createDigestBuilder({ store })({
        subscription: { topics: [], timezone: 'UTC' },
        since,
      })
    ).reply ?? { blocks: [] },
  );

let dam: string;
let gyms: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-merged-story-'));
  store = new SqliteStore(join(dir, 'merged.db'));
  await ingestAt('background.json', background, '2016-10-01T00:00:00Z');
  await ingestAt('first.json', [breach, shelters], '2016-10-10T12:00:00Z');
  const listed = await listStories(store, '');
  const idOf = (title: string) => listed.find((s) => s.title === title)?.id as string;
  dam = idOf(breach.title);
  gyms = idOf(shelters.title);
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a story merged into another', () => {
  it('was two stories in the first digest', async () => {
    expect(dam).toMatch(/^s[0-9a-f]{12}$/);
    expect(gyms).not.toBe(dam);
    expect(points(await digestSince('2016-10-10T00:00:00Z'))).toHaveLength(2);
  });

  it('is one story after the merge: listed once, and its old id briefs the story it joined', async () => {
    await store.saveStories({
      stories: [],
      members: [],
      merged: [{ from: gyms, into: dam }],
      documents: 0,
      terms: new Map(),
    });
    await ingestAt('later.json', [later], '2016-10-11T12:00:00Z');
    const listed = await listStories(store, '');
    expect(listed.map((s) => s.id)).not.toContain(gyms);
    const merged = listed.find((s) => s.id === dam);
    expect(merged).toMatchObject({ outlets: ['AP', 'Politico', 'Reuters'], articles: 3 });
    const briefing = await new ExtractiveBriefer(store).brief(gyms);
    expect(briefing.stories?.[0]?.id).toBe(dam);
  });

  it('is an update in the next digest, not a new story', async () => {
    const text = await digestSince('2016-10-11T00:00:00Z');
    expect(points(text)).toHaveLength(1);
    expect(points(text)[0]).toMatch(
      /^ {2}• Update on “.+”, since 2016-10-10: Engineers had warned/,
    );
  });
});
