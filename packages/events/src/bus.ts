import { catalogTopics, DEAD_LETTER_TOPIC } from './catalog.ts';
import { groupBy } from './group.ts';
import { type CloudEvent, assertValid, fromWire, toWire, topicOf, type WireMessage, type WireRecord } from './envelope.ts';

/** A topic to create up front (no topic is ever auto-created). */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Kafka only; the Postgres log has no replicas. */
  replicationFactor?: number;
  minInsyncReplicas?: number;
}

/** A running subscription. */
export interface Subscription {
  /** Stops consuming; resolves once the in-flight batch is finished. */
  stop(): Promise<void>;
}

/**
 * The transport-level port: what Kafka and the Postgres log both provide. Services never use it
 * directly; they use {@link EventBus}, which adds CloudEvents encoding, validation and dead-lettering.
 */
export interface BusAdapter {
  readonly kind: 'kafka' | 'pglog';
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Resolves once every message is durably stored (Kafka: acks=all). Order is kept per key. */
  produce(topic: string, messages: WireMessage[]): Promise<void>;
  /**
   * Joins consumer group `group`. `onBatch` gets records of one partition in offset order; when it
   * resolves the batch's offsets are committed, when it rejects (or the process dies) they are not
   * and the records come again. Partitions are shared among the group's members.
   */
  consume(options: {
    group: string;
    topics: string[];
    fromBeginning?: boolean;
    onBatch: (records: WireRecord[]) => Promise<void>;
  }): Promise<Subscription>;
  close(): Promise<void>;
}

/** A decoded, validated event with the place it was read from. */
export interface ReceivedEvent {
  event: CloudEvent;
  topic: string;
  partition: number;
  offset: string;
}

export interface SubscribeOptions {
  group: string;
  /** Catalog topic names (the bus adds its prefix). */
  topics: string[];
  fromBeginning?: boolean;
  /** Gets the valid events of one batch, in order. Rejecting means: not applied, deliver again. */
  handler: (events: ReceivedEvent[]) => Promise<void>;
}

/** Headers a dead letter carries beside the original message's own. */
export const DLQ_HEADERS = {
  reason: 'liaison_dlq_reason',
  topic: 'liaison_dlq_topic',
  partition: 'liaison_dlq_partition',
  offset: 'liaison_dlq_offset',
  group: 'liaison_dlq_group',
} as const;

/**
 * The event bus every service uses: publishes CloudEvents (validated against their schema) to the
 * topic their type belongs to, keyed by aggregate id, and consumes them validated, moving anything
 * undecodable or schema-invalid to the dead-letter topic with its reason so the consumer goes on.
 */
export class EventBus {
  /**
   * @param topicPrefix prepended to every topic name (catalog topics and the dead-letter topic), so
   *   that several platforms — or tests — can share one Kafka cluster without seeing each other.
   */
  constructor(
    readonly adapter: BusAdapter,
    readonly topicPrefix = '',
  ) {}

  /** The physical name of a catalog topic. */
  topic(name: string): string {
    return this.topicPrefix + name;
  }

  /** Creates every catalog topic and the dead-letter topic, if missing. */
  async ensureTopics(options: { partitions?: number; replicationFactor?: number; minInsyncReplicas?: number } = {}): Promise<void> {
    const names = [...catalogTopics(), DEAD_LETTER_TOPIC];
    await this.adapter.ensureTopics(
      names.map((name) => ({
        name: this.topic(name),
        partitions: options.partitions ?? 6,
        ...(options.replicationFactor !== undefined ? { replicationFactor: options.replicationFactor } : {}),
        ...(options.minInsyncReplicas !== undefined ? { minInsyncReplicas: options.minInsyncReplicas } : {}),
      })),
    );
  }

  get kind(): BusAdapter['kind'] {
    return this.adapter.kind;
  }

  /** Publishes events; resolves when all are durably stored. Invalid events are refused before anything is sent. */
  async publish(events: CloudEvent[]): Promise<void> {
    for (const event of events) assertValid(event);
    await this.publishTrusted(events);
  }

  /** Publishes events already validated (the outbox relay validated them when they were written). */
  async publishTrusted(events: CloudEvent[]): Promise<void> {
    const byTopic = groupBy(events, (event) => topicOf(event.type));
    await Promise.all([...byTopic].map(([topic, group]) => this.adapter.produce(this.topic(topic), group.map(toWire))));
  }

  /** Subscribes a consumer group; see {@link SubscribeOptions}. */
  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.adapter.consume({
      group: options.group,
      topics: options.topics.map((t) => this.topic(t)),
      fromBeginning: options.fromBeginning ?? true,
      onBatch: async (records) => {
        const good: ReceivedEvent[] = [];
        const dead: WireMessage[] = [];
        for (const record of records) {
          const decoded = fromWire(record);
          if (decoded.ok) {
            good.push({ event: decoded.event, topic: record.topic, partition: record.partition, offset: record.offset });
          } else {
            dead.push({
              key: record.key,
              value: record.value,
              headers: {
                ...record.headers,
                [DLQ_HEADERS.reason]: decoded.reason,
                [DLQ_HEADERS.topic]: record.topic,
                [DLQ_HEADERS.partition]: String(record.partition),
                [DLQ_HEADERS.offset]: record.offset,
                [DLQ_HEADERS.group]: options.group,
              },
            });
          }
        }
        // Dead letters first: once the batch is committed, they must already be safe elsewhere.
        if (dead.length > 0) await this.adapter.produce(this.topic(DEAD_LETTER_TOPIC), dead);
        if (good.length > 0) await options.handler(good);
      },
    });
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
