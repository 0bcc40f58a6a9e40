import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, MigrationSet } from '@liaison/db';
import type { EventBus, Subscription } from '@liaison/events';
import { createNotifierApp, type NotifierAppDeps } from './app.ts';
import { inbox } from './db/schema.ts';
import { Dispatcher, fanOut } from './domain/dispatch.ts';

export { createNotifierApp } from './app.ts';
export { Dispatcher, retrySchedule, signature } from './domain/dispatch.ts';
export { refuseTarget, type TargetCheck } from './domain/ssrf.ts';

export const notifierMigrations: MigrationSet = {
  schema: 'notifier',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export const NOTIFIER_GROUP = 'notifier.fan-out';

/** The notifier: webhook endpoints API, fan-out consumer and dispatcher. */
export function createNotifierService(deps: Omit<NotifierAppDeps, 'db'> & { database: Database; bus: EventBus; dispatcher?: boolean; consumers?: boolean }) {
  const app = createNotifierApp({ ...deps, db: deps.database.db });
  const dispatcher = new Dispatcher({ db: deps.database.db, targets: deps.targets, onError: (err) => deps.log?.(`webhook dispatcher: ${(err as Error).message}`) });
  let subscription: Subscription | undefined;
  return {
    app,
    dispatcher,
    migrations: notifierMigrations,
    async start() {
      if (deps.consumers !== false) {
        subscription = await deps.bus.subscribe({
          group: NOTIFIER_GROUP,
          topics: ['liaison.referrals', 'liaison.deadlines', 'liaison.cases'],
          handler: fanOut(deps.database.db, inbox),
        });
      }
      if (deps.dispatcher !== false) dispatcher.start();
    },
    async stop() {
      await dispatcher.stop();
      await subscription?.stop();
    },
  };
}

export type NotifierService = ReturnType<typeof createNotifierService>;
