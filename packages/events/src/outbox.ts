import type { Db, InsertShape, Pool, Tx } from '@liaison/db';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { EventBus, ReceivedEvent } from './bus.ts';
import { assertValid, type CloudEvent, topicOf } from './envelope.ts';
import { backoffDelay } from './backoff.ts';
import { faultPoint } from './faults.ts';
import { Sleeper } from './sleeper.ts';
import type { InboxTable, OutboxTable } from './schema.ts';
import { contextOf, type Metrics, traceparentOf, tracer } from '@liaison/observe';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

function qualifiedName(table: OutboxTable): { schema: string; qualified: string } {
  const config = getTableConfig(table);
  const schema = config.schema ?? 'public';
  return { schema, qualified: `"${schema}"."${config.name}"` };
}

/**
 * Writes events to the service's outbox inside the caller's transaction — the same transaction as
 * the state change they describe. Events are validated against their schema here, so an invalid
 * event fails the whole transaction instead of reaching the bus.
 */
export async function appendToOutbox(tx: Tx, outbox: OutboxTable, events: CloudEvent[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) assertValid(event);
  // The trace of the work that wrote the rows (the REST request, a consumer): the relay continues it.
  const traceparent = traceparentOf() ?? null;
  await tx
    .insert(outbox)
    .values(events.map((event) => ({ eventId: event.id, topic: topicOf(event.type), key: event.partitionkey, event, traceparent })));
}

/** The outbox's columns, for a hand-written multi-row insert ({@link outboxRow} gives each row). */
export function outboxShape(outbox: OutboxTable): InsertShape {
  return {
    table: qualifiedName(outbox).qualified,
    columns: ['event_id', 'topic', 'key', 'event', 'traceparent'],
    casts: [undefined, undefined, undefined, '::jsonb', undefined],
  };
}

/** One outbox row's values for {@link outboxShape}; validates the event like {@link appendToOutbox}. */
export function outboxRow(event: CloudEvent): unknown[] {
  assertValid(event);
  return [event.id, topicOf(event.type), event.partitionkey, JSON.stringify(event), traceparentOf() ?? null];
}

export interface OutboxRelayOptions {
  pool: Pool;
  outbox: OutboxTable;
  bus: EventBus;
  /** Rows claimed and published per batch. */
  batchSize?: number;
  /** Pause between polls when the outbox is empty (ms). */
  idleInterval?: number;
  /** Published rows older than this are deleted (ms); default one day. */
  retention?: number;
  /** Reports failures (never event contents). */
  onError?: (err: unknown) => void;
  /** Where the relay reports its backlog, lag and throughput (`liaison_outbox_*`), while it runs. */
  metrics?: Metrics | undefined;
}

/** A batch of claimed rows: their transaction stays open (rows locked) until marked or given back. */
interface Claim {
  client: pg.PoolClient;
  ids: string[];
  events: CloudEvent[];
  /** The trace each row was written in (null: none). */
  traceparents: (string | null)[];
}

/**
 * Publishes outbox rows to the bus in batches, oldest first, then marks them published.
 *
 * One relay per outbox is active at a time: it holds a session advisory lock, which Postgres
 * releases the moment its connection dies, so a standby relay (another process of the same
 * service) takes over at once. The active relay claims rows with `FOR UPDATE SKIP LOCKED` and
 * pipelines: while batch k is being published, batch k+1 is already claimed (its SELECT skips k's
 * locked rows) — but batches are published strictly one after another, so one aggregate's events
 * reach the bus in the order they were written. If the relay dies after publishing and before
 * marking, the rows are published again: delivery is at-least-once, and consumers dedupe by event
 * id in their inbox.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private leader: pg.PoolClient | undefined;
  private readonly sleeper = new Sleeper();
  private readonly table: ReturnType<typeof qualifiedName>;
  private lastPrune = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = qualifiedName(options.outbox);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.instrument();
    this.loop = this.run();
  }

  private published: ReturnType<Metrics['counter']> | undefined;
  private uninstrument: (() => void)[] = [];

  /** Backlog and relay lag are read from the outbox at scrape time: every process of the service reports the same truth. */
  private instrument(): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    const outbox = this.table.schema;
    this.published = metrics.counter('liaison_outbox_published_total', 'Outbox rows this process published to the bus, by outbox.', [
      'outbox',
    ]);
    const read = async () => {
      const { rows } = await this.options.pool.query<{ n: string; age: number | null }>(
        `select count(*) as n, extract(epoch from now() - min(created_at))::float8 as age from ${this.table.qualified} where published_at is null`,
      );
      return { backlog: Number(rows[0]?.n ?? 0), age: rows[0]?.age ?? 0 };
    };
    // One read serves both gauges of a scrape.
    let pending: Promise<{ backlog: number; age: number }> | undefined;
    const once = () => {
      pending ??= read().finally(() => setTimeout(() => (pending = undefined), 0));
      return pending;
    };
    this.uninstrument = [
      metrics.gauge('liaison_outbox_backlog', 'Outbox rows written but not yet published, by outbox.', ['outbox'], async (set) =>
        set({ outbox }, (await once()).backlog),
      ),
      metrics.gauge(
        'liaison_outbox_relay_lag_seconds',
        'Age of the oldest unpublished outbox row (0 when none), by outbox.',
        ['outbox'],
        async (set) => set({ outbox }, (await once()).age),
      ),
    ];
  }

  private async run(): Promise<void> {
    let failures = 0;
    let idle = false;
    while (this.running) {
      try {
        if (!(await this.lead())) {
          await this.sleep(1000);
          continue;
        }
        // An idle relay looks with one statement whether anything waits, rather than claiming an
        // empty batch (a connection, begin, select, rollback) twenty times a second per outbox.
        if (idle && !(await this.waiting())) {
          await this.sleep(this.options.idleInterval ?? 50);
          continue;
        }
        const published = await this.pipeline(() => this.running);
        failures = 0;
        idle = published === 0;
        if (idle) await this.sleep(this.options.idleInterval ?? 50);
      } catch (err) {
        failures++;
        this.options.onError?.(err);
        await this.resign();
        if (this.running) await this.sleep(backoffDelay(failures));
      }
    }
    await this.resign();
  }

  private sleep(ms: number): Promise<void> {
    return this.sleeper.sleep(ms);
  }

  /** Becomes (or stays) the active relay of this outbox; false while another relay is. */
  private async lead(): Promise<boolean> {
    if (this.leader) return true;
    const client = await this.options.pool.connect();
    client.on('error', () => {});
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [this.table.qualified]);
    if (!rows[0]?.ok) {
      client.release();
      return false;
    }
    this.leader = client;
    return true;
  }

  private async resign(): Promise<void> {
    const leader = this.leader;
    this.leader = undefined;
    if (!leader) return;
    try {
      await leader.query('select pg_advisory_unlock(hashtext($1))', [this.table.qualified]);
      leader.release();
    } catch (err) {
      leader.release(err as Error);
    }
  }

  private async claim(): Promise<Claim> {
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string; event: CloudEvent; traceparent: string | null }>(
        `select id, event, traceparent from ${this.table.qualified} where published_at is null order by id limit $1 for update skip locked`,
        [this.options.batchSize ?? 5000],
      );
      return { client, ids: rows.map((r) => r.id), events: rows.map((r) => r.event), traceparents: rows.map((r) => r.traceparent) };
    } catch (err) {
      await this.giveBack({ client, ids: [], events: [], traceparents: [] });
      throw err;
    }
  }

  private async giveBack(claim: Claim): Promise<void> {
    await claim.client.query('rollback').catch(() => {});
    claim.client.release();
  }

  private async markPublished(claim: Claim): Promise<void> {
    try {
      await claim.client.query(`update ${this.table.qualified} set published_at = now() where id = any($1::bigint[])`, [claim.ids]);
      await claim.client.query('commit');
      claim.client.release();
    } catch (err) {
      claim.client.release(err as Error);
      throw err;
    }
  }

  /** Publishes batches until the outbox is empty or `go()` turns false; returns how many events. */
  private async pipeline(go: () => boolean): Promise<number> {
    let published = 0;
    let next: Promise<Claim> | undefined = this.claim();
    try {
      while (next) {
        const current: Claim = await next;
        next = undefined;
        if (current.ids.length === 0) {
          await this.giveBack(current);
          break;
        }
        // Claim the following batch while this one is on its way to the bus.
        if (go()) next = this.claim();
        // Each traced row gets a producer span, child of the request that wrote it; the span's
        // traceparent travels with the event (`ce_traceparent`) to every consumer.
        const spans = current.traceparents.map((tp, i) =>
          tp
            ? tracer().startSpan(
                `publish ${current.events[i]!.type}`,
                {
                  kind: SpanKind.PRODUCER,
                  attributes: {
                    'messaging.system': this.options.bus.kind,
                    'messaging.message.id': current.events[i]!.id,
                    'liaison.outbox': this.table.schema,
                  },
                },
                contextOf(tp),
              )
            : undefined,
        );
        const traced = spans.some((s) => s !== undefined);
        try {
          await this.options.bus.publishTrusted(
            current.events,
            traced ? spans.map((s) => (s ? traceparentOf(trace.setSpan(ROOT_CONTEXT, s)) : undefined)) : undefined,
          );
        } catch (err) {
          for (const s of spans) s?.setStatus({ code: SpanStatusCode.ERROR });
          await this.giveBack(current);
          throw err;
        } finally {
          for (const s of spans) s?.end();
        }
        faultPoint('relay.afterPublish');
        await this.markPublished(current);
        published += current.ids.length;
        this.published?.inc({ outbox: this.table.schema }, current.ids.length);
      }
    } finally {
      // A batch claimed but not published goes back untouched, to be published in order later.
      if (next) await next.then((c) => this.giveBack(c)).catch(() => {});
    }
    if (Date.now() - this.lastPrune > 60_000) await this.prune();
    return published;
  }

  /** Publishes until the outbox is empty (start-up, tests, benchmarks). Waits while another relay is active. */
  async drain(): Promise<void> {
    while (!(await this.lead())) await this.sleep(200);
    try {
      await this.pipeline(() => true);
    } finally {
      if (!this.running) await this.resign();
    }
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.options.pool.query(`delete from ${this.table.qualified} where published_at < now() - make_interval(secs => $1)`, [
      (this.options.retention ?? 86_400_000) / 1000,
    ]);
  }

  /** Whether any event waits to be published. */
  private async waiting(): Promise<boolean> {
    const { rows } = await this.options.pool.query<{ any: boolean }>(
      `select exists (select 1 from ${this.table.qualified} where published_at is null) as any`,
    );
    return rows[0]?.any === true;
  }

  /** Number of events written but not yet published. */
  async backlog(): Promise<number> {
    const { rows } = await this.options.pool.query<{ n: string }>(
      `select count(*) as n from ${this.table.qualified} where published_at is null`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const remove of this.uninstrument.splice(0)) remove();
    this.sleeper.wake();
    await this.loop;
  }

  /**
   * Stops the relay, then publishes what is left in the outbox (a graceful drain: the requests that
   * wrote it have finished) when this process can lead; when another process's relay is active, that
   * one publishes it. Returns how many events were published here. What a failure leaves stays in
   * the outbox for the next relay: nothing is lost, only later.
   */
  async flush(): Promise<number> {
    await this.stop();
    if (!(await this.lead())) return 0;
    try {
      return await this.pipeline(() => true);
    } finally {
      await this.resign();
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
  /** `received[i]` is where `events[i]` came from (its consumer span's traceparent among it). */
  apply: (events: CloudEvent[], tx: Tx, received: ReceivedEvent[]) => Promise<void>;
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
      const from: ReceivedEvent[] = [];
      for (const r of received) {
        if (fresh.delete(r.event.id)) {
          events.push(r.event);
          from.push(r);
        }
      }
      faultPoint('inbox.midBatch');
      if (events.length > 0) await apply(events, tx, from);
    });
  };
}
