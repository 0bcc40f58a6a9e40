import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { EventDataByType } from './generated/events.ts';

/** The folder holding one JSON Schema per event type and version: the single source of truth. */
export const eventSchemasDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/events');

export type EventType = keyof EventDataByType;
export type EventData<T extends EventType = EventType> = EventDataByType[T];

export interface EventTypeSpec {
  type: EventType;
  topic: string;
  aggregate: string;
  schemaId: string;
  validate: ValidateFunction;
}

interface SchemaFile {
  $id: string;
  'x-liaison': { type: string; topic: string; aggregate: string };
}

/** Reads every schema file of `dir` (sorted by name). Exported for the type generator. */
export function readEventSchemas(dir = eventSchemasDir): (SchemaFile & Record<string, unknown>)[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(resolve(dir, f), 'utf8')));
}

// ajv-formats is CommonJS with a default export.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

function buildCatalog(): Map<string, EventTypeSpec> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addKeyword('x-liaison');
  addFormats(ajv);
  const catalog = new Map<string, EventTypeSpec>();
  for (const schema of readEventSchemas()) {
    const meta = schema['x-liaison'];
    catalog.set(meta.type, {
      type: meta.type as EventType,
      topic: meta.topic,
      aggregate: meta.aggregate,
      schemaId: schema.$id,
      validate: ajv.compile(schema),
    });
  }
  return catalog;
}

let cached: Map<string, EventTypeSpec> | undefined;

/** The event catalog, compiled once on first use. */
export function eventCatalog(): Map<string, EventTypeSpec> {
  cached ??= buildCatalog();
  return cached;
}

/** Every topic some event type is published on. */
export function catalogTopics(): string[] {
  return [...new Set([...eventCatalog().values()].map((s) => s.topic))].sort();
}

/** The topic invalid messages are moved to, with their reason. */
export const DEAD_LETTER_TOPIC = 'liaison.dlq';

/** The AsyncAPI document of the bus: topics, and who consumes which (receive operations). */
export const asyncApiPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/asyncapi.json');

interface AsyncApiDocument {
  channels: Record<string, { address: string }>;
  operations: Record<string, { action: 'send' | 'receive'; channel: { $ref: string }; 'x-liaison-consumer'?: string }>;
}

let consumers: Map<string, string[]> | undefined;

/**
 * Every consumer declared in `schemas/asyncapi.json` and the topics it reads: the receive operations
 * that carry `x-liaison-consumer`, one per consumer and channel. This is the one place that says
 * who consumes which topic; the services take their topic lists from it ({@link consumerTopics}).
 */
export function declaredConsumers(): Map<string, string[]> {
  if (consumers) return consumers;
  const doc = JSON.parse(readFileSync(asyncApiPath, 'utf8')) as AsyncApiDocument;
  const found = new Map<string, string[]>();
  for (const [id, op] of Object.entries(doc.operations)) {
    const consumer = op['x-liaison-consumer'];
    if (consumer === undefined) continue;
    if (op.action !== 'receive') throw new Error(`schemas/asyncapi.json: operation ${id} names consumer ${consumer} but does not receive`);
    const channel = /^#\/channels\/([^/]+)$/.exec(op.channel.$ref)?.[1];
    const address = channel === undefined ? undefined : doc.channels[channel]?.address;
    if (address === undefined) throw new Error(`schemas/asyncapi.json: operation ${id} refers to an unknown channel ${op.channel.$ref}`);
    const topics = found.get(consumer) ?? [];
    if (!topics.includes(address)) topics.push(address);
    found.set(consumer, topics);
  }
  consumers = found;
  return found;
}

/**
 * The topics (catalog names, before any prefix) consumer `consumer` reads, as declared in
 * `schemas/asyncapi.json`. Throws for a consumer that is not declared there.
 */
export function consumerTopics(consumer: string): string[] {
  const topics = declaredConsumers().get(consumer);
  if (!topics)
    throw new Error(
      `consumer ${consumer} is not declared in schemas/asyncapi.json (a receive operation with "x-liaison-consumer": "${consumer}")`,
    );
  return [...topics];
}
