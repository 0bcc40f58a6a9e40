import { randomUUID } from 'node:crypto';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from '@liaison/db';
import type { MigrationSet } from '@liaison/db';
import type pg from 'pg';
import type { BatchControl, BusAdapter, PartitionLag, Subscription, TopicSpec, TopicState } from '../bus.ts';
import type { WireMessage, WireRecord } from '../envelope.ts';
import { backoffDelay } from '../backoff.ts';
import { groupBy } from '../group.ts';
import { Sleeper } from '../sleeper.ts';
import { partitionFor } from '../partition.ts';

/** The migrations of the Postgres-log bus (schema `eventbus`). */
export const pglogMigrations: MigrationSet = {
  schema: 'eventbus',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle/pglog'),
};

const WAKE_CHANNEL = 'eventbus_appended';

/**
 * What a record counts towards its partition's size: value, key and headers as stored. Appends add
 * it and pruning subtracts it, in SQL both times, so that `partition_heads.bytes` stays exact.
 */
const RECORD_SIZE = `octet_length(value) + coalesce(octet_length(key), 0) + octet_length(headers::text)`;

/** Retention of the Postgres log, per partition, as Kafka's `retention.ms` and `retention.bytes`. */
export interface PgLogRetention {
  /** Records older than this (ms) are deleted; default 7 days (Kafka's default). */
  maxAgeMs?: number;
  /** A partition bigger than this (bytes of value, key and headers) loses its oldest records; default 256 MiB. */
  maxBytesPerPartition?: number;
  /** How often the log is pruned in the background (ms); default 5 minutes. */
  checkIntervalMs?: number;
}

/** What one pruning pass deleted. */
export interface PruneResult {
  records: number;
  bytes: number;
}

export const DEFAULT_RETENTION = {
  maxAgeMs: 7 * 24 * 3600_000,
  maxBytesPerPartition: 256 * 1024 * 1024,
  checkIntervalMs: 5 * 60_000,
} as const;

export interface PgLogAdapterOptions {
  pool: Pool;
  /** A member whose heartbeat is older than this (ms) is dead and its partitions are shared out. */
  sessionTimeout?: number;
  /** How often members heartbeat and rebalance (ms). */
  heartbeatInterval?: number;
  /** Longest wait between polls when no notification arrives (ms). */
  pollInterval?: number;
  /** Most records handed to one batch. */
  maxBatch?: number;
  /**
   * Retention (bounded log), see {@link PgLogRetention}; `false` keeps everything. Like Kafka, it
   * deletes by age and size whatever the consumer groups have read: a group that falls further
   * behind than the retention resumes at the oldest record kept.
   */
  retention?: PgLogRetention | false;
}

/**
 * The embedded-default event bus: a durable, partitioned log in Postgres with Kafka's semantics —
 * per-partition order, consumer groups sharing partitions, committed offsets, redelivery of whatever
 * was not committed. Appends wake consumers through LISTEN/NOTIFY. A partition belongs to one
 * member at a time through a session advisory lock, which Postgres releases the moment the member's
 * connection dies.
 */
export class PgLogAdapter implements BusAdapter {
  readonly kind = 'pglog' as const;
  private readonly members = new Set<PgLogMember>();
  private partitionCounts = new Map<string, number>();
  private readonly retention: Required<PgLogRetention> | undefined;
  private pruner: NodeJS.Timeout | undefined;
  private pruning: Promise<unknown> | undefined;
  private closed = false;

  constructor(private readonly options: PgLogAdapterOptions) {
    this.retention = options.retention === false ? undefined : { ...DEFAULT_RETENTION, ...options.retention };
  }

  /**
   * Starts background pruning on first use (no timer, no connection at construction). Several
   * processes on one database may all prune: a pass runs only while it holds an advisory lock.
   */
  private used(): void {
    if (this.pruner || !this.retention || this.closed) return;
    this.pruner = setInterval(() => {
      this.pruning ??= this.prune()
        .catch(() => {
          // The database is away: the next pass tries again. Nothing is lost by pruning later.
        })
        .finally(() => {
          this.pruning = undefined;
        });
    }, this.retention.checkIntervalMs);
    this.pruner.unref();
  }

  /**
   * Deletes what the retention no longer keeps, oldest first, from every partition: records older
   * than `maxAgeMs`, then the oldest records of a partition bigger than `maxBytesPerPartition`.
   * Only a prefix of each partition is deleted (as Kafka deletes whole old segments), in small
   * transactions. Returns what was deleted; nothing when another process is pruning right now.
   */
  async prune(): Promise<PruneResult> {
    const retention = this.retention;
    const result: PruneResult = { records: 0, bytes: 0 };
    if (!retention) return result;
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    try {
      const { rows: lock } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', ['eventbus.retention']);
      if (!lock[0]?.ok) return result;
      try {
        const { rows: heads } = await client.query<{ topic: string; partition: number }>(
          'select topic, partition from eventbus.partition_heads order by topic, partition',
        );
        for (const head of heads) {
          if (this.closed) break;
          const pruned = await prunePartition(client, head, retention);
          result.records += pruned.records;
          result.bytes += pruned.bytes;
        }
      } finally {
        await client.query('select pg_advisory_unlock(hashtext($1))', ['eventbus.retention']);
      }
    } catch (err) {
      broken = err as Error;
      throw err;
    } finally {
      // A connection that failed goes away (with its advisory lock); a healthy one back to the pool.
      client.release(broken);
    }
    return result;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    this.used();
    const client = await this.options.pool.connect();
    try {
      await client.query('begin');
      for (const t of specs) {
        await client.query('insert into eventbus.topics (name, partitions) values ($1, $2) on conflict (name) do nothing', [
          t.name,
          t.partitions,
        ]);
        await client.query(
          `insert into eventbus.partition_heads (topic, partition)
           select $1, p from eventbus.topics, generate_series(0, partitions - 1) p where name = $1
           on conflict do nothing`,
          [t.name],
        );
      }
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Each topic's partition count from the log's own table (no replicas: Postgres keeps the data). */
  async describeTopics(names: string[]): Promise<TopicState[]> {
    const { rows } = await this.options.pool.query<{ name: string; partitions: number }>(
      'select name, partitions from eventbus.topics where name = any($1)',
      [names],
    );
    const found = new Map(rows.map((r) => [r.name, r.partitions]));
    return names.map((name) => (found.has(name) ? { name, exists: true, partitions: found.get(name)! } : { name, exists: false }));
  }

  private async partitionsOf(client: pg.PoolClient, topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const { rows } = await client.query<{ partitions: number }>('select partitions from eventbus.topics where name = $1', [topic]);
    if (!rows[0]) throw new Error(`topic ${topic} does not exist (topics are created up front, never on first use)`);
    this.partitionCounts.set(topic, rows[0].partitions);
    return rows[0].partitions;
  }

  async produce(topic: string, messages: WireMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.used();
    const client = await this.options.pool.connect();
    try {
      const partitions = await this.partitionsOf(client, topic);
      const byPartition = groupBy(messages, (m) => partitionFor(m.key, partitions));
      await client.query('begin');
      // Lock partition heads in a fixed order so concurrent producers never deadlock.
      for (const p of [...byPartition.keys()].sort((a, b) => a - b)) {
        const batch = byPartition.get(p)!;
        const head = await client.query<{ first: string }>(
          `update eventbus.partition_heads set next_offset = next_offset + $3
           where topic = $1 and partition = $2 returning next_offset - $3 as first`,
          [topic, p, batch.length],
        );
        if (!head.rows[0]) throw new Error(`topic ${topic} has no partition ${p}`);
        await client.query(
          `with appended as (
             insert into eventbus.log (topic, partition, "offset", key, headers, value)
             select $1, $2, $3::bigint + m.ord - 1, m.key, m.headers, m.value
             from unnest($4::text[], $5::jsonb[], $6::bytea[]) with ordinality as m(key, headers, value, ord)
             returning ${RECORD_SIZE} as size
           )
           update eventbus.partition_heads set bytes = bytes + (select coalesce(sum(size), 0) from appended)
           where topic = $1 and partition = $2`,
          [topic, p, head.rows[0].first, batch.map((m) => m.key), batch.map((m) => JSON.stringify(m.headers)), batch.map((m) => m.value)],
        );
      }
      await client.query('select pg_notify($1, $2)', [WAKE_CHANNEL, topic]);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async consume(options: {
    group: string;
    topics: string[];
    fromBeginning?: boolean;
    onBatch: (records: WireRecord[], control: BatchControl) => Promise<void>;
  }): Promise<Subscription> {
    this.used();
    const member = new PgLogMember(this.options, options);
    this.members.add(member);
    await member.start();
    return {
      stop: async () => {
        this.members.delete(member);
        await member.stop();
      },
    };
  }

  async lag(group: string, topics: string[]): Promise<number> {
    return (await this.lagByPartition(group, topics)).reduce((sum, p) => sum + p.lag, 0);
  }

  async lagByPartition(group: string, topics: string[]): Promise<PartitionLag[]> {
    const { rows } = await this.options.pool.query<{ topic: string; partition: number; lag: string }>(
      // What retention deleted is no longer lag: a group resumes at the first record kept.
      `select h.topic, h.partition, h.next_offset - greatest(coalesce(o.committed, 0), h.log_start) as lag
       from eventbus.partition_heads h
       left join eventbus.group_offsets o on o."group" = $1 and o.topic = h.topic and o.partition = h.partition
       where h.topic = any($2::text[])
       order by h.topic, h.partition`,
      [group, topics],
    );
    return rows.map((r) => ({ topic: r.topic, partition: Number(r.partition), lag: Number(r.lag) }));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pruner);
    this.pruner = undefined;
    await Promise.all([...this.members].map((m) => m.stop()));
    this.members.clear();
    await this.pruning;
  }
}

/** Records looked at per pruning step (one short transaction each). */
const PRUNE_CHUNK = 2000;

/** Deletes the prefix of one partition that the retention no longer keeps, a chunk at a time. */
async function prunePartition(
  client: pg.PoolClient,
  tp: { topic: string; partition: number },
  retention: Required<PgLogRetention>,
): Promise<PruneResult> {
  const result: PruneResult = { records: 0, bytes: 0 };
  for (;;) {
    const { rows: heads } = await client.query<{ bytes: string }>(
      'select bytes from eventbus.partition_heads where topic = $1 and partition = $2',
      [tp.topic, tp.partition],
    );
    let excess = Number(heads[0]?.bytes ?? 0) - retention.maxBytesPerPartition;
    const { rows } = await client.query<{ offset: string; expired: boolean; size: string }>(
      `select "offset", appended_at < now() - make_interval(secs => $3) as expired, ${RECORD_SIZE} as size
       from eventbus.log where topic = $1 and partition = $2 order by "offset" limit $4`,
      [tp.topic, tp.partition, retention.maxAgeMs / 1000, PRUNE_CHUNK],
    );
    // The oldest records go while they are too old or the partition too big; the first one kept
    // ends the prefix (a younger record before an older one is kept, and keeps what follows).
    let cut: number | undefined;
    let bytes = 0;
    let count = 0;
    for (const row of rows) {
      if (!row.expired && excess <= 0) break;
      const size = Number(row.size);
      excess -= size;
      bytes += size;
      count++;
      cut = Number(row.offset) + 1;
    }
    if (cut === undefined) return result;
    await client.query('begin');
    try {
      await client.query('delete from eventbus.log where topic = $1 and partition = $2 and "offset" < $3', [tp.topic, tp.partition, cut]);
      await client.query(
        'update eventbus.partition_heads set log_start = greatest(log_start, $3), bytes = bytes - $4 where topic = $1 and partition = $2',
        [tp.topic, tp.partition, cut, bytes],
      );
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
    result.records += count;
    result.bytes += bytes;
    if (count < rows.length || rows.length < PRUNE_CHUNK) return result;
  }
}

interface TopicPartition {
  topic: string;
  partition: number;
}

/** A partition this member holds: where it reads next, and its handler failures in a row. */
interface OwnedPartition extends TopicPartition {
  next: number;
  failures: number;
  retryAt: number;
}

const tpKey = (tp: TopicPartition) => `${tp.topic}:${tp.partition}`;

/** One member of a consumer group on the Postgres log. */
class PgLogMember {
  private readonly memberId = randomUUID();
  private client: pg.PoolClient | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly owned = new Map<string, OwnedPartition>();
  private readonly sleeper = new Sleeper();
  private lastRebalance = 0;
  private lastHeartbeat = 0;
  private readonly sessionTimeout: number;
  private readonly heartbeatInterval: number;
  private readonly pollInterval: number;
  private readonly maxBatch: number;

  constructor(
    private readonly bus: PgLogAdapterOptions,
    private readonly sub: {
      group: string;
      topics: string[];
      fromBeginning?: boolean;
      onBatch: (r: WireRecord[], control: BatchControl) => Promise<void>;
    },
  ) {
    this.sessionTimeout = bus.sessionTimeout ?? 10000;
    this.heartbeatInterval = bus.heartbeatInterval ?? 1000;
    this.pollInterval = bus.pollInterval ?? 500;
    this.maxBatch = bus.maxBatch ?? 500;
  }

  async start(): Promise<void> {
    await this.connect();
    await this.rebalance();
    this.running = true;
    this.loop = this.run();
  }

  /**
   * The member's own session: it listens for wake-ups and holds the advisory locks of the
   * partitions it owns. When the session is lost (Postgres restarted, the backend terminated), the
   * locks went with it: the member forgets its partitions and the loop opens a new session and
   * takes its share again, reading on from the committed offsets (a batch whose offset was not
   * committed comes again; consumers are idempotent).
   */
  private async connect(): Promise<void> {
    const client = await this.bus.pool.connect();
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.owned.clear();
      client.release(err ?? new Error('the member session ended'));
      this.sleeper.wake();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === WAKE_CHANNEL && n.payload && this.sub.topics.includes(n.payload)) this.sleeper.wake();
    });
    this.client = client;
    try {
      await client.query(`listen ${WAKE_CHANNEL}`);
    } catch (err) {
      lost(err as Error);
      throw err;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!this.client) {
          await this.connect();
          await this.rebalance();
        }
        if (Date.now() - this.lastRebalance >= this.heartbeatInterval) await this.rebalance();
        let progressed = false;
        let nextRetry = Number.POSITIVE_INFINITY;
        for (const tp of [...this.owned.values()]) {
          if (!this.running) break;
          if (tp.retryAt > Date.now()) {
            nextRetry = Math.min(nextRetry, tp.retryAt);
            continue;
          }
          try {
            if (await this.pollPartition(tp)) progressed = true;
            tp.failures = 0;
          } catch {
            // Nothing of the batch was committed: it comes again after a pause, and the other
            // partitions go on meanwhile.
            tp.failures++;
            tp.retryAt = Date.now() + backoffDelay(tp.failures + 1);
            nextRetry = Math.min(nextRetry, tp.retryAt);
          }
        }
        failures = 0;
        if (!progressed) await this.sleep(Math.max(0, Math.min(this.pollInterval, nextRetry - Date.now())));
      } catch {
        // The database itself failed (rebalance): pause, then try again.
        failures++;
        if (this.running) await this.sleep(backoffDelay(failures + 1));
      }
    }
  }

  /** Keeps this member's heartbeat fresh during a long batch, so that its partitions are not shared out. */
  private async heartbeat(): Promise<void> {
    if (!this.client || Date.now() - this.lastHeartbeat < this.heartbeatInterval) return;
    this.lastHeartbeat = Date.now();
    await this.client.query('update eventbus.group_members set heartbeat_at = now() where "group" = $1 and member_id = $2', [
      this.sub.group,
      this.memberId,
    ]);
  }

  private sleep(ms: number): Promise<void> {
    return this.sleeper.sleep(ms);
  }

  private lockArgs(tp: TopicPartition): [string, string] {
    return [this.sub.group, tpKey(tp)];
  }

  /** Heartbeats, forgets dead members, and takes or gives back partitions to reach a fair share. */
  private async rebalance(): Promise<void> {
    const client = this.client!;
    this.lastRebalance = Date.now();
    this.lastHeartbeat = this.lastRebalance;
    const { group } = this.sub;
    await client.query(
      `insert into eventbus.group_members ("group", member_id, heartbeat_at) values ($1, $2, now())
       on conflict ("group", member_id) do update set heartbeat_at = now()`,
      [group, this.memberId],
    );
    await client.query(`delete from eventbus.group_members where "group" = $1 and heartbeat_at < now() - make_interval(secs => $2)`, [
      group,
      this.sessionTimeout / 1000,
    ]);
    const live = await client.query<{ n: string }>('select count(*) as n from eventbus.group_members where "group" = $1', [group]);
    const memberCount = Math.max(1, Number(live.rows[0]?.n ?? 1));
    const parts = await client.query<{ topic: string; partition: number }>(
      `select name as topic, p as partition from eventbus.topics, generate_series(0, partitions - 1) p
       where name = any($1::text[]) order by name, p`,
      [this.sub.topics],
    );
    const all = parts.rows;
    const fair = Math.ceil(all.length / memberCount);
    // Give back what is over the fair share, so that newcomers get their part.
    for (const tp of [...this.owned.values()].slice(fair)) {
      await client.query('select pg_advisory_unlock(hashtext($1), hashtext($2))', this.lockArgs(tp));
      this.owned.delete(tpKey(tp));
    }
    // Start the search at a member-specific place so that members do not all race for partition 0.
    const offset = all.length > 0 ? Number.parseInt(this.memberId.slice(0, 8), 16) % all.length : 0;
    for (let i = 0; i < all.length && this.owned.size < fair; i++) {
      const tp = all[(i + offset) % all.length]!;
      if (this.owned.has(tpKey(tp))) continue;
      const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1), hashtext($2)) as ok', this.lockArgs(tp));
      if (!got.rows[0]?.ok) continue;
      const next = await this.committedOffset(tp);
      this.owned.set(tpKey(tp), { ...tp, next, failures: 0, retryAt: 0 });
    }
  }

  private async committedOffset(tp: TopicPartition): Promise<number> {
    const client = this.client!;
    const { rows } = await client.query<{ committed: string }>(
      'select committed from eventbus.group_offsets where "group" = $1 and topic = $2 and partition = $3',
      [this.sub.group, tp.topic, tp.partition],
    );
    if (rows[0]) return Number(rows[0].committed);
    if (this.sub.fromBeginning !== false) return 0;
    const head = await client.query<{ next_offset: string }>(
      'select next_offset from eventbus.partition_heads where topic = $1 and partition = $2',
      [tp.topic, tp.partition],
    );
    return Number(head.rows[0]?.next_offset ?? 0);
  }

  /** Reads, hands over and commits one batch of a partition; false when there was nothing new. */
  private async pollPartition(tp: OwnedPartition): Promise<boolean> {
    const client = this.client!;
    const { rows } = await client.query<{ offset: string; key: string | null; headers: Record<string, string>; value: Buffer }>(
      `select "offset", key, headers, value from eventbus.log
       where topic = $1 and partition = $2 and "offset" >= $3 order by "offset" limit $4`,
      [tp.topic, tp.partition, tp.next, this.maxBatch],
    );
    if (rows.length === 0) return false;
    const records: WireRecord[] = rows.map((r) => ({
      topic: tp.topic,
      partition: tp.partition,
      offset: String(r.offset),
      key: r.key,
      headers: r.headers,
      value: r.value,
    }));
    await this.sub.onBatch(records, { heartbeat: () => this.heartbeat(), isActive: () => this.running });
    const next = Number(rows[rows.length - 1]!.offset) + 1;
    await client.query(
      `insert into eventbus.group_offsets ("group", topic, partition, committed) values ($1, $2, $3, $4)
       on conflict ("group", topic, partition) do update set committed = excluded.committed`,
      [this.sub.group, tp.topic, tp.partition, next],
    );
    tp.next = next;
    return true;
  }

  async stop(): Promise<void> {
    if (!this.running && !this.client) return;
    this.running = false;
    this.sleeper.wake();
    await this.loop?.catch(() => {});
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query('select pg_advisory_unlock_all()');
      await client.query(`unlisten ${WAKE_CHANNEL}`);
      await client.query('delete from eventbus.group_members where "group" = $1 and member_id = $2', [this.sub.group, this.memberId]);
      client.release();
    } catch (err) {
      client.release(err as Error);
    }
  }
}
