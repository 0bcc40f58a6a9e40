import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The repository (or deployed application) root: two folders above this package. Entry points run
 * from different folders (`pnpm start` runs in services/platform), so relative paths of the
 * configuration are resolved from here, not from the working directory.
 */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Thrown when configuration does not validate. The message names every offending variable and what
 * was wrong with it, never its value (values may be secrets).
 */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; problem: string }[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}: ${i.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates a slice of the environment against a zod object schema, once, at start-up. Empty
 * variables count as unset.
 * Every package reads configuration through this function; nothing else touches `process.env`.
 */
export function readEnv<S extends z.ZodObject>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and CI systems commonly write it.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: issue.path.join('.'), problem: issue.message })));
  }
  return parsed.data;
}

/** A comma-separated list, trimmed, empty items dropped. */
export const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

/** The platform-wide environment: what decides the mode (embedded or distributed). */
export const platformEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_DRIVER: z.enum(['pg', 'neon']).optional(),
    KAFKA_BROKERS: csv.optional(),
    KAFKA_CLIENT_ID: z.string().default('liaison'),
    /** Prepended to every topic, so that several platforms can share one Kafka cluster. */
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, . _ - only')
      .default(''),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
    KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(5).optional(),
    TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
    /** Key of the audit log's hash chain (base64, ≥ 32 bytes). Embedded mode makes one in the data folder. */
    AUDIT_KEY: z
      .string()
      .transform((v) => Buffer.from(v, 'base64'))
      .refine((b) => b.length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    /** Master key for personal-data fields at rest (base64, ≥ 32 bytes); each body's key is derived from it. Embedded mode makes one. */
    FIELD_KEY: z
      .string()
      .transform((v) => Buffer.from(v, 'base64'))
      .refine((b) => b.length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    /** A file the audit chain's signed checkpoints are appended to (JSON lines); embedded mode keeps one in the data folder. */
    AUDIT_CHECKPOINT_FILE: z.string().optional(),
    /** The council key for keyed URL hashes (base64, ≥ 32 bytes). Embedded mode makes one. */
    COUNCIL_KEY: z
      .string()
      .transform((v) => Buffer.from(v, 'base64'))
      .refine((b) => b.length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    /** Key webhook signing secrets are stored encrypted under (base64, ≥ 32 bytes). Embedded mode makes one. */
    WEBHOOK_KEY: z
      .string()
      .transform((v) => Buffer.from(v, 'base64'))
      .refine((b) => b.length >= 32, 'must be at least 32 bytes, base64-encoded')
      .optional(),
    /** Development switch: webhooks may target a receiver on this machine (loopback, http, any port). Refused with NODE_ENV=production. */
    WEBHOOK_ALLOW_LOOPBACK: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Ports webhook targets may use besides 443, comma-separated. */
    WEBHOOK_PORTS: csv
      .pipe(
        z.array(
          z
            .string()
            .regex(/^\d{1,5}$/, 'must be port numbers')
            .transform(Number)
            .refine((p) => p >= 1 && p <= 65535, 'must be port numbers (1-65535)'),
        ),
      )
      .default([]),
    /** The New Year closure deadlines skip: `MM-DD..MM-DD` (default 12-29..01-03), or `none`. */
    NEW_YEAR_CLOSURE: z
      .string()
      .regex(/^(none|\d{2}-\d{2}\.\.\d{2}-\d{2})$/, 'must be MM-DD..MM-DD (e.g. 12-29..01-03) or none')
      .default('12-29..01-03')
      .transform((v) => (v === 'none' ? null : { from: v.slice(0, 5), to: v.slice(7) })),
    /** Distributed mode: which service this process runs (`pnpm start:service`). */
    LIAISON_SERVICE: z.enum(['referrals', 'intake', 'stats', 'notifier', 'secretariat', 'gateway']).optional(),
    /** Distributed mode: which parts of the service this process runs (default: all). */
    LIAISON_PARTS: csv.pipe(z.array(z.enum(['api', 'relay', 'consumers']))).default(['api', 'relay', 'consumers']),
    /** Distributed mode: where the gateway reaches the referrals service. */
    REFERRALS_URL: z.string().url().optional(),
    /** Distributed mode: where the referrals service reaches the intake service (to confirm packages). */
    INTAKE_URL: z.string().url().optional(),
    /** Distributed mode: where the gateway reaches the statistics service. */
    STATS_URL: z.string().url().optional(),
    /** Distributed mode: where the gateway reaches the secretariat service (council meetings). */
    SECRETARIAT_URL: z.string().url().optional(),
    /** Business days after a month, quarter or fiscal year closes before its statistics release is built. */
    STATS_RELEASE_AFTER_BUSINESS_DAYS: z.coerce.number().int().min(0).max(60).default(5),
    /** Seed synthetic statistics on first start (embedded demo): one fiscal year and more, scaled down. */
    LIAISON_SEED_STATS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** The embedded platform's data folder; a relative path is taken from the repository root, whatever the working directory. */
    LIAISON_DATA_DIR: z
      .string()
      .default('.liaison')
      .transform((dir) => resolve(projectRoot, dir)),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(25432),
    /** Demo data and demo tokens: on by default in embedded mode only; with an external database only when `true`. */
    LIAISON_SEED_DEMO: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** `production` turns off GraphQL introspection (unless GRAPHQL_INTROSPECTION=true) and development switches. */
    NODE_ENV: z.string().default('development'),
    /** Answer GraphQL introspection queries; default: yes unless NODE_ENV=production. */
    GRAPHQL_INTROSPECTION: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Graceful drain on SIGTERM: from the signal to a forced exit (ms); the drain must be done by then. */
    DRAIN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
    /** Graceful drain: from /readyz failing to the listener closing (ms), for a load balancer to stop sending; within the grace period. */
    DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    /** Behind a reverse proxy that sets X-Forwarded-For: take the client address (auth throttling) from it. */
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** Log level: trace, debug, info (default), warn, error, fatal or silent. */
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    /** Human-readable logs (pino-pretty): `true`, `false`, or by default only when stdout is a terminal. */
    LOG_PRETTY: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Serve `/metrics` on this port of METRICS_HOST instead of the main port (no token; keep the port private). */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    /** Standard OpenTelemetry variables: tracing is on when an exporter or an OTLP endpoint is set (the SDK reads the rest itself). */
    OTEL_SDK_DISABLED: z.string().optional(),
    OTEL_TRACES_EXPORTER: z.string().optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // Loopback receivers are for a partner trying webhooks on a laptop, never for production.
    if (env.DRAIN_DELAY_MS >= env.DRAIN_GRACE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['DRAIN_DELAY_MS'],
        message: 'must be shorter than DRAIN_GRACE_MS (the delay is part of the grace period)',
      });
    }
    if (env.WEBHOOK_ALLOW_LOOPBACK && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_LOOPBACK'],
        message: 'must not be true when NODE_ENV=production (a development switch)',
      });
    }
  });

/**
 * How a start with this configuration behaves, decided once: embedded mode (no DATABASE_URL) makes
 * its own keys in the data folder and seeds demo data; with an external database the three keys
 * must be given (and WEBHOOK_KEY) — a start without them stops, naming each missing variable — and demo data is off
 * unless LIAISON_SEED_DEMO=true.
 */
export function startupPolicy(config: PlatformEnv): { embedded: boolean; seedDemo: boolean; introspection: boolean; production: boolean } {
  const embedded = !config.DATABASE_URL;
  if (!embedded) {
    const missing = (['AUDIT_KEY', 'FIELD_KEY', 'COUNCIL_KEY', 'WEBHOOK_KEY'] as const).filter((k) => !config[k]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((variable) => ({
          variable,
          problem: 'required with an external DATABASE_URL (base64, ≥ 32 bytes; only embedded mode makes local keys)',
        })),
      );
    }
  }
  const production = config.NODE_ENV === 'production';
  return {
    embedded,
    seedDemo: config.LIAISON_SEED_DEMO ?? embedded,
    introspection: config.GRAPHQL_INTROSPECTION ?? !production,
    production,
  };
}

export type PlatformEnv = z.infer<typeof platformEnvSchema>;
