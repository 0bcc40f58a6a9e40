export {
  catalogTopics,
  consumerTopics,
  DEAD_LETTER_TOPIC,
  declaredConsumers,
  eventCatalog,
  type EventData,
  type EventType,
} from './catalog.ts';
export {
  assertValid,
  type CloudEvent,
  EventValidationError,
  fromWire,
  makeEvent,
  STRUCTURED_CONTENT_TYPE,
  toStructuredWire,
  toWire,
  topicOf,
  validateEvent,
  type WireMessage,
  type WireRecord,
} from './envelope.ts';
export {
  type BatchControl,
  type BusAdapter,
  DEFAULT_MAX_ATTEMPTS,
  deadLetterCategory,
  DLQ_HEADERS,
  EventBus,
  type PartitionLag,
  type ReceivedEvent,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
  type TopicState,
} from './bus.ts';
export { backoffDelay, type BackoffOptions, retryWithBackoff, type RetryOptions } from './backoff.ts';
export { describeError, isTransientError } from './handler-errors.ts';
export { appendToOutbox, idempotentHandler, outboxRow, outboxShape, OutboxRelay, type OutboxRelayOptions } from './outbox.ts';
export { partitionFor } from './partition.ts';
export type { CaseFactV1, EventDataByType, ReferralCreatedV1, ReferralStatusChangedV1 } from './generated/events.ts';
export { type BusConfig, createEventBus } from './factory.ts';
export { pglogMigrations } from './pglog/index.ts';
export { defineInbox, defineOutbox, type InboxTable, type OutboxTable } from './schema.ts';
export { concernedBodies } from './concerns.ts';
