import { catalogTopics, DEAD_LETTER_TOPIC } from './catalog.ts';
import { groupBy } from './group.ts';
import { type CloudEvent, assertValid, fromWire, toWire, topicOf, type WireMessage, type WireRecord } from './envelope.ts';
import { backoffDelay } from './backoff.ts';
import { describeError, isTransientError } from './handler-errors.ts';
import { contextOf, type Metrics, traceparentOf, tracer } from '@liaison/observe';
import { type Context, context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

type Counter = ReturnType<Metrics['counter']>;

/** A topic to create up front (no topic is ever auto-created). */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Kafka only; the Postgres log has no replicas. */
  replicationFactor?: number;
  minInsyncReplicas?: number;
}

/** What a topic is like now (`describeTopics`): absent, or its partitions and — Kafka only — replicas. */
export interface TopicState {
  name: string;
  exists: boolean;
  partitions?: number;
  /** Kafka: the fewest replicas of any partition. Absent on the Postgres log (it has no replicas). */
  replicationFactor?: number;
  /** Kafka: the topic's `min.insync.replicas` (its own setting or the broker's default). */
  minInsyncReplicas?: number;
  /** Kafka: partitions whose in-sync replicas are fewer than their replicas, or that have no leader. */
  underReplicated?: number;
}

/** What an adapter hands `onBatch` beside the records, so that a long batch (retries) keeps its place. */
export interface BatchControl {
  /** Tells the group this member is alive (Kafka: a heartbeat; Postgres log: the member's heartbeat row). */
  heartbeat(): Promise<void>;
  /**
   * False once the subscription is stopping or the partition has moved to another member: the batch
   * must then be given back undecided (nothing dead-lettered), for its next owner.
   */
  isActive(): boolean;
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
  /** What each named topic is like now, in the order given (a missing one has `exists: false`). Creates nothing. */
  describeTopics(names: string[]): Promise<TopicState[]>;
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
    onBatch: (records: WireRecord[], control: BatchControl) => Promise<void>;
  }): Promise<Subscription>;
  /**
   * Records of `topics` that group `group` has not committed yet (from the start of each partition
   * when it has committed nothing there). Zero means the group has handled everything published so far.
   */
  lag(group: string, topics: string[]): Promise<number>;
  /** The same, per partition: what `/metrics` reports as consumer lag. */
  lagByPartition(group: string, topics: string[]): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

/** Records of one partition a consumer group has not committed yet. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * The reason label of a dead letter on `/metrics`: a handful of fixed categories (a reason itself
 * names fields and error classes, too many values for a label).
 */
export function deadLetterCategory(reason: string): string {
  if (reason.startsWith('handler failed')) return 'handler-failed';
  if (reason.startsWith('schema:')) return 'schema-invalid';
  if (reason.includes('not JSON') || reason.includes('not a JSON object')) return 'not-json';
  if (reason.startsWith('not a CloudEvent')) return 'not-cloudevent';
  if (reason.startsWith('unsupported')) return 'unsupported-format';
  return 'other';
}

/** A decoded, validated event with the place it was read from. */
export interface ReceivedEvent {
  event: CloudEvent;
  topic: string;
  partition: number;
  offset: string;
  /**
   * W3C traceparent of this consumer's span for the event, when the producer sent one: a handler
   * that hands the work on (a webhook delivery, another event) keeps it so the trace continues.
   */
  traceparent?: string;
}

export interface SubscribeOptions {
  group: string;
  /** Catalog topic names (the bus adds its prefix). */
  topics: string[];
  fromBeginning?: boolean;
  /**
   * Gets the valid events of one batch of one partition, in order. Rejecting means "not applied":
   * the events are tried again, and one that keeps failing goes to the dead-letter topic after
   * `maxAttempts` (see {@link EventBus.subscribe}). Must be idempotent (an inbox): a batch that
   * failed is applied again event by event.
   */
  handler: (events: ReceivedEvent[]) => Promise<void>;
  /** Attempts at an event before it goes to the dead-letter topic; default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Pause before the second attempt (ms), doubled for each further one up to 5 s (±20 %, {@link backoffDelay}); default 200. */
  retryDelayMs?: number;
}

/** How many times a handler may fail on one event before the event is dead-lettered. */
export const DEFAULT_MAX_ATTEMPTS = 5;

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
 * undecodable or schema-invalid — or that its handler keeps failing on — to the dead-letter topic with
 * its reason, so the consumer goes on.
 */
export class EventBus {
  /** Prepended to every topic and group name: the configured prefix and a dot, or nothing. */
  readonly topicPrefix: string;

  /**
   * @param topicPrefix namespaces every topic name (catalog topics and the dead-letter topic) and
   *   every consumer group, so that several platforms — or tests — can share one Kafka cluster
   *   without seeing each other: `probe` gives `probe.liaison.referrals` and the group
   *   `probe.referrals.inbox-projector`; a prefix that already ends with a dot (`probe.`) gets no
   *   second one. (Groups too: members of one group id that read different topics would be handed
   *   each other's partitions and consume each other's events.)
   */
  constructor(
    readonly adapter: BusAdapter,
    topicPrefix = '',
  ) {
    this.topicPrefix = topicPrefix === '' || topicPrefix.endsWith('.') ? topicPrefix : `${topicPrefix}.`;
  }

  /** Groups this process consumes for (physical names), for the consumer-lag gauge. */
  private readonly groups = new Map<string, string[]>();
  private deadLetters: Counter | undefined;

  /**
   * Reports on `metrics`: consumer lag per group, topic and partition of every group this process
   * subscribes (read from the bus at scrape time), and dead letters by group and reason category.
   */
  instrument(metrics: Metrics): void {
    this.deadLetters = metrics.counter(
      'liaison_dead_letters_total',
      'Messages moved to the dead-letter topic, by consumer group and reason category.',
      ['group', 'reason'],
    );
    metrics.gauge(
      'liaison_consumer_lag',
      'Records a consumer group has not committed yet, by group, topic and partition.',
      ['group', 'topic', 'partition'],
      async (set) => {
        for (const [group, topics] of this.groups) {
          for (const p of await this.adapter.lagByPartition(group, topics)) set({ group, topic: p.topic, partition: p.partition }, p.lag);
        }
      },
    );
  }

  /** The physical name of a catalog topic. */
  topic(name: string): string {
    return this.topicPrefix + name;
  }

  /** The physical name of a consumer group. */
  group(name: string): string {
    return this.topicPrefix + name;
  }

  /** Every topic the platform needs — the catalog's and the dead-letter topic — by physical name, as they should be created. */
  topicSpecs(options: { partitions?: number; replicationFactor?: number; minInsyncReplicas?: number } = {}): TopicSpec[] {
    return [...catalogTopics(), DEAD_LETTER_TOPIC].map((name) => ({
      name: this.topic(name),
      partitions: options.partitions ?? 6,
      ...(options.replicationFactor !== undefined ? { replicationFactor: options.replicationFactor } : {}),
      ...(options.minInsyncReplicas !== undefined ? { minInsyncReplicas: options.minInsyncReplicas } : {}),
    }));
  }

  /** Creates every catalog topic and the dead-letter topic, if missing. */
  async ensureTopics(options: { partitions?: number; replicationFactor?: number; minInsyncReplicas?: number } = {}): Promise<void> {
    await this.adapter.ensureTopics(this.topicSpecs(options));
  }

  /** What every topic of {@link topicSpecs} is like now (creates nothing). */
  describeTopics(): Promise<TopicState[]> {
    return this.adapter.describeTopics(this.topicSpecs().map((t) => t.name));
  }

  get kind(): BusAdapter['kind'] {
    return this.adapter.kind;
  }

  /**
   * Publishes events; resolves when all are durably stored. Invalid events are refused before
   * anything is sent. They carry the current trace (if any) as `ce_traceparent`.
   */
  async publish(events: CloudEvent[]): Promise<void> {
    for (const event of events) assertValid(event);
    const traceparent = traceparentOf();
    await this.publishTrusted(events, traceparent ? events.map(() => traceparent) : undefined);
  }

  /**
   * Publishes events already validated (the outbox relay validated them when they were written);
   * `traceparents[i]`, when given, travels with `events[i]` as `ce_traceparent`.
   */
  async publishTrusted(events: CloudEvent[], traceparents?: (string | undefined)[]): Promise<void> {
    const items = events.map((event, i) => ({ event, traceparent: traceparents?.[i] }));
    const byTopic = groupBy(items, (item) => topicOf(item.event.type));
    await Promise.all(
      [...byTopic].map(([topic, group]) =>
        this.adapter.produce(
          this.topic(topic),
          group.map((item) => toWire(item.event, item.traceparent)),
        ),
      ),
    );
  }

  /**
   * Subscribes a consumer group; see {@link SubscribeOptions}. Undecodable or schema-invalid messages
   * go to the dead-letter topic at once. When the handler rejects a batch, each of its events is then
   * tried alone, in order: an event the handler still rejects after `maxAttempts` attempts in all
   * (the batch's counts; at least one alone) goes to the dead-letter topic with the reason
   * `handler failed N times: <error class and code>`, and the events after it — the same key's
   * included — are applied after it, so the partition goes on. Failures that say nothing about the
   * event ({@link isTransientError}: the database unreachable, a serialization failure) are never
   * counted: the batch is given back and comes again, for as long as it takes.
   *
   * Attempts are counted in memory, within one delivery of the batch: a consumer that restarts (or a
   * partition that moves to another member) counts from zero again — the event is then tried up to
   * `maxAttempts` more times before it is dead-lettered. Nothing is lost; it is only later.
   */
  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new RangeError(`maxAttempts must be a whole number ≥ 1 (got ${maxAttempts})`);
    const retryDelayMs = options.retryDelayMs ?? 200;
    const deadLetter = (record: WireRecord, reason: string): WireMessage => {
      this.deadLetters?.inc({ group: this.group(options.group), reason: deadLetterCategory(reason) });
      return deadLetterMessage(record, reason);
    };
    const deadLetterMessage = (record: WireRecord, reason: string): WireMessage => ({
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        [DLQ_HEADERS.reason]: reason,
        [DLQ_HEADERS.topic]: record.topic,
        [DLQ_HEADERS.partition]: String(record.partition),
        [DLQ_HEADERS.offset]: record.offset,
        [DLQ_HEADERS.group]: options.group,
      },
    });
    /** Throws what gives the batch back to the adapter (it comes again); its message names no data. */
    const giveBack = (err: unknown, why: string): never => {
      throw new Error(`${why} (${describeError(err)}); batch given back`);
    };
    const attempt = async (events: ReceivedEvent[], control: BatchControl): Promise<unknown> => {
      try {
        await options.handler(events);
        return undefined;
      } catch (err) {
        if (!control.isActive()) giveBack(err, 'handler failed while the consumer was stopping or rebalancing');
        if (isTransientError(err)) giveBack(err, 'handler failed on a transient error');
        return err ?? new Error('handler rejected without a reason');
      }
    };
    /** Applies one event alone until it succeeds or has had its attempts; then dead-letters it. */
    const applyAlone = async (
      item: { received: ReceivedEvent; record: WireRecord },
      control: BatchControl,
      tried: number,
      lastError?: unknown,
    ) => {
      let attempts = tried;
      let error = lastError;
      if (error === undefined) {
        attempts++;
        error = await attempt([item.received], control);
        if (error === undefined) return;
      }
      while (attempts < maxAttempts) {
        await sleep(backoffDelay(attempts, { initialMs: retryDelayMs }));
        await control.heartbeat();
        attempts++;
        error = await attempt([item.received], control);
        if (error === undefined) return;
      }
      if (!control.isActive()) giveBack(error, 'consumer stopping');
      await this.adapter.produce(this.topic(DEAD_LETTER_TOPIC), [
        deadLetter(item.record, `handler failed ${attempts} times: ${describeError(error)}`),
      ]);
    };
    /** Applies a batch's valid events and dead-letters the undecodable ones. */
    const handle = async (
      good: { received: ReceivedEvent; record: WireRecord }[],
      dead: WireMessage[],
      control: BatchControl,
    ): Promise<void> => {
      // Dead letters first: once the batch is committed, they must already be safe elsewhere.
      if (dead.length > 0) await this.adapter.produce(this.topic(DEAD_LETTER_TOPIC), dead);
      if (good.length === 0) return;
      const error = await attempt(
        good.map((g) => g.received),
        control,
      );
      if (error === undefined) return;
      if (good.length === 1) return applyAlone(good[0]!, control, 1, error);
      // Which event fails? Each alone, in order, so that one key's events keep their order.
      for (const item of good) {
        await control.heartbeat();
        await applyAlone(item, control, 1);
      }
    };
    this.groups.set(
      this.group(options.group),
      options.topics.map((t) => this.topic(t)),
    );
    return this.adapter.consume({
      group: this.group(options.group),
      topics: options.topics.map((t) => this.topic(t)),
      fromBeginning: options.fromBeginning ?? true,
      onBatch: async (records, control) => {
        const good: { received: ReceivedEvent; record: WireRecord }[] = [];
        const dead: WireMessage[] = [];
        // One consumer span per traced event, child of the producer's (the relay's) span.
        const spans: Span[] = [];
        let single: Context | undefined;
        for (const record of records) {
          const decoded = fromWire(record);
          if (decoded.ok) {
            const received: ReceivedEvent = {
              event: decoded.event,
              topic: record.topic,
              partition: record.partition,
              offset: record.offset,
            };
            if (decoded.traceparent) {
              const span = tracer().startSpan(
                `process ${record.topic}`,
                {
                  kind: SpanKind.CONSUMER,
                  attributes: {
                    'messaging.system': this.adapter.kind,
                    'messaging.destination.name': record.topic,
                    'messaging.consumer.group.name': this.group(options.group),
                    'messaging.message.id': decoded.event.id,
                    'messaging.destination.partition.id': String(record.partition),
                  },
                },
                contextOf(decoded.traceparent),
              );
              spans.push(span);
              single = trace.setSpan(ROOT_CONTEXT, span);
              received.traceparent = traceparentOf(single);
            }
            good.push({ received, record });
          } else {
            dead.push(deadLetter(record, decoded.reason));
          }
        }
        if (spans.length === 0) return handle(good, dead, control);
        try {
          // A batch of one traced event runs in its span, so what the handler writes (outbox rows) joins the trace.
          return await (spans.length === 1 && good.length === 1
            ? context.with(single!, () => handle(good, dead, control))
            : handle(good, dead, control));
        } catch (err) {
          for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(err) });
          throw err;
        } finally {
          for (const span of spans) span.end();
        }
      },
    });
  }

  /** Events of `topics` (catalog names) that consumer group `group` has not handled yet. */
  lag(group: string, topics: string[]): Promise<number> {
    return this.adapter.lag(
      this.group(group),
      topics.map((t) => this.topic(t)),
    );
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
