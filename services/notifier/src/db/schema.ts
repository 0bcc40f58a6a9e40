import { defineInbox, defineOutbox } from '@liaison/events/schema';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Partner delivery: each body's webhook endpoints and every delivery to them. */
export const notifierSchema = pgSchema('notifier');

export const endpoints = notifierSchema.table('endpoints', {
  id: uuid('id').primaryKey(),
  agency: text('agency').notNull(),
  url: text('url').notNull(),
  /**
   * Standard Webhooks signing secret, encrypted under the webhook key (`v1:` AES-256-GCM, bound to the
   * row). Shown to the body once, at creation. Rows from before encryption held `whsec_…` in the
   * clear; the service seals them at start.
   */
  secret: text('secret').notNull(),
  /** Event types to deliver; empty = every event concerning the body. */
  eventTypes: text('event_types').array().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});

export const deliveries = notifierSchema.table(
  'deliveries',
  {
    /** Also the `webhook-id`: the receiver dedupes by it. */
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => endpoints.id),
    agency: text('agency').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The CloudEvent (structured JSON): ids and codes only. */
    payload: jsonb('payload').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed' | 'disabled'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /**
     * The dispatcher's claim on a pending row while it calls the partner: the row is updated (due
     * later, this lease id) and the transaction ends before the request, so no lock is held while a
     * partner's server is slow. The result is written only under the same lease; an expired lease
     * (the dispatcher died) makes the row due again.
     */
    lease: uuid('lease'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** W3C traceparent of the fan-out that made the delivery (null when tracing is off): each attempt continues it. */
    traceparent: text('traceparent'),
  },
  (t) => [
    uniqueIndex('deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const inbox = defineInbox(notifierSchema);

/** Events the notifier emits (dead-letter notices), written in the transaction of the change. */
export const outbox = defineOutbox(notifierSchema);
