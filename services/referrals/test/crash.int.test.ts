import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@liaison/testing';
import { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReferral, INBOX_PROJECTOR_GROUP } from '../src/index.ts';
import { caseworkerContext, pool, type ServiceFixture, serviceFixture } from './helpers.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REFERRALS = 1000;

function startWorker(fx: ServiceFixture, role: 'relay' | 'consumer', faults = '') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/referrals/test/fixtures/worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...fx.workerEnv, ROLE: role, LIAISON_FAULTS: faults },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return { child, exit, ready: () => waitFor(`${role} worker ready`, () => out.includes('ready'), 60000) };
}

function stopWorker(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

// Nothing lost, nothing applied twice: the relay is SIGKILLed after publishing a batch and before
// marking it sent, the consumer is SIGKILLed half-way through applying a batch; after restarts,
// every referral is in SIA's inbox exactly once.
describe.each(['kafka', 'pglog'] as const)('crash recovery on %s', (kind) => {
  let fx: ServiceFixture;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    fx = await serviceFixture(kind);
    await fx.bus().ensureTopics({ partitions: 3 });
  });
  afterAll(async () => {
    for (const w of workers) stopWorker(w);
    await fx.close();
  });

  it(`applies each of ${REFERRALS} referrals exactly once across a relay crash and a consumer crash`, async () => {
    const ctx = caseworkerContext(fx.database);
    const ids = await pool(
      Array.from({ length: REFERRALS }, (_, i) => i),
      16,
      async (i) => {
        const r = await createReferral({
          ctx,
          input: { recipient: 'sia', kind: 'referral', category: i % 2 ? 'R01' : 'B01', urgent: false },
        });
        return r.id;
      },
    );
    expect(new Set(ids).size).toBe(REFERRALS);

    const consumer = startWorker(fx, 'consumer', 'inbox.midBatch=2');
    workers.push(consumer.child);
    await consumer.ready();
    const relay = startWorker(fx, 'relay', 'relay.afterPublish=3');
    workers.push(relay.child);
    expect(await relay.exit).toBe('SIGKILL');
    // Two batches were marked sent; the third was published but is still unmarked.
    const unmarked = await fx.database.pool.query('select count(*)::int as n from referrals.outbox where published_at is null');
    expect(unmarked.rows[0].n).toBe(REFERRALS - 200);

    const relay2 = startWorker(fx, 'relay');
    workers.push(relay2.child);
    expect(await consumer.exit).toBe('SIGKILL');
    const consumer2 = startWorker(fx, 'consumer');
    workers.push(consumer2.child);

    const count = async () =>
      (
        await fx.database.pool.query(
          'select count(*)::int as n, coalesce(max(apply_count), 0) as max, coalesce(sum(apply_count), 0)::int as sum from referrals.received_referrals',
        )
      ).rows[0];
    await waitFor(`all ${REFERRALS} referrals in SIA's inbox`, async () => (await count()).n === REFERRALS, 90000, 250);
    // Before judging, every duplicate must have come through: the relay has published everything,
    // and the projector's group has handled every message on the topic.
    const unpublished = async () =>
      (await fx.database.pool.query('select count(*)::int as n from referrals.outbox where published_at is null')).rows[0].n;
    await waitFor('the relay to publish everything', async () => (await unpublished()) === 0, 60000, 250);
    const bus = fx.bus();
    await waitFor(
      'the inbox projector to handle every message',
      async () => (await bus.lag(INBOX_PROJECTOR_GROUP, ['liaison.referrals'])) === 0,
      60000,
      250,
    );
    const final = await count();
    expect(final).toEqual({ n: REFERRALS, max: 1, sum: REFERRALS });
    const inboxRows = await fx.database.pool.query(
      "select count(*)::int as n from referrals.inbox where consumer = 'referrals.inbox-projector'",
    );
    expect(inboxRows.rows[0].n).toBe(REFERRALS);
    const published = await fx.database.pool.query('select count(*)::int as n from referrals.outbox where published_at is null');
    expect(published.rows[0].n).toBe(0);

    // The crash really produced duplicates on the bus: the third batch went out twice.
    const onBus = await messagesOnTopic(fx, kind, `${fx.prefix}liaison.referrals`);
    expect(onBus).toBeGreaterThanOrEqual(REFERRALS + 100);

    stopWorker(relay2.child);
    stopWorker(consumer2.child);
    await Promise.all([relay2.exit, consumer2.exit]);
  });
});

async function messagesOnTopic(fx: ServiceFixture, kind: 'kafka' | 'pglog', topic: string): Promise<number> {
  if (kind === 'pglog') {
    return (await fx.database.pool.query('select count(*)::int as n from eventbus.log where topic = $1', [topic])).rows[0].n;
  }
  const admin = new Kafka({ brokers: inject('kafkaBrokers'), logLevel: 0 }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
