// pnpm bench:bus — throughput and end-to-end latency of the referral event path on a real Kafka
// and Postgres, beside a raw kafkajs batched producer on the same broker in the same run.
//
//   raw       kafkajs idempotent producer, batches of 1000, acks=all: the baseline rate; a kafkajs
//             consumer beside it gives the raw end-to-end latency.
//   relay     N events already in the outbox; the relay publishes them (acks=all) and marks them.
//   e2e       N referrals created concurrently through the domain function (referral, outbox row,
//             audit entry and deadline clocks in one statement, group-committed) with the relay in
//             this process — the referrals service — and SIA's inbox projector in its own process,
//             as in distributed mode: creation to the row in SIA's inbox.
//
// Environment: BENCH_N (default 20000), KAFKA_BROKERS and DATABASE_URL (else started/found as in tests).
import { randomUUID } from 'node:crypto';
import { resolveKafka, resolvePostgresServer, uniqueName } from '@liaison/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { PARTITIONS, relayPath } from './referral-path.ts';

const N = Number(process.env.BENCH_N ?? 20000);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function rawKafka(brokers: string[]): Promise<{ rate: number; e2eRate: number; p50: number; p99: number }> {
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const topic = uniqueName('bench.raw');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: uniqueName('bench-raw'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const latencies: number[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) latencies.push(now - Number(m.headers?.sent?.toString()));
      if (latencies.length >= N) done();
    },
  });
  // A payload of the same size as a referral event, with CloudEvents-like headers.
  const value = Buffer.from(
    JSON.stringify({
      referralId: randomUUID(),
      sender: 'center',
      recipient: 'sia',
      kind: 'referral',
      category: 'R01',
      status: 'requested',
      urgent: false,
      createdAt: new Date().toISOString(),
    }),
  );
  const start = Date.now();
  for (let i = 0; i < N; i += 1000) {
    const sent = String(Date.now());
    const messages = Array.from({ length: Math.min(1000, N - i) }, () => {
      const id = randomUUID();
      return {
        key: id,
        value,
        headers: { sent, ce_id: id, ce_type: 'jp.liaison.referral.created.v1', ce_source: '/agencies/center', ce_specversion: '1.0' },
      };
    });
    await producer.send({ topic, acks: -1, messages });
  }
  const producerSeconds = (Date.now() - start) / 1000;
  await finished;
  const seconds = (Date.now() - start) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  latencies.sort((a, b) => a - b);
  return { rate: N / producerSeconds, e2eRate: N / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

const [postgres, kafka] = await Promise.all([resolvePostgresServer(), resolveKafka()]);
try {
  console.log(`bench:bus — ${fmt(N)} events, ${PARTITIONS} partitions, Kafka ${kafka.brokers.join(',')}, Postgres (${postgres.source})`);
  const raw = await rawKafka(kafka.brokers);
  const relay = await relayPath(kafka.brokers, postgres.adminUrl, 'relay', N);
  const e2e = await relayPath(kafka.brokers, postgres.adminUrl, 'e2e', N);
  const rows: [string, { rate: number; p50: number; p99: number }][] = [
    ['raw kafkajs batched producer, acks=all (baseline)', { rate: raw.rate, p50: Number.NaN, p99: Number.NaN }],
    ['raw producer → kafkajs consumer', { rate: raw.e2eRate, p50: raw.p50, p99: raw.p99 }],
    ['outbox relay → Kafka, acks=all, rows marked sent', relay],
    ['create → outbox → relay → Kafka → SIA inbox', e2e],
  ];
  const num = (n: number) => (Number.isNaN(n) ? '—' : fmt(n));
  console.log('');
  console.log('path'.padEnd(52) + 'events/s'.padStart(10) + 'p50 ms'.padStart(10) + 'p99 ms'.padStart(10));
  for (const [name, r] of rows) console.log(name.padEnd(52) + num(r.rate).padStart(10) + num(r.p50).padStart(10) + num(r.p99).padStart(10));
  console.log('');
  console.log(`relay / raw producer: ${((relay.rate / raw.rate) * 100).toFixed(0)} % (goal ≥ 50 %)`);
  console.log(`end to end: ${fmt(e2e.rate)} referrals/s (goal ≥ 2,000) over ${fmt(N)} referrals`);
} finally {
  await kafka.stop();
  await postgres.stop();
}
