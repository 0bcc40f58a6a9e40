// `pnpm start:service` — distributed mode: one service in its own process.
//   LIAISON_SERVICE=referrals  DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  [INTAKE_URL=http://…]  PORT=…
//   LIAISON_SERVICE=stats      DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  PORT=…
//   LIAISON_SERVICE=gateway    DATABASE_URL=… REFERRALS_URL=http://…  STATS_URL=http://…  PORT=…
// Migrations are applied by `pnpm migrate` (or by the first process to start, under a lock).
import { serve } from '@hono/node-server';
import { AuditSealer, auditMigrations } from '@liaison/audit';
import { authMigrations, bodyKeyRegistry, listAgencies, seedAgencies, tokenVerifier } from '@liaison/auth';
import { describeError } from '@liaison/db';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations } from '@liaison/events';
import { createGatewayApp } from '@liaison/gateway';
import { createIntakeService, intakeMigrations } from '@liaison/intake';
import { AuthThrottle, edge, idempotencyMigrations, notFound, onError } from '@liaison/http';
import { createReferralsService, referralsMigrations } from '@liaison/referrals';
import { createStatsService, statsMigrations } from '@liaison/stats';
import { Hono } from 'hono';
import { createBodyKeyApp } from './body-keys.ts';
import { checkpointSinks } from './checkpoints.ts';
import { env } from './env.ts';
import { bodyDataKey } from './keys.ts';

const config = env();
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
if (!config.LIAISON_SERVICE) fail('LIAISON_SERVICE must be referrals, intake, stats or gateway');
if (!config.DATABASE_URL) fail('DATABASE_URL is required in distributed mode');
const database = createDatabase({ url: config.DATABASE_URL!, driver: config.DATABASE_DRIVER });
// Concurrent requests share one token lookup (batched, not cached: revocation still applies at once).
const verify = tokenVerifier(database.db);
const stops: (() => Promise<void>)[] = [() => database.close()];
// biome-ignore lint/suspicious/noExplicitAny: any service app (each has its own Env type) is mounted the same way.
let app: Hono<any> | undefined;
const parts = new Set(config.LIAISON_PARTS);
const useKafka = (config.KAFKA_BROKERS?.length ?? 0) > 0;

/** The event bus of this process (Kafka, or the Postgres log), with the catalog's topics created. */
async function openBus() {
  const bus = useKafka
    ? createEventBus({ kind: 'kafka', brokers: config.KAFKA_BROKERS!, clientId: config.KAFKA_CLIENT_ID, topicPrefix: config.KAFKA_TOPIC_PREFIX })
    : createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: config.KAFKA_TOPIC_PREFIX });
  await bus.ensureTopics({
    partitions: config.TOPIC_PARTITIONS,
    ...(useKafka ? { replicationFactor: config.KAFKA_REPLICATION_FACTOR } : {}),
    ...(useKafka && config.KAFKA_MIN_INSYNC_REPLICAS ? { minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS } : {}),
  });
  return bus;
}

/** A client for another service's REST API: the request's path, query, method and headers, sent to `baseUrl`. */
function forwardTo(baseUrl: string) {
  const base = new URL(baseUrl);
  return (req: Request) => {
    const url = new URL(req.url);
    return fetch(new URL(url.pathname + url.search, base), { headers: req.headers, method: req.method });
  };
}

/**
 * Any process that writes the audit log also seals it (one sealer at a time across processes: an
 * advisory lock) and writes signed checkpoints of its head to the log stream and the bus.
 */
async function startSealer(bus: Awaited<ReturnType<typeof openBus>>) {
  const secretariat = (await listAgencies(database.db)).find((a) => a.roles.includes('secretariat'))?.code ?? 'center';
  const sealer = new AuditSealer(database.pool, config.AUDIT_KEY!, {
    onError: (err) => console.error(`audit sealer: ${describeError(err)}`),
    checkpoints: { sinks: checkpointSinks({ file: config.AUDIT_CHECKPOINT_FILE, log: (l) => console.log(l), bus, source: `/agencies/${secretariat}` }) },
  });
  sealer.start();
  stops.unshift(() => sealer.stop());
}

if (config.LIAISON_SERVICE === 'intake' || config.LIAISON_SERVICE === 'referrals' || config.LIAISON_SERVICE === 'stats') {
  if (!config.AUDIT_KEY) fail(`AUDIT_KEY is required for the ${config.LIAISON_SERVICE} service (it writes and seals the audit log)`);
}
if (config.LIAISON_SERVICE === 'intake') {
  if (!config.FIELD_KEY || !config.COUNCIL_KEY) fail('FIELD_KEY and COUNCIL_KEY are required for the intake service');
  await migrate(database, [authMigrations, auditMigrations, idempotencyMigrations, ...(useKafka ? [] : [pglogMigrations]), intakeMigrations]);
  await seedAgencies(database.db);
  const bus = await openBus();
  const agencies = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
  const service = createIntakeService({
    database,
    bus,
    verifyToken: verify,
    agency: async (code) => agencies.get(code),
    dataKey: bodyDataKey(config.FIELD_KEY!),
    councilKey: config.COUNCIL_KEY!,
    bodyKeys: bodyKeyRegistry(database.db),
    relay: parts.has('relay'),
  });
  await service.start();
  stops.unshift(() => bus.close(), () => service.stop());
  await startSealer(bus);
  // Bodies' administrators publish the keys intake seals to beside it.
  if (parts.has('api')) app = new Hono().route('/', service.app).route('/', createBodyKeyApp({ db: database.db, verifyToken: verify }));
} else if (config.LIAISON_SERVICE === 'referrals') {
  await migrate(database, [authMigrations, auditMigrations, idempotencyMigrations, ...(useKafka ? [] : [pglogMigrations]), referralsMigrations]);
  await seedAgencies(database.db);
  const bus = await openBus();
  const agencies = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
  const service = createReferralsService({
    database,
    bus,
    verifyToken: verify,
    agency: async (code) => agencies.get(code),
    relay: parts.has('relay'),
    consumers: parts.has('consumers'),
    calendar: { newYearClosure: config.NEW_YEAR_CLOSURE },
    // Intake confirms the packages referrals carry (the caller's token is forwarded); without
    // INTAKE_URL, referrals carrying a package are refused.
    ...(config.INTAKE_URL ? { intake: forwardTo(config.INTAKE_URL) } : {}),
  });
  await service.start();
  stops.unshift(() => bus.close(), () => service.stop());
  await startSealer(bus);
  if (parts.has('api')) app = service.app;
} else if (config.LIAISON_SERVICE === 'stats') {
  await migrate(database, [authMigrations, auditMigrations, idempotencyMigrations, ...(useKafka ? [] : [pglogMigrations]), statsMigrations]);
  await seedAgencies(database.db);
  const bus = await openBus();
  const service = createStatsService({
    database,
    bus,
    verifyToken: verify,
    bodies: async () => (await listAgencies(database.db)).filter((a) => a.roles.includes('member')).map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
    relay: parts.has('relay'),
    consumers: parts.has('consumers'),
    releaseAfterBusinessDays: config.STATS_RELEASE_AFTER_BUSINESS_DAYS,
    calendar: { newYearClosure: config.NEW_YEAR_CLOSURE },
  });
  await service.start();
  stops.unshift(() => bus.close(), () => service.stop());
  await startSealer(bus);
  if (parts.has('api')) app = service.app;
} else {
  if (!config.REFERRALS_URL) fail('REFERRALS_URL is required for the gateway');
  // The gateway calls each service over its HTTP API, as it does in-process when embedded.
  app = createGatewayApp({
    verifyToken: verify,
    introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
    referrals: forwardTo(config.REFERRALS_URL!),
    ...(config.STATS_URL ? { stats: forwardTo(config.STATS_URL) } : {}),
  });
}

// The same edge as the embedded platform: auth throttling, body limit, idempotency keys.
let root: Hono | undefined;
if (app) {
  root = new Hono();
  root.onError(onError());
  root.notFound(notFound);
  for (const { path, handler } of edge({ pool: database.pool, throttle: new AuthThrottle(), trustProxy: config.TRUST_PROXY })) root.use(path, handler);
  root.route('/', app);
}
const server = root ? serve({ fetch: root.fetch, port: config.PORT, hostname: config.HOST }) : undefined;
console.log(`${config.LIAISON_SERVICE} running (${[...parts].join(', ')})${server ? ` on http://${config.HOST}:${config.PORT}` : ''}`);

async function shutdown() {
  server?.close();
  for (const stop of stops) await stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
