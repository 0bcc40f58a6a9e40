import { join } from 'node:path';
import { type KafkaCluster, startKafka, uniqueName, waitFor } from '@liaison/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus, type ReceivedEvent } from '../src/index.ts';
import { referralEvent } from './helpers.ts';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';

// The production shape of infra/kafka: three KRaft nodes, topics with RF 3 and min.insync.replicas 2.
// One broker is stopped; publishing and consuming go on, and nothing acknowledged is lost.
describe('three-node Kafka (RF 3, min.insync 2)', () => {
  let cluster: KafkaCluster;
  let bus: EventBus;
  const dir = mkdtempSync(join(tmpdir(), 'liaison-k3-'));

  beforeAll(async () => {
    cluster = await startKafka({ nodes: 3, dir, heap: '-Xms128m -Xmx384m' });
    bus = createEventBus({
      kind: 'kafka',
      brokers: cluster.brokers,
      topicPrefix: `${uniqueName('k3')}.`,
      sessionTimeout: 6000,
      log: () => {},
    });
    await bus.ensureTopics({ partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 });
  });
  afterAll(async () => {
    await bus?.close();
    await cluster?.destroy();
  });

  const event = () => referralEvent();

  it('creates topics replicated three times with min.insync.replicas 2', async () => {
    const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topic = bus.topic('liaison.referrals');
    // Brokers learn of a new topic a moment apart: ask until the one asked knows it.
    const meta = await waitFor(
      'the topic metadata',
      () => admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined),
      30000,
      250,
    );
    expect(meta.topics[0]!.partitions.every((p) => p.replicas.length === 3)).toBe(true);
    const configs = await waitFor(
      'the topic config',
      () =>
        admin
          .describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }] })
          .catch(() => undefined),
      30000,
      250,
    );
    expect(configs.resources[0]!.configEntries[0]!.configValue).toBe('2');
    await admin.disconnect();
  });

  it('keeps every acknowledged event, and goes on, with one broker down', async () => {
    const before = Array.from({ length: 100 }, event);
    await bus.publish(before);
    // Stop broker 3 (controlled shutdown: its partitions' leadership moves to the others first).
    // The crash case (SIGKILL, while referrals are created) is services/referrals/test/kafka-sigkill.faults.test.ts.
    await cluster.signal(3, 'SIGTERM');
    const after = Array.from({ length: 100 }, event);
    await bus.publish(after);
    const received: ReceivedEvent[] = [];
    const sub = await bus.subscribe({
      group: uniqueName('k3'),
      topics: ['liaison.referrals'],
      handler: async (e) => void received.push(...e),
    });
    const wanted = new Set([...before, ...after].map((e) => e.id));
    await waitFor('all 200 acknowledged events', () => [...wanted].every((id) => received.some((r) => r.event.id === id)), 90000, 200);
    await sub.stop();
  }, 150_000);
});
