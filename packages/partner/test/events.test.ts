import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concernedBodies, decodeKafkaRecord, eventTopics } from '../src/index.ts';

const referralId = randomUUID();
const data = {
  referralId,
  sender: 'center',
  recipient: 'sia',
  kind: 'referral',
  category: 'R01',
  status: 'requested',
  createdAt: '2026-12-01T01:00:00.000Z',
};
const attrs = {
  specversion: '1.0',
  id: randomUUID(),
  source: '/agencies/center',
  type: 'jp.liaison.referral.created.v1',
  subject: referralId,
  time: '2026-12-01T01:00:00.000Z',
  partitionkey: referralId,
};

describe('decoding Kafka records', () => {
  it('reads binary mode (ce_ headers, data as the value), as the platform publishes', () => {
    const headers = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`ce_${k}`, Buffer.from(v)]));
    const decoded = decodeKafkaRecord({
      key: Buffer.from(referralId),
      headers: { ...headers, 'content-type': Buffer.from('application/json') },
      value: Buffer.from(JSON.stringify(data)),
    });
    expect(decoded).toEqual({ ok: true, event: expect.objectContaining({ ...attrs, data }) });
  });

  it('reads structured mode (application/cloudevents+json, the whole event as the value), with the key as partition key', () => {
    const { partitionkey: _, ...rest } = attrs;
    const decoded = decodeKafkaRecord({
      key: referralId,
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      value: JSON.stringify({ ...rest, data }),
    });
    expect(decoded).toEqual({ ok: true, event: expect.objectContaining({ id: attrs.id, partitionkey: referralId, data }) });
  });

  it('says why a record is not a valid event', () => {
    const bin = (d: unknown, extra: Record<string, string> = {}) =>
      decodeKafkaRecord({
        key: null,
        headers: { ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`ce_${k}`, v])), ...extra },
        value: JSON.stringify(d),
      });
    expect(bin({ ...data, category: 'R1' })).toMatchObject({ ok: false, reason: expect.stringContaining('data.category') });
    expect(bin({ ...data, name: '山田' })).toMatchObject({ ok: false, reason: expect.stringContaining('additional properties') });
    expect(bin(data, { ce_type: 'jp.liaison.nothing.v9' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unknown event type'),
    });
    expect(decodeKafkaRecord({ key: null, headers: {}, value: '{}' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a CloudEvent'),
    });
    expect(decodeKafkaRecord({ key: null, headers: { ce_specversion: '1.0' }, value: 'not json' })).toEqual({
      ok: false,
      reason: 'value is not JSON',
    });
  });

  it('knows the topic of every event type', () => {
    expect(eventTopics['jp.liaison.referral.created.v1']).toBe('liaison.referrals');
    expect(eventTopics['jp.liaison.consent.revoked.v1']).toBe('liaison.cases');
  });

  it('tells which bodies an event concerns', () => {
    const event = { ...attrs, data } as Parameters<typeof concernedBodies>[0];
    expect(concernedBodies(event).sort()).toEqual(['center', 'sia']);
    expect(concernedBodies({ ...event, data: { ...data, status: 'draft' } } as typeof event)).toEqual([]);
  });
});
