import { describe, expect, it } from 'vitest';
import { article, quote, type TestDatabaseFactory, withStores } from './test-database.ts';

export function articlesContract(factory: TestDatabaseFactory): void {
  const withStore = (run: Parameters<typeof withStores>[2]) => withStores(factory, 1, run);

  describe('articles', () => {
    it('stores the same article twice as one row, within a batch too', () =>
      withStore(async (s) => {
        const a = article('same', ['Erdogan met Putin in Tehran.', 'Talks went on.']);
        expect(await s.addArticles([a])).toEqual([{ id: 'same', inserted: true }]);
        expect(await s.addArticles([a, article('other', ['Other text.'])])).toEqual([
          { id: 'same', inserted: false },
          { id: 'other', inserted: true },
        ]);
        expect(
          (await s.addArticles([article('x', ['X.']), article('x', ['X.'])])).map(
            (r) => r.inserted,
          ),
        ).toEqual([true, false]);
        expect(await s.countArticles()).toBe(3);
        expect((await s.articlePassages(['same'])).map((p) => p.text)).toEqual(a.paragraphs);
      }));

    it('gives an article back exactly as it was stored', () =>
      withStore(async (s) => {
        const a = article('round', ['One "quoted" paragraph.', 'Two, with Ünïcödé.'], {
          outlet: 'AFP',
          url: 'https://example.org/a',
          published: '2024-04-01T00:00:00.000Z',
          captions: ['A caption'],
          removed: [
            { text: 'x', reason: 'duplicate paragraph' },
            { text: 'y', reason: 'photo caption (credit line)' },
          ],
          sentences: [
            [
              [0, 4],
              [5, 24],
            ],
            [[0, 18]],
          ],
          quotes: [
            {
              speaker: 'Hassan Rouhani',
              quote: 'quoted',
              kind: 'direct',
              paragraph: 0,
              start: 5,
              end: 11,
            },
            {
              speaker: 'a US official',
              role: 'spokesman',
              quote: 'talks went on',
              kind: 'reported',
              paragraph: 1,
              cue: 'said',
              start: 30,
              end: 43,
            },
          ],
        });
        await s.addArticles([a]);
        expect(await s.getArticle('round')).toEqual(a);
        expect(await s.getArticle('missing')).toBeUndefined();
      }));

    it('gives several articles back at once, in the order asked, the missing left out', () =>
      withStore(async (s) => {
        const one = article('one', ['First "said" paragraph.', 'Second.'], {
          quotes: [quote('Jonas Gahr Støre', 'said')],
        });
        const two = article('two', ['Only paragraph.'], { outlet: 'AFP' });
        const three = article('three', ['Third.', 'And more.'], {
          quotes: [quote('Erna Solberg', 'Third', 0), quote('Jonas Gahr Støre', 'more', 1)],
        });
        await s.addArticles([one, two, three]);
        expect(await s.getArticles(['three', 'missing', 'one', 'three'])).toEqual([
          three,
          one,
          three,
        ]);
        expect(await s.getArticles([])).toEqual([]);
        const many = Array.from({ length: 1200 }, (_, i) => article(`m${i}`, [`Text ${i}.`]));
        await s.addArticles(many);
        expect(await s.getArticles(many.map((a) => a.id).reverse())).toEqual(many.reverse());
      }));

    it('stores nothing of a batch that fails (one transaction)', () =>
      withStore(async (s) => {
        const good = article('good', ['Fine.']);
        const broken = article('bad', ['x'], { paragraphs: [null as unknown as string] });
        await expect(s.addArticles([good, broken])).rejects.toThrow();
        expect(await s.countArticles()).toBe(0);
        expect(await s.addArticles([good])).toEqual([{ id: 'good', inserted: true }]);
      }));

    it('lists articles newest first, with removal counts by reason, by topic and limited', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('l1', ['About Idlib.'], {
            published: '2024-03-01T00:00:00.000Z',
            removed: [
              { text: 'x', reason: 'duplicate paragraph (same as source paragraph 2)' },
              { text: 'y', reason: 'duplicate paragraph (same as source paragraph 3)' },
              { text: 'z', reason: 'caption repeats source paragraph 9' },
            ],
          }),
          article('l2', ['About Tehran.', 'And more.'], { published: '2024-04-01T00:00:00.000Z' }),
        ]);
        const all = await s.listArticles();
        expect(all.map((a) => a.id)).toEqual(['l2', 'l1']);
        expect(all[0]).toMatchObject({
          title: 'Title l2',
          paragraphs: 2,
          removed: 1,
          removedByReason: { boilerplate: 1 },
          ingestedAt: '2024-05-01T00:00:00.000Z',
        });
        const only = await s.listArticles({ topic: 'idlib' });
        expect(only.map((a) => a.id)).toEqual(['l1']);
        expect(only[0]?.removedByReason).toEqual({
          'duplicate paragraph': 2,
          'caption repeats': 1,
        });
        expect(await s.listArticles({ topic: 'nowhere' })).toEqual([]);
        expect(await s.listArticles({ limit: 1 })).toHaveLength(1);
        expect(await s.listArticles({ limit: -5 })).toHaveLength(1);
      }));

    it('lists the articles new since a time for digests: backfill excluded, newest first', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('old', ['Old.'], { ingestedAt: '2026-11-24T01:00:00.000Z' }),
          article('n1', ['First new.'], { ingestedAt: '2026-11-25T01:00:00.000Z' }),
          article('n2', ['Second new.'], { ingestedAt: '2026-11-25T02:00:00.000Z' }),
          article('bf', ['Backfill.'], { ingestedAt: '2026-11-25T03:00:00.000Z', backfill: true }),
        ]);
        expect(await s.articlesIngestedSince('2026-11-25T00:00:00.000Z', 10)).toEqual(['n2', 'n1']);
        expect(await s.articlesIngestedSince('2026-11-25T00:00:00.000Z', 1)).toEqual(['n2']);
        expect(await s.articlesIngestedSince('2026-11-26T00:00:00.000Z', 10)).toEqual([]);
      }));

    it('answers ping while open and rejects it once closed', async () => {
      const db = await factory();
      const s = await db.open();
      await expect(s.ping()).resolves.toBeUndefined();
      await s.close();
      await expect(s.ping()).rejects.toThrow();
      await db.drop();
    });
  });
}
