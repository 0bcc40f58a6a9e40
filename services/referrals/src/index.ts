import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, type MigrationSet } from '@liaison/db';
import { type EventBus, OutboxRelay, type Subscription } from '@liaison/events';
import { createReferralsApp, type ReferralsAppDeps } from './app.ts';
import { subscribeInboxProjector } from './consumers/inbox-projector.ts';
import { outbox } from './db/schema.ts';
import { DeadlineScheduler } from './domain/deadlines.ts';
import { loggerFor, type Metrics } from '@liaison/observe';
import { referralsMetrics } from './metrics.ts';

export { createReferralsApp, type ReferralsAppDeps } from './app.ts';
export { INBOX_PROJECTOR_GROUP, subscribeInboxProjector } from './consumers/inbox-projector.ts';
export type { ReceivedReferral, Referral } from './domain/context.ts';
export { DeadlineScheduler, forgetPolicies } from './domain/deadlines.ts';
export { ReferralWriter } from './domain/writer.ts';
export type { ServiceFetch } from './domain/packages.ts';
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
  /** Outbox rows the relay publishes per batch (default 5000). */
  relayBatchSize?: number;
  /** Run the deadline scheduler in this process (default: with the relay). */
  scheduler?: boolean;
  /** The body missed deadlines are escalated to (the registry's secretariat; default center). */
  secretariat?: string;
  /** The process's metrics: relay backlog and lag, deadline misses. */
  metrics?: Metrics | undefined;
}

/**
 * The referrals service: its REST app, its outbox relay and its consumers, from injected
 * dependencies. Runs alone (its own process) or beside the others (embedded platform).
 */
export function createReferralsService(deps: ReferralsServiceDeps) {
  const logger = loggerFor(deps.log, 'referrals');
  const app = createReferralsApp({ ...deps, log: logger });
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    ...(deps.relayBatchSize ? { batchSize: deps.relayBatchSize } : {}),
    metrics: deps.metrics,
    onError: (err) => logger.error({ component: 'relay', err: describeError(err) }, 'outbox relay failed'),
  });
  const subscriptions: Subscription[] = [];
  const scheduler = new DeadlineScheduler({
    db: deps.database.db,
    secretariat: deps.secretariat ?? 'center',
    onError: (err) => logger.error({ component: 'deadline-scheduler', err: describeError(err) }, 'deadline scheduler failed'),
  });
  if (deps.metrics) referralsMetrics(deps.metrics, deps.database.pool);
  return {
    app,
    relay,
    scheduler,
    migrations: referralsMigrations,
    async start() {
      if (deps.relay !== false) await relay.start();
      if (deps.scheduler ?? deps.relay !== false) scheduler.start();
      if (deps.consumers !== false) subscriptions.push(await subscribeInboxProjector({ db: deps.database.db, bus: deps.bus }));
    },
    async stop() {
      await scheduler.stop();
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await relay.stop();
    },
  };
}

export type ReferralsService = ReturnType<typeof createReferralsService>;
