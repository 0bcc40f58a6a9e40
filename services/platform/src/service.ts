// `pnpm start:service` — distributed mode: one service in its own process.
//   LIAISON_SERVICE=referrals  DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  [INTAKE_URL=http://…]  PORT=…
//   LIAISON_SERVICE=intake     DATABASE_URL=… KAFKA_BROKERS=…  FIELD_KEY=… COUNCIL_KEY=…  PORT=…
//   LIAISON_SERVICE=stats      DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  PORT=…
//   LIAISON_SERVICE=notifier   DATABASE_URL=… KAFKA_BROKERS=…  WEBHOOK_KEY=…  [LIAISON_PARTS=api,relay,consumers]  PORT=…
//   LIAISON_SERVICE=secretariat DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay]  PORT=…
//   LIAISON_SERVICE=gateway    DATABASE_URL=… REFERRALS_URL=http://…  STATS_URL=http://…  SECRETARIAT_URL=http://…  PORT=…
// Migrations are applied by `pnpm migrate` (or by the first process to start, under a lock).
// Every process listens on PORT from the start: /healthz and /readyz (see lifecycle.ts) answer while
// it starts, its API once it is ready; SIGTERM drains it.
import { serve } from '@hono/node-server';
import { AuditSealer, auditMigrations } from '@liaison/audit';
import { authMigrations, bodyKeyRegistry, listAgencies, seedAgencies, tokenVerifier } from '@liaison/auth';
import { ConfigError } from '@liaison/config';
import { describeError, type MigrationSet } from '@liaison/db';
import { createDatabase } from '@liaison/db/client';
import { migrate, pendingMigrations } from '@liaison/db/migrate';
import { createEventBus, type EventBus, type OutboxRelay, pglogMigrations } from '@liaison/events';
import { createGatewayApp } from '@liaison/gateway';
import { AuthThrottle, edge, idempotencyMigrations, notFound, onError } from '@liaison/http';
import { observeRequests, traceparentOf } from '@liaison/observe';
import { createIntakeService, intakeMigrations } from '@liaison/intake';
import { createNotifierService, notifierMigrations } from '@liaison/notifier';
import { createReferralsService, referralsMigrations } from '@liaison/referrals';
import { createSecretariatService, secretariatMigrations } from '@liaison/secretariat';
import { createStatsService, statsMigrations } from '@liaison/stats';
import { Hono } from 'hono';
import { createBodyKeyApp } from './body-keys.ts';
import { checkpointSinks } from './checkpoints.ts';
import { env } from './env.ts';
import { bodyDataKey } from './keys.ts';
import { Lifecycle, Stopping } from './lifecycle.ts';
import { startObservability } from './observe.ts';
import { isOperator } from './operator.ts';
import { auditMetrics } from './audit-metrics.ts';

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Liaison cannot start: ${err.message}`);
  process.exit(2);
}
const { logger, metrics, mountMetrics, stop: stopObservability } = startObservability(config, config.LIAISON_SERVICE ?? 'platform');
const fail = (message: string): never => {
  logger.fatal(message);
  process.exit(2);
};
const service = config.LIAISON_SERVICE ?? fail('LIAISON_SERVICE must be referrals, intake, stats, notifier, secretariat or gateway');
if (!config.DATABASE_URL) fail('DATABASE_URL is required in distributed mode');
if (service !== 'gateway') {
  if (!config.AUDIT_KEY) fail(`AUDIT_KEY is required for the ${service} service (it writes and seals the audit log)`);
}
if (service === 'intake' && (!config.FIELD_KEY || !config.COUNCIL_KEY))
  fail('FIELD_KEY and COUNCIL_KEY are required for the intake service');
if (service === 'notifier' && !config.WEBHOOK_KEY)
  fail('WEBHOOK_KEY is required for the notifier service (webhook signing secrets are stored encrypted under it)');
if (service === 'gateway' && !config.REFERRALS_URL) fail('REFERRALS_URL is required for the gateway');

const lifecycle = new Lifecycle({
  graceMs: config.DRAIN_GRACE_MS,
  delayMs: config.DRAIN_DELAY_MS,
  log: (line) => logger.info({ component: 'lifecycle' }, line),
});
lifecycle.handleSignals();
const database = createDatabase({ url: config.DATABASE_URL!, driver: config.DATABASE_DRIVER });
// Concurrent requests share one token lookup (batched, not cached: revocation still applies at once).
const verify = tokenVerifier(database.db);
const parts = new Set(config.LIAISON_PARTS);
const useKafka = (config.KAFKA_BROKERS?.length ?? 0) > 0;
lifecycle.describe({ service, parts: [...parts], bus: service === 'gateway' ? 'none' : useKafka ? 'kafka' : 'pglog' });
lifecycle.probe('database', async () => {
  await database.pool.query('select 1');
});
if (service !== 'gateway') {
  lifecycle.expect('migrations');
  lifecycle.expect('bus');
  lifecycle.expect('consumers', 'not joined yet');
}

// The drain's steps, in order: the HTTP server has closed (lifecycle) → what the service runs stops
// (consumers finish their batch and commit, timers stop) → the relay publishes what the finished
// requests wrote → the sealer, the bus, the pool close.
const stopService: (() => Promise<void>)[] = [];
let relayToFlush: OutboxRelay | undefined;
const closing: (() => Promise<void>)[] = [];
lifecycle.onStop('service', async () => {
  for (const stop of stopService) await stop();
});
lifecycle.onStop('relay flush', async () => {
  await relayToFlush?.flush();
});
lifecycle.onStop('close', async () => {
  for (const close of closing)
    await close().catch((err) => logger.error({ component: 'lifecycle', err: describeError(err) }, 'closing failed'));
  await database.close();
  await stopObservability();
});

// Listen at once: the probes answer while the service starts; the API answers 503 until it is ready.
// biome-ignore lint/suspicious/noExplicitAny: any service app (each has its own Env type) is mounted the same way.
let api: Hono<any> | undefined;
const front = new Hono();
front.route('/', lifecycle.routes());
// /metrics on the main port (unless METRICS_PORT serves it apart), in every process, API or not.
mountMetrics(front, (token) => isOperator(database.db, token));
front.all('*', (c) =>
  api
    ? api.fetch(c.req.raw, c.env)
    : c.json({ error: { code: 'UNAVAILABLE', message: `the ${service} service is starting (see /readyz)`, requestId: null } }, 503),
);
const server = serve({ fetch: front.fetch, port: config.PORT, hostname: config.HOST });
// biome-ignore lint/suspicious/noExplicitAny: @hono/node-server returns the http.Server it made.
lifecycle.serve(server as any);

/** Applies this service's migrations (and those of the tables it shares) under the migration lock. */
async function migrated(own: MigrationSet[]) {
  await lifecycle.retry('migrations', () =>
    migrate(database, [authMigrations, auditMigrations, idempotencyMigrations, ...(useKafka ? [] : [pglogMigrations]), ...own]),
  );
  await seedAgencies(database.db);
  lifecycle.met('migrations');
}

/** The event bus of this process (Kafka, or the Postgres log), with the catalog's topics created; retried until it answers. */
async function openBus(): Promise<EventBus> {
  const bus = await lifecycle.retry('bus', async () => {
    const bus = useKafka
      ? createEventBus({
          kind: 'kafka',
          brokers: config.KAFKA_BROKERS!,
          clientId: config.KAFKA_CLIENT_ID,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          log: (level, m) => logger[level]({ component: 'kafkajs', kafka: m.slice(0, 200) }, 'kafka client'),
        })
      : createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: config.KAFKA_TOPIC_PREFIX });
    bus.instrument(metrics);
    try {
      await bus.ensureTopics({
        partitions: config.TOPIC_PARTITIONS,
        ...(useKafka ? { replicationFactor: config.KAFKA_REPLICATION_FACTOR } : {}),
        ...(useKafka && config.KAFKA_MIN_INSYNC_REPLICAS ? { minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS } : {}),
      });
    } catch (err) {
      await bus.close().catch(() => {});
      throw err;
    }
    return bus;
  });
  closing.push(() => bus.close());
  lifecycle.met('bus');
  return bus;
}

/** Starts a service's relay and consumers (readiness: `consumers` once its groups are joined), and stops them at the drain. */
async function run(svc: { start(): Promise<void>; stop(): Promise<void>; relay: OutboxRelay }) {
  stopService.push(() => svc.stop());
  await svc.start();
  if (parts.has('relay')) relayToFlush = svc.relay;
  lifecycle.met('consumers');
}

/** A client for another service's REST API: the request's path, query, method and headers, sent to `baseUrl`. */
function forwardTo(baseUrl: string) {
  const base = new URL(baseUrl);
  return (req: Request) => {
    const url = new URL(req.url);
    // The call joins the caller's trace (the gateway's server span), as in one process.
    const headers = new Headers(req.headers);
    const traceparent = traceparentOf();
    if (traceparent) headers.set('traceparent', traceparent);
    return fetch(new URL(url.pathname + url.search, base), { headers, method: req.method });
  };
}

/** The registry's secretariat (told of missed deadlines and dead letters); `center` by default. */
async function secretariat(): Promise<string> {
  return (await listAgencies(database.db)).find((a) => a.roles.includes('secretariat'))?.code ?? 'center';
}

/**
 * Any process that writes the audit log also seals it (one sealer at a time across processes: an
 * advisory lock) and writes signed checkpoints of its head to the log stream and the bus.
 */
async function startSealer(bus: EventBus) {
  const sealer = new AuditSealer(database.pool, config.AUDIT_KEY!, {
    onError: (err) => logger.error({ component: 'audit-sealer', err: describeError(err) }, 'audit sealer failed'),
    checkpoints: {
      sinks: checkpointSinks({ file: config.AUDIT_CHECKPOINT_FILE, logger, bus, source: `/agencies/${await secretariat()}` }),
    },
  });
  sealer.start();
  closing.unshift(() => sealer.stop());
  auditMetrics(metrics, database.pool);
}

/** What each LIAISON_SERVICE runs; returns its REST app when this process serves the API. */
// biome-ignore lint/suspicious/noExplicitAny: see `api`.
const services: Record<NonNullable<typeof config.LIAISON_SERVICE>, () => Promise<Hono<any> | undefined>> = {
  async intake() {
    await migrated([intakeMigrations]);
    const bus = await openBus();
    const agencies = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
    const svc = createIntakeService({
      database,
      bus,
      verifyToken: verify,
      agency: async (code) => agencies.get(code),
      dataKey: bodyDataKey(config.FIELD_KEY!),
      councilKey: config.COUNCIL_KEY!,
      bodyKeys: bodyKeyRegistry(database.db),
      relay: parts.has('relay'),
      log: logger,
      metrics,
    });
    await run(svc);
    await startSealer(bus);
    // Bodies' administrators publish the keys intake seals to beside it.
    return parts.has('api')
      ? new Hono().route('/', svc.app).route('/', createBodyKeyApp({ db: database.db, verifyToken: verify }))
      : undefined;
  },
  async referrals() {
    await migrated([referralsMigrations]);
    const bus = await openBus();
    const agencies = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
    const svc = createReferralsService({
      database,
      bus,
      verifyToken: verify,
      agency: async (code) => agencies.get(code),
      relay: parts.has('relay'),
      consumers: parts.has('consumers'),
      calendar: { newYearClosure: config.NEW_YEAR_CLOSURE },
      secretariat: await secretariat(),
      // Intake confirms the packages referrals carry (the caller's token is forwarded); without
      // INTAKE_URL, referrals carrying a package are refused.
      ...(config.INTAKE_URL ? { intake: forwardTo(config.INTAKE_URL) } : {}),
      log: logger,
      metrics,
    });
    await run(svc);
    await startSealer(bus);
    return parts.has('api') ? svc.app : undefined;
  },
  async stats() {
    await migrated([statsMigrations]);
    const bus = await openBus();
    const svc = createStatsService({
      database,
      bus,
      verifyToken: verify,
      bodies: async () =>
        (await listAgencies(database.db))
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
      relay: parts.has('relay'),
      consumers: parts.has('consumers'),
      releaseAfterBusinessDays: config.STATS_RELEASE_AFTER_BUSINESS_DAYS,
      calendar: { newYearClosure: config.NEW_YEAR_CLOSURE },
      log: logger,
      metrics,
    });
    await run(svc);
    await startSealer(bus);
    return parts.has('api') ? svc.app : undefined;
  },
  async notifier() {
    await migrated([notifierMigrations]);
    const bus = await openBus();
    // The fan-out consumer and the dispatcher go with `consumers`; the relay of dead-letter notices with `relay`.
    const svc = createNotifierService({
      database,
      bus,
      verifyToken: verify,
      targets: { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK, ports: config.WEBHOOK_PORTS },
      webhookKey: config.WEBHOOK_KEY!,
      relay: parts.has('relay'),
      consumers: parts.has('consumers'),
      dispatcher: parts.has('consumers'),
      secretariat: await secretariat(),
      log: logger,
      metrics,
    });
    await run(svc);
    await startSealer(bus);
    return parts.has('api') ? svc.app : undefined;
  },
  async secretariat() {
    await migrated([secretariatMigrations]);
    const bus = await openBus();
    // The registry is read on each use: an invitation or owner names the bodies of the council as it is now.
    const svc = createSecretariatService({
      database,
      bus,
      verifyToken: verify,
      registry: () => listAgencies(database.db),
      relay: parts.has('relay'),
      log: (line) => logger.error({ component: 'secretariat' }, line),
    });
    await run(svc);
    await startSealer(bus);
    return parts.has('api') ? svc.app : undefined;
  },
  async gateway() {
    // The gateway migrates nothing; it is ready once the tables it reads (tokens) are there.
    lifecycle.probe('migrations', async () => {
      const pending = await pendingMigrations(database, [authMigrations]);
      if (pending.length > 0) throw new Error(`not applied yet: ${pending.join(', ')}`);
    });
    // It calls each service over its HTTP API, as it does in-process when embedded.
    return createGatewayApp({
      verifyToken: verify,
      introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
      referrals: forwardTo(config.REFERRALS_URL!),
      ...(config.STATS_URL ? { stats: forwardTo(config.STATS_URL) } : {}),
      ...(config.SECRETARIAT_URL ? { secretariat: forwardTo(config.SECRETARIAT_URL) } : {}),
      log: logger,
    });
  },
};

try {
  const app = await services[service]();
  if (app) {
    // The same edge as the embedded platform: auth throttling, body limit, idempotency keys.
    const root = new Hono();
    root.onError(onError(logger));
    root.notFound(notFound);
    root.use('*', observeRequests({ logger, metrics }));
    for (const { path, handler } of edge({ pool: database.pool, throttle: new AuthThrottle(), trustProxy: config.TRUST_PROXY }))
      root.use(path, handler);
    root.route('/', app);
    api = root;
  }
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : config.PORT;
  logger.info({ parts: [...parts], port }, `${service} running`);
} catch (err) {
  // A drain that began while the service was starting ends the process itself.
  if (!(err instanceof Stopping)) {
    logger.fatal({ err: describeError(err) }, `${service} could not start`);
    process.exit(1);
  }
}
