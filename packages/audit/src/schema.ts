import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgSchema, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The audit log: one schema shared by every service, written only through this package. */
export const audit = pgSchema('audit');

/**
 * Who did what to which thing, when and why. Entries are appended freely (in the writer's own
 * transaction); the sealer then links them, in the order it finds them, into a chain where each
 * entry's hash covers the previous one's, under a key kept outside the database.
 */
export const auditEntries = audit.table(
  'entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
    agency: text('agency').notNull(),
    actor: uuid('actor'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    reason: text('reason'),
    /** Codes and ids only: never personal data. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    chainPos: bigint('chain_pos', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** How the entry was hashed: 2 = time as UTC text (null: sealed before, time as the session's text). */
    format: smallint('format'),
  },
  (t) => [index('entries_unsealed').on(t.id).where(sql`${t.chainPos} is null`), index('entries_subject').on(t.subjectType, t.subjectId)],
);

/** The last sealed position and hash, written with every seal, so a cut-off tail is noticed. */
export const auditHead = audit.table('head', {
  name: text('name').primaryKey(),
  chainPos: bigint('chain_pos', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().default(sql`now()`),
});
