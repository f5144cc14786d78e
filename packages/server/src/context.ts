/** What every module's routes and use cases get: the store, the clock and the configuration. */
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Store } from './db/store.ts';

export type AppContext = {
  store: Store;
  clock: Clock;
  config: Config;
};
