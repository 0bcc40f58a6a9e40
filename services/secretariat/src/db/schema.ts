import { defineInbox, defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Everything the secretariat service stores lives in this schema; no other service reads it. */
export const secretariatSchema = pgSchema('secretariat');

/** A council meeting (第N回 違法・有害情報相談機関連絡会). */
export const meetings = secretariatSchema.table(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    /** 第N回: unique, the order meetings are carried in. */
    number: integer('number').notNull().unique(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** Start time, Japan time (HH:MM); null when not fixed yet. */
    startTime: text('start_time'),
    place: text('place'),
    onlineLink: text('online_link'),
    /** The months the meeting reviews (YYYY-MM, inclusive): the period of its report. */
    reviewFrom: text('review_from').notNull(),
    reviewTo: text('review_to').notNull(),
    /** Minutes: free text, the secretariat's only until approved; frozen once approved. */
    minutes: text('minutes'),
    minutesUpdatedAt: timestamp('minutes_updated_at', { withTimezone: true }),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    check('meetings_number_positive', sql`${t.number} > 0`),
    check('meetings_review_order', sql`${t.reviewFrom} <= ${t.reviewTo}`),
    check('meetings_where', sql`${t.place} is not null or ${t.onlineLink} is not null`),
  ],
);

/** Bodies invited from the registry, with the role they were invited in and their attendance. */
export const invitations = secretariatSchema.table(
  'invitations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    body: text('body').notNull(),
    /** member or observer: the body's role in the council when it was invited. */
    role: text('role').notNull(),
    /** present, online or absent; null until recorded. Bodies, never persons. */
    attendance: text('attendance'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.body] }), index('invitations_body').on(t.body)],
);

export const agendaItems = secretariatSchema.table(
  'agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** The body that presents it (registry code). */
    presenter: text('presenter').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique('agenda_items_position').on(t.meetingId, t.position)],
);

/**
 * Action items: raised at one meeting, owned by one body, carried from meeting to meeting until a
 * meeting closes them (which one is recorded).
 */
export const actionItems = secretariatSchema.table(
  'action_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    closedAtMeeting: uuid('closed_at_meeting').references(() => meetings.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('action_items_open').on(t.meetingId).where(sql`${t.closedAtMeeting} is null`), index('action_items_owner').on(t.owner)],
);

/**
 * The meeting report's versions (built by `packages/report` from published releases only): drafts,
 * then approved versions — frozen: the database refuses to change or delete an approved version
 * (migration 0001). Observers see the latest approved version's reference. Nothing in this service
 * writes it yet; the report work does (see docs/meetings.md).
 */
export const reportVersions = secretariatSchema.table(
  'report_versions',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
    /** The report's period: a fiscal year (FY2025) or a fiscal quarter (2025Q3). */
    period: text('period').notNull(),
    /** The statistics releases it was built from (ids). */
    releaseIds: uuid('release_ids').array().notNull(),
    /** draft or approved; an approved version never changes. */
    status: text('status').notNull(),
    /** The report model (sections, tables, sentences as edited) — numbers and codes from releases only. */
    content: jsonb('content').notNull(),
    /** SHA-256 of the approved content (the report's digest), so a frozen version can be checked. */
    contentHash: text('content_hash'),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    unique('report_versions_meeting_version').on(t.meetingId, t.version),
    check('report_versions_status', sql`${t.status} in ('draft', 'approved')`),
    check(
      'report_versions_approved',
      sql`${t.status} = 'draft' or (${t.approvedAt} is not null and ${t.contentHash} is not null and ${t.approvedBy} is not null)`,
    ),
  ],
);

export const outbox = defineOutbox(secretariatSchema);
export const inbox = defineInbox(secretariatSchema);
