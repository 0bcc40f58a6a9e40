import { defineInbox, defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything the referrals service stores lives in this schema; no other service reads it. */
export const referralsSchema = pgSchema('referrals');

/** Referrals as the sending body records them (FHIR Task: requester = sender, owner = recipient). */
export const referrals = referralsSchema.table(
  'referrals',
  {
    id: uuid('id').primaryKey(),
    sender: text('sender').notNull(),
    recipient: text('recipient').notNull(),
    kind: text('kind').$type<'referral' | 'transfer'>().notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('referrals_sender_created').on(t.sender, t.createdAt)],
);

/**
 * The recipient body's view: referrals addressed to it, built from `referral.created` events.
 * `applyCount` counts applications of the event; the inbox keeps it at 1 (a crash test checks it).
 */
export const receivedReferrals = referralsSchema.table(
  'received_referrals',
  {
    referralId: uuid('referral_id').primaryKey(),
    recipient: text('recipient').notNull(),
    sender: text('sender').notNull(),
    kind: text('kind').$type<'referral' | 'transfer'>().notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    urgent: boolean('urgent').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
    applyCount: integer('apply_count').notNull().default(1),
  },
  (t) => [index('received_referrals_recipient').on(t.recipient, t.sentAt)],
);

export const outbox = defineOutbox(referralsSchema);
export const inbox = defineInbox(referralsSchema);
