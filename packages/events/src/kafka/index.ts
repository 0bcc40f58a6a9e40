import {
  type Admin,
  type ConfigResourceTypes,
  type Consumer,
  type ConsumerCrashEvent,
  Kafka,
  type KafkaConfig,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { backoffDelay, retryWithBackoff } from '../backoff.ts';
import type { BatchControl, BusAdapter, PartitionLag, Subscription, TopicSpec, TopicState } from '../bus.ts';
import type { WireMessage, WireRecord } from '../envelope.ts';
import { groupBy } from '../group.ts';
import { describeError } from '../handler-errors.ts';
import { partitionFor } from '../partition.ts';

export interface KafkaAdapterOptions {
  brokers: string[];
  clientId?: string;
  /** Consumer group session timeout (ms); a crashed member's partitions move after this long. */
  sessionTimeout?: number;
  /** How long a fetch waits for data (ms); low values lower latency. */
  maxWaitTimeInMs?: number;
  /** Partitions of one member processed concurrently. */
  partitionsConsumedConcurrently?: number;
  /** Where kafkajs' own warnings and errors go (never message contents). Default: stderr. */
  log?: (level: 'error' | 'warn', message: string) => void;
}

/**
 * The one place that knows kafkajs (2.2.4, unmaintained): everything else uses the bus port.
 *
 * Two kafkajs defects are worked around here, both seen as acknowledged events missing after a
 * broker was SIGKILLed (packages/events/test/kafka-faults.faults.test.ts; the reproduction is
 * packages/events/scripts/kafkajs-acked-loss.ts):
 * - a send that spans brokers keeps each broker's answer across retries; when a partition's leader
 *   dies and leadership moves to a broker that had already answered, that partition's records are
 *   never sent again, yet the send resolves (kafkajs issue #1303, PR #1798 unmerged). We send one
 *   request per partition, so a retry always resends exactly what had no answer.
 * - the idempotent producer hands a failed send's sequence numbers to the next records; when the
 *   broker had in fact stored the failed send, it takes the next records for a duplicate of it,
 *   answers success and drops them. The producer is not idempotent: a retry may store an event twice,
 *   which consumers ignore (inbox by event id), but never drops one.
 */
export class KafkaAdapter implements BusAdapter {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly log: (level: 'error' | 'warn', message: string) => void;
  private producer: Producer | undefined;
  private producerReady: Promise<Producer> | undefined;
  private readonly partitionCounts = new Map<string, Promise<number>>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: KafkaAdapterOptions) {
    this.log = options.log ?? ((level, message) => console.error(`[kafka ${level}] ${message}`));
    const config: KafkaConfig = {
      brokers: options.brokers,
      clientId: options.clientId ?? 'liaison',
      connectionTimeout: 3000,
      requestTimeout: 30000,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          const text = `${entry.message}${entry.error ? `: ${entry.error}` : ''}`;
          this.log(level === logLevel.ERROR ? 'error' : 'warn', text);
        },
    };
    this.kafka = new Kafka(config);
  }

  private getProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({
        // Not idempotent: see the class comment (kafkajs reuses sequence numbers after a failure).
        idempotent: false,
        // One request per broker connection at a time, so that a retried request is never
        // overtaken by a later one: one key's events stay in order.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Java-compatible murmur2 partitioning, so a Java consumer agrees on key → partition (we
        // choose the partition ourselves with the same function, see produce).
        createPartitioner: Partitioners.DefaultPartitioner,
        // Bounded: a send during a broker outage fails after ~20 s and the caller (the relay) retries.
        retry: { retries: 6, initialRetryTime: 200, maxRetryTime: 5000 },
      });
      try {
        await producer.connect();
      } catch (err) {
        this.producerReady = undefined;
        throw err;
      }
      this.producer = producer;
      return producer;
    })();
    return this.producerReady;
  }

  /** A topic's partition count (topics are created up front and never grow: a key's partition is fixed). */
  private partitionCount(topic: string): Promise<number> {
    let known = this.partitionCounts.get(topic);
    if (!known) {
      known = (async () => {
        const admin = this.kafka.admin();
        await admin.connect();
        try {
          const meta = await admin.fetchTopicMetadata({ topics: [topic] });
          const count = meta.topics.find((t) => t.name === topic)?.partitions.length ?? 0;
          if (count < 1) throw new Error(`topic ${topic} has no partitions (topics are created up front, never on first use)`);
          return count;
        } finally {
          await admin.disconnect();
        }
      })();
      known.catch(() => this.partitionCounts.delete(topic));
      this.partitionCounts.set(topic, known);
    }
    return known;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        // kafkajs' own wait gives up on "does not host this topic-partition", which a fresh
        // multi-node cluster answers while it elects leaders; we wait below instead.
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor ?? 1,
          configEntries: t.minInsyncReplicas !== undefined ? [{ name: 'min.insync.replicas', value: String(t.minInsyncReplicas) }] : [],
        })),
      });
      await waitForLeaders(
        admin,
        missing.map((t) => t.name),
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** Partitions, replicas (the fewest of any partition), under-replicated partitions and `min.insync.replicas` of each topic. */
  async describeTopics(names: string[]): Promise<TopicState[]> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const present = names.filter((n) => existing.has(n));
      if (present.length === 0) return names.map((name) => ({ name, exists: false }));
      const [meta, configs] = await Promise.all([
        admin.fetchTopicMetadata({ topics: present }),
        admin.describeConfigs({
          includeSynonyms: false,
          resources: present.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['min.insync.replicas'] })),
        }),
      ]);
      return names.map((name): TopicState => {
        const topic = meta.topics.find((t) => t.name === name);
        if (!topic) return { name, exists: false };
        const insync = configs.resources
          .find((r) => r.resourceName === name)
          ?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue;
        return {
          name,
          exists: true,
          partitions: topic.partitions.length,
          replicationFactor: Math.min(...topic.partitions.map((p) => p.replicas.length)),
          ...(insync !== undefined ? { minInsyncReplicas: Number(insync) } : {}),
          underReplicated: topic.partitions.filter((p) => p.leader < 0 || p.isr.length < p.replicas.length).length,
        };
      });
    } finally {
      await admin.disconnect();
    }
  }

  /** One send per partition, in parallel: see the class comment. Resolves once every partition's records are stored (acks=all). */
  async produce(topic: string, messages: WireMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const [producer, partitions] = await Promise.all([this.getProducer(), this.partitionCount(topic)]);
    const byPartition = groupBy(messages, (m) => partitionFor(m.key, partitions));
    await Promise.all(
      [...byPartition].map(([partition, batch]) =>
        producer.send({ topic, acks: -1, messages: batch.map((m) => ({ partition, key: m.key, value: m.value, headers: m.headers })) }),
      ),
    );
  }

  /**
   * Joins the group with a kafkajs consumer, and keeps one running: kafkajs restarts a consumer
   * that crashed on an error it deems retriable, but gives up for good on others (a coordinator it
   * cannot find while the offsets topic moves to a new leader, a TypeError) — the group then
   * silently stops being consumed by this process. Such a consumer is replaced by a new one.
   */
  async consume(options: {
    group: string;
    topics: string[];
    fromBeginning?: boolean;
    onBatch: (records: WireRecord[], control: BatchControl) => Promise<void>;
  }): Promise<Subscription> {
    const sessionTimeout = this.options.sessionTimeout ?? 10000;
    let stopped = false;
    let current: Consumer | undefined;
    let replacing: Promise<void> | undefined;

    const start = async (): Promise<Consumer> => {
      const consumer = this.kafka.consumer({
        groupId: options.group,
        sessionTimeout,
        rebalanceTimeout: Math.max(sessionTimeout * 2, 20000),
        heartbeatInterval: Math.min(1000, Math.floor(sessionTimeout / 5)),
        maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
        allowAutoTopicCreation: false,
        // Short on purpose. When the group's coordinator dies, kafkajs keeps committing to (and
        // heartbeating) the dead node — its offset manager looks the same node id up again — and
        // finds the new coordinator only when it rejoins, after its retries run out and it restarts
        // (restart delay = the last retry time). With 10 retries up to 5 s that took ~35 s + 5 s, a
        // member lagging and committing nothing meanwhile; with these, ~6 s + 2 s (measured in the
        // SIGKILL experiments: caught up 19–23 s after the kill instead of 40–45 s).
        retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 2000, restartOnFailure: async () => true },
      });
      current = consumer;
      consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
        if (event.payload.restart || stopped || current !== consumer) return;
        this.log(
          'error',
          `consumer of group ${options.group} stopped for good (${describeError(event.payload.error)}); starting a new one`,
        );
        replacing ??= replace().finally(() => {
          replacing = undefined;
        });
      });
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
        await consumer.run({
          partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
          // Defaults kept on purpose: the batch's last offset is resolved and committed only after
          // eachBatch resolves; when it throws nothing of the batch is committed and it comes again.
          eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
            const records: WireRecord[] = batch.messages.map((m) => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key ? m.key.toString('utf8') : null,
              value: m.value ?? Buffer.alloc(0),
              headers: Object.fromEntries(
                Object.entries(m.headers ?? {}).flatMap(([k, v]) =>
                  v === undefined ? [] : [[k, Array.isArray(v) ? String(v[0]) : v.toString()]],
                ),
              ),
            }));
            if (records.length === 0) return;
            const active = () => isRunning() && !isStale();
            const control: BatchControl = { heartbeat, isActive: active };
            // Retry the batch in place a few times (heartbeating) before giving it back to kafkajs.
            await retryWithBackoff(
              async () => {
                if (!active()) throw new Error('consumer stopping or rebalanced; batch given back');
                await options.onBatch(records, control);
              },
              { attempts: 5, retryIf: active, beforeRetry: heartbeat },
            );
          },
        });
      } catch (err) {
        await consumer.disconnect().catch(() => {});
        throw err;
      }
      return consumer;
    };

    const replace = async (): Promise<void> => {
      await current?.disconnect().catch(() => {});
      for (let failures = 1; !stopped; failures++) {
        try {
          const consumer = await start();
          if (stopped) await consumer.disconnect().catch(() => {});
          return;
        } catch (err) {
          this.log('error', `consumer of group ${options.group} could not start again (${describeError(err)}); trying again`);
          await new Promise((r) => setTimeout(r, backoffDelay(failures, { initialMs: 500, maxMs: 10_000 })));
        }
      }
    };

    await start();
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.subscriptions.delete(subscription);
        await replacing;
        await current?.disconnect();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async lag(group: string, topics: string[]): Promise<number> {
    return (await this.lagByPartition(group, topics)).reduce((sum, p) => sum + p.lag, 0);
  }

  async lagByPartition(group: string, topics: string[]): Promise<PartitionLag[]> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: group, topics });
      const lags: PartitionLag[] = [];
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const mine = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const p of ends) {
          // A group that committed nothing reads from the start; one whose position retention has
          // deleted reads from the first record kept (what is gone is no longer lag).
          const at = Math.max(mine.get(p.partition) ?? -1, Number(p.low));
          lags.push({ topic, partition: p.partition, lag: Number(p.high) - at });
        }
      }
      return lags;
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop().catch(() => {})));
    this.subscriptions.clear();
    if (this.producer) await this.producer.disconnect().catch(() => {});
    this.producer = undefined;
    this.producerReady = undefined;
  }
}

/** Waits until every partition of `topics` has a leader (metadata errors during elections are retried). */
// kafkajs' ConfigResourceTypes.TOPIC: its enum is not a named export Node's ESM loader finds in the CommonJS build.
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no metadata yet';
  while (Date.now() < deadline) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics });
      const leaderless = meta.topics.flatMap((t) => t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`));
      if (meta.topics.length === topics.length && leaderless.length === 0) return;
      last = leaderless.length ? `no leader for ${leaderless.join(', ')}` : 'topics not all known yet';
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs / 1000} s: ${last}`);
}
