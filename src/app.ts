import type { Logger } from 'pino';
import { COMMANDS } from '../commands/index.ts';
import { ExtractiveBriefer } from './briefing/extractive-briefer.ts';
import { chooseBriefer } from './briefing/llm/choose-briefer.ts';
import { evidenceFromStore } from './briefing/llm/evidence-from-store.ts';
import type { Config } from './config.ts';
import { createDispatch, type Dispatch } from './core/dispatch.ts';
import { Registry } from './core/registry.ts';
import type { Services } from './core/services.ts';
import { type Metrics, noMetrics } from './ops/metrics.ts';
import { createDigests, type Digests } from './schedule/create-digests.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

/** Everything but the front ends: what both `start` and the one-shot CLI commands need. */
export interface App {
  services: Services;
  registry: Registry;
  dispatch: Dispatch;
  store: Store;
  /** The digest builder and ledger; `start` schedules them once the platforms exist. */
  digests: Digests;
  close(): Promise<void>;
}

/** The composition root's core: config -> store -> summarizer -> commands. */
export async function createApp(
  config: Config,
  log: Logger,
  options: {
    clock?: () => Date;
    /** Where dispatch, digests and the LLM client count what they do (`GET /metrics`). */
    metrics?: Metrics;
  } = {},
): Promise<App> {
  const { clock = () => new Date(), metrics = noMetrics } = options;
  const store = await openStore(config);
  const registry = new Registry(COMMANDS);
  // The LLM when one is configured, its answers checked against the sources; else extractive.
  const briefer = chooseBriefer(config, {
    extractive: new ExtractiveBriefer(store),
    retrieve: evidenceFromStore(store),
    log,
    metrics,
  });
  const digests = createDigests({ store, log, clock, metrics });
  const services: Services = {
    config,
    store,
    briefer,
    commands: registry.commands,
    clock,
    log,
    digest: digests.build,
    ledger: digests.ledger,
  };
  return {
    services,
    registry,
    store,
    digests,
    dispatch: createDispatch(registry, services, metrics),
    close: () => store.close(),
  };
}
