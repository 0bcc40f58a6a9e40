import { defineInbox, defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bodyDimensions, type FactKind, factKinds } from '../domain/kinds.ts';

/** Everything the statistics service stores lives in this schema; no other service reads it. */
export const statsSchema = pgSchema('stats');

/**
 * One rollup per fact kind: a count per (counting month, every dimension of the kind). Upserted in
 * the consumer's transaction; a member's own-body query and a release build read only these.
 */
function rollupTable<K extends FactKind>(kind: K) {
  const dims = factKinds[kind] as readonly string[];
  const columns = Object.fromEntries(['month', ...dims].map((d) => [d, text(d).notNull()]));
  return statsSchema.table(`r_${kind}`, { ...columns, n: bigint('n', { mode: 'number' }).notNull() }, (t) => {
    // biome-ignore lint/suspicious/noExplicitAny: the columns are built from the kind's dimension list.
    const col = (name: string) => (t as any)[name];
    return [
      primaryKey({ name: `r_${kind}_pk`, columns: ['month', ...dims].map(col) as [ReturnType<typeof col>, ...ReturnType<typeof col>[]] }),
      ...bodyDimensions[kind].map((b) => index(`r_${kind}_${b}_month`).on(col(b), col('month'))),
    ];
  });
}

export const rConsultation = rollupTable('consultation');
export const rRequestedAction = rollupTable('requested_action');
export const rActionOutcome = rollupTable('action_outcome');
export const rClockMissed = rollupTable('clock_missed');
export const rReferral = rollupTable('referral');
export const rReferralFinal = rollupTable('referral_final');
export const rReferralDays = rollupTable('referral_days');
export const rDeadline = rollupTable('deadline');
export const rUrlDuplicate = rollupTable('url_duplicate');

/** Consultations, one per case (the first fact of the case): the raw facts behind the rollups. */
export const consultations = statsSchema.table(
  'consultations',
  {
    caseId: uuid('case_id').primaryKey(),
    month: text('month').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    platformType: text('platform_type').notNull(),
    designated: text('designated').notNull(),
    operator: text('operator').notNull(),
    consulter: text('consulter').notNull(),
    under18: text('under18').notNull(),
    requestedActions: text('requested_actions').array().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('consultations_body_month').on(t.body, t.month)],
);

/** Action outcomes, one per outcome event. */
export const actionOutcomes = statsSchema.table(
  'action_outcomes',
  {
    factId: uuid('fact_id').primaryKey(),
    month: text('month').notNull(),
    body: text('body').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    category: text('category').notNull(),
    designated: text('designated').notNull(),
    operator: text('operator').notNull(),
    withinClock: text('within_clock').notNull(),
  },
  (t) => [index('action_outcomes_body_month').on(t.body, t.month)],
);

/** Statutory clocks that ran out, one per action. */
export const clockMisses = statsSchema.table('clock_misses', {
  actionId: uuid('action_id').primaryKey(),
  month: text('month').notNull(),
  body: text('body').notNull(),
  action: text('action').notNull(),
  clock: text('clock').notNull(),
  designated: text('designated').notNull(),
});

/** Referrals as statistics know them: codes and the times of their milestones. */
export const referralFacts = statsSchema.table('referrals', {
  referralId: uuid('referral_id').primaryKey(),
  sender: text('sender').notNull(),
  recipient: text('recipient').notNull(),
  kind: text('kind').notNull(),
  category: text('category').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** When it was first requested (sent); null while a draft. */
  sentAt: timestamp('sent_at', { withTimezone: true }),
  countedMonth: text('counted_month'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  finalStatus: text('final_status'),
  version: integer('version').notNull().default(1),
});

/**
 * One referral clock (acknowledge, decide, complete): missed when a `deadline.missed` event came,
 * kept when the milestone came without one. Counted once; recounted if a miss arrives after the
 * milestone (the two are on different topics), so the result does not depend on arrival order.
 */
export const deadlineFacts = statsSchema.table(
  'deadlines',
  {
    referralId: uuid('referral_id').notNull(),
    clock: text('clock').notNull(),
    sender: text('sender').notNull(),
    recipient: text('recipient').notNull(),
    missedAt: timestamp('missed_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    countedMonth: text('counted_month'),
    countedOutcome: text('counted_outcome'),
  },
  (t) => [primaryKey({ columns: [t.referralId, t.clock] })],
);

/** Which bodies saw a URL (keyed hash under the council key; never the URL), and when first. */
export const urlSightings = statsSchema.table(
  'url_sightings',
  {
    hash: text('hash').notNull(),
    body: text('body').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.body] })],
);

/** A URL counted as seen by 2+ bodies, and the month it was counted in. */
export const urlDuplicates = statsSchema.table('url_duplicates', {
  hash: text('hash').primaryKey(),
  countedMonth: text('counted_month').notNull(),
});

/** Months already released: a fact recorded in one of them counts in the next open month. */
export const releasedMonths = statsSchema.table('released_months', {
  month: text('month').primaryKey(),
  releaseId: uuid('release_id').notNull(),
});

/** Immutable snapshots of the published tables for a closed period (a trigger refuses changes). */
export const releases = statsSchema.table(
  'releases',
  {
    id: uuid('id').primaryKey(),
    period: text('period').notNull().unique(),
    grain: text('grain').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** The body and token that asked for it; null for the release job. */
    requestedBy: text('requested_by'),
    tables: jsonb('tables').notNull(),
    manifest: jsonb('manifest').notNull(),
    /** The manifest's format, audit method and counts (read with every release; the manifest itself only on request). */
    manifestSummary: jsonb('manifest_summary').notNull().default({}),
    protection: jsonb('protection').notNull(),
  },
  (t) => [index('releases_fiscal_year').on(t.fiscalYear, t.builtAt)],
);

export const outbox = defineOutbox(statsSchema);
export const inbox = defineInbox(statsSchema);

/**
 * Each published table's own projection of its kind's rollup, kept beside it: (table, month, the
 * fact's body or bodies, row, column, days for medians) → count. A member's own-body query and a
 * release read only these few cells. Maintained in the consumer's transaction; rebuilt from the
 * kind's rollup when a table is added or changed in the catalogue (a data change, not code).
 */
export const tableCells = statsSchema.table(
  'table_cells',
  {
    tableId: text('table_id').notNull(),
    month: text('month').notNull(),
    /** The fact's body (consultations) or sender; '' when the kind has none. */
    b1: text('b1').notNull(),
    /** The recipient of a referral; '' otherwise. */
    b2: text('b2').notNull(),
    r: text('r').notNull(),
    c: text('c').notNull(),
    d: text('d').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'table_cells_pk', columns: [t.tableId, t.month, t.b1, t.b2, t.r, t.c, t.d] }),
    index('table_cells_b1').on(t.b1, t.tableId, t.month),
    index('table_cells_b2').on(t.b2, t.tableId, t.month),
  ],
);

/** Which catalogue tables are projected, and from what definition (kind, dimensions, filter). */
export const tableProjections = statsSchema.table('table_projections', {
  tableId: text('table_id').primaryKey(),
  definition: text('definition').notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull().default(sql`now()`),
});
