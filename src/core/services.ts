import type { Logger } from 'pino';
import type { Briefer } from '../briefing/briefing.ts';
import type { Config } from '../config.ts';
import type { BuildDigest } from '../schedule/build-digest.ts';
import type { DeliveryLedger } from '../store/delivery-ledger.ts';
import type { Store } from '../store/store.ts';
import type { CommandDef } from './command.ts';

/** What commands may use; built once in `main.ts` and passed in (tests pass fakes). */
export interface Services {
  config: Config;
  store: Store;
  briefer: Briefer;
  /** Every registered command, for `/help`. */
  commands: readonly CommandDef[];
  clock: () => Date;
  /** Builds a channel's digest (`/digest now`; the scheduler has its own). */
  digest?: BuildDigest;
  /** The digest delivery ledger, for `/digest list`. */
  ledger?: Pick<DeliveryLedger, 'recent'>;
  log: Logger;
}
