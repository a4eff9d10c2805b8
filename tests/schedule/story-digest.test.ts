import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/adapters/console/render.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { createDigestBuilder } from '../../src/schedule/build-digest.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const log = pino({ level: 'silent' });
let dir: string;
let store: SqliteStore;

const background = Array.from({ length: 20 }, (_, i) => ({
  title: `Market notebook ${i}`,
  source: 'Reuters',
  published: `2016-0${1 + (i % 8)}-1${i % 10}`,
  body: `Shares moved on day ${i} as traders weighed interest rates, oil prices and earnings.\n\nAnalysts said markets would stay calm.`,
}));
const first = [
  {
    title: 'Dam breach floods valley towns',
    source: 'AP',
    url: 'https://ap.example/dam',
    published: '2016-10-10T08:00:00Z',
    body: 'A dam on the Ruvo river burst on Monday, flooding the valley towns of Marna and Tessel.\n\nRescue teams from Marna evacuated hundreds of residents from the Ruvo valley.',
  },
  {
    title: 'Ruvo dam bursts, Marna and Tessel under water',
    source: 'Politico',
    url: 'https://politico.example/dam',
    published: '2016-10-10T10:00:00Z',
    body: 'The Ruvo dam burst on Monday and flood water reached Marna and Tessel within hours.\n\nOfficials in Tessel said the Ruvo valley had not seen such a flood in fifty years.',
  },
];
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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-story-digest-'));
  store = new SqliteStore(join(dir, 'digest.db'));
  await ingestAt('background.json', background, '2016-10-01T00:00:00Z');
  await ingestAt('first.json', first, '2016-10-10T12:00:00Z');
  await ingestAt('later.json', [later], '2016-10-11T12:00:00Z');
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('digests by story', () => {
  it('lists a new story once, with its outlets', async () => {
    const digest = await createDigestBuilder({ store })({
      subscription: { topics: ['dam'], timezone: 'UTC' },
      since: '2016-10-10T00:00:00Z',
    });
    const text = renderConsole(digest.reply ?? { blocks: [] });
    const points = text.split('\n').filter((l) => l.startsWith('  • '));
    expect(points).toHaveLength(1);
    expect(points[0]).toMatch(/\(AP, Politico, Reuters\)/);
  });

  it('says only what is new about a story the last digest already had', async () => {
    const digest = await createDigestBuilder({ store })({
      subscription: { topics: [], timezone: 'UTC' },
      since: '2016-10-11T00:00:00Z',
    });
    const text = renderConsole(digest.reply ?? { blocks: [] });
    const points = text.split('\n').filter((l) => l.startsWith('  • '));
    expect(points).toHaveLength(1);
    expect(points[0]).toMatch(
      /^ {2}• Update on “.+”, since 2016-10-10: Engineers had warned the Marna council/,
    );
    expect(points[0]).toMatch(/\(Reuters\)/);
    expect(text).not.toContain('flooding the valley towns');
    expect(text).toContain('https://reuters.example/dam');
  });
});
