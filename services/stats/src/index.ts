import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@liaison/db';

export { STATS_PROJECTOR_GROUP, STATS_TOPICS, subscribeStatsProjector } from './consumers/projector.ts';
export { applyEvents, flushDeltas } from './domain/facts.ts';
export { factKindNames, factKinds } from './domain/kinds.ts';

export const statsMigrations: MigrationSet = {
  schema: 'stats',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};
