import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditSealer, auditMigrations } from '@liaison/audit';
import { type Agency, authMigrations, bodyKeyRegistry, listAgencies, seedAgencies, tokenVerifier } from '@liaison/auth';
import { describeError } from '@liaison/db';
import { createDatabase, type Database, type DatabaseOptions } from '@liaison/db/client';
import { startEmbeddedPostgres } from '@liaison/db/embedded';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, type EventBus, type OutboxRelay, pglogMigrations } from '@liaison/events';
import { createEventFeed, createGatewayApp, printSdl } from '@liaison/gateway';
import { AuthThrottle, type AuthThrottleOptions, edge, idempotencyMigrations, notFound, onError } from '@liaison/http';
import { createIntakeService, type IntakeService, intakeMigrations } from '@liaison/intake';
import { createNotifierService, type NotifierService, notifierMigrations, type TargetCheck } from '@liaison/notifier';
import { createReferralsService, type ReferralsService, referralsMigrations } from '@liaison/referrals';
import { createWebService, webMigrations } from '@liaison/web';
import { createSecretariatService, type SecretariatService, secretariatMigrations } from '@liaison/secretariat';
import { createStatsService, type StatsService, statsMigrations } from '@liaison/stats';
import { seedDemoStatistics } from '@liaison/stats/seed';
import { createLogger, createMetrics, type LogSink, loggerFor, type Metrics, metricsRoute, observeRequests } from '@liaison/observe';
import { Hono } from 'hono';
import pg from 'pg';
import { createBodyKeyApp } from './body-keys.ts';
import { type DemoToken, ensureDemoBodyKeys, ensureDemoTokens } from './demo.ts';
import { checkpointSinks } from './checkpoints.ts';
import { Lifecycle } from './lifecycle.ts';
import { bodyDataKey } from './keys.ts';
import { auditMetrics } from './audit-metrics.ts';
import { isOperator } from './operator.ts';
import { createTokenApp } from './tokens.ts';

export interface PlatformOptions {
  /** Postgres URL; when absent an embedded Postgres is started with its data under `dataDir`. */
  databaseUrl?: string | undefined;
  databaseDriver?: DatabaseOptions['driver'];
  neon?: DatabaseOptions['neon'];
  /** Kafka brokers; when absent the Postgres-log bus is used. */
  kafkaBrokers?: string[] | undefined;
  kafka?: { clientId?: string; replicationFactor?: number; minInsyncReplicas?: number; sessionTimeout?: number };
  topicPrefix?: string;
  topicPartitions?: number;
  dataDir: string;
  embeddedPgPort?: number;
  seedDemo?: boolean;
  /** Key of the audit hash chain; by default one kept in `dataDir/audit-key` (made on first start). */
  auditKey?: Buffer | undefined;
  /** Where signed audit checkpoints are appended; embedded default `dataDir/audit-checkpoints.jsonl`. */
  auditCheckpointFile?: string | undefined;
  /** Checkpoints at most this often (ms; default one minute). */
  auditCheckpointEvery?: number;
  /** Master key for personal data at rest; by default `dataDir/field-key`. */
  fieldKey?: Buffer | undefined;
  /** Council key for URL hashes; by default `dataDir/council-key`. */
  councilKey?: Buffer | undefined;
  /** The New Year closure deadlines skip (null: none); default 12-29 to 01-03. */
  newYearClosure?: { from: string; to: string } | null;
  /** Seed synthetic statistics in the background on first start (demo), then publish the releases of the closed months. */
  seedStatistics?: boolean;
  /** Business days after a period closes before its statistics release is built (default 5). */
  statsReleaseAfterBusinessDays?: number;
  /**
   * Webhook delivery: which targets are allowed (development and tests: loopback receivers), whether
   * to send at all, and the key signing secrets are stored under (default `dataDir/webhook-key`).
   */
  webhooks?: { targets?: TargetCheck; dispatcher?: boolean; key?: Buffer | undefined };
  /** Answer GraphQL introspection (default true; production start turns it off). */
  introspection?: boolean;
  /** Failed-authentication throttling (default: 20 failures a minute per address and per token prefix). */
  authThrottle?: AuthThrottleOptions;
  /** Take client addresses from X-Forwarded-For (behind a trusted proxy). */
  trustProxy?: boolean;
  /** Serve the developer tools (GraphiQL) on the web pages; production start turns them off. Default false. */
  developerTools?: boolean;
  /** Web sessions: absolute and idle lifetimes (ms); default 8 hours and 30 minutes. */
  webSession?: { absoluteMs?: number; idleMs?: number };
  /** The process's metrics registry (default: a new one). */
  metrics?: Metrics;
  /** `GET /metrics` on the app: open (development, default), only for an admin token of the secretariat (production), or not at all (served on METRICS_PORT). */
  metricsAccess?: 'open' | 'admin' | 'none';
  /** The process's logger, or (tests) a function given each JSON line; default: JSON lines on stdout. */
  log?: LogSink | undefined;
  /**
   * The process's lifecycle (main.ts): its readiness checks are registered here and /healthz,
   * /readyz are served from it. Default: one of the platform's own (tests that use `app` only).
   */
  lifecycle?: Lifecycle;
}

export interface Platform {
  app: Hono;
  database: Database;
  bus: EventBus;
  referrals: ReferralsService;
  intake: IntakeService;
  notifier: NotifierService;
  stats: StatsService;
  secretariat: SecretariatService;
  demoTokens: DemoToken[];
  /** Starts what waits for the server to listen (the demo statistics seed, when asked for). */
  afterListen(): void;
  mode: { database: 'embedded' | 'external'; driver: string; bus: 'kafka' | 'pglog' };
  /** Stops everything; with `flush`, the relays publish what is left in their outboxes first (the graceful drain). */
  stop(options?: { flush?: boolean }): Promise<void>;
}

/** A random 32-byte secret kept in a file of the local data folder (mode 0600), made on first use. */
export function localSecret(dataDir: string, name: string): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** Creates database `name` on the server of `url` if it is missing. */
async function ensureDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * The whole platform in one process: migrations, the event bus (Kafka or the Postgres log), every
 * service with its relay and consumers, and one Hono app serving REST, GraphQL and /healthz.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const log = options.log === undefined ? createLogger({ service: 'platform' }) : loggerFor(options.log, 'platform');
  const metrics = options.metrics ?? createMetrics();
  const cleanup: (() => Promise<void>)[] = [];
  const lifecycle = options.lifecycle ?? new Lifecycle({ graceMs: 25_000, log: (line) => log.info({ component: 'lifecycle' }, line) });
  lifecycle.expect('migrations');
  lifecycle.expect('bus');
  lifecycle.expect('consumers', 'not joined yet');
  let flushOnStop = false;
  const relays: OutboxRelay[] = [];
  try {
    let url = options.databaseUrl;
    let databaseMode: Platform['mode']['database'] = 'external';
    if (!url) {
      const dataDir = resolve(options.dataDir);
      mkdirSync(dataDir, { recursive: true });
      const embedded = await startEmbeddedPostgres({ dataDir, port: options.embeddedPgPort ?? 25432 });
      cleanup.push(embedded.stop);
      url = await ensureDatabase(embedded.url, 'liaison');
      databaseMode = 'embedded';
    }
    const database = createDatabase({ url, driver: options.databaseDriver, neon: options.neon, max: 20 });
    // A demo seed abandoned at stop may still hold a connection: the pool is not waited for then (the
    // seed's transaction dies with the connection; what it committed stays).
    let seedAbandoned = false;
    cleanup.push(() =>
      seedAbandoned ? Promise.race([database.close(), new Promise<void>((r) => setTimeout(r, 2000))]) : database.close(),
    );
    lifecycle.probe('database', async () => {
      await database.pool.query('select 1');
    });

    const useKafka = (options.kafkaBrokers?.length ?? 0) > 0;
    await migrate(database, [
      authMigrations,
      auditMigrations,
      idempotencyMigrations,
      ...(useKafka ? [] : [pglogMigrations]),
      referralsMigrations,
      intakeMigrations,
      notifierMigrations,
      statsMigrations,
      secretariatMigrations,
      webMigrations,
    ]);
    lifecycle.met('migrations');

    const bus = useKafka
      ? createEventBus({
          kind: 'kafka',
          brokers: options.kafkaBrokers!,
          clientId: options.kafka?.clientId ?? 'liaison',
          topicPrefix: options.topicPrefix ?? '',
          ...(options.kafka?.sessionTimeout ? { sessionTimeout: options.kafka.sessionTimeout } : {}),
          log: (level, message) => log[level]({ component: 'kafkajs', kafka: message.slice(0, 200) }, 'kafka client'),
        })
      : createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: options.topicPrefix ?? '' });
    cleanup.push(() => bus.close());
    bus.instrument(metrics);
    await bus.ensureTopics({
      partitions: options.topicPartitions ?? 6,
      ...(useKafka ? { replicationFactor: options.kafka?.replicationFactor ?? 1 } : {}),
      ...(useKafka && options.kafka?.minInsyncReplicas ? { minInsyncReplicas: options.kafka.minInsyncReplicas } : {}),
    });
    lifecycle.met('bus');

    await seedAgencies(database.db);
    const demoTokens = options.seedDemo ? await ensureDemoTokens(database.db, resolve(options.dataDir)) : [];
    if (options.seedDemo) {
      const made = await ensureDemoBodyKeys(database.db, resolve(options.dataDir));
      // Demo only — a real body makes its own and publishes the public half (liaison-partner keys generate / publish).
      if (made.length > 0) log.info({ bodies: made }, 'demo key pairs made in the data folder');
    }

    // The registry changes rarely; a short cache keeps it off the hot path.
    let registry: { at: number; byCode: Map<string, Agency> } | undefined;
    const agency = async (code: string) => {
      if (!registry || Date.now() - registry.at > 30_000) {
        registry = { at: Date.now(), byCode: new Map((await listAgencies(database.db)).map((a) => [a.code, a])) };
      }
      return registry.byCode.get(code);
    };
    // Concurrent requests share one token lookup (batched, not cached: revocation still applies at once).
    const verify = tokenVerifier(database.db);

    const secretariat = (await listAgencies(database.db)).find((a) => a.roles.includes('secretariat'))?.code;
    const sealer = new AuditSealer(database.pool, options.auditKey ?? localSecret(resolve(options.dataDir), 'audit-key'), {
      onError: (err) => log.error({ component: 'audit-sealer', err: describeError(err) }, 'audit sealer failed'),
      checkpoints: {
        sinks: checkpointSinks({
          file:
            options.auditCheckpointFile ?? (databaseMode === 'embedded' ? resolve(options.dataDir, 'audit-checkpoints.jsonl') : undefined),
          logger: log,
          bus,
          source: `/agencies/${secretariat ?? 'center'}`,
        }),
        ...(options.auditCheckpointEvery !== undefined ? { every: options.auditCheckpointEvery } : {}),
      },
    });
    sealer.start();
    cleanup.push(() => sealer.stop());
    // Runs after every service stopped (cleanup runs backwards): what the last requests wrote is published.
    cleanup.push(async () => {
      if (flushOnStop) for (const relay of relays) await relay.flush();
    });
    auditMetrics(metrics, database.pool);

    const referrals = createReferralsService({
      database,
      bus,
      verifyToken: verify,
      agency,
      // Whether a package is real is intake's to say; in one process, its app answers in-process
      // (created below: called only once the platform serves requests).
      intake: (req) => Promise.resolve(intake.app.fetch(req)),
      log,
      metrics,
      ...(options.newYearClosure !== undefined ? { calendar: { newYearClosure: options.newYearClosure } } : {}),
      ...(secretariat ? { secretariat } : {}),
    });
    await referrals.start();
    cleanup.push(() => referrals.stop());

    const fieldKey = options.fieldKey ?? localSecret(resolve(options.dataDir), 'field-key');
    const intake = createIntakeService({
      database,
      bus,
      verifyToken: verify,
      agency,
      dataKey: bodyDataKey(fieldKey),
      councilKey: options.councilKey ?? localSecret(resolve(options.dataDir), 'council-key'),
      bodyKeys: bodyKeyRegistry(database.db),
      log,
      metrics,
    });
    await intake.start();
    cleanup.push(() => intake.stop());

    const notifier = createNotifierService({
      database,
      bus,
      verifyToken: verify,
      targets: options.webhooks?.targets ?? {},
      dispatcher: options.webhooks?.dispatcher ?? true,
      webhookKey: options.webhooks?.key ?? localSecret(resolve(options.dataDir), 'webhook-key'),
      ...(secretariat ? { secretariat } : {}),
      log,
      metrics,
    });
    await notifier.start();
    cleanup.push(() => notifier.stop());

    const stats = createStatsService({
      database,
      bus,
      verifyToken: verify,
      // From the registry cache above (a member's own statistics need the bodies on every read).
      bodies: async () => {
        await agency('');
        return [...registry!.byCode.values()]
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn }));
      },
      ...(options.statsReleaseAfterBusinessDays !== undefined ? { releaseAfterBusinessDays: options.statsReleaseAfterBusinessDays } : {}),
      ...(options.newYearClosure !== undefined ? { calendar: { newYearClosure: options.newYearClosure } } : {}),
      log,
      metrics,
    });
    await stats.start();
    cleanup.push(() => stats.stop());
    const secretariatService = createSecretariatService({
      database,
      bus,
      verifyToken: verify,
      registry: () => listAgencies(database.db),
      log: (line) => log.error({ component: 'secretariat' }, line),
    });
    await secretariatService.start();
    cleanup.push(() => secretariatService.stop());
    relays.push(referrals.relay, intake.relay, notifier.relay, stats.relay, secretariatService.relay);

    // The demo's statistics are seeded after the platform answers (see `afterListen`), in the
    // background: /healthz is not kept waiting, progress goes to the log.
    let stopping = false;
    let seeding: Promise<void> | undefined;
    cleanup.push(async () => {
      stopping = true;
      if (!seeding) return;
      // The seed stops between its batches and between the releases it builds; moving the staged
      // facts and the one release being built do not stop. Wait for that (seconds), not for longer:
      // the drain has a grace period of its own.
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        seeding.then(() => true),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), 10_000))),
      ]);
      clearTimeout(timer);
      if (!finished) {
        seedAbandoned = true;
        log.info(
          { component: 'stats-seed' },
          '統計デモデータ (statistics demo): abandoned at stop (what it had not committed is rolled back; the release job builds what is missing)',
        );
      }
    });
    const afterListen = () => {
      if (!options.seedStatistics || seeding) return;
      seeding = seedDemoStatistics({ database, stats, log, shouldStop: () => stopping }).catch((err) =>
        log.error({ component: 'stats-seed', err: describeError(err) }, 'statistics demo seed failed'),
      );
    };

    const feed = createEventFeed();
    const live = await feed.connect(bus);
    cleanup.push(() => live.stop());
    lifecycle.met('consumers');
    const gateway = createGatewayApp({
      verifyToken: verify,
      referrals: (req) => Promise.resolve(referrals.app.fetch(req)),
      stats: (req) => Promise.resolve(stats.app.fetch(req)),
      secretariat: (req) => Promise.resolve(secretariatService.app.fetch(req)),
      feed,
      log,
      ...(options.introspection !== undefined ? { introspection: options.introspection } : {}),
    });

    const app = new Hono();
    app.onError(onError(log));
    app.notFound(notFound);
    app.use('*', observeRequests({ logger: log, metrics }));
    const metricsAccess = options.metricsAccess ?? 'open';
    if (metricsAccess !== 'none')
      app.get('/metrics', metricsRoute(metrics, metricsAccess === 'admin' ? (token) => isOperator(database.db, token) : undefined));
    for (const { path, handler } of edge({
      pool: database.pool,
      throttle: new AuthThrottle(options.authThrottle),
      trustProxy: options.trustProxy ?? false,
    })) {
      app.use(path, handler);
    }
    // /healthz (alive) and /readyz (database, migrations, bus, consumers; not while draining).
    lifecycle.describe({ database: databaseMode, driver: database.driver, bus: bus.kind });
    app.route('/', lifecycle.routes());
    // The pages call the services in-process as the signed-in person (with their own token), past
    // the process edge: the same answers an API client gets.
    const services = new Hono();
    services.route('/', gateway);
    services.route('/', referrals.app);
    services.route('/', intake.app);
    services.route('/', notifier.app);
    services.route('/', stats.app);
    services.route('/', secretariatService.app);
    const tokenApp = createTokenApp({ db: database.db, verifyToken: verify, log });
    services.route('/', tokenApp);
    const bodyKeyApp = createBodyKeyApp({ db: database.db, verifyToken: verify, log });
    services.route('/', bodyKeyApp);
    const web = createWebService({
      database,
      verifyToken: verify,
      api: (req) => Promise.resolve(services.fetch(req)),
      graphqlSdl: printSdl,
      developerTools: options.developerTools ?? false,
      ...(options.webSession ? { session: options.webSession } : {}),
      log,
    });
    app.route('/', web.app);
    app.route('/', gateway);
    app.route('/', referrals.app);
    app.route('/', intake.app);
    app.route('/', notifier.app);
    app.route('/', stats.app);
    app.route('/', secretariatService.app);
    app.route('/', tokenApp);
    app.route('/', bodyKeyApp);

    return {
      app,
      database,
      bus,
      referrals,
      intake,
      notifier,
      stats,
      secretariat: secretariatService,
      demoTokens,
      afterListen,
      mode: { database: databaseMode, driver: database.driver, bus: bus.kind },
      async stop(stopOptions = {}) {
        flushOnStop = stopOptions.flush ?? false;
        for (const fn of cleanup.reverse()) await fn().catch((err) => log.error({ err: describeError(err) }, 'shutdown step failed'));
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
    throw err;
  }
}
