import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { assignStories, type StoryArticle, storyIdFor } from '../../src/stories/assign-stories.ts';
import type { StoryPlan } from '../../src/stories/story.ts';
import { createTestDatabase, postgresUrl } from './postgres-databases.ts';

// Two writers (two store instances, each with connections of its own, as two bot processes
// have) assign batches to stories at the same moment. Assigning reads the stories outside the
// write transaction, so each writer's plan is made from the same snapshot and neither knows of
// the other's articles or merges; the store must still leave every article in one live story,
// every merged id answering for a live story, and each story's dates those of its articles.
//
// The interleaving is forced, not left to timing: a third connection holds the row
// `story_documents` (which every batch with new articles updates last, just before it commits),
// the first writer runs up to it and waits there with all its other writes done and its locks
// held, the second is started and runs as far as the locks let it (waiting is read from
// `pg_stat_activity`, not guessed with sleeps), then the row is let go. Each scenario runs in both
// orders. SQLite's writes are serial, so there the two plans are simply saved one after the other.

const day = (d: number, h: number) =>
  `2020-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

/** An article with a fixed id (a hex prefix, as ingest's ids are), dated `published`. */
function article(n: number, title: string, body: string, published: string): StoryArticle {
  return {
    id: `${n.toString(16).padStart(4, '0')}${'0'.repeat(20)}`,
    title,
    paragraphs: [body],
    outlet: 'Wire',
    published,
    ingestedAt: published,
  };
}

// Unrelated articles, so that the topics' words are rare (weighty) as in a real store.
const background = Array.from({ length: 20 }, (_, i) =>
  article(
    100 + i,
    `Market notebook ${i}`,
    `Shares moved on day ${i} as traders weighed interest rates, oil prices and earnings. Analysts said markets would stay calm.`,
    day(5 + (i % 5), 3),
  ),
);
// Three stories of one morning, oldest first (the older keeps its id when two merge).
const dam = article(
  1,
  'Ruvo dam bursts, flooding Marna',
  'The Ruvo dam burst on Monday, flooding the valley town of Marna. Rescue crews pulled residents of Marna from rooftops along the Ruvo.',
  day(10, 8),
);
const gyms = article(
  2,
  'Tessel opens shelters in gymnasiums',
  'Volunteers in Tessel set up cots and blankets in gymnasiums. The Tessel mayor said the gymnasiums would stay open.',
  day(10, 9),
);
const bridge = article(
  3,
  'Korvan bridge collapses under trucks',
  'The Korvan bridge collapsed under two trucks on the highway. Engineers inspected the Korvan highway bridge.',
  day(10, 10),
);
const [DAM, GYMS, BRIDGE] = [dam, gyms, bridge].map((a) => storyIdFor(a.id)) as [
  string,
  string,
  string,
];

// Joins the dam's story; dated before it, so that the story's first date moves.
const damEarlier = article(
  11,
  'Ruvo dam was cracked, Marna engineers say',
  'Cracks in the Ruvo dam above Marna were reported before it burst, and residents of Marna had been warned.',
  day(10, 6),
);
// Joins the dam's story too; dated after it, so that its last date moves.
const damLater = article(
  12,
  'Marna counts the cost of the Ruvo dam flood',
  'Residents of Marna returned to homes flooded when the Ruvo dam burst, and rescue crews searched the valley.',
  day(10, 20),
);
// Links the dam and the gyms: joins the dam's story and brings the gyms' story into it.
const damToGyms = article(
  13,
  'Marna flood victims reach Tessel gymnasiums',
  'Residents of Marna fleeing the Ruvo dam flood reached the Tessel gymnasiums, where volunteers handed out cots and blankets.',
  day(10, 11),
);
// Joins the gyms' story alone; the latest article of all.
const gymsLater = article(
  14,
  'Tessel gymnasiums run short of cots',
  'Volunteers in the Tessel gymnasiums ran short of cots and blankets, the Tessel mayor said.',
  day(11, 6),
);
// Links the gyms and the bridge: joins the gyms' story and brings the bridge's into it.
const gymsToBridge = article(
  15,
  'Korvan bridge collapse cuts Tessel shelters off',
  'Trucks carrying cots and blankets to the Tessel gymnasiums were stopped when the Korvan highway bridge collapsed.',
  day(10, 12),
);

interface Scenario {
  name: string;
  a: StoryArticle[];
  b: StoryArticle[];
  /** What each writer's plan must be for the race to be the one meant. */
  plans(a: StoryPlan, b: StoryPlan): void;
  /** Articles that must end in one story. */
  together: StoryArticle[];
}

const merges = (p: StoryPlan) => p.merged.map((m) => `${m.from}>${m.into}`);
const joins = (p: StoryPlan) => p.members.map((m) => m.storyId);

const scenarios: Scenario[] = [
  {
    name: 'both add an article to the same story',
    a: [damEarlier],
    b: [damLater],
    plans: (a, b) => {
      expect([joins(a), merges(a), joins(b), merges(b)]).toEqual([[DAM], [], [DAM], []]);
    },
    together: [dam, damEarlier, damLater],
  },
  {
    name: 'one merges two stories while the other adds to the one merged away',
    a: [damToGyms],
    b: [gymsLater],
    plans: (a, b) => {
      expect([joins(a), merges(a), joins(b), merges(b)]).toEqual([
        [DAM],
        [`${GYMS}>${DAM}`],
        [GYMS],
        [],
      ]);
    },
    together: [dam, gyms, damToGyms, gymsLater],
  },
  {
    name: 'both merge, one pair overlapping the other',
    a: [damToGyms],
    b: [gymsToBridge],
    plans: (a, b) => {
      expect([merges(a), merges(b)]).toEqual([[`${GYMS}>${DAM}`], [`${BRIDGE}>${GYMS}`]]);
    },
    together: [dam, gyms, bridge, damToGyms, gymsToBridge],
  },
];

/** The story tables as stored. */
interface Rows {
  stories: Array<{ id: string; first: string; last: string }>;
  members: Array<{ article_id: string; story_id: string; dated: string }>;
  aliases: Array<{ id: string; story_id: string }>;
}

/** One store kind: writers on one database, its rows, and how two saves are interleaved. */
interface Kind {
  /** A fresh database with two writers on it. */
  open(): Promise<{ writers: [Store, Store]; rows(): Promise<Rows>; close(): Promise<void> }>;
  /** Runs `first` to just before its commit, then `second` as far as it can go, then both on. */
  race(first: () => Promise<void>, second: () => Promise<void>): Promise<void>;
}

let dir: string;
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
/** The third connection: holds the row the writers wait on, and reads what they wrote. */
let third: pg.Client | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-story-race-'));
});
afterAll(async () => {
  await third?.end();
  await pgDatabase?.drop();
  await rm(dir, { recursive: true, force: true });
});

const sqlite: Kind = {
  async open() {
    const file = join(dir, `race-${Math.random().toString(36).slice(2)}.db`);
    const writers: [Store, Store] = [new SqliteStore(file), new SqliteStore(file)];
    return {
      writers,
      rows: async () => {
        const db = new Database(file, { readonly: true });
        try {
          return {
            stories: db.prepare('SELECT id, first, last FROM stories').all() as Rows['stories'],
            members: db
              .prepare('SELECT article_id, story_id, dated FROM story_members')
              .all() as Rows['members'],
            aliases: db.prepare('SELECT id, story_id FROM story_aliases').all() as Rows['aliases'],
          };
        } finally {
          db.close();
        }
      },
      close: async () => {
        for (const w of writers) await w.close();
      },
    };
  },
  async race(first, second) {
    await first();
    await second();
  },
};

/** Backends of the test database waiting for a lock (advisory or row), the reader's excepted. */
async function waiting(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Resolves once `n` backends wait for a lock, or `work` has ended (a writer that fails or never
 * waits must not hang the test). Polls: this waits for a state, it does not guess a duration.
 */
async function untilWaiting(client: pg.Client, n: number, work: Promise<unknown>) {
  let ended = false;
  work.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  const deadline = Date.now() + 20_000;
  while (!ended && (await waiting(client)) < n) {
    if (Date.now() > deadline) throw new Error(`${n} writer(s) never waited for a lock`);
    await sleep(5);
  }
}

const postgres: Kind = {
  async open() {
    if (!pgDatabase) {
      pgDatabase = await createTestDatabase();
      third = new pg.Client({ connectionString: pgDatabase.url });
      await third.connect();
    }
    const url = pgDatabase.url;
    const writers: [Store, Store] = [
      await PgStore.open(url, { poolSize: 2 }),
      await PgStore.open(url, { poolSize: 2 }),
    ];
    const client = third as pg.Client;
    await client.query(
      'TRUNCATE stories, story_keys, story_members, story_terms, story_documents, story_aliases',
    );
    return {
      writers,
      rows: async () => ({
        stories: (await client.query('SELECT id, first, last FROM stories')).rows,
        members: (await client.query('SELECT article_id, story_id, dated FROM story_members')).rows,
        aliases: (await client.query('SELECT id, story_id FROM story_aliases')).rows,
      }),
      close: async () => {
        for (const w of writers) await w.close();
      },
    };
  },
  async race(first, second) {
    const client = third as pg.Client;
    await client.query('BEGIN');
    await client.query('SELECT n FROM story_documents WHERE one = 1 FOR UPDATE');
    let a: Promise<void> | undefined;
    let b: Promise<void> | undefined;
    try {
      a = first();
      await untilWaiting(client, 1, a);
      b = second();
      await untilWaiting(client, 2, b);
    } finally {
      await client.query('COMMIT');
    }
    await Promise.all([a, b]);
  },
};

/** Articles as ingest hands a batch of new ones to assigning. */
const batchOf = (articles: StoryArticle[]) => articles.map((a) => ({ article: a, inserted: true }));
const save = async (store: Store, articles: StoryArticle[]) =>
  store.saveStories(await assignStories(batchOf(articles), store));

/** What must hold whatever the interleaving; `ids` are every story id the plans named. */
async function expectWhole(rows: Rows, store: Store, articles: StoryArticle[], ids: string[]) {
  const live = new Map(rows.stories.map((s) => [s.id, s]));
  const aliased = new Map(rows.aliases.map((a) => [a.id, a.story_id]));
  // Every article in exactly one story, and that story live.
  const storyOf = new Map<string, Set<string>>();
  for (const m of rows.members) {
    storyOf.set(m.article_id, (storyOf.get(m.article_id) ?? new Set()).add(m.story_id));
  }
  for (const a of articles) {
    const of = [...(storyOf.get(a.id) ?? [])];
    expect(of, `stories of article ${a.id}`).toHaveLength(1);
    expect(live.has(of[0] as string), `story ${of[0]} of article ${a.id} is live`).toBe(true);
  }
  // An alias points straight at a live story (no chain, no cycle, no dead end), and a merged id
  // is not live again beside the story it joined.
  for (const [from, into] of aliased) {
    expect(live.has(into), `alias ${from} -> ${into} ends at a live story`).toBe(true);
    expect(live.has(from), `merged ${from} is not live too`).toBe(false);
  }
  // No id that was ever a story is lost, and each finds its live story (as `/brief <id>` does).
  for (const id of ids) {
    const target = live.has(id) ? id : aliased.get(id);
    expect(target, `story id ${id} is live or merged into one`).toBeDefined();
    const found = await store.getStories([id]);
    expect(found.map((s) => s.id)).toEqual([target]);
  }
  // A live story holds articles, its dates are its articles', and its count is theirs.
  for (const s of live.values()) {
    const dated = rows.members
      .filter((m) => m.story_id === s.id)
      .map((m) => m.dated)
      .sort();
    expect(dated.length, `articles of ${s.id}`).toBeGreaterThan(0);
    expect({ id: s.id, first: s.first, last: s.last }).toEqual({
      id: s.id,
      first: dated[0],
      last: dated.at(-1),
    });
    const [story] = await store.getStories([s.id]);
    expect(story?.articles).toBe(dated.length);
  }
}

const kinds: Record<string, Kind> = { SQLite: sqlite, PostgreSQL: postgres };

for (const [kindName, kind] of Object.entries(kinds)) {
  describe.skipIf(kindName === 'PostgreSQL' && !postgresUrl)(
    `two writers on one ${kindName} store, assigning stories at once`,
    () => {
      for (const scenario of scenarios) {
        for (const order of ['a first', 'b first'] as const) {
          it(`${scenario.name} (${order})`, async () => {
            const db = await kind.open();
            try {
              const [wa, wb] = db.writers;
              for (const batch of [background, [dam], [gyms], [bridge]]) await save(wa, batch);
              // Both plans from the same snapshot: neither writer has seen the other's batch.
              const planA = await assignStories(batchOf(scenario.a), wa);
              const planB = await assignStories(batchOf(scenario.b), wb);
              scenario.plans(planA, planB);
              const saveA = () => wa.saveStories(planA);
              const saveB = () => wb.saveStories(planB);
              await (order === 'a first' ? kind.race(saveA, saveB) : kind.race(saveB, saveA));

              const rows = await db.rows();
              const all = [...background, dam, gyms, bridge, ...scenario.a, ...scenario.b];
              const ids = new Set([DAM, GYMS, BRIDGE]);
              for (const p of [planA, planB]) {
                for (const id of joins(p)) ids.add(id);
                for (const m of p.merged) ids.add(m.from).add(m.into);
              }
              await expectWhole(rows, wb, all, [...ids]);
              // What the writers meant to put together is together.
              const stories = (await wa.storyIdsOf(scenario.together.map((a) => a.id))).values();
              expect(new Set(stories).size).toBe(1);
            } finally {
              await db.close();
            }
          });
        }
      }
    },
  );
}
