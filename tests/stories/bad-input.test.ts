import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { ExtractiveBriefer } from '../../src/briefing/extractive-briefer.ts';
import { listStories } from '../../src/briefing/list-stories.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

/**
 * Bad input through the real ingest path into a real SQLite store: what story assignment makes
 * of articles with no headline, no date, one word, and one wire text from fifty outlets, and
 * what it logs. Nothing may be lost or crash.
 */
const lines: string[] = [];
const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
let dir: string;
let store: SqliteStore;
let failed: Array<{ origin: string; reason: string }>;

const background = Array.from({ length: 20 }, (_, i) => ({
  title: `Campaign notebook ${i}`,
  source: 'Politico',
  published: `2016-0${1 + (i % 6)}-${10 + (i % 18)}`,
  body: `Candidates crossed the state on day ${i} of the campaign, holding rallies about jobs, taxes and the economy.\n\nVoters said they were still weighing the choice between the parties.`,
}));

const wire = `COLUMBIA, S.C. (AP) — Donald Trump won the South Carolina Republican primary on Saturday, his second straight victory in the race for the nomination.

Marco Rubio and Ted Cruz were locked in a close race for second place in the South Carolina vote, and Jeb Bush ended his campaign after a poor finish.

Trump told supporters in Spartanburg that the win in South Carolina showed his campaign could carry the South.`;

const wireCopies = Array.from({ length: 50 }, (_, i) => ({
  title: 'Trump wins South Carolina primary',
  source: `Outlet ${String(i).padStart(2, '0')}`,
  url: `https://outlet${i}.example/sc-primary`,
  published: '2016-02-21T03:00:00Z',
  body: wire,
}));

const untitled = {
  source: 'USA Today',
  published: '2016-02-21T05:00:00Z',
  body: 'Jeb Bush suspended his presidential campaign on Saturday night in Columbia after finishing fourth in the South Carolina primary behind Donald Trump, Marco Rubio and Ted Cruz.\n\nBush thanked his supporters in South Carolina and said the presidency is bigger than any one person.',
};
const undated = {
  title: 'Clinton wins Nevada caucuses',
  source: 'Washington Post',
  body: 'Hillary Clinton won the Nevada Democratic caucuses on Saturday, beating Bernie Sanders in Las Vegas and easing worries about her campaign after New Hampshire.',
};
const oneWord = { title: 'Trump', source: 'Breitbart', published: '2016-02-21', body: 'Trump' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-stories-bad-'));
  const file = join(dir, 'articles.json');
  await writeFile(file, JSON.stringify([...background, ...wireCopies, untitled, undated, oneWord]));
  store = new SqliteStore(join(dir, 'stories.db'));
  const summary = await ingestPaths([file], { store, log });
  failed = summary.failed;
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const said = (text: string) => lines.some((l) => l.includes(text));

describe('bad input through ingest', () => {
  it('takes fifty outlets copying one wire text as one story listing all fifty, and logs it', async () => {
    const story = (await listStories(store, 'south carolina primary')).find(
      (s) => s.outlets.length >= 50,
    );
    expect(story?.title).toBe('Trump wins South Carolina primary');
    expect(story?.outlets).toEqual(expect.arrayContaining(wireCopies.map((w) => w.source)));
    expect(said('copies of stored articles')).toBe(true);
    // The copies are one text: the briefing says it once, without the dateline.
    const b = await new ExtractiveBriefer(store).brief(story?.id as string);
    const texts = b.points.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).not.toMatch(/COLUMBIA|\(AP\)|^[A-Z .,]+—/);
  });

  it('lists an article with no headline by its first words, never as a story title over a headline, and logs it', async () => {
    const members = await store.storyMembers(
      (await listStories(store, 'bush suspended campaign')).map((s) => s.id),
    );
    const bush = members.find((m) => m.outlet === 'USA Today');
    expect(bush?.title).toMatch(/^Jeb Bush suspended his presidential campaign/);
    const [story] = await store.getStories([bush?.storyId as string]);
    if (story && story.articles > 1) expect(story.title).toBe('Trump wins South Carolina primary');
    expect(said('no headline')).toBe(true);
  });

  it('dates an undated article by when it was ingested, and logs it', async () => {
    const [story] = await listStories(store, 'nevada caucuses');
    expect(story?.title).toBe('Clinton wins Nevada caucuses');
    expect(Date.parse(story?.last as string)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(said('no usable publication date')).toBe(true);
  });

  it('refuses a one-word article by name, and keeps every other article in a story', async () => {
    // Cleaning refuses it before stories see it (assignStories' own tests cover a short one).
    expect(failed).toEqual([
      {
        origin: expect.stringMatching(/articles\.json#73$/),
        reason: 'nothing left after cleaning (no article text)',
      },
    ]);
    const all = await store.recentStories(500);
    expect(all.reduce((n, s) => n + s.articles, 0)).toBe(background.length + wireCopies.length + 2);
  });
});
