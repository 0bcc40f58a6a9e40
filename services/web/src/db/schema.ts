import { sql } from 'drizzle-orm';
import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What the web face stores lives in this schema; no other service reads it. */
export const webSchema = pgSchema('web');

/**
 * Signed-in sessions. The cookie holds a random id only; the row is found by its hash, so a copy
 * of this table cannot be replayed as cookies. The person's API token is kept encrypted under a key
 * derived from the cookie's id (which the platform never stores): the pages call the services with
 * it, so every service checks the token itself (revoked or expired, the session ends).
 * Revocation = deleting the row.
 */
export const sessions = webSchema.table(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    /** AES-256-GCM of the API token: iv (12) | tag (16) | ciphertext, base64. */
    tokenSealed: text('token_sealed').notNull(),
    /** The API token's id: revoking a token's sessions, and the person's preferences. */
    tokenId: uuid('token_id').notNull(),
    agency: text('agency').notNull(),
    role: text('role').notNull(),
    /** Per-session token every form carries (CSRF). */
    csrf: text('csrf').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(sql`now()`),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_token_idx').on(t.tokenId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** A person's choices that outlive a session (the person = their API token). */
export const preferences = webSchema.table('preferences', {
  tokenId: uuid('token_id').primaryKey(),
  lang: text('lang').$type<'ja' | 'en'>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
