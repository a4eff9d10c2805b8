import type { Logger } from 'pino';
import { COMMANDS } from '../commands/index.ts';
import { ExtractiveBriefer } from './briefing/extractive-briefer.ts';
import { chooseBriefer } from './briefing/llm/choose-briefer.ts';
import { evidenceFromStore } from './briefing/llm/evidence-from-store.ts';
import type { Config } from './config.ts';
import { createDispatch, type Dispatch } from './core/dispatch.ts';
import { Registry } from './core/registry.ts';
import type { Services } from './core/services.ts';
import { createDigestBuilder } from './schedule/build-digest.ts';
import { SqliteLedger } from './store/sqlite/sqlite-ledger.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';

/** Everything but the front ends: what both `start` and the one-shot CLI commands need. */
export interface App {
  services: Services;
  registry: Registry;
  dispatch: Dispatch;
  store: SqliteStore;
  close(): Promise<void>;
}

/** The composition root's core: config -> store -> summarizer -> commands. */
export function createApp(config: Config, log: Logger, clock: () => Date = () => new Date()): App {
  const store = new SqliteStore(config.NEWSBRIEF_DB);
  const registry = new Registry(COMMANDS);
  // The LLM when one is configured, its answers checked against the sources; else extractive.
  const briefer = chooseBriefer(config, {
    extractive: new ExtractiveBriefer(store),
    retrieve: evidenceFromStore(store),
    log,
  });
  const ledger = new SqliteLedger(store.db);
  const digest = createDigestBuilder({ store, newArticles: ledger });
  const services: Services = {
    config,
    store,
    briefer,
    commands: registry.commands,
    clock,
    log,
    digest,
    ledger,
  };
  return {
    services,
    registry,
    store,
    dispatch: createDispatch(registry, services),
    close: () => store.close(),
  };
}
