import { randomUUID } from 'node:crypto';
import { type EventData, type EventType, eventCatalog } from './catalog.ts';

/** A CloudEvents 1.0.2 event as Liaison uses it: JSON data, a partition key, a subject. */
export interface CloudEvent<T extends EventType = EventType> {
  specversion: '1.0';
  id: string;
  /** `/agencies/{code}` of the body on whose behalf the event was produced. */
  source: string;
  type: T;
  /** The aggregate id (e.g. the referral id). */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** CloudEvents partitioning extension: the Kafka message key. Always the aggregate id. */
  partitionkey: string;
  data: EventData<T>;
}

/** A message as it travels: key, string headers, raw value bytes. Same shape on Kafka and the Postgres log. */
export interface WireMessage {
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
}

/** A message as a consumer receives it, with where it came from. */
export interface WireRecord extends WireMessage {
  topic: string;
  partition: number;
  offset: string;
}

/** Thrown when an event does not match its schema (on publish) — names the fields. */
export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`event ${eventType} is invalid: ${problems.join('; ')}`);
    this.name = 'EventValidationError';
  }
}

/**
 * Builds a CloudEvent for a catalogued type. Validation against the type's schema happens where the
 * event leaves the caller's hands: {@link appendToOutbox} and `EventBus.publish`.
 */
export function makeEvent<T extends EventType>(input: {
  type: T;
  source: string;
  subject: string;
  data: EventData<T>;
  id?: string;
  time?: Date;
}): CloudEvent<T> {
  const spec = eventCatalog().get(input.type);
  if (!spec) throw new EventValidationError(input.type, ['unknown event type']);
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    subject: input.subject,
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: spec.schemaId,
    partitionkey: input.subject,
    data: input.data,
  };
  return event;
}

/** The topic an event type travels on. */
export function topicOf(type: string): string {
  const spec = eventCatalog().get(type);
  if (!spec) throw new EventValidationError(type, ['unknown event type']);
  return spec.topic;
}

const SOURCE = /^\/agencies\/[a-z][a-z0-9-]{1,31}$/;

/** Returns the problems with an event (envelope and data), or an empty list. */
export function validateEvent(event: CloudEvent): string[] {
  const problems: string[] = [];
  if (event.specversion !== '1.0') problems.push('specversion: must be 1.0');
  for (const attr of ['id', 'source', 'type', 'subject', 'time', 'partitionkey'] as const) {
    if (typeof event[attr] !== 'string' || event[attr].length === 0) problems.push(`${attr}: required`);
  }
  if (typeof event.source === 'string' && !SOURCE.test(event.source)) problems.push('source: must be /agencies/{code}');
  if (typeof event.time === 'string' && Number.isNaN(Date.parse(event.time))) problems.push('time: not a timestamp');
  const spec = eventCatalog().get(event.type);
  if (!spec) {
    problems.push(`type: unknown event type ${JSON.stringify(event.type)}`);
    return problems;
  }
  if (!spec.validate(event.data)) {
    for (const e of spec.validate.errors ?? []) {
      const field = `data${e.instancePath.replaceAll('/', '.')}`;
      const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
      problems.push(`${field}: ${e.message ?? 'invalid'}${extra}`);
    }
  }
  return problems;
}

/** Throws {@link EventValidationError} when the event is not valid. */
export function assertValid(event: CloudEvent): void {
  const problems = validateEvent(event);
  if (problems.length > 0) throw new EventValidationError(event.type, problems);
}

/** A W3C traceparent (version 00) as the CloudEvents distributed-tracing extension carries it. */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * CloudEvents Kafka protocol binding, binary content mode: attributes as `ce_` headers, data as the
 * value; with `traceparent`, the distributed-tracing extension as `ce_traceparent` (the same header
 * on the Postgres log, which stores a message's headers as Kafka does).
 */
export function toWire(event: CloudEvent, traceparent?: string): WireMessage {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    ce_dataschema: event.dataschema,
    ce_partitionkey: event.partitionkey,
    'content-type': event.datacontenttype,
  };
  if (traceparent) headers.ce_traceparent = traceparent;
  return { key: event.partitionkey, headers, value: Buffer.from(JSON.stringify(event.data)) };
}

/** A decoded event, with the trace it belongs to when the producer sent one (CloudEvents distributed-tracing extension). */
export type DecodeResult = { ok: true; event: CloudEvent; traceparent?: string } | { ok: false; reason: string };

/** The media type of a structured-mode message (CloudEvents JSON event format); parameters such as charset may follow. */
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * CloudEvents Kafka protocol binding, structured content mode: the whole event, attributes and data,
 * as one JSON document in the value, `content-type: application/cloudevents+json`. The platform
 * produces binary mode ({@link toWire}); this is what other producers (a partner's Java or Go
 * client, a connector) may send instead, and what tests send to prove consumers accept it.
 */
export function toStructuredWire(event: CloudEvent): WireMessage {
  return {
    key: event.partitionkey,
    headers: { 'content-type': `${STRUCTURED_CONTENT_TYPE}; charset=UTF-8` },
    value: Buffer.from(JSON.stringify(event)),
  };
}

/** The media type of a content-type header, lower-cased, without parameters; safe to quote in a reason. */
function mediaType(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(type) ? type : '(malformed)';
}

/**
 * Decodes and validates a message in either content mode of the CloudEvents Kafka binding, as the
 * binding says every implementation should: structured when its `content-type` starts with
 * `application/cloudevents` (only the JSON event format is accepted), else binary (`ce_` headers, data
 * as the value). Never throws: a bad message yields its reason, which names no data.
 */
export function fromWire(message: WireMessage): DecodeResult {
  const contentType = message.headers['content-type'];
  if (contentType !== undefined && /^\s*application\/cloudevents/i.test(contentType)) {
    const type = mediaType(contentType);
    if (type !== STRUCTURED_CONTENT_TYPE)
      return { ok: false, reason: `unsupported structured format ${type} (only ${STRUCTURED_CONTENT_TYPE})` };
    return fromStructured(message);
  }
  return fromBinary(message);
}

function fromBinary(message: WireMessage): DecodeResult {
  const h = message.headers;
  if (h.ce_specversion !== '1.0') return { ok: false, reason: 'not a CloudEvent: ce_specversion header missing or not 1.0' };
  if (h['content-type'] !== undefined && mediaType(h['content-type']) !== 'application/json') {
    return { ok: false, reason: `unsupported content-type ${mediaType(h['content-type'])}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  return checked(
    {
      id: h.ce_id,
      source: h.ce_source,
      type: h.ce_type,
      subject: h.ce_subject,
      time: h.ce_time,
      dataschema: h.ce_dataschema,
      partitionkey: h.ce_partitionkey ?? message.key ?? undefined,
      data,
    },
    h.ce_traceparent,
  );
}

function fromStructured(message: WireMessage): DecodeResult {
  let doc: unknown;
  try {
    doc = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, reason: 'structured event: value is not a JSON object' };
  const e = doc as Record<string, unknown>;
  if (e.specversion !== '1.0') return { ok: false, reason: 'not a CloudEvent: specversion missing or not 1.0' };
  const dataContentType = e.datacontenttype ?? 'application/json';
  if (typeof dataContentType !== 'string' || mediaType(dataContentType) !== 'application/json') {
    return {
      ok: false,
      reason: `unsupported datacontenttype ${typeof dataContentType === 'string' ? mediaType(dataContentType) : typeof dataContentType}`,
    };
  }
  let data: unknown = e.data;
  if (!('data' in e) && typeof e.data_base64 === 'string') {
    try {
      data = JSON.parse(Buffer.from(e.data_base64, 'base64').toString('utf8'));
    } catch {
      return { ok: false, reason: 'structured event: data_base64 is not JSON' };
    }
  }
  return checked(
    {
      id: e.id,
      source: e.source,
      type: e.type,
      subject: e.subject,
      time: e.time,
      dataschema: e.dataschema,
      partitionkey: e.partitionkey ?? message.key ?? undefined,
      data,
    },
    e.traceparent,
  );
}

/** The event as Liaison holds it, whichever mode it came in, if it is valid. */
function checked(
  attributes: Record<'id' | 'source' | 'type' | 'subject' | 'time' | 'dataschema' | 'partitionkey' | 'data', unknown>,
  traceparent?: unknown,
): DecodeResult {
  const { id, source, type, subject, time, dataschema, partitionkey, data } = attributes;
  const event = {
    specversion: '1.0',
    id,
    source,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    dataschema,
    partitionkey,
    data,
  } as CloudEvent;
  const problems = validateEvent(event);
  if (problems.length > 0) return { ok: false, reason: `schema: ${problems.join('; ')}` };
  // A malformed traceparent is ignored (the event is fine; its trace starts anew).
  return typeof traceparent === 'string' && TRACEPARENT.test(traceparent) ? { ok: true, event, traceparent } : { ok: true, event };
}
