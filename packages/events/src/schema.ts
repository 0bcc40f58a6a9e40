import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, type PgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CloudEvent } from './envelope.ts';

/**
 * The transactional outbox of one service, in that service's own schema: the event row is written
 * in the same transaction as the state change, and the relay publishes it afterwards.
 */
export function defineOutbox(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      eventId: text('event_id').notNull(),
      topic: text('topic').notNull(),
      key: text('key').notNull(),
      event: jsonb('event').$type<CloudEvent>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
      publishedAt: timestamp('published_at', { withTimezone: true }),
      /** W3C traceparent of the work that wrote the row (null when tracing is off): the relay continues that trace. */
      traceparent: text('traceparent'),
    },
    (t) => [index('outbox_unpublished').on(t.id).where(sql`${t.publishedAt} is null`)],
  );
}

/**
 * The inbox of one service: one row per (consumer, event id) applied, written in the same
 * transaction as the effect, so a redelivered event is recognised and skipped.
 */
export function defineInbox(schema: PgSchema) {
  return schema.table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: text('event_id').notNull(),
      eventType: text('event_type').notNull(),
      receivedAt: timestamp('received_at', { withTimezone: true }).notNull().default(sql`now()`),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
}

export type OutboxTable = ReturnType<typeof defineOutbox>;
export type InboxTable = ReturnType<typeof defineInbox>;
