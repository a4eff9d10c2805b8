import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { describeStoreContract } from './contract/store-contract.ts';
import { article, quote } from './contract/test-database.ts';
import { createTestDatabase, postgresFactory, postgresUrl } from './postgres-databases.ts';

describe.skipIf(!postgresUrl)('PostgreSQL', () => {
  describeStoreContract('PostgreSQL', postgresFactory);

  describe('PostgreSQL reads', () => {
    it('reads articles with their paragraphs and quotes in one query, however many', async () => {
      const db = await createTestDatabase();
      const store = await PgStore.open(db.url);
      const queries = vi.spyOn(pg.Pool.prototype, 'query');
      try {
        const stored = ['a', 'b', 'c'].map((id) =>
          article(id, [`"We stand," ${id} said.`, 'More.'], { quotes: [quote(id, 'We stand')] }),
        );
        await store.addArticles(stored);
        queries.mockClear();
        expect(await store.getArticle('b')).toEqual(stored[1]);
        expect(queries).toHaveBeenCalledTimes(1);
        queries.mockClear();
        expect(await store.getArticles(['c', 'a', 'b'])).toEqual([stored[2], stored[0], stored[1]]);
        expect(queries).toHaveBeenCalledTimes(1);
      } finally {
        queries.mockRestore();
        await store.close();
        await db.drop();
      }
    });
  });

  describe('PostgreSQL migrations', () => {
    it('migrates once when several processes open a new database at the same time', async () => {
      const db = await createTestDatabase();
      const stores = await Promise.all(Array.from({ length: 6 }, () => PgStore.open(db.url)));
      try {
        await stores[0]?.addArticles([article('m1', ['Idlib.'])]);
        for (const s of stores) expect(await s.countArticles()).toBe(1);
      } finally {
        for (const s of stores) await s.close();
        await db.drop();
      }
    });
  });
});
