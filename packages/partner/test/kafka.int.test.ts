import { randomUUID } from 'node:crypto';
import { uniqueName, waitFor } from '@liaison/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiaisonEvent } from '../src/index.ts';
import { memoryProcessedEvents, startLiaisonConsumer } from '../src/kafka.ts';

const created = (recipient: string, sender = 'center') => {
  const referralId = randomUUID();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/agencies/${sender}`,
    type: 'jp.liaison.referral.created.v1',
    subject: referralId,
    time: new Date().toISOString(),
    partitionkey: referralId,
    data: { referralId, sender, recipient, kind: 'referral', category: 'R01', status: 'requested', createdAt: new Date().toISOString() },
  };
};
type Ev = ReturnType<typeof created>;
/** Binary content mode, as the platform publishes. */
const binary = (e: Ev) => ({
  key: e.partitionkey,
  value: JSON.stringify(e.data),
  headers: {
    ...Object.fromEntries(
      Object.entries(e)
        .filter(([k]) => k !== 'data')
        .map(([k, v]) => [`ce_${k}`, String(v)]),
    ),
    'content-type': 'application/json',
  },
});
/** Structured content mode, as another producer may send. */
const structured = (e: Ev) => ({
  key: e.partitionkey,
  value: JSON.stringify(e),
  headers: { 'content-type': 'application/cloudevents+json' },
});

// A body's own consumer group on the real broker: both CloudEvents modes, the body's events only,
// each event once even when delivered twice, poison messages to the body's own dead-letter topic.
describe('startLiaisonConsumer (Kafka)', () => {
  const prefix = `${uniqueName('partner')}.`;
  let kafka: Kafka;
  const producer = () => kafka.producer();

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'partner-test', brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    // One partition: a sentinel produced last is consumed last.
    await admin.createTopics({
      waitForLeaders: true,
      topics: ['liaison.referrals', 'sia.dlq'].map((t) => ({ topic: `${prefix}${t}`, numPartitions: 1, replicationFactor: 1 })),
    });
    await admin.disconnect();
  });
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [`${prefix}liaison.referrals`, `${prefix}sia.dlq`] }).catch(() => {});
    await admin.disconnect();
  });

  it('hands the body each of its events once, skips others, and dead-letters poison with the reason', async () => {
    const forSia = created('sia');
    const forSiaStructured = created('sia', 'hotline');
    const forHotline = created('hotline', 'tokyo');
    const sentinel = created('sia');
    const p = producer();
    await p.connect();
    await p.send({
      topic: `${prefix}liaison.referrals`,
      messages: [
        binary(forSia),
        binary(forSia), // delivered twice
        structured(forSiaStructured),
        binary(forHotline),
        binary({ ...created('sia'), data: { ...created('sia').data, category: 'not a code' } }),
        { key: 'x', value: 'not json', headers: { ce_specversion: '1.0' } },
        binary(sentinel),
      ],
    });
    await p.disconnect();

    const handled: LiaisonEvent[] = [];
    const invalid: string[] = [];
    const processed = memoryProcessedEvents();
    const groupId = `${prefix}sia.case-system`;
    const consumer = await startLiaisonConsumer({
      brokers: inject('kafkaBrokers'),
      groupId,
      topicPrefix: prefix,
      topics: ['liaison.referrals'],
      fromBeginning: true,
      forBody: 'sia',
      processed,
      deadLetterTopic: `${prefix}sia.dlq`,
      handle: async (event) => void handled.push(event),
      onInvalid: (reason) => void invalid.push(reason),
    });
    try {
      await waitFor('the sentinel event', () => handled.some((e) => e.id === sentinel.id), 60_000);
    } finally {
      await consumer.stop();
    }
    expect(handled.map((e) => e.id)).toEqual([forSia.id, forSiaStructured.id, sentinel.id]);
    expect(handled[1]).toMatchObject({
      type: 'jp.liaison.referral.created.v1',
      partitionkey: forSiaStructured.partitionkey,
      data: { recipient: 'sia', sender: 'hotline' },
    });
    expect(invalid).toEqual([expect.stringContaining('data.category'), 'value is not JSON']);

    // The dead letters, bytes unchanged, with where they came from and why.
    const dead: { value: string; headers: Record<string, string> }[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}dlq-reader` });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}sia.dlq`, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void dead.push({
          value: message.value!.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        }),
    });
    try {
      await waitFor('two dead letters', () => dead.length === 2, 60_000);
    } finally {
      await reader.disconnect();
    }
    expect(dead[1]).toMatchObject({
      value: 'not json',
      headers: {
        liaison_dlq_reason: 'value is not JSON',
        liaison_dlq_topic: `${prefix}liaison.referrals`,
        liaison_dlq_group: groupId,
        liaison_dlq_partition: '0',
      },
    });
    expect(dead[0]!.headers.liaison_dlq_reason).toContain('data.category');

    // The group committed as it went: a restart (even with a fresh memory) hands nothing old again.
    const later = created('sia');
    const q = producer();
    await q.connect();
    await q.send({ topic: `${prefix}liaison.referrals`, messages: [binary(later)] });
    await q.disconnect();
    const again: LiaisonEvent[] = [];
    const restarted = await startLiaisonConsumer({
      brokers: inject('kafkaBrokers'),
      groupId,
      topicPrefix: prefix,
      topics: ['liaison.referrals'],
      fromBeginning: true,
      forBody: 'sia',
      handle: async (e) => void again.push(e),
    });
    try {
      await waitFor('the event produced after the restart', () => again.some((e) => e.id === later.id), 60_000);
    } finally {
      await restarted.stop();
    }
    expect(again.map((e) => e.id)).toEqual([later.id]);
  });
});
