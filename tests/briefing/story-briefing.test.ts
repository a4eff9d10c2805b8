import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stories as storiesCommand } from '../../commands/stories.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { briefingJson } from '../../src/briefing/briefing-json.ts';
import { briefingReply } from '../../src/briefing/briefing-reply.ts';
import { ExtractiveBriefer } from '../../src/briefing/extractive-briefer.ts';
import { listStories, storiesJson } from '../../src/briefing/list-stories.ts';
import type { CommandContext } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const log = pino({ level: 'silent' });
let dir: string;
let store: SqliteStore;

// Background: unrelated campaign news over the months before, so IDF knows common words.
const background = Array.from({ length: 24 }, (_, i) => ({
  title: `Campaign notebook ${i}`,
  source: ['AP', 'Reuters', 'Politico'][i % 3],
  published: `2016-0${1 + (i % 6)}-${10 + (i % 18)}`,
  body: `Candidates crossed the state on day ${i} of the campaign, holding rallies about jobs, taxes and the economy.\n\nVoters said they were still weighing the choice between the parties.`,
}));

const letter = [
  {
    title: 'FBI director tells Congress of new Clinton emails',
    source: 'AP',
    url: 'https://ap.example/comey-letter',
    published: '2016-10-28T15:00:00Z',
    body: `WASHINGTON (AP) — FBI Director James Comey told Congress in a letter on Friday that agents had found new emails pertinent to the Clinton email investigation.

The letter went to eight committee chairmen and said the bureau would review about 650,000 emails found on a laptop.

"The FBI cannot yet assess whether or not this material may be significant," Comey wrote in the letter to Congress.

Jason Chaffetz, chairman of the House oversight committee, said: "Case reopened, the FBI has a lot of work to do now."`,
  },
  {
    title: 'Comey letter on Clinton emails rattles campaign',
    source: 'Politico',
    url: 'https://politico.example/comey-letter',
    published: '2016-10-28T18:00:00Z',
    body: `FBI Director James Comey's letter to Congress about new emails in the Clinton email investigation upended the campaign on Friday, eleven days before the election.

The bureau will review about 600,000 emails found on a laptop used by Anthony Weiner, according to the letter to Congress.

John Podesta, Clinton's campaign chairman, said: "It is extraordinary that we would see something like this just 11 days out from a presidential election."

Comey wrote that the FBI could not yet say whether the material was significant to the Clinton email investigation.`,
  },
  {
    title: 'Clinton demands FBI release facts on emails',
    source: 'Reuters',
    url: 'https://reuters.example/comey-letter',
    published: '2016-10-29T09:00:00Z',
    body: `Hillary Clinton called on FBI Director James Comey on Saturday to release the full facts behind his letter to Congress about new emails in the Clinton email investigation.

"The American people deserve to get the full and complete facts immediately," Clinton told supporters at a rally in Daytona Beach.

Comey's letter said agents would review emails found on a laptop belonging to Anthony Weiner.`,
  },
];

const july = {
  title: 'Comey: no charges over Clinton emails',
  source: 'AP',
  url: 'https://ap.example/comey-july',
  published: '2016-07-05T16:00:00Z',
  body: `FBI Director James Comey said on Tuesday that the FBI would not recommend charges over Hillary Clinton's use of a private email server, though she had been extremely careless.

Comey said no reasonable prosecutor would bring such a case over the Clinton emails.`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-stories-'));
  const file = join(dir, 'articles.json');
  await writeFile(file, JSON.stringify([...background, july, ...letter]));
  store = new SqliteStore(join(dir, 'stories.db'));
  const summary = await ingestPaths([file], { store, log });
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a briefing on a story', () => {
  it('briefs the newest relevant story, with its outlets, and lists the earlier one', async () => {
    const b = await new ExtractiveBriefer(store).brief('comey letter emails');
    const [briefed, ...related] = b.stories ?? [];
    expect(briefed?.outlets).toEqual(['AP', 'Politico', 'Reuters']);
    expect(briefed?.first).toBe('2016-10-28T15:00:00.000Z');
    expect(related.map((r) => r.title)).toContain('Comey: no charges over Clinton emails');
    expect(b.coverage?.text).toMatch(
      /^Covered by 3 outlets: AP \[\d+\], Politico \[\d+\] and Reuters \[\d+\]\.$/,
    );
    expect(b.related?.[0]?.text).toMatch(
      /^2016-07-05: Comey: no charges over Clinton emails · 1 outlet · \/brief s[0-9a-f]{12}$/,
    );
    // Every source names its story; each story lists its sources.
    for (const c of b.sources) expect(c.story).toMatch(/^s[0-9a-f]{12}$/);
    for (const s of b.stories ?? []) expect(s.sources.length).toBeGreaterThan(0);
  });

  it('says where the outlets differ: the count of emails, and a quote only one ran', async () => {
    const b = await new ExtractiveBriefer(store).brief('comey letter emails');
    const lines = (b.differences ?? []).map((d) => d.text);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Figures differ on emails?: about 650,000 in AP, about 600,000 in Politico\.$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^Only Politico quoted John Podesta: “It is extraordinary/),
    );
  });

  it('keeps key points whole sentences: no dateline, no fact twice', async () => {
    const b = await new ExtractiveBriefer(store).brief('comey letter emails');
    for (const p of b.points) {
      expect(p.text).not.toMatch(/^WASHINGTON|\(AP\)/);
      expect(p.text).toMatch(/^["“A-Z0-9]/);
      expect(p.text).toMatch(/[.!?]["”’)]*$/);
    }
    const texts = b.points.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('briefs a story by its id, and refuses an unknown id clearly', async () => {
    const [story] = await listStories(store, 'comey letter');
    const b = await new ExtractiveBriefer(store).brief(story?.id as string);
    expect(b.stories?.[0]?.id).toBe(story?.id);
    await expect(new ExtractiveBriefer(store).brief('s000000000000')).rejects.toThrow(UserError);
  });

  it('renders the story, coverage, differences and earlier stories', async () => {
    const reply = briefingReply(
      await new ExtractiveBriefer(store).brief('comey letter emails'),
      'Briefing',
    );
    const headings = reply.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Key points',
        'Coverage',
        'Where they differ',
        'Earlier and related stories',
        'Sources',
      ]),
    );
    expect(reply.blocks[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^Story: /),
    });
  });

  it('prints the contract shape for brief --json', async () => {
    const json = briefingJson(await new ExtractiveBriefer(store).brief('comey letter emails'));
    expect(Object.keys(json)).toEqual([
      'topic',
      'points',
      'numbers',
      'quotes',
      'sources',
      'stories',
      'summarizer',
    ]);
    expect(Object.keys(json.sources[0] ?? {})).toEqual([
      'n',
      'title',
      'outlet',
      'published',
      'url',
      'story',
    ]);
    expect(Object.keys(json.stories[0] ?? {})).toEqual([
      'id',
      'title',
      'outlets',
      'sources',
      'first',
      'last',
    ]);
  });
});

describe('/stories', () => {
  it('lists stories newest and most covered first, with outlets, counts and dates', async () => {
    const ctx = { services: { store } } as unknown as CommandContext;
    const reply = await storiesCommand.run?.(ctx, {});
    const list = reply?.blocks[0];
    expect(list?.type).toBe('list');
    const first = list?.type === 'list' ? list.items[0]?.text : '';
    expect(first).toMatch(
      /: 3 outlets \(AP, Politico, Reuters\), 3 articles, 2016-10-28 to 2016-10-29 · \/brief s[0-9a-f]{12}$/,
    );
    await expect(storiesCommand.run?.(ctx, { topic: 'zanzibar' })).rejects.toThrow(
      /No story mentions/,
    );
  });

  it('prints the contract shape for stories --json', async () => {
    const json = await storiesJson(store, await listStories(store, 'comey'));
    expect(Object.keys(json[0] ?? {})).toEqual([
      'id',
      'title',
      'outlets',
      'first',
      'last',
      'articles',
    ]);
    const letterStory = json.find((s) => s.outlets.length === 3);
    expect(letterStory?.articles.map((a) => [a.outlet, a.url])).toEqual([
      ['AP', 'https://ap.example/comey-letter'],
      ['Politico', 'https://politico.example/comey-letter'],
      ['Reuters', 'https://reuters.example/comey-letter'],
    ]);
    expect(Object.keys(letterStory?.articles[0] ?? {})).toEqual([
      'title',
      'outlet',
      'published',
      'url',
    ]);
  });
});
