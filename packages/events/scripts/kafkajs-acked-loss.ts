// Reproduction: kafkajs 2.2.4's producer acknowledges records it never stored when a partition
// leader is SIGKILLed during sends, on a three-node cluster (RF 3, min.insync.replicas 2, acks=all).
//
//   pnpm --filter @liaison/events exec tsx scripts/kafkajs-acked-loss.ts            # kafkajs as configured before
//   pnpm --filter @liaison/events exec tsx scripts/kafkajs-acked-loss.ts --adapter  # through KafkaAdapter
//
// Each round SIGKILLs the leader of one partition while sends of 30 records (keys spread over all
// partitions) go on, restarts it 20 s later, and at the end every record on the topic is read back.
// "acknowledged but lost" counts records whose send resolved and that no reader can ever find.
// Needs Java 17 and Maven (infra/kafka); starts and stops its own cluster on loopback.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafka } from '@liaison/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { KafkaAdapter } from '../src/kafka/index.ts';

const viaAdapter = process.argv.includes('--adapter');
const rounds = Number(process.env['ROUNDS'] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'kafkajs-loss-'));
const t0 = Date.now();
const log = (m: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${m}`);

const cluster = await startKafka({ nodes: 3, dir, heap: '-Xms128m -Xmx384m' });
try {
  const kafka = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000 });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `loss-${randomUUID()}`;
  const adapter = new KafkaAdapter({ brokers: cluster.brokers, log: () => {} });
  // Created by the adapter, which waits for the leaders of a fresh three-node cluster itself.
  await adapter.ensureTopics([{ name: topic, partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 }]);

  // The producer as the adapter had it before: idempotent, one send for the whole batch.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 6, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  if (!viaAdapter) await producer.connect();
  const send = (messages: { key: string; value: string }[]) =>
    viaAdapter
      ? adapter.produce(
          topic,
          messages.map((m) => ({ key: m.key, headers: {}, value: Buffer.from(m.value) })),
        )
      : producer.send({ topic, acks: -1, messages }).then(() => {});

  const acknowledged = new Set<string>();
  let failedSends = 0;
  let running = true;
  const sender = (async () => {
    while (running) {
      const messages = Array.from({ length: 30 }, () => {
        const id = randomUUID();
        return { key: id, value: id };
      });
      try {
        await send(messages);
        for (const m of messages) acknowledged.add(m.value);
      } catch {
        failedSends++; // not acknowledged: the caller knows and sends again (the relay does)
      }
    }
  })();

  for (let round = 1; round <= rounds; round++) {
    await new Promise((r) => setTimeout(r, 4000));
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const leader = meta.topics[0]!.partitions.find((p) => p.partitionId === round % 3)!.leader;
    process.kill(Number(readFileSync(join(dir, `node${leader}`, 'pid'), 'utf8')), 'SIGKILL');
    log(`round ${round}: SIGKILL node ${leader}, leader of partition ${round % 3} (${acknowledged.size} acknowledged so far)`);
    await new Promise((r) => setTimeout(r, 20_000));
    await cluster.start();
    log(`round ${round}: node ${leader} started again`);
  }
  await new Promise((r) => setTimeout(r, 5000));
  running = false;
  await sender;
  await producer.disconnect().catch(() => {});
  await adapter.close();

  const ends = await admin.fetchTopicOffsets(topic);
  const stored = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  const consumer = kafka.consumer({ groupId: `read-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const found = new Set<string>();
  let read = 0;
  await consumer.run({
    eachMessage: async ({ message }) => {
      read++;
      found.add(message.value!.toString());
    },
  });
  const deadline = Date.now() + 120_000;
  while (read < stored && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  await admin.disconnect();
  const lost = [...acknowledged].filter((id) => !found.has(id));
  log(
    `${viaAdapter ? 'KafkaAdapter (one send per partition, not idempotent)' : 'kafkajs (idempotent, one send per batch)'}: ` +
      `${acknowledged.size} acknowledged, ${read} records read back (${read - found.size} duplicates), ${failedSends} sends failed (not acknowledged); ` +
      `ACKNOWLEDGED BUT LOST: ${lost.length}`,
  );
  process.exitCode = lost.length > 0 ? 1 : 0;
} finally {
  await cluster.destroy();
}
