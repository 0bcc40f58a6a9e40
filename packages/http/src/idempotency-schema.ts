import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Idempotency keys of the REST edge (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const idempotencySchema = pgSchema('idempotency');

/**
 * One `Idempotency-Key` per caller: the request's fingerprint, and once it finished, its answer —
 * encrypted under a key derived from the caller's own token, which the platform never stores, so
 * the table holds nothing readable (some answers carry a freshly issued token).
 */
export const idempotencyKeys = idempotencySchema.table(
  'keys',
  {
    /** SHA-256 of the caller's bearer token: keys are per caller. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** SHA-256 over method, path and body. */
    fingerprint: text('fingerprint').notNull(),
    /** Null while the first request is being processed. */
    status: integer('status'),
    /** AES-256-GCM of the answer (content type and body), base64. */
    response: text('response'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('keys_created').on(t.createdAt)],
);
