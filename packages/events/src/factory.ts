import type { Pool } from '@liaison/db';
import { EventBus } from './bus.ts';
import { KafkaAdapter, type KafkaAdapterOptions } from './kafka/index.ts';
import { PgLogAdapter, type PgLogAdapterOptions } from './pglog/index.ts';

export type BusConfig =
  | ({ kind: 'kafka'; topicPrefix?: string } & KafkaAdapterOptions)
  | ({ kind: 'pglog'; topicPrefix?: string; pool: Pool } & Omit<PgLogAdapterOptions, 'pool'>);

/** Builds the event bus for a configuration: Kafka when brokers are given, else the Postgres log. Connects lazily. */
export function createEventBus(config: BusConfig): EventBus {
  const { topicPrefix, ...rest } = config;
  if (rest.kind === 'kafka') {
    const { kind: _k, ...kafka } = rest;
    return new EventBus(new KafkaAdapter(kafka), topicPrefix);
  }
  const { kind: _k, ...pglog } = rest;
  return new EventBus(new PgLogAdapter(pglog), topicPrefix);
}
