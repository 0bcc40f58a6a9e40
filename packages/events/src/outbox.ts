import type { Db, Pool, Tx } from '@liaison/db';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { EventBus, ReceivedEvent } from './bus.ts';
import { assertValid, type CloudEvent, topicOf } from './envelope.ts';
import { faultPoint } from './faults.ts';
import type { InboxTable, OutboxTable } from './schema.ts';

function qualifiedName(table: OutboxTable): { schema: string; qualified: string; channel: string } {
  const config = getTableConfig(table);
  const schema = config.schema ?? 'public';
  return { schema, qualified: `"${schema}"."${config.name}"`, channel: `outbox_${schema}` };
}

/**
 * Writes events to the service's outbox inside the caller's transaction — the same transaction as
 * the state change they describe. Events are validated against their schema here, so an invalid
 * event fails the whole transaction instead of reaching the bus.
 */
export async function appendToOutbox(tx: Tx, outbox: OutboxTable, events: CloudEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) assertValid(event);
  await tx.insert(outbox).values(
    events.map((event) => ({ eventId: event.id, topic: topicOf(event.type), key: event.partitionkey, event })),
  );
  // Delivered at commit, and only if the transaction commits: wakes the relay at once.
  await tx.execute(sql`select pg_notify(${qualifiedName(outbox).channel}, '')`);
}

export interface OutboxRelayOptions {
  pool: Pool;
  outbox: OutboxTable;
  bus: EventBus;
  /** Rows claimed and published per transaction. */
  batchSize?: number;
  /** Longest sleep when idle and no notification arrives (ms). */
  idleInterval?: number;
  /** Published rows older than this are deleted (ms); default one day. */
  retention?: number;
  /** Reports failures (never event contents). */
  onError?: (err: unknown) => void;
}

/**
 * Publishes outbox rows to the bus in batches, oldest first, then marks them published.
 *
 * Rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that also takes a
 * transaction-scoped advisory lock on the outbox: several relays may run (one per service process)
 * and a standby takes over the moment the active one dies, but only one publishes at a time, so
 * one aggregate's events reach the bus in the order they were written. If the relay dies after
 * publishing and before marking, the rows are published again: delivery is at-least-once and
 * consumers dedupe by event id in their inbox.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private listener: pg.PoolClient | undefined;
  private wake: (() => void) | undefined;
  private readonly table: ReturnType<typeof qualifiedName>;
  private lastPrune = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = qualifiedName(options.outbox);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const listener = await this.options.pool.connect();
      listener.on('notification', () => this.wake?.());
      listener.on('error', () => {});
      await listener.query(`listen ${this.table.channel}`);
      this.listener = listener;
    } catch (err) {
      // Without notifications the relay still works by polling.
      this.options.onError?.(err);
    }
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (published === 0) await this.sleep(this.options.idleInterval ?? 1000);
      } catch (err) {
        failures++;
        this.options.onError?.(err);
        if (this.running) await this.sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolveSleep) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolveSleep();
      }
      this.wake = done;
    });
  }

  /** Publishes one batch; returns how many events were published (0 when idle or another relay is active). */
  async publishBatch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      const lock = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtext($1)) as ok', [this.table.qualified]);
      if (!lock.rows[0]?.ok) {
        await client.query('commit');
        return 0;
      }
      const { rows } = await client.query<{ id: string; event: CloudEvent }>(
        `select id, event from ${this.table.qualified} where published_at is null order by id limit $1 for update skip locked`,
        [this.options.batchSize ?? 1000],
      );
      if (rows.length > 0) {
        await this.options.bus.publishTrusted(rows.map((r) => r.event));
        faultPoint('relay.afterPublish');
        await client.query(`update ${this.table.qualified} set published_at = now() where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
      }
      await client.query('commit');
      if (Date.now() - this.lastPrune > 60_000) await this.prune();
      return rows.length;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Publishes until the outbox is empty (for start-up and tests). */
  async drain(): Promise<void> {
    while ((await this.publishBatch()) > 0) {}
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.options.pool.query(
      `delete from ${this.table.qualified} where published_at < now() - make_interval(secs => $1)`,
      [(this.options.retention ?? 86_400_000) / 1000],
    );
  }

  /** Number of events written but not yet published. */
  async backlog(): Promise<number> {
    const { rows } = await this.options.pool.query<{ n: string }>(`select count(*) as n from ${this.table.qualified} where published_at is null`);
    return Number(rows[0]?.n ?? 0);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.listener) {
      const listener = this.listener;
      this.listener = undefined;
      await listener.query(`unlisten ${this.table.channel}`).catch(() => {});
      listener.release();
    }
  }
}

/**
 * Wraps an effect as an idempotent consumer: in one transaction, records each event in the inbox
 * `(consumer, event id)` and applies only the events not seen before. A redelivered batch (after a
 * crash or a relay republishing) changes nothing; a failure rolls back both, so the batch comes again.
 */
export function idempotentHandler(options: {
  db: Db;
  inbox: InboxTable;
  consumer: string;
  apply: (events: CloudEvent[], tx: Tx) => Promise<void>;
}): (received: ReceivedEvent[]) => Promise<void> {
  const { db, inbox, consumer, apply } = options;
  return async (received) => {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inbox)
        .values(received.map((r) => ({ consumer, eventId: r.event.id, eventType: r.event.type })))
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      const fresh = new Set(inserted.map((r) => r.eventId));
      const events: CloudEvent[] = [];
      for (const r of received) {
        if (fresh.delete(r.event.id)) events.push(r.event);
      }
      faultPoint('inbox.midBatch');
      if (events.length > 0) await apply(events, tx);
    });
  };
}
