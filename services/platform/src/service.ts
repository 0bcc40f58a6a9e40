// `pnpm start:service` — distributed mode: one service in its own process.
//   LIAISON_SERVICE=referrals  DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  PORT=…
//   LIAISON_SERVICE=stats      DATABASE_URL=… KAFKA_BROKERS=…  [LIAISON_PARTS=api,relay,consumers]  PORT=…
//   LIAISON_SERVICE=gateway    DATABASE_URL=… REFERRALS_URL=http://…  STATS_URL=http://…  PORT=…
// Migrations are applied by `pnpm migrate` (or by the first process to start, under a lock).
import { serve } from '@hono/node-server';
import { AuditSealer, auditMigrations } from '@liaison/audit';
import { authMigrations, listAgencies, seedAgencies, verifyToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations } from '@liaison/events';
import { createGatewayApp } from '@liaison/gateway';
import { createIntakeService, intakeMigrations } from '@liaison/intake';
import { createReferralsService, referralsMigrations } from '@liaison/referrals';
import { createStatsService, statsMigrations } from '@liaison/stats';
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
const verify = (token: string) => verifyToken(database.db, token);
const stops: (() => Promise<void>)[] = [() => database.close()];
let app: { fetch: (request: Request) => Response | Promise<Response> } | undefined;
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

if (config.LIAISON_SERVICE === 'intake') {
  if (!config.FIELD_KEY || !config.COUNCIL_KEY) fail('FIELD_KEY and COUNCIL_KEY are required for the intake service');
  await migrate(database, [authMigrations, auditMigrations, ...(useKafka ? [] : [pglogMigrations]), intakeMigrations]);
  const bus = await openBus();
  const agencies = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
  const service = createIntakeService({
    database,
    bus,
    verifyToken: verify,
    agency: async (code) => agencies.get(code),
    dataKey: bodyDataKey(config.FIELD_KEY!),
    councilKey: config.COUNCIL_KEY!,
    relay: parts.has('relay'),
  });
  await service.start();
  stops.unshift(() => bus.close(), () => service.stop());
  if (parts.has('api')) app = service.app;
} else if (config.LIAISON_SERVICE === 'referrals') {
  await migrate(database, [authMigrations, auditMigrations, ...(useKafka ? [] : [pglogMigrations]), referralsMigrations]);
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
  });
  await service.start();
  stops.unshift(() => bus.close(), () => service.stop());
  // Any process may seal the audit log (one at a time); it needs the key, kept outside the database.
  if (config.AUDIT_KEY) {
    const sealer = new AuditSealer(database.pool, config.AUDIT_KEY);
    sealer.start();
    stops.unshift(() => sealer.stop());
  }
  if (parts.has('api')) app = service.app;
} else if (config.LIAISON_SERVICE === 'stats') {
  await migrate(database, [authMigrations, auditMigrations, ...(useKafka ? [] : [pglogMigrations]), statsMigrations]);
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
  if (parts.has('api')) app = service.app;
} else {
  if (!config.REFERRALS_URL) fail('REFERRALS_URL is required for the gateway');
  // The gateway calls each service over its HTTP API, as it does in-process when embedded.
  const forward = (base: URL) => (req: Request) => {
    const url = new URL(req.url);
    return fetch(new URL(url.pathname + url.search, base), { headers: req.headers, method: req.method });
  };
  app = createGatewayApp({
    verifyToken: verify,
    referrals: forward(new URL(config.REFERRALS_URL!)),
    ...(config.STATS_URL ? { stats: forward(new URL(config.STATS_URL)) } : {}),
  });
}

const server = app ? serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }) : undefined;
console.log(`${config.LIAISON_SERVICE} running (${[...parts].join(', ')})${server ? ` on http://${config.HOST}:${config.PORT}` : ''}`);

async function shutdown() {
  server?.close();
  for (const stop of stops) await stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
