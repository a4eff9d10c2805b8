import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/store/limits.ts';
import { article, type TestDatabaseFactory, withStores } from './test-database.ts';

export function searchContract(factory: TestDatabaseFactory): void {
  const withStore = (run: Parameters<typeof withStores>[2]) => withStores(factory, 1, run);

  describe('search', () => {
    it('folds case and diacritics', () =>
      withStore(async (s) => {
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
      }));

    it('finds other forms of a word: "visits" and "visited" for "visit"', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('s1', ['Leaders called for a ceasefire in Idlib.']),
          article('s2', ['Trump visited Mexico on Wednesday.', 'His visits abroad are rare.']),
        ]);
        expect((await s.searchPassages('ceasefires')).map((p) => p.articleId)).toEqual(['s1']);
        expect((await s.searchPassages('calling')).map((p) => p.articleId)).toEqual(['s1']);
        expect((await s.searchPassages('trump mexico visit')).map((p) => p.articleId)).toEqual([
          's2',
        ]);
        expect((await s.searchPassages('visit')).map((p) => p.paragraph).sort()).toEqual([0, 1]);
      }));

    it('returns passages with their sentences and article, best first', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('p1', ['Talks in Idlib.', 'Nothing here.'], {
            outlet: 'AFP',
            url: 'https://example.org/p1',
            published: '2024-04-01T00:00:00.000Z',
          }),
        ]);
        const [p] = await s.searchPassages('idlib');
        expect(p).toMatchObject({
          articleId: 'p1',
          paragraph: 0,
          text: 'Talks in Idlib.',
          sentences: [[0, 15]],
          title: 'Title p1',
          outlet: 'AFP',
          url: 'https://example.org/p1',
          published: '2024-04-01T00:00:00.000Z',
        });
        expect(typeof p?.score).toBe('number');
      }));

    it('needs every word when some paragraph has them all, else any of them', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('both', ['Erdogan wants a ceasefire.']),
          article('one', ['Erdogan spoke in Ankara.']),
        ]);
        expect((await s.searchPassages('erdogan ceasefire')).map((p) => p.articleId)).toEqual([
          'both',
        ]);
        expect((await s.searchPassages('ankara ceasefire')).map((p) => p.articleId).sort()).toEqual(
          ['both', 'one'],
        );
        expect(await s.searchPassages('zanzibar')).toEqual([]);
        const any = await s.searchPassages('erdogan ceasefire', { anyWord: true });
        expect(any.map((p) => p.articleId)).toEqual(['both', 'one']);
      }));

    it('treats query syntax in topics as plain words and never throws', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('f1', ['The NEAR east and the OR gate: a "test" - of (syntax).']),
        ]);
        for (const topic of [
          '"',
          '"idlib',
          'idl*',
          '-idlib',
          '!idlib',
          'idlib & gaza | x',
          "idlib's",
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
          '\\',
          "'",
          '',
        ]) {
          await expect(s.searchPassages(topic), topic).resolves.toBeInstanceOf(Array);
          await expect(s.listArticles({ topic }), topic).resolves.toBeInstanceOf(Array);
          await expect(s.quotesByTopic(topic), topic).resolves.toBeInstanceOf(Array);
        }
        expect((await s.searchPassages('NEAR')).map((p) => p.articleId)).toEqual(['f1']);
        expect((await s.searchPassages('(syntax')).map((p) => p.articleId)).toEqual(['f1']);
        expect((await s.searchPassages('-syntax')).map((p) => p.articleId)).toEqual(['f1']);
        expect(await s.searchPassages('"')).toEqual([]);
      }));

    it('filters by since (published date, else ingest time) and by ingestedSince (no backfill)', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('old', ['Idlib in 2018.'], { published: '2018-09-07T00:00:00.000Z' }),
          article('new', ['Idlib in 2024.'], { published: '2024-06-01T00:00:00.000Z' }),
          article('undated', ['Idlib undated.'], { ingestedAt: '2024-07-01T00:00:00.000Z' }),
          article('bf', ['Idlib backfill.'], {
            ingestedAt: '2024-07-02T00:00:00.000Z',
            backfill: true,
          }),
        ]);
        const ids = async (options: { since?: string; ingestedSince?: string }) =>
          (await s.searchPassages('idlib', options)).map((p) => p.articleId).sort();
        expect(await ids({})).toEqual(['bf', 'new', 'old', 'undated']);
        expect(await ids({ since: '2024-01-01T00:00:00.000Z' })).toEqual(['bf', 'new', 'undated']);
        expect(await ids({ since: '2024-06-15T00:00:00.000Z' })).toEqual(['bf', 'undated']);
        expect(await ids({ since: '2025-01-01T00:00:00.000Z' })).toEqual([]);
        expect(await ids({ ingestedSince: '2024-06-30T00:00:00.000Z' })).toEqual(['undated']);
      }));

    it('honours the limit and ranks only the newest candidates of a word found everywhere', () =>
      withStore(async (s) => {
        const n = LIMITS.candidates + 50;
        const batch = Array.from({ length: n }, (_, i) =>
          article(`h${i}`, [`Harbour report number ${i}.`]),
        );
        for (let i = 0; i < n; i += 500) await s.addArticles(batch.slice(i, i + 500));
        expect(await s.searchPassages('harbour', { limit: 7 })).toHaveLength(7);
        const found = await s.searchPassages('harbour', { limit: 1000 });
        expect(found).toHaveLength(LIMITS.candidates);
        // The 50 oldest matches are past the bound: never read, never ranked.
        const oldest = new Set(batch.slice(0, 50).map((a) => a.id));
        expect(found.filter((p) => oldest.has(p.articleId))).toEqual([]);
      }));

    it('gives every paragraph of given articles in order', () =>
      withStore(async (s) => {
        await s.addArticles([article('a', ['A one.', 'A two.']), article('b', ['B one.'])]);
        const passages = await s.articlePassages(['b', 'a']);
        expect(passages.map((p) => [p.articleId, p.paragraph, p.text, p.score])).toEqual([
          ['a', 0, 'A one.', 0],
          ['a', 1, 'A two.', 0],
          ['b', 0, 'B one.', 0],
        ]);
        expect(await s.articlePassages([])).toEqual([]);
      }));
  });
}
