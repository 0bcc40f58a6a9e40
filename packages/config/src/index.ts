import { z } from 'zod';

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
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: issue.path.join('.'), problem: issue.message })),
    );
  }
  return parsed.data;
}

/** A comma-separated list, trimmed, empty items dropped. */
export const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

/** The platform-wide environment: what decides the mode (embedded or distributed). */
export const platformEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_DRIVER: z.enum(['pg', 'neon']).optional(),
  KAFKA_BROKERS: csv.optional(),
  KAFKA_CLIENT_ID: z.string().default('liaison'),
  /** Prepended to every topic, so that several platforms can share one Kafka cluster. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, . _ - only').default(''),
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
  /** The council key for keyed URL hashes (base64, ≥ 32 bytes). Embedded mode makes one. */
  COUNCIL_KEY: z
    .string()
    .transform((v) => Buffer.from(v, 'base64'))
    .refine((b) => b.length >= 32, 'must be at least 32 bytes, base64-encoded')
    .optional(),
  /** The New Year closure deadlines skip: `MM-DD..MM-DD` (default 12-29..01-03), or `none`. */
  NEW_YEAR_CLOSURE: z
    .string()
    .regex(/^(none|\d{2}-\d{2}\.\.\d{2}-\d{2})$/, 'must be MM-DD..MM-DD (e.g. 12-29..01-03) or none')
    .default('12-29..01-03')
    .transform((v) => (v === 'none' ? null : { from: v.slice(0, 5), to: v.slice(7) })),
  /** Distributed mode: which service this process runs (`pnpm start:service`). */
  LIAISON_SERVICE: z.enum(['referrals', 'intake', 'stats', 'gateway']).optional(),
  /** Distributed mode: which parts of the service this process runs (default: all). */
  LIAISON_PARTS: csv.pipe(z.array(z.enum(['api', 'relay', 'consumers']))).default(['api', 'relay', 'consumers']),
  /** Distributed mode: where the gateway reaches the referrals service. */
  REFERRALS_URL: z.string().url().optional(),
  /** Distributed mode: where the gateway reaches the statistics service. */
  STATS_URL: z.string().url().optional(),
  /** Business days after a month, quarter or fiscal year closes before its statistics release is built. */
  STATS_RELEASE_AFTER_BUSINESS_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  /** Seed synthetic statistics on first start (embedded demo): one fiscal year and more, scaled down. */
  LIAISON_SEED_STATS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LIAISON_DATA_DIR: z.string().default('.liaison'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LIAISON_SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

export type PlatformEnv = z.infer<typeof platformEnvSchema>;
