import { sql } from 'drizzle-orm';
import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Identity: the registry of council bodies and the API tokens of their people. */
export const auth = pgSchema('auth');

/** Council bodies as data (members, observers, the secretariat): adding one is a row, not a release. */
export const agencies = auth.table('agencies', {
  code: text('code').primaryKey(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  roles: text('roles').array().notNull(),
  /** X25519 public key (raw, base64) that sealed packages for this body are encrypted to. */
  publicKey: text('public_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** Per-user API tokens, stored as SHA-256 hashes only; each carries a body and a role. */
export const apiTokens = auth.table(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    agency: text('agency')
      .notNull()
      .references(() => agencies.code),
    role: text('role').notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_agency').on(t.agency)],
);
