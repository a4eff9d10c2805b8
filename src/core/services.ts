import type { Logger } from 'pino';
import type { Briefer } from '../briefing/briefing.ts';
import type { Config } from '../config.ts';
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
  log: Logger;
}
