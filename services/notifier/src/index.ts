import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, MigrationSet } from '@liaison/db';
import type { EventBus, Subscription } from '@liaison/events';
import { createNotifierApp, type NotifierAppDeps } from './app.ts';
import { inbox } from './db/schema.ts';
import { Dispatcher, fanOut } from './domain/dispatch.ts';
import { sealLegacySecrets, webhookSecretKey } from './domain/secrets.ts';
import { assertTargetPolicy } from './domain/targets.ts';

export { createNotifierApp } from './app.ts';
export { Dispatcher, retrySchedule, signature } from './domain/dispatch.ts';
export { openSecret, sealSecret, webhookSecretKey } from './domain/secrets.ts';
export { addressKind, type CheckedTarget, checkTarget, LoopbackSwitchInProduction, pinnedLookup, refuseTarget, type TargetCheck } from './domain/targets.ts';
export { pinnedTransport, type Transport, type WebhookAnswer, type WebhookRequest } from './domain/transport.ts';

export const notifierMigrations: MigrationSet = {
  schema: 'notifier',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export const NOTIFIER_GROUP = 'notifier.fan-out';

/**
 * The notifier: webhook endpoints API, fan-out consumer and dispatcher. Refuses the loopback
 * development switch when `NODE_ENV=production`.
 */
export function createNotifierService(deps: Omit<NotifierAppDeps, 'db'> & { database: Database; bus: EventBus; dispatcher?: boolean; consumers?: boolean }) {
  assertTargetPolicy(deps.targets);
  const app = createNotifierApp({ ...deps, db: deps.database.db });
  const dispatcher = new Dispatcher({ db: deps.database.db, targets: deps.targets, webhookKey: deps.webhookKey, onError: (err) => deps.log?.(`webhook dispatcher: ${(err as Error).message}`) });
  let subscription: Subscription | undefined;
  return {
    app,
    dispatcher,
    migrations: notifierMigrations,
    async start() {
      const sealed = await sealLegacySecrets(deps.database.db, webhookSecretKey(deps.webhookKey));
      if (sealed > 0) deps.log?.(`notifier: encrypted ${sealed} webhook signing secret(s) stored in plaintext`);
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
