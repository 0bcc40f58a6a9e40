import { defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgSchema, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Consultation cases of each member body. Personal data stays here, encrypted field by field. */
export const intakeSchema = pgSchema('intake');

export const cases = intakeSchema.table(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** The body that took the consultation and owns the case and its personal data. */
    agency: text('agency').notNull(),
    month: text('month').notNull(),
    category: text('category').notNull(),
    platformType: text('platform_type'),
    /** The platform operator (e.g. X, LINE ヤフー); a company, not a person. */
    operator: text('operator'),
    designatedPlatform: boolean('designated_platform').notNull().default(false),
    consulter: text('consulter').notNull(),
    victimUnder18: boolean('victim_under_18').notNull(),
    requestedActions: text('requested_actions').array().notNull(),
    outcome: text('outcome'),
    urlHashes: text('url_hashes').array().notNull(),
    /** Encrypted (AES-256-GCM under the body's data key, bound to row and column). */
    urlsEnc: text('urls_enc'),
    summaryEnc: text('summary_enc'),
    nameEnc: text('name_enc'),
    contactEnc: text('contact_enc'),
    schoolEnc: text('school_enc'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('cases_agency_created').on(t.agency, t.createdAt)],
);

/** Consent to share a case's personal data: who gave it, for which recipients and purposes, and its revocation. */
export const consents = intakeSchema.table('consents', {
  id: uuid('id').primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  givenBy: text('given_by').$type<'person' | 'guardian'>().notNull(),
  recipients: text('recipients').array().notNull(),
  purposes: text('purposes').array().notNull(),
  givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
});

/**
 * Personal data sealed to one recipient body's public key, under a consent or a legal ground.
 * The platform holds only ciphertext; purging drops it and records when and why.
 */
export const packages = intakeSchema.table(
  'packages',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    owner: text('owner').notNull(),
    recipient: text('recipient').notNull(),
    purpose: text('purpose').notNull(),
    consentId: uuid('consent_id').references(() => consents.id),
    legalGround: text('legal_ground'),
    legalReason: text('legal_reason'),
    sealed: bytea('sealed'),
    /** 2: HPKE (RFC 9180); 1: the legacy framing, still opened until purged or its key expires. */
    format: smallint('format').notNull().default(1),
    /** The recipient's key it was sealed to (format 1: "legacy", the registry's single key of the time). */
    keyId: text('key_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    createdBy: uuid('created_by').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    purgeReason: text('purge_reason'),
  },
  (t) => [index('packages_consent').on(t.consentId), index('packages_recipient').on(t.recipient)],
);

export const outbox = defineOutbox(intakeSchema);

/** Actions taken on a case and their outcomes; some start a statutory clock (Art. 25, Art. 3(2)(ii)). */
export const caseActions = intakeSchema.table(
  'case_actions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    agency: text('agency').notNull(),
    action: text('action').notNull(),
    designatedPlatform: boolean('designated_platform').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    clock: text('clock'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    outcome: text('outcome'),
    extensionGround: text('extension_ground'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    missedEmittedAt: timestamp('missed_emitted_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').notNull(),
  },
  (t) => [index('case_actions_open_due').on(t.dueAt).where(sql`${t.outcomeAt} is null and ${t.dueAt} is not null`)],
);
