// `pnpm start`: the whole platform in one process. Embedded Postgres and the Postgres-log bus unless
// DATABASE_URL / KAFKA_BROKERS say otherwise.
import { serve } from '@hono/node-server';
import { ConfigError, startupPolicy } from '@liaison/config';
import { flushLogs } from '@liaison/observe';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { env } from './env.ts';
import { Lifecycle } from './lifecycle.ts';
import { startObservability } from './observe.ts';
import { type Platform, startPlatform } from './platform.ts';

let config: ReturnType<typeof env>;
let policy: ReturnType<typeof startupPolicy>;
try {
  config = env();
  policy = startupPolicy(config);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Liaison cannot start: ${err.message}`);
  process.exit(2);
}
// Listen at once: /healthz and /readyz answer while the platform starts (embedded Postgres,
// migrations, the bus, consumers joining); everything else answers 503 until it is ready.
const observability = startObservability(config, 'platform');
const lifecycle = new Lifecycle({
  graceMs: config.DRAIN_GRACE_MS,
  delayMs: config.DRAIN_DELAY_MS,
  log: (line) => observability.logger.info({ component: 'lifecycle' }, line),
});
lifecycle.handleSignals();
let ready: Platform | undefined;
const front = new Hono();
front.route('/', lifecycle.routes());
front.all('*', (c) =>
  ready
    ? ready.app.fetch(c.req.raw, c.env)
    : c.json({ error: { code: 'UNAVAILABLE', message: 'Liaison is starting (see /readyz)', requestId: null } }, 503),
);
const server = serve({ fetch: front.fetch, port: config.PORT, hostname: config.HOST });
// biome-ignore lint/suspicious/noExplicitAny: @hono/node-server returns the http.Server it made.
lifecycle.serve(server as any);
const starting = startPlatform({
  log: observability.logger,
  metrics: observability.metrics,
  metricsAccess: config.METRICS_PORT !== undefined ? 'none' : policy.production ? 'admin' : 'open',
  databaseUrl: config.DATABASE_URL,
  databaseDriver: config.DATABASE_DRIVER,
  kafkaBrokers: config.KAFKA_BROKERS,
  kafka: {
    clientId: config.KAFKA_CLIENT_ID,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    ...(config.KAFKA_MIN_INSYNC_REPLICAS ? { minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS } : {}),
  },
  topicPrefix: config.KAFKA_TOPIC_PREFIX,
  topicPartitions: config.TOPIC_PARTITIONS,
  dataDir: config.LIAISON_DATA_DIR,
  embeddedPgPort: config.EMBEDDED_PG_PORT,
  seedDemo: policy.seedDemo,
  introspection: policy.introspection,
  trustProxy: config.TRUST_PROXY,
  auditKey: config.AUDIT_KEY,
  auditCheckpointFile: config.AUDIT_CHECKPOINT_FILE,
  fieldKey: config.FIELD_KEY,
  councilKey: config.COUNCIL_KEY,
  newYearClosure: config.NEW_YEAR_CLOSURE,
  webhooks: { key: config.WEBHOOK_KEY, targets: { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK, ports: config.WEBHOOK_PORTS } },
  developerTools: !policy.production,
  seedStatistics: policy.seedDemo && config.LIAISON_SEED_STATS,
  statsReleaseAfterBusinessDays: config.STATS_RELEASE_AFTER_BUSINESS_DAYS,
  lifecycle,
});
// The drain, once the server has closed: services stop (consumers commit), relays flush, pools close.
lifecycle.onStop('platform', async () => {
  const started = await starting.catch(() => undefined);
  await started?.stop({ flush: true });
  await observability.stop();
});
let platform: Platform;
try {
  platform = await starting;
} catch (err) {
  observability.logger.fatal({ err }, 'Liaison cannot start');
  console.error(`Liaison cannot start: ${(err as Error).message}`);
  process.exit(1);
}
const dataDir = resolve(config.LIAISON_DATA_DIR);

{
  const address = server.address();
  const base = `http://${config.HOST}:${address && typeof address === 'object' ? address.port : config.PORT}`;
  const lines = [
    '',
    'Liaison — 違法・有害情報相談機関連絡会 連携基盤 is running',
    `  mode: database=${platform.mode.database} (${platform.mode.driver}), event bus=${platform.mode.bus}`,
    `  ホーム (home, sign in)   ${base}/`,
    `  統計 (statistics)        ${base}/stats`,
    `  開発者向け (developers)  ${base}/developers   (API reference, GraphQL SDL${policy.production ? '' : ', GraphiQL'})`,
    `  GraphQL                  ${base}/graphql`,
    `  REST (OpenAPI)           ${base}/v1/openapi.json`,
    `  稼働状況 (health)        ${base}/healthz   準備 (readiness) ${base}/readyz`,
    ...(platform.mode.database === 'embedded' ? [`  データ (data folder)     ${dataDir}`] : []),
    '',
    platform.demoTokens.length > 0 ? 'デモ用トークン (demo tokens, local data only):' : '',
    ...platform.demoTokens.map((t) => `  ${t.agency.padEnd(8)} ${t.role.padEnd(12)} ${t.token}`),
    ...(platform.demoTokens.length > 0
      ? ['', 'シェル変数に (into a shell variable):  CENTER=$(pnpm -s liaison token center caseworker)']
      : []),
    '',
    platform.demoTokens.length > 0
      ? `Try: curl -s -X POST ${base}/v1/referrals -H "authorization: Bearer $CENTER" -H 'content-type: application/json' -d '{"recipient":"sia","category":"R01"}'`
      : '',
    '',
  ];
  ready = platform;
  // A person at a terminal gets the banner (with the demo tokens). Otherwise stdout stays JSON: one
  // line, no URL, no token — and a demo on local data still shows its banner, on stderr.
  if (observability.pretty) console.log(lines.join('\n'));
  else {
    observability.logger.info(
      {
        port: address && typeof address === 'object' ? address.port : config.PORT,
        database: platform.mode.database,
        bus: platform.mode.bus,
      },
      'Liaison is running',
    );
    if (platform.demoTokens.length > 0) {
      // After the log lines before it (stdout is written in blocks).
      await flushLogs();
      console.error(lines.join('\n'));
    }
  }
  platform.afterListen();
}
