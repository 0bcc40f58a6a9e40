import { type Admin, type Consumer, Kafka, type KafkaConfig, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { BatchControl, BusAdapter, Subscription, TopicSpec } from '../bus.ts';
import type { WireMessage, WireRecord } from '../envelope.ts';

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

/** The one place that knows kafkajs (2.2.4, unmaintained): everything else uses the bus port. */
export class KafkaAdapter implements BusAdapter {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private producerReady: Promise<Producer> | undefined;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaAdapterOptions) {
    const log = options.log ?? ((level, message) => console.error(`[kafka ${level}] ${message}`));
    const config: KafkaConfig = {
      brokers: options.brokers,
      clientId: options.clientId ?? 'liaison',
      connectionTimeout: 3000,
      requestTimeout: 30000,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          // The idempotent producer warns whenever retries are bounded; we bound them on purpose
          // (the outbox relay owns retrying), so that one is noise.
          if (entry.message?.startsWith('Limiting retries for the idempotent producer')) return;
          const text = `${entry.message}${entry.error ? `: ${entry.error}` : ''}`;
          log(level === logLevel.ERROR ? 'error' : 'warn', text);
        },
    };
    this.kafka = new Kafka(config);
  }

  private getProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Java-compatible murmur2 partitioning, so a Java consumer agrees on key → partition.
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
          configEntries:
            t.minInsyncReplicas !== undefined ? [{ name: 'min.insync.replicas', value: String(t.minInsyncReplicas) }] : [],
        })),
      });
      await waitForLeaders(admin, missing.map((t) => t.name));
    } finally {
      await admin.disconnect();
    }
  }

  async produce(topic: string, messages: WireMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async consume(options: {
    group: string;
    topics: string[];
    fromBeginning?: boolean;
    onBatch: (records: WireRecord[], control: BatchControl) => Promise<void>;
  }): Promise<Subscription> {
    const sessionTimeout = this.options.sessionTimeout ?? 10000;
    const consumer = this.kafka.consumer({
      groupId: options.group,
      sessionTimeout,
      rebalanceTimeout: Math.max(sessionTimeout * 2, 20000),
      heartbeatInterval: Math.min(1000, Math.floor(sessionTimeout / 5)),
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000, restartOnFailure: async () => true },
    });
    this.consumers.add(consumer);
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
        const control: BatchControl = { heartbeat, isActive: () => isRunning() && !isStale() };
        // Retry the handler in place a few times (heartbeating) before giving the batch back.
        for (let attempt = 0; ; attempt++) {
          if (!isRunning() || isStale()) throw new Error('consumer stopping or rebalanced; batch given back');
          try {
            await options.onBatch(records, control);
            return;
          } catch (err) {
            if (attempt >= 4) throw err;
            await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
            await heartbeat();
          }
        }
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async lag(group: string, topics: string[]): Promise<number> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: group, topics });
      let lag = 0;
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const mine = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const p of ends) {
          const at = mine.get(p.partition) ?? -1;
          lag += Number(p.high) - (at >= 0 ? at : Number(p.low));
        }
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => {})));
    this.consumers.clear();
    if (this.producer) await this.producer.disconnect().catch(() => {});
    this.producer = undefined;
    this.producerReady = undefined;
  }
}

/** Waits until every partition of `topics` has a leader (metadata errors during elections are retried). */
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
