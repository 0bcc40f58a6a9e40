import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderEventTypes } from '../src/codegen.ts';
import {
  assertValid,
  catalogTopics,
  consumerTopics,
  DEAD_LETTER_TOPIC,
  declaredConsumers,
  eventCatalog,
  EventValidationError,
  fromWire,
  makeEvent,
  outboxRow,
  toStructuredWire,
  toWire,
} from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const data = () => ({
  referralId: randomUUID(),
  sender: 'center',
  recipient: 'sia',
  kind: 'referral' as const,
  category: 'R01',
  status: 'requested' as const,
  createdAt: new Date().toISOString(),
});

describe('CloudEvents envelope', () => {
  it('travels in binary mode: ce_ headers, JSON data, key = partition key = subject', () => {
    const d = data();
    const event = makeEvent({ type: 'jp.liaison.referral.created.v1', source: '/agencies/center', subject: d.referralId, data: d });
    const wire = toWire(event);
    expect(wire.key).toBe(d.referralId);
    expect(wire.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'jp.liaison.referral.created.v1',
      ce_source: '/agencies/center',
      ce_subject: d.referralId,
      ce_partitionkey: d.referralId,
      ce_id: event.id,
      'content-type': 'application/json',
    });
    expect(JSON.parse(wire.value.toString())).toEqual(d);
    expect(fromWire(wire)).toEqual({ ok: true, event });
  });

  it('accepts structured mode too: the whole event as JSON, content-type application/cloudevents+json', () => {
    const d = data();
    const event = makeEvent({ type: 'jp.liaison.referral.created.v1', source: '/agencies/center', subject: d.referralId, data: d });
    const wire = toStructuredWire(event);
    expect(wire.headers).toEqual({ 'content-type': 'application/cloudevents+json; charset=UTF-8' });
    expect(wire.key).toBe(d.referralId);
    // The same event as binary mode gives, whichever mode it came in.
    expect(fromWire(wire)).toEqual({ ok: true, event });
    expect(fromWire(wire)).toEqual(fromWire(toWire(event)));
    // A producer that writes the media type without parameters, or in capitals, or leaves out
    // datacontenttype (JSON is the JSON format's default), or sends data as data_base64.
    const { datacontenttype: _omitted, data: _data, ...attributes } = event;
    const variants = [
      { key: event.partitionkey, headers: { 'content-type': 'application/cloudevents+json' }, value: Buffer.from(JSON.stringify(event)) },
      {
        key: event.partitionkey,
        headers: { 'content-type': 'Application/CloudEvents+JSON; charset=utf-8' },
        value: Buffer.from(JSON.stringify(event)),
      },
      {
        key: event.partitionkey,
        headers: { 'content-type': 'application/cloudevents+json' },
        value: Buffer.from(JSON.stringify({ ...attributes, data: d })),
      },
      {
        key: event.partitionkey,
        headers: { 'content-type': 'application/cloudevents+json' },
        value: Buffer.from(JSON.stringify({ ...attributes, data_base64: Buffer.from(JSON.stringify(d)).toString('base64') })),
      },
    ];
    for (const v of variants) expect(fromWire(v)).toEqual({ ok: true, event });
    // The partition key falls back to the message key, as in binary mode.
    const { partitionkey: _pk, ...withoutKey } = event;
    expect(fromWire({ ...wire, value: Buffer.from(JSON.stringify(withoutKey)) })).toEqual({ ok: true, event });
  });

  it('refuses structured messages it cannot read, with a reason that quotes no data', () => {
    const d = data();
    const event = makeEvent({ type: 'jp.liaison.referral.created.v1', source: '/agencies/center', subject: d.referralId, data: d });
    const structured = (value: unknown, contentType = 'application/cloudevents+json') => ({
      key: event.partitionkey,
      headers: { 'content-type': contentType },
      value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    });
    const reason = (m: ReturnType<typeof structured>) => {
      const r = fromWire(m);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason(structured('{not json'))).toBe('value is not JSON');
    expect(reason(structured([event]))).toBe('structured event: value is not a JSON object');
    expect(reason(structured({ ...event, specversion: '0.3' }))).toBe('not a CloudEvent: specversion missing or not 1.0');
    expect(reason(structured({ ...event, datacontenttype: 'text/plain' }))).toBe('unsupported datacontenttype text/plain');
    expect(reason(structured([event], 'application/cloudevents-batch+json'))).toBe(
      'unsupported structured format application/cloudevents-batch+json (only application/cloudevents+json)',
    );
    expect(reason(structured({ ...event, data: { ...d, recipient: '山田花子' } }))).toMatch(/^schema: data\.recipient: must match pattern/);
    expect(reason(structured({ ...event, data: { ...d, recipient: '山田花子' } }))).not.toContain('山田');
    // Binary mode with a content type that is not JSON is refused as before.
    expect(fromWire({ ...toWire(event), headers: { ...toWire(event).headers, 'content-type': 'text/plain' } })).toEqual({
      ok: false,
      reason: 'unsupported content-type text/plain',
    });
  });

  it('refuses an event whose data breaks its schema, naming the fields (before the outbox or the bus)', () => {
    const bad = { ...data(), category: 'personal name', extra: 'free text' };
    const event = makeEvent({
      type: 'jp.liaison.referral.created.v1',
      source: '/agencies/center',
      subject: bad.referralId,
      data: bad as never,
    });
    expect(() => assertValid(event)).toThrowError(EventValidationError);
    expect(() => outboxRow(event)).toThrowError(EventValidationError);
    let problems: string[] = [];
    try {
      assertValid(event);
    } catch (err) {
      problems = (err as EventValidationError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        'data.category: must match pattern "^[RIHBCPZ][0-9]{2}$"',
        'data: must NOT have additional properties (extra)',
      ]),
    );
  });

  it('refuses a source that is not a council body', () => {
    const d = data();
    const event = makeEvent({ type: 'jp.liaison.referral.created.v1', source: 'https://evil', subject: d.referralId, data: d });
    expect(() => assertValid(event)).toThrow(/source: must be \/agencies\/\{code\}/);
  });
});

describe('schemas are the single source', () => {
  it('the committed TypeScript types are what `pnpm gen` writes from schemas/events', async () => {
    const committed = readFileSync(resolve(here, '../src/generated/events.ts'), 'utf8');
    expect(committed).toBe(await renderEventTypes());
  });

  it('the AsyncAPI document names every catalogued topic and event type', () => {
    const doc = JSON.parse(readFileSync(resolve(here, '../../../schemas/asyncapi.json'), 'utf8'));
    expect(doc.asyncapi).toMatch(/^3\./);
    const addresses = Object.values(doc.channels as Record<string, { address: string }>).map((c) => c.address);
    for (const topic of catalogTopics()) expect(addresses).toContain(topic);
    expect(addresses).toContain('liaison.dlq');
    const messageNames = Object.values(doc.components.messages as Record<string, { name: string }>).map((m) => m.name);
    for (const type of eventCatalog().keys()) expect(messageNames).toContain(type);
  });

  it('the AsyncAPI document is the one declaration of who consumes which topic', () => {
    const consumers = declaredConsumers();
    // The consumers of the platform's services (the statistics projector is declared ahead of its service).
    expect([...consumers.keys()].sort()).toEqual(['gateway.live', 'notifier.fan-out', 'referrals.inbox-projector', 'stats.projector']);
    expect(consumerTopics('referrals.inbox-projector')).toEqual(['liaison.referrals']);
    expect(consumerTopics('notifier.fan-out').sort()).toEqual([
      'liaison.cases',
      'liaison.deadlines',
      'liaison.referrals',
      'liaison.webhooks',
    ]);
    expect(consumerTopics('gateway.live').sort()).toEqual(['liaison.cases', 'liaison.deadlines', 'liaison.referrals']);
    // Every topic a consumer reads is one the catalog publishes on (or the dead-letter topic).
    const known = new Set([...catalogTopics(), DEAD_LETTER_TOPIC]);
    for (const [consumer, topics] of consumers)
      for (const topic of topics) expect(known.has(topic), `${consumer} reads ${topic}`).toBe(true);
    expect(() => consumerTopics('nobody.reads')).toThrow(/consumer nobody\.reads is not declared in schemas\/asyncapi\.json/);
    // Each declaring operation documents its group as AsyncAPI's Kafka binding does: the name itself,
    // or for the gateway's per-process groups a pattern the name and a random id match.
    const doc = JSON.parse(readFileSync(resolve(here, '../../../schemas/asyncapi.json'), 'utf8'));
    for (const op of Object.values(
      doc.operations as Record<
        string,
        { 'x-liaison-consumer'?: string; bindings?: { kafka?: { groupId?: { const?: string; pattern?: string } } } }
      >,
    )) {
      const consumer = op['x-liaison-consumer'];
      if (!consumer) continue;
      const groupId = op.bindings?.kafka?.groupId;
      if (groupId?.pattern) expect(`${consumer}.${randomUUID()}`).toMatch(new RegExp(groupId.pattern));
      else expect(groupId?.const).toBe(consumer);
    }
  });
});
