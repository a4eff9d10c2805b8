import { describe, expect, it } from 'vitest';
import { article, quote, type TestDatabaseFactory, withStores } from './test-database.ts';

export function speakersContract(factory: TestDatabaseFactory): void {
  const withStore = (run: Parameters<typeof withStores>[2]) => withStores(factory, 1, run);

  describe('quotes and speakers', () => {
    it('finds a speaker forgivingly', () =>
      withStore(async (s) => {
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
          expect(found[0]).toMatchObject({ articleId: 'q1', title: 'Title q1', kind: 'direct' });
        }
        expect(await s.quotesBySpeaker('Putin')).toEqual([]);
        expect(await s.quotesBySpeaker('the')).toEqual([]);
        expect(await s.quotesBySpeaker('')).toEqual([]);
        // An unknown first name falls back to the surname.
        expect((await s.quotesBySpeaker('Hasan Rouhani')).map((q) => q.speaker)).toEqual([
          'Hassan Rouhani',
        ]);
        expect((await s.quotesByTopic('bloodbath')).map((q) => q.speaker)).toEqual([
          'Recep Tayyip Erdogan',
        ]);
      }));

    it("gives a much-quoted speaker's newest quotes first, as for anyone else", () =>
      withStore(async (s) => {
        // 60 articles of 20 quotes each: past MANY_QUOTES, where the SQLite store walks articles
        // newest first instead of sorting every quote. Dates are not in insertion order.
        const day = (i: number) => (i * 37) % 60;
        const many = Array.from({ length: 60 }, (_, i) =>
          article(`m${i}`, ['"Words," Mark Dale said.'], {
            published: new Date(Date.UTC(2024, 0, 1 + day(i))).toISOString(),
            quotes: Array.from({ length: 20 }, (_, k) => ({
              ...quote('Mark Dale', `Point ${i}-${k}`),
              start: 100 - k,
              end: 110 - k,
            })),
          }),
        );
        await s.addArticles(many);
        const found = await s.quotesBySpeaker('dale', { limit: 30 });
        // The newest article (day 59) first, its quotes in text order, then the next newest.
        const newest = (d: number) =>
          Array.from({ length: 60 }, (_, i) => i).find((i) => day(i) === d)!;
        const expected = [59, 58].flatMap((d) =>
          Array.from({ length: 20 }, (_, k) => `Point ${newest(d)}-${19 - k}`),
        );
        expect(found.map((q) => q.quote)).toEqual(expected.slice(0, 30));
        expect(found.every((q) => q.speaker === 'Mark Dale')).toBe(true);
      }));

    it('finds names with letters that do not decompose (ø, ł, æ, ß) however they are typed', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('no', ['"We stand together," Støre said.'], {
            quotes: [quote('Jonas Gahr Støre', 'We stand together')],
          }),
          article('pl', ['"It is done," Łukasz Kowalski said.'], {
            quotes: [quote('Łukasz Kowalski', 'It is done')],
          }),
          article('de', ['"Nein," Strauß said.'], { quotes: [quote('Franz Strauß', 'Nein')] }),
        ]);
        for (const name of ['Støre', 'store', 'STØRE', 'Jonas Støre', 'Jonas Gahr Store']) {
          expect(
            (await s.quotesBySpeaker(name)).map((q) => q.speaker),
            name,
          ).toEqual(['Jonas Gahr Støre']);
        }
        for (const name of ['Łukasz', 'lukasz', 'ŁUKASZ KOWALSKI', 'Kowalski']) {
          expect(
            (await s.quotesBySpeaker(name)).map((q) => q.speaker),
            name,
          ).toEqual(['Łukasz Kowalski']);
        }
        for (const name of ['Strauß', 'strauss']) {
          expect(
            (await s.quotesBySpeaker(name)).map((q) => q.speaker),
            name,
          ).toEqual(['Franz Strauß']);
        }
      }));

    it('gives one person one name across articles, and two people who share a surname two', () =>
      withStore(async (s) => {
        const said = (id: string, speaker: string) =>
          article(id, [`"Point ${id}," ${speaker} said.`], {
            quotes: [quote(speaker, `Point ${id}`)],
          });
        await s.addArticles([
          said('r1', 'Marco Rubio'),
          said('r2', 'Rubio'),
          said('r3', 'Sen Marco Rubio'),
          said('c1', 'James B Comey'),
          said('c2', 'James Comey'),
          said('t1', 'Ted Cruz'),
          said('t2', 'Ted Cruz'),
          said('t3', 'Ana Cruz'),
          said('t4', 'Cruz'),
          said('k1', 'Kellyanne Conway'),
          said('k2', 'KellyAnne Conway'),
          said('b1', 'George W Bush'),
          said('b2', 'George H W Bush'),
        ]);
        for (const name of ['rubio', 'Marco Rubio', 'Sen. Rubio']) {
          const found = await s.quotesBySpeaker(name);
          expect(
            found.map((q) => q.speaker),
            name,
          ).toEqual(Array(3).fill('Marco Rubio'));
          expect(await s.peopleNamed(name), name).toHaveLength(1);
        }
        expect((await s.quotesBySpeaker('comey')).map((q) => q.articleId).sort()).toEqual([
          'c1',
          'c2',
        ]);
        expect((await s.quotesBySpeaker('Kellyanne')).map((q) => q.articleId).sort()).toEqual([
          'k1',
          'k2',
        ]);
        // Ana Cruz holds too many of the Cruz quotes for "Cruz" alone to be Ted Cruz.
        expect((await s.peopleNamed('cruz')).map((p) => [p.name, p.quotes])).toEqual([
          ['Ted Cruz', 2],
          ['Ana Cruz', 1],
          ['Cruz', 1],
        ]);
        expect((await s.quotesBySpeaker('Ana Cruz')).map((q) => q.articleId)).toEqual(['t3']);
        expect((await s.peopleNamed('bush')).map((p) => p.name).sort()).toEqual([
          'George H W Bush',
          'George W Bush',
        ]);
      }));

    it('keeps writing aliases correctly after a batch that rolled back', () =>
      withStore(async (s) => {
        const putin = article('p1', ['"We will respond," Putin said.'], {
          quotes: [quote('Vladimir Putin', 'We will respond')],
        });
        const broken = article('bad', ['x'], { paragraphs: [null as unknown as string] });
        await expect(s.addArticles([putin, broken])).rejects.toThrow();
        expect(await s.getArticle('p1')).toBeUndefined();
        expect(await s.quotesBySpeaker('Putin')).toEqual([]);
        await s.addArticles([putin]);
        expect((await s.quotesBySpeaker('putin')).map((q) => q.articleId)).toEqual(['p1']);
        await s.addArticles([
          article('p2', ['"Talks go on," Putin said.'], {
            quotes: [quote('Vladimir Putin', 'Talks go on')],
          }),
        ]);
        expect((await s.quotesBySpeaker('Vladimir')).map((q) => q.articleId).sort()).toEqual([
          'p1',
          'p2',
        ]);
        // The rolled-back batch counted nothing.
        expect((await s.peopleNamed('putin')).map((p) => p.quotes)).toEqual([2]);
      }));

    it("counts each speaker's quotes once per stored article, across batches and writers", () =>
      withStores(factory, 2, async (one, two) => {
        const said = (id: string, speaker: string, n: number) =>
          article(id, [`"Point ${id}," ${speaker} said.`], {
            quotes: Array.from({ length: n }, (_, k) => quote(speaker, `Point ${id} ${k}`)),
          });
        // Two processes writing at once, each in several batches; one article twice.
        await Promise.all([
          (async () => {
            await one.addArticles([said('a1', 'Pedro Sánchez', 2), said('a2', 'Ana Cruz', 1)]);
            await one.addArticles([said('a3', 'Pedro Sanchez', 3)]);
          })(),
          (async () => {
            await two.addArticles([said('b1', 'Pedro Sánchez', 4), said('a1', 'Pedro Sánchez', 2)]);
            await two.addArticles([said('b2', 'Ana Cruz', 5)]);
          })(),
        ]);
        for (const s of [one, two]) {
          // The spellings share one key; the name shown is the spelling with most quotes.
          expect((await s.peopleNamed('sanchez')).map((p) => [p.name, p.quotes])).toEqual([
            ['Pedro Sánchez', 9],
          ]);
          expect((await s.peopleNamed('cruz')).map((p) => [p.name, p.quotes])).toEqual([
            ['Ana Cruz', 6],
          ]);
        }
      }));

    it('gives quotes newest article first, within since and ingestedSince, limited', () =>
      withStore(async (s) => {
        const said = (id: string, extra: object) =>
          article(id, [`"Point ${id}," Sánchez said.`], {
            quotes: [quote('Pedro Sánchez', `Point ${id}`)],
            ...extra,
          });
        await s.addArticles([
          said('a', { published: '2024-01-01T00:00:00.000Z' }),
          said('b', { published: '2024-03-01T00:00:00.000Z' }),
          said('c', { published: '2024-02-01T00:00:00.000Z', backfill: true }),
        ]);
        const ids = async (options: object) =>
          (await s.quotesBySpeaker('sanchez', options)).map((q) => q.articleId);
        expect(await ids({})).toEqual(['b', 'c', 'a']);
        expect(await ids({ limit: 2 })).toEqual(['b', 'c']);
        expect(await ids({ since: '2024-02-01T00:00:00.000Z' })).toEqual(['b', 'c']);
        expect(await ids({ ingestedSince: '2024-01-01T00:00:00.000Z' })).toEqual(['b', 'a']);
      }));

    it('gives the quotes of given paragraphs only', () =>
      withStore(async (s) => {
        await s.addArticles([
          article('m', ['"One," Merkel said.', '"Two," Macron said.'], {
            quotes: [quote('Angela Merkel', 'One', 0), quote('Emmanuel Macron', 'Two', 1)],
          }),
        ]);
        expect(
          (await s.quotesIn([{ articleId: 'm', paragraph: 1 }])).map((q) => q.speaker),
        ).toEqual(['Emmanuel Macron']);
        expect(await s.quotesIn([])).toEqual([]);
        expect(await s.quotesIn([{ articleId: 'nope', paragraph: 0 }])).toEqual([]);
      }));
  });
}
