import { sql } from 'drizzle-orm';
import { index, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Identity: the registry of council bodies and the API tokens of their people. */
export const auth = pgSchema('auth');

/** Council bodies as data (members, observers, the secretariat): adding one is a row, not a release. */
export const agencies = auth.table('agencies', {
  code: text('code').primaryKey(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  roles: text('roles').array().notNull(),
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

/**
 * The public keys a body publishes for sealed packages (X25519, raw, base64). The body makes the
 * pair and keeps the private half; the platform holds only this. The current key — valid now, not
 * revoked, the latest to become valid — is the one new packages are sealed to; older keys keep
 * their packages fetchable until they expire or are revoked. A key is never replaced: a key id is
 * used once per body, and a public key once in the whole registry.
 */
export const bodyKeys = auth.table(
  'body_keys',
  {
    agency: text('agency')
      .notNull()
      .references(() => agencies.code),
    keyId: text('key_id').notNull(),
    publicKey: text('public_key').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** The token that published it (null for keys carried over from the registry's single key). */
    createdBy: uuid('created_by'),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [primaryKey({ columns: [t.agency, t.keyId] }), unique('body_keys_public_key').on(t.publicKey)],
);
