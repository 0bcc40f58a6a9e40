import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, describeError, type MigrationSet } from '@liaison/db';
import { consumerTopics, type EventBus, OutboxRelay, type Subscription } from '@liaison/events';
import { createNotifierApp, type NotifierAppDeps } from './app.ts';
import { inbox, outbox } from './db/schema.ts';
import { Dispatcher, type DispatcherOptions, fanOut } from './domain/dispatch.ts';
import { sealLegacySecrets, webhookSecretKey } from './domain/secrets.ts';
import { assertTargetPolicy } from './domain/targets.ts';
import { loggerFor, type Metrics } from '@liaison/observe';
import { notifierMetrics } from './metrics.ts';

export { createNotifierApp } from './app.ts';
export {
  DEAD_LETTERED,
  Dispatcher,
  type DispatcherStats,
  MAX_RETRY_AFTER_MS,
  REQUEST_TIMEOUT_MS,
  retrySchedule,
  signature,
} from './domain/dispatch.ts';
export { openSecret, sealSecret, webhookSecretKey } from './domain/secrets.ts';
export {
  addressKind,
  type CheckedTarget,
  checkTarget,
  LoopbackSwitchInProduction,
  pinnedLookup,
  refuseTarget,
  type TargetCheck,
} from './domain/targets.ts';
export { pinnedTransport, retryAfterMs, type Transport, type WebhookAnswer, type WebhookRequest } from './domain/transport.ts';

export const notifierMigrations: MigrationSet = {
  schema: 'notifier',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export const NOTIFIER_GROUP = 'notifier.fan-out';

export interface NotifierServiceDeps extends Omit<NotifierAppDeps, 'db'> {
  database: Database;
  bus: EventBus;
  /** Run the dispatcher in this process (default true). */
  dispatcher?: boolean;
  /** Run the fan-out consumer in this process (default true). */
  consumers?: boolean;
  /** Run the outbox relay (dead-letter notices) in this process (default true). */
  relay?: boolean;
  /** The registry's secretariat, told of every dead letter beside the endpoint's owner. */
  secretariat?: string;
  /** The process's metrics: deliveries by outcome, the dead-letter queue, relay backlog. */
  metrics?: Metrics | undefined;
  /** Dispatcher tuning and test seams (timeout, concurrency, transport, …). */
  dispatch?: Omit<DispatcherOptions, 'db' | 'targets' | 'webhookKey' | 'secretariat'>;
}

/**
 * The notifier: webhook endpoints API, fan-out consumer, dispatcher and the outbox relay of its
 * dead-letter notices. Refuses the loopback development switch when `NODE_ENV=production`.
 */
export function createNotifierService(deps: NotifierServiceDeps) {
  assertTargetPolicy(deps.targets);
  const logger = loggerFor(deps.log, 'notifier');
  const app = createNotifierApp({ ...deps, db: deps.database.db, log: logger });
  const dispatcher = new Dispatcher({
    onError: (err) => logger.error({ component: 'webhook-dispatcher', err: describeError(err) }, 'webhook dispatcher failed'),
    ...deps.dispatch,
    db: deps.database.db,
    targets: deps.targets,
    webhookKey: deps.webhookKey,
    secretariat: deps.secretariat,
  });
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    metrics: deps.metrics,
    onError: (err) => logger.error({ component: 'relay', err: describeError(err) }, 'outbox relay failed'),
  });
  let subscription: Subscription | undefined;
  if (deps.metrics) notifierMetrics(deps.metrics, deps.database.pool, () => dispatcher.stats());
  return {
    app,
    dispatcher,
    relay,
    migrations: notifierMigrations,
    /** Counters for a later `/metrics`: deliveries, retries, dead letters (see {@link DispatcherStats}). */
    stats: () => dispatcher.stats(),
    async start() {
      const sealed = await sealLegacySecrets(deps.database.db, webhookSecretKey(deps.webhookKey));
      if (sealed > 0) logger.warn({ sealed }, 'encrypted webhook signing secrets that were stored in plaintext');
      if (deps.relay !== false) await relay.start();
      if (deps.consumers !== false) {
        // The topics whose events may concern a body's webhooks: declared in schemas/asyncapi.json.
        subscription = await deps.bus.subscribe({
          group: NOTIFIER_GROUP,
          topics: consumerTopics(NOTIFIER_GROUP),
          handler: fanOut(deps.database.db, inbox),
        });
      }
      if (deps.dispatcher !== false) dispatcher.start();
    },
    async stop() {
      await dispatcher.stop();
      await subscription?.stop();
      await relay.stop();
    },
  };
}

export type NotifierService = ReturnType<typeof createNotifierService>;
