import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { eventSchemas } from './generated/event-schemas.ts';
import type { EventDataByType } from './generated/events.ts';

export type * from './generated/events.ts';

/** Every event type Liaison publishes, e.g. `jp.liaison.referral.created.v1`. */
export type EventType = keyof EventDataByType;

/** A Liaison event of type `T`: CloudEvents 1.0.2, JSON data, the aggregate id as subject and partition key. */
export interface LiaisonEventOf<T extends EventType> {
  specversion: '1.0';
  id: string;
  /** `/agencies/{code}` of the body on whose behalf it was produced. */
  source: string;
  type: T;
  subject: string;
  time: string;
  datacontenttype?: string;
  dataschema?: string;
  /** The Kafka message key: the aggregate id (one referral's events stay in order). */
  partitionkey: string;
  data: EventDataByType[T];
}

/** Any Liaison event, narrowed by `type` (a discriminated union), or the event of one type. */
export type LiaisonEvent<T extends EventType = EventType> = T extends EventType ? LiaisonEventOf<T> : never;

export type EventCheck = { ok: true; event: LiaisonEvent } | { ok: false; reason: string };

// ajv-formats is CommonJS with a default export.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

let validators: Map<string, ValidateFunction> | undefined;
function validatorOf(type: string): ValidateFunction | undefined {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    ajv.addKeyword('x-liaison');
    addFormats(ajv);
    validators = new Map(eventSchemas.map((s) => [s['x-liaison'].type, ajv.compile(s as object)]));
  }
  return validators.get(type);
}

/** The event types this version of the kit knows, with the topic each travels on. */
export const eventTopics: Record<EventType, string> = Object.fromEntries(
  eventSchemas.map((s) => [s['x-liaison'].type, s['x-liaison'].topic]),
) as Record<EventType, string>;

const SOURCE = /^\/agencies\/[a-z][a-z0-9-]{1,31}$/;

/**
 * Checks a CloudEvent against the published contract: the envelope, and the data against its
 * type's JSON Schema from schemas/events. Never throws; says what is wrong.
 */
export function checkEvent(value: unknown): EventCheck {
  const e = value as Partial<LiaisonEvent> | null;
  if (!e || typeof e !== 'object') return { ok: false, reason: 'not a JSON object' };
  const problems: string[] = [];
  if (e.specversion !== '1.0') problems.push('specversion: must be 1.0');
  for (const attr of ['id', 'source', 'type', 'subject', 'time'] as const)
    if (typeof e[attr] !== 'string' || e[attr] === '') problems.push(`${attr}: required`);
  if (typeof e.source === 'string' && !SOURCE.test(e.source)) problems.push('source: must be /agencies/{code}');
  if (typeof e.time === 'string' && Number.isNaN(Date.parse(e.time))) problems.push('time: not a timestamp');
  const validate = typeof e.type === 'string' ? validatorOf(e.type) : undefined;
  if (typeof e.type === 'string' && !validate)
    problems.push(`type: unknown event type ${JSON.stringify(e.type)} (a newer kit may know it)`);
  if (validate && !validate(e.data)) {
    for (const err of validate.errors ?? []) problems.push(`data${err.instancePath.replaceAll('/', '.')}: ${err.message ?? 'invalid'}`);
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return { ok: true, event: { ...(e as LiaisonEvent), partitionkey: e.partitionkey ?? (e.subject as string) } };
}

/** A Kafka record as any client gives it: key, headers (string or bytes), value bytes. */
export interface KafkaRecord {
  key: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  value: Buffer | string | null;
}

const text = (v: Buffer | string | (Buffer | string)[] | undefined) =>
  v === undefined ? undefined : Array.isArray(v) ? String(v[0]) : String(v);

/**
 * Decodes a Kafka record into a checked event, in either CloudEvents content mode: binary
 * (attributes as `ce_` headers, the data as the value — what Liaison publishes) or structured
 * (`content-type: application/cloudevents+json`, the whole event as the value).
 */
export function decodeKafkaRecord(record: KafkaRecord): EventCheck {
  const headers = Object.fromEntries(Object.entries(record.headers ?? {}).map(([k, v]) => [k.toLowerCase(), text(v)]));
  let value: unknown;
  try {
    value = record.value === null ? null : JSON.parse(String(record.value));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  const key = record.key === null ? undefined : String(record.key);
  if (headers['content-type']?.startsWith('application/cloudevents+json')) {
    return checkEvent({ ...(value as object), partitionkey: (value as { partitionkey?: string })?.partitionkey ?? key });
  }
  if (headers.ce_specversion === undefined)
    return { ok: false, reason: 'not a CloudEvent: no ce_specversion header and not application/cloudevents+json' };
  const attrs: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(headers)) if (name.startsWith('ce_')) attrs[name.slice(3)] = v;
  return checkEvent({
    ...attrs,
    datacontenttype: headers['content-type'] ?? 'application/json',
    partitionkey: attrs.partitionkey ?? key,
    data: value,
  });
}

/**
 * The bodies an event concerns, read from its data: the recipient and sender of a referral, the
 * recipients of a consent revocation, the owner of a webhook endpoint, the secretariat an
 * escalation goes to. Drafts concern nobody but their sender (and are not published).
 */
export function concernedBodies(event: LiaisonEvent): string[] {
  const d = event.data as unknown as Record<string, unknown>;
  if (event.type === 'jp.liaison.referral.created.v1' && d.status === 'draft') return [];
  const one = (k: string) => (typeof d[k] === 'string' ? [d[k] as string] : []);
  const many = Array.isArray(d.recipients) ? (d.recipients as string[]) : [];
  return [
    ...new Set([
      ...one('recipient'),
      ...one('sender'),
      ...many,
      ...one('owner'),
      ...one('escalatedTo'),
      ...one('secretariat'),
      ...one('agency'),
    ]),
  ];
}
