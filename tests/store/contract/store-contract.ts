import { describe } from 'vitest';
import { articlesContract } from './articles-contract.ts';
import { ledgerContract } from './ledger-contract.ts';
import { searchContract } from './search-contract.ts';
import { speakersContract } from './speakers-contract.ts';
import { storiesContract } from './stories-contract.ts';
import { subscriptionsContract } from './subscriptions-contract.ts';
import type { TestDatabaseFactory } from './test-database.ts';

export type { TestDatabase, TestDatabaseFactory } from './test-database.ts';

/**
 * What every `Store` implementation promises, run unchanged against each: a new store passes
 * this suite before anything else may use it.
 */
export function describeStoreContract(name: string, factory: TestDatabaseFactory): void {
  describe(`store contract: ${name}`, () => {
    articlesContract(factory);
    searchContract(factory);
    speakersContract(factory);
    subscriptionsContract(factory);
    ledgerContract(factory);
    storiesContract(factory);
  });
}
