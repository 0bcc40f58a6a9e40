import { type Consumer, Kafka, type KafkaMessage, logLevel, type Producer } from 'kafkajs';
import { concernedBodies, decodeKafkaRecord, type LiaisonEvent } from './events.ts';

/**
 * The events your body has already handled, by event id: what makes a consumer idempotent under
 * at-least-once delivery. Keep it in your own database, ideally written in the same transaction as
 * the effect (then a crash between the two cannot happen); {@link memoryProcessedEvents} is for
 * trying things out.
 */
export interface ProcessedEvents {
  has(eventId: string): Promise<boolean> | boolean;
  add(eventId: string): Promise<void> | void;
}

/** A bounded in-memory {@link ProcessedEvents} (forgets on restart: for trials and tests). */
export function memoryProcessedEvents(limit = 100_000): ProcessedEvents {
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add: (id) => {
      ids.add(id);
      if (ids.size > limit) ids.delete(ids.values().next().value as string);
    },
  };
}

/** Where a message came from. */
export interface RecordMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** The headers a dead letter carries, as Liaison's own dead-letter topic has them. */
export const DEAD_LETTER_HEADERS = {
  reason: 'liaison_dlq_reason',
  topic: 'liaison_dlq_topic',
  partition: 'liaison_dlq_partition',
  offset: 'liaison_dlq_offset',
  group: 'liaison_dlq_group',
} as const;

/** The topics a member body usually follows. */
export const MEMBER_TOPICS = ['liaison.referrals', 'liaison.deadlines', 'liaison.cases', 'liaison.webhooks'];

export interface LiaisonConsumerOptions {
  /** A kafkajs client of yours, or `brokers` to make one. */
  kafka?: Kafka;
  brokers?: string[];
  clientId?: string;
  /** Your body's own consumer group, e.g. `sia.case-system`. Offsets are committed after each handled message. */
  groupId: string;
  /** Topic names as published, before `topicPrefix` (default {@link MEMBER_TOPICS}). */
  topics?: string[];
  /** The platform's KAFKA_TOPIC_PREFIX, when it has one. */
  topicPrefix?: string;
  /** Read each topic from its start the first time the group runs (default: only new messages). */
  fromBeginning?: boolean;
  /** Only the events concerning this body (its code, e.g. `sia`); default every event. */
  forBody?: string;
  /** Only these event types. */
  types?: string[];
  /** Your effect. Throwing leaves the offset uncommitted: the message comes again. */
  handle(event: LiaisonEvent, meta: RecordMeta): Promise<void>;
  /** Events handled already (default: {@link memoryProcessedEvents}). */
  processed?: ProcessedEvents;
  /**
   * A message that is not a valid Liaison event (undecodable, or against its schema). It is
   * skipped — the group goes on — after this is told, and after it is copied to `deadLetterTopic`.
   */
  onInvalid?(reason: string, meta: RecordMeta): Promise<void> | void;
  /** Your own dead-letter topic: invalid messages are copied there, bytes unchanged, with the reason in headers. */
  deadLetterTopic?: string;
  /** kafkajs session timeout (ms). */
  sessionTimeout?: number;
}

/**
 * Consumes Liaison's topics in your body's own consumer group: decodes CloudEvents in binary or
 * structured mode, checks each against the published schemas (schemas/events), skips events
 * already handled (by event id) and events not for your body, and commits the offset once your
 * handler has returned. Returns a handle to stop it.
 */
export async function startLiaisonConsumer(options: LiaisonConsumerOptions): Promise<{ consumer: Consumer; stop(): Promise<void> }> {
  const kafka =
    options.kafka ?? new Kafka({ clientId: options.clientId ?? options.groupId, brokers: options.brokers ?? [], logLevel: logLevel.WARN });
  const processed = options.processed ?? memoryProcessedEvents();
  const prefix = options.topicPrefix ?? '';
  const consumer = kafka.consumer({
    groupId: options.groupId,
    ...(options.sessionTimeout ? { sessionTimeout: options.sessionTimeout } : {}),
  });
  let producer: Producer | undefined;
  const stops: (() => Promise<void>)[] = [() => consumer.disconnect()];
  try {
    if (options.deadLetterTopic) {
      producer = kafka.producer({ idempotent: true });
      await producer.connect();
      stops.push(() => producer!.disconnect());
    }
    await consumer.connect();
    await consumer.subscribe({
      topics: (options.topics ?? MEMBER_TOPICS).map((t) => `${prefix}${t}`),
      fromBeginning: options.fromBeginning ?? false,
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const meta: RecordMeta = {
          topic: topic.slice(prefix.length),
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
        };
        const decoded = decodeKafkaRecord({
          key: message.key,
          headers: message.headers as Record<string, Buffer | string | undefined>,
          value: message.value,
        });
        if (!decoded.ok) {
          await deadLetter(message, topic, partition, decoded.reason);
          await options.onInvalid?.(decoded.reason, meta);
          return;
        }
        const { event } = decoded;
        if (options.types && !options.types.includes(event.type)) return;
        if (options.forBody && !concernedBodies(event).includes(options.forBody)) return;
        if (await processed.has(event.id)) return;
        await options.handle(event, meta);
        await processed.add(event.id);
      },
    });
  } catch (err) {
    for (const stop of stops) await stop().catch(() => {});
    throw err;
  }

  async function deadLetter(message: KafkaMessage, topic: string, partition: number, reason: string) {
    if (!producer || !options.deadLetterTopic) return;
    await producer.send({
      topic: options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...(message.headers ?? {}),
            [DEAD_LETTER_HEADERS.reason]: reason.slice(0, 1000),
            [DEAD_LETTER_HEADERS.topic]: topic,
            [DEAD_LETTER_HEADERS.partition]: String(partition),
            [DEAD_LETTER_HEADERS.offset]: message.offset,
            [DEAD_LETTER_HEADERS.group]: options.groupId,
          },
        },
      ],
    });
  }

  return {
    consumer,
    /** Stops consuming (the group's offsets stay committed), then the dead-letter producer. */
    async stop() {
      for (const stop of stops) await stop().catch(() => {});
    },
  };
}
