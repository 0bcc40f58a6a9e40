import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, MigrationSet } from '@liaison/db';
import { type EventBus, OutboxRelay, type Subscription } from '@liaison/events';
import { createReferralsApp, type ReferralsAppDeps } from './app.ts';
import { subscribeInboxProjector } from './consumers/inbox-projector.ts';
import { outbox } from './db/schema.ts';

export { createReferralsApp, type ReferralsAppDeps } from './app.ts';
export { INBOX_PROJECTOR_GROUP, subscribeInboxProjector } from './consumers/inbox-projector.ts';
export type { ReceivedReferral, Referral } from './domain/context.ts';
export { createReferral, type CreateReferralInput, listInbox } from './domain/referrals.ts';

export const referralsMigrations: MigrationSet = {
  schema: 'referrals',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export interface ReferralsServiceDeps extends ReferralsAppDeps {
  bus: EventBus;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  /** Run the inbox projector in this process (default true). */
  consumers?: boolean;
  /** Outbox rows the relay publishes per batch (default 2000). */
  relayBatchSize?: number;
}

/**
 * The referrals service: its REST app, its outbox relay and its consumers, from injected
 * dependencies. Runs alone (its own process) or beside the others (embedded platform).
 */
export function createReferralsService(deps: ReferralsServiceDeps) {
  const app = createReferralsApp(deps);
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    ...(deps.relayBatchSize ? { batchSize: deps.relayBatchSize } : {}),
    onError: (err) => deps.log?.(`referrals relay: ${(err as Error).message}`),
  });
  const subscriptions: Subscription[] = [];
  return {
    app,
    relay,
    migrations: referralsMigrations,
    async start() {
      if (deps.relay !== false) await relay.start();
      if (deps.consumers !== false) subscriptions.push(await subscribeInboxProjector({ db: deps.database.db, bus: deps.bus }));
    },
    async stop() {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await relay.stop();
    },
  };
}

export type ReferralsService = ReturnType<typeof createReferralsService>;
