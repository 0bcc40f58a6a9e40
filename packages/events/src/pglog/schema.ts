import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** The Postgres-log event bus (embedded default): its own schema, written only by the adapter. */
export const eventbus = pgSchema('eventbus');

/** Topics, created up front with a fixed number of partitions, as on Kafka. */
export const topics = eventbus.table('topics', {
  name: text('name').primaryKey(),
  partitions: integer('partitions').notNull(),
});

/**
 * The next offset of each partition; its row lock serialises appends, so offsets commit in order.
 * Retention keeps a prefix-free log: `log_start` is the first offset still kept (Kafka's log start
 * offset) and `bytes` the size of what is kept, maintained by appends and pruning alike.
 */
export const partitionHeads = eventbus.table(
  'partition_heads',
  {
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    nextOffset: bigint('next_offset', { mode: 'number' }).notNull().default(0),
    logStart: bigint('log_start', { mode: 'number' }).notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topic, t.partition] })],
);

/** The log itself: CloudEvents in binary mode, exactly the bytes and headers a Kafka record would carry. */
export const log = eventbus.table(
  'log',
  {
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    key: text('key'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    value: bytea('value').notNull(),
    appendedAt: timestamp('appended_at', { withTimezone: true }).notNull().default(sql`now()`),
    /**
     * On the dead-letter topic: the consumer group that gave up on the message (its
     * `liaison_dlq_group` header), so that a query can read one group's dead letters.
     */
    dlqGroup: text('dlq_group').generatedAlwaysAs(sql`headers ->> 'liaison_dlq_group'`),
  },
  (t) => [
    primaryKey({ columns: [t.topic, t.partition, t.offset] }),
    index('log_dlq_group').on(t.topic, t.dlqGroup).where(sql`dlq_group is not null`),
  ],
);

/** Committed position of each consumer group in each partition (the next offset to read). */
export const groupOffsets = eventbus.table(
  'group_offsets',
  {
    group: text('group').notNull(),
    topic: text('topic').notNull(),
    partition: integer('partition').notNull(),
    committed: bigint('committed', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.group, t.topic, t.partition] })],
);

/** Live members of each group, by heartbeat; partitions are shared out among them. */
export const groupMembers = eventbus.table(
  'group_members',
  {
    group: text('group').notNull(),
    memberId: text('member_id').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.group, t.memberId] }), index('group_members_heartbeat').on(t.group, t.heartbeatAt)],
);
