import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Quote } from '../../src/articles/article.ts';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Subscription } from '../../src/store/store.ts';

let dir: string;
let n = 0;
const dbPath = () => join(dir, `store-${++n}.db`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function article(id: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id,
    title: `Title ${id}`,
    origin: `/tmp/${id}.txt`,
    raw: paragraphs.join('\n\n'),
    paragraphs,
    captions: [],
    removed: [{ text: '.', reason: 'boilerplate (punctuation only)' }],
    sentences: paragraphs.map((p) => [[0, p.length]]),
    quotes: [],
    ingestedAt: '2024-05-01T00:00:00.000Z',
    ...extra,
  };
}

function quote(speaker: string, text: string, paragraph = 0): Quote {
  return {
    speaker,
    quote: text,
    kind: 'direct',
    paragraph,
    cue: 'said',
    start: 1,
    end: 1 + text.length,
  };
}

async function withStore<T>(run: (store: SqliteStore) => Promise<T>, path = dbPath()): Promise<T> {
  const store = new SqliteStore(path);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

describe('migrations', () => {
  it('creates the schema, turns WAL on, and reopens idempotently', async () => {
    const path = dbPath();
    await withStore(async (s) => {
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      await s.addArticles([article('a1', ['Idlib paragraph one.'])]);
    }, path);
    await withStore(async (s) => {
      expect(s.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(await s.countArticles()).toBe(1);
    }, path);
  });

  it('refuses a database written by a newer newsbrief, saying so', () => {
    const path = dbPath();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new SqliteStore(path)).toThrow(
      /written by a newer newsbrief \(schema \d+, this one knows \d+\); upgrade newsbrief/,
    );
  });
});

describe('articles', () => {
  it('stores the same article twice as one row', async () => {
    await withStore(async (s) => {
      const a = article('same', ['Erdogan met Putin in Tehran.', 'Talks went on.']);
      expect(await s.addArticles([a])).toEqual([{ id: 'same', inserted: true }]);
      expect(await s.addArticles([a, article('other', ['Other text.'])])).toEqual([
        { id: 'same', inserted: false },
        { id: 'other', inserted: true },
      ]);
      // A duplicate inside one batch is one row too.
      expect(
        (await s.addArticles([article('x', ['X.']), article('x', ['X.'])])).map((r) => r.inserted),
      ).toEqual([true, false]);
      expect(await s.countArticles()).toBe(3);
      const rows = s.db.prepare('SELECT count(*) AS n FROM paragraphs').get() as { n: number };
      expect(rows.n).toBe(4);
      const fts = s.db
        .prepare("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH 'erdogan'")
        .get() as { n: number };
      expect(fts.n).toBe(1);
    });
  });

  it('gives an article back as it was stored', async () => {
    await withStore(async (s) => {
      const a = article('round', ['One "quoted" paragraph.', 'Two.'], {
        outlet: 'AFP',
        url: 'https://example.org/a',
        published: '2024-04-01T00:00:00.000Z',
        captions: ['A caption'],
        quotes: [quote('Hassan Rouhani', 'quoted')],
      });
      await s.addArticles([a]);
      expect(await s.getArticle('round')).toEqual(a);
      expect(await s.getArticle('missing')).toBeUndefined();
    });
  });

  it('lists articles with removal counts by reason', async () => {
    await withStore(async (s) => {
      await s.addArticles([
        article('l1', ['About Idlib.'], {
          removed: [
            { text: 'x', reason: 'duplicate paragraph (same as source paragraph 2)' },
            { text: 'y', reason: 'duplicate paragraph (same as source paragraph 3)' },
            { text: 'z', reason: 'caption repeats source paragraph 9' },
          ],
        }),
        article('l2', ['About Tehran.']),
      ]);
      const all = await s.listArticles();
      expect(all).toHaveLength(2);
      const only = await s.listArticles({ topic: 'idlib' });
      expect(only.map((a) => a.id)).toEqual(['l1']);
      expect(only[0]?.removedByReason).toEqual({ 'duplicate paragraph': 2, 'caption repeats': 1 });
      expect(only[0]?.paragraphs).toBe(1);
    });
  });
});

describe('search', () => {
  it('folds case and diacritics', async () => {
    await withStore(async (s) => {
      await s.addArticles([
        article('s1', ['President Erdogan called for a ceasefire in Idlib.']),
        article('s2', ['Ministers met in Kraków on Friday.']),
      ]);
      for (const topic of ['Erdoğan', 'ERDOGAN', 'erdogan ceasefire']) {
        expect(
          (await s.searchPassages(topic)).map((p) => p.articleId),
          topic,
        ).toEqual(['s1']);
      }
      expect((await s.searchPassages('krakow')).map((p) => p.articleId)).toEqual(['s2']);
      expect((await s.searchPassages('KRAKÓW')).map((p) => p.articleId)).toEqual(['s2']);
    });
  });

  it('treats FTS syntax in topics as plain words and never throws', async () => {
    await withStore(async (s) => {
      await s.addArticles([
        article('f1', ['The NEAR east and the OR gate: a "test" - of (syntax).']),
      ]);
      for (const topic of [
        '"',
        '"idlib',
        'idl*',
        '-idlib',
        'NEAR',
        'NEAR(a b)',
        'OR',
        'a OR',
        '(',
        'text:idlib',
        ':',
        '*',
        'AND NOT',
        '^',
        '{}',
        '',
      ]) {
        await expect(s.searchPassages(topic), topic).resolves.toBeInstanceOf(Array);
        await expect(s.listArticles({ topic }), topic).resolves.toBeInstanceOf(Array);
        await expect(s.quotesByTopic(topic), topic).resolves.toBeInstanceOf(Array);
      }
      expect((await s.searchPassages('NEAR')).map((p) => p.articleId)).toEqual(['f1']);
      expect((await s.searchPassages('(syntax')).map((p) => p.articleId)).toEqual(['f1']);
      expect(await s.searchPassages('"')).toEqual([]);
    });
  });

  it('filters by since: published date, else ingest time', async () => {
    await withStore(async (s) => {
      await s.addArticles([
        article('old', ['Idlib in 2018.'], { published: '2018-09-07T00:00:00.000Z' }),
        article('new', ['Idlib in 2024.'], { published: '2024-06-01T00:00:00.000Z' }),
        article('undated', ['Idlib undated.'], { ingestedAt: '2024-07-01T00:00:00.000Z' }),
      ]);
      const ids = async (since?: string) =>
        (await s.searchPassages('idlib', { since })).map((p) => p.articleId).sort();
      expect(await ids()).toEqual(['new', 'old', 'undated']);
      expect(await ids('2024-01-01T00:00:00.000Z')).toEqual(['new', 'undated']);
      expect(await ids('2024-06-15T00:00:00.000Z')).toEqual(['undated']);
      expect(await ids('2025-01-01T00:00:00.000Z')).toEqual([]);
    });
  });
});

describe('quotes', () => {
  it('finds a speaker forgivingly', async () => {
    await withStore(async (s) => {
      await s.addArticles([
        article('q1', ['"We never want Idlib to become a bloodbath," Erdogan said.'], {
          quotes: [quote('Recep Tayyip Erdogan', 'We never want Idlib to become a bloodbath')],
        }),
        article('q2', ['"The fires of war are ending," Rouhani said.'], {
          quotes: [quote('Hassan Rouhani', 'The fires of war are ending')],
        }),
      ]);
      for (const name of [
        'erdogan',
        'Erdoğan',
        'Recep Erdogan',
        'ERDOGAN',
        'Mr Erdogan',
        'Tayyip',
      ]) {
        const found = await s.quotesBySpeaker(name);
        expect(
          found.map((q) => q.speaker),
          name,
        ).toEqual(['Recep Tayyip Erdogan']);
        expect(found[0]?.articleId).toBe('q1');
      }
      expect(await s.quotesBySpeaker('Putin')).toEqual([]);
      expect(await s.quotesBySpeaker('the')).toEqual([]);
      expect((await s.quotesByTopic('bloodbath')).map((q) => q.speaker)).toEqual([
        'Recep Tayyip Erdogan',
      ]);
    });
  });

  it('writes speaker aliases again after a batch that rolled back (only committed ones are remembered)', () =>
    withStore(async (s) => {
      const putin = article('p1', ['"We will respond," Putin said.'], {
        quotes: [quote('Vladimir Putin', 'We will respond')],
      });
      // A paragraph that cannot be stored fails the whole batch after Putin's aliases were written.
      const broken = article('bad', ['x'], { paragraphs: [null as unknown as string] });
      await expect(s.addArticles([putin, broken])).rejects.toThrow();
      expect(await s.getArticle('p1')).toBeUndefined();
      expect(await s.quotesBySpeaker('Putin')).toEqual([]);
      await s.addArticles([putin]);
      expect((await s.quotesBySpeaker('putin')).map((q) => q.articleId)).toEqual(['p1']);
      // A second article by the same speaker is found under every alias too.
      await s.addArticles([
        article('p2', ['"Talks go on," Putin said.'], {
          quotes: [quote('Vladimir Putin', 'Talks go on')],
        }),
      ]);
      expect((await s.quotesBySpeaker('Vladimir')).map((q) => q.articleId).sort()).toEqual([
        'p1',
        'p2',
      ]);
    }));
});

describe('subscriptions', () => {
  it('puts, gets, lists, updates and deletes', async () => {
    await withStore(async (s) => {
      const sub: Subscription = {
        platform: 'slack',
        channelId: 'C1',
        time: '08:00',
        timezone: 'Europe/Istanbul',
        topics: ['idlib', 'syria'],
        createdBy: 'U1',
        createdAt: '2024-05-01T00:00:00.000Z',
      };
      await s.putSubscription(sub);
      expect(await s.getSubscription('slack', 'C1')).toEqual(sub);
      expect(await s.getSubscription('discord', 'C1')).toBeUndefined();
      const updated = {
        ...sub,
        time: '09:30',
        lastDigestAt: '2024-05-02T05:30:00.000Z',
        lastError: 'timeout',
      };
      await s.putSubscription(updated);
      await s.putSubscription({ ...sub, platform: 'discord', channelId: '123' });
      expect(await s.listSubscriptions()).toEqual([
        { ...sub, platform: 'discord', channelId: '123' },
        updated,
      ]);
      expect(await s.deleteSubscription('slack', 'C1')).toBe(true);
      expect(await s.deleteSubscription('slack', 'C1')).toBe(false);
      expect((await s.listSubscriptions()).map((x) => x.channelId)).toEqual(['123']);
    });
  });
});
