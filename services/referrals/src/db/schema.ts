import { defineInbox, defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    /** Japanese sub-state code (Task.businessStatus), e.g. deletion-requested = 削除依頼済. */
    businessStatus: text('business_status'),
    /** Why the last status was entered (Task.statusReason); free text, never on the bus. */
    statusReason: text('status_reason'),
    urgent: boolean('urgent').notNull().default(false),
    /** Who the division-of-labour rules suggested (bodies to refer to), when the sender asked. */
    routingSuggested: text('routing_suggested').array(),
    /** Whether the sender followed the suggestion; when not, why (recorded, never on the bus). */
    routingFollowed: boolean('routing_followed'),
    routingOverrideReason: text('routing_override_reason'),
    /** A sealed package of personal data for the recipient (held by the sender's intake), if any. */
    packageId: uuid('package_id'),
    /** The sender's case the package was sealed for (with `packageId`); shown to the sender only, never on the bus. */
    caseId: uuid('case_id'),
    /**
     * When the referral was sent (became `requested`); null while it is a draft, and forever for a
     * draft cancelled unsent. Until then the recipient cannot see it at all.
     */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Optimistic concurrency and event ordering: +1 on every change. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('referrals_sender_created').on(t.sender, t.createdAt), index('referrals_recipient_status').on(t.recipient, t.status)],
);

/** Every status change of a referral: who (body, token), from what, to what, why, when. */
export const referralStatusHistory = referralsSchema.table(
  'referral_status_history',
  {
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    version: integer('version').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    businessStatus: text('business_status'),
    statusReason: text('status_reason'),
    changedBy: text('changed_by').notNull(),
    changedByToken: uuid('changed_by_token').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.version] })],
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
    businessStatus: text('business_status'),
    version: integer('version').notNull().default(1),
    packageId: uuid('package_id'),
    urgent: boolean('urgent').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
    applyCount: integer('apply_count').notNull().default(1),
  },
  (t) => [index('received_referrals_recipient').on(t.recipient, t.sentAt)],
);

export const outbox = defineOutbox(referralsSchema);
export const inbox = defineInbox(referralsSchema);

/**
 * Business-day clocks per recipient and category (most specific row wins; null = any): how long
 * the recipient has to acknowledge, to decide (accept or reject) and to complete a referral.
 */
export const deadlinePolicies = referralsSchema.table(
  'deadline_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipient: text('recipient'),
    category: text('category'),
    acknowledgeDays: integer('acknowledge_days').notNull(),
    decideDays: integer('decide_days').notNull(),
    completeDays: integer('complete_days').notNull(),
  },
  (t) => [uniqueIndex('deadline_policies_scope').on(sql`coalesce(${t.recipient}, '*')`, sql`coalesce(${t.category}, '*')`)],
);

/** One clock of one referral. Each of `approaching` and `missed` is emitted once: the emission is recorded with its outbox row. */
export const deadlines = referralsSchema.table(
  'deadlines',
  {
    id: uuid('id').primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    clock: text('clock').$type<'acknowledge' | 'decide' | 'complete'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    approachingAt: timestamp('approaching_at', { withTimezone: true }).notNull(),
    approachingEmittedAt: timestamp('approaching_emitted_at', { withTimezone: true }),
    missedEmittedAt: timestamp('missed_emitted_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deadlines_referral_clock').on(t.referralId, t.clock),
    index('deadlines_open_due').on(t.dueAt).where(sql`${t.metAt} is null`),
  ],
);
