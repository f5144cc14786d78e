export { verifyAuditChain } from './audit/audit.ts';
export { bootstrap } from './bootstrap.ts';
export { type Clock, fixedClock, systemClock } from './clock.ts';
export { type Config, loadConfig } from './config.ts';
export { type OpenStore, openStore, type Store } from './db/store.ts';
export { buildApp } from './http/app.ts';
export { type RunningServer, startServer } from './main.ts';
export { createUser } from './modules/users/create-user.ts';
