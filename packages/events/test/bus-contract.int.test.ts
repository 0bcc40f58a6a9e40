import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniqueName, waitFor } from '@liaison/testing';
import { Kafka, logLevel } from 'kafkajs';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type CloudEvent,
  DEAD_LETTER_TOPIC,
  DLQ_HEADERS,
  defineInbox,
  type EventBus,
  idempotentHandler,
  type ReceivedEvent,
  type Subscription,
  toStructuredWire,
  toWire,
  type WireRecord,
} from '../src/index.ts';
import { type BusFixture, busFixture, referralEvent } from './helpers.ts';

const TOPIC = 'liaison.referrals';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** What a poison event's handler throws: its message carries words that must never reach a dead letter. */
class PoisonError extends Error {
  readonly code = 'E_TEST_POISON';
}

/**
 * Reads the dead letters `group` left because its handler failed, up to the end of the dead-letter
 * topic. (A group reading the topic from the start also dead-letters the earlier case's malformed messages.)
 */
async function deadLettersOf(fx: BusFixture, group: string): Promise<WireRecord[]> {
  const bus = fx.bus();
  const readerGroup = `dlq-reader-${randomUUID()}`;
  const dead: WireRecord[] = [];
  const reader: Subscription = await bus.adapter.consume({
    group: readerGroup,
    topics: [bus.topic(DEAD_LETTER_TOPIC)],
    fromBeginning: true,
    onBatch: async (records) =>
      void dead.push(
        ...records.filter((r) => r.headers[DLQ_HEADERS.group] === group && r.headers[DLQ_HEADERS.reason]?.startsWith('handler failed')),
      ),
  });
  await waitFor(
    'the dead-letter topic read to its end',
    async () => (await bus.adapter.lag(readerGroup, [bus.topic(DEAD_LETTER_TOPIC)])) === 0,
  );
  await reader.stop();
  return dead;
}

/** Collects what a subscription receives. */
function collector() {
  const received: ReceivedEvent[] = [];
  return { received, handler: async (events: ReceivedEvent[]) => void received.push(...events) };
}

// The same contract, word for word, for both adapters of the bus port.
describe.each(['kafka', 'pglog'] as const)('event bus contract on %s', (kind) => {
  let fx: BusFixture;
  let bus: EventBus;

  beforeAll(async () => {
    fx = await busFixture(kind);
    bus = fx.bus();
    await bus.ensureTopics({ partitions: 4 });
  });
  afterAll(async () => {
    await fx.close();
  });

  it('keeps the order of each key across partitions and publish calls', async () => {
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const published = new Map<string, string[]>(keys.map((k) => [k, []]));
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 40 }, (_, i) => referralEvent(keys[(i * 7 + round) % keys.length]));
      for (const e of batch) published.get(e.subject)!.push(e.id);
      await bus.publish(batch);
    }
    const c = collector();
    const sub = await fx.bus().subscribe({ group: `order-${randomUUID()}`, topics: [TOPIC], handler: c.handler });
    await waitFor('all 200 events', () => c.received.length >= 200);
    await sub.stop();
    const seen = new Map<string, string[]>();
    for (const r of c.received) {
      if (!seen.has(r.event.subject)) seen.set(r.event.subject, []);
      seen.get(r.event.subject)!.push(r.event.id);
    }
    for (const k of keys) expect(seen.get(k)).toEqual(published.get(k));
    // One key, one partition.
    for (const k of keys) expect(new Set(c.received.filter((r) => r.event.subject === k).map((r) => r.partition)).size).toBe(1);
  });

  it('shares partitions among the members of one consumer group', async () => {
    const group = `share-${randomUUID()}`;
    const a = collector();
    const b = collector();
    const subA = await fx.bus().subscribe({ group, topics: [TOPIC], handler: a.handler });
    const subB = await fx.bus().subscribe({ group, topics: [TOPIC], handler: b.handler });
    // Keep publishing until both members have work (a Kafka group needs a rebalance to include B).
    const ids = new Set<string>();
    await waitFor(
      'both members to receive events',
      async () => {
        const batch = Array.from({ length: 20 }, () => referralEvent());
        for (const e of batch) ids.add(e.id);
        await bus.publish(batch);
        return a.received.length > 0 && b.received.length > 0;
      },
      60000,
      300,
    );
    const union = () => new Set([...a.received, ...b.received].map((r) => r.event.id));
    await waitFor('every published event', () => [...ids].every((id) => union().has(id)), 30000);
    await Promise.all([subA.stop(), subB.stop()]);
    // At any time one partition had one owner: the two members' partitions, once settled, differ.
    const lastPartitionsA = new Set(a.received.slice(-5).map((r) => r.partition));
    const lastPartitionsB = new Set(b.received.slice(-5).map((r) => r.partition));
    expect([...lastPartitionsA].some((p) => lastPartitionsB.has(p))).toBe(false);
  });

  it('delivers again what a crashed consumer received but never acknowledged', async () => {
    const group = `crash-${randomUUID()}`;
    const events = Array.from({ length: 30 }, () => referralEvent());
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/events/test/fixtures/crashing-consumer.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        BUS_KIND: kind,
        DATABASE_URL: fx.testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        TOPIC_PREFIX: fx.prefix,
        TOPIC,
        GROUP: group,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    await waitFor('the consumer process to subscribe', () => out.includes('subscribed'), 60000);
    await bus.publish(events);
    expect(await exited).toBe('SIGKILL');
    expect(out).toMatch(/received [1-9]/);
    // A new member of the same group gets everything, including what the dead one held.
    const c = collector();
    const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler: c.handler });
    const wanted = new Set(events.map((e) => e.id));
    await waitFor(
      'redelivery of the unacknowledged events',
      () => [...wanted].every((id) => c.received.some((r) => r.event.id === id)),
      60000,
    );
    await sub.stop();
  });

  it('applies an event delivered twice only once (inbox keyed by event id)', async () => {
    const schema = pgSchema('contract');
    const inbox = defineInbox(schema);
    await fx.database.db.execute(sql`create schema if not exists contract`);
    await fx.database.db.execute(
      sql`create table if not exists contract.inbox (consumer text not null, event_id text not null, event_type text not null, received_at timestamptz not null default now(), primary key (consumer, event_id))`,
    );
    await fx.database.db.execute(sql`create table if not exists contract.applied (event_id text not null)`);
    const event = referralEvent();
    const other = referralEvent();
    // Same key as `event`, published after its duplicate: once it is handled, so is the duplicate.
    const marker = referralEvent(event.subject);
    await bus.publish([event, other]);
    await bus.publish([event]); // a relay republishing after a crash
    await bus.publish([marker]);
    let markerHandled = false;
    const handler = idempotentHandler({
      db: fx.database.db,
      inbox,
      consumer: 'contract-test',
      apply: async (events, tx) => {
        for (const e of events) await tx.execute(sql`insert into contract.applied (event_id) values (${e.id})`);
      },
    });
    const sub = await fx.bus().subscribe({
      group: `dedupe-${randomUUID()}`,
      topics: [TOPIC],
      handler: async (events) => {
        const mine = events.filter((e) => e.event.id === event.id || e.event.id === other.id);
        if (mine.length > 0) await handler(mine);
        if (events.some((e) => e.event.id === marker.id)) markerHandled = true;
      },
    });
    const count = async (id: string) =>
      Number((await fx.database.pool.query('select count(*) as n from contract.applied where event_id = $1', [id])).rows[0].n);
    await waitFor('the event published after the duplicate', () => markerHandled);
    await sub.stop();
    expect(await count(event.id)).toBe(1);
    expect(await count(other.id)).toBe(1);
  });

  it('moves malformed messages to the dead-letter topic with the reason and goes on', async () => {
    const good = referralEvent();
    const schemaInvalid = toWire(referralEvent());
    schemaInvalid.value = Buffer.from(JSON.stringify({ referralId: 'not-a-uuid', sender: 'center' }));
    const unknownType = toWire(referralEvent());
    unknownType.headers.ce_type = 'jp.liaison.nonsense.v9';
    const key = good.subject;
    await bus.adapter.produce(bus.topic(TOPIC), [
      { key, headers: { ...toWire(good).headers, ce_id: randomUUID() }, value: Buffer.from('{not json') },
      { ...unknownType, key },
      { ...schemaInvalid, key },
      toWire(good),
    ]);
    const c = collector();
    const group = `dlq-${randomUUID()}`;
    const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler: c.handler });
    await waitFor('the good event after the bad ones', () => c.received.some((r) => r.event.id === good.id));
    await sub.stop();
    const dead: WireRecord[] = [];
    const dlq = await fx.bus().adapter.consume({
      group: `dlq-reader-${randomUUID()}`,
      topics: [bus.topic(DEAD_LETTER_TOPIC)],
      fromBeginning: true,
      onBatch: async (records) => void dead.push(...records.filter((r) => r.headers[DLQ_HEADERS.group] === group)),
    });
    await waitFor('three dead letters', () => dead.length >= 3);
    await dlq.stop();
    const reasons = dead.map((d) => d.headers[DLQ_HEADERS.reason]);
    expect(reasons).toEqual([
      'value is not JSON',
      expect.stringContaining('unknown event type "jp.liaison.nonsense.v9"'),
      expect.stringMatching(/^schema: (?=.*data\.referralId: must match format "uuid")(?=.*data: must have required property 'recipient')/),
    ]);
    expect(dead.map((d) => d.headers[DLQ_HEADERS.topic])).toEqual([bus.topic(TOPIC), bus.topic(TOPIC), bus.topic(TOPIC)]);
    expect(dead[0]!.value.toString()).toBe('{not json');
  });

  it('dead-letters an event its handler keeps failing on, after maxAttempts, and applies the events after it', async () => {
    const key = randomUUID();
    const before = referralEvent(key);
    const poison = referralEvent(key);
    const after = referralEvent(key);
    const elsewhere = referralEvent();
    await bus.publish([before, poison, after, elsewhere]);
    const group = `poison-${randomUUID()}`;
    let poisonAttempts = 0;
    const applied: string[] = [];
    const handler = async (events: ReceivedEvent[]) => {
      if (events.some((e) => e.event.id === poison.id)) {
        poisonAttempts++;
        throw new PoisonError('山田花子さんの相談 (https://sns.example.com/p/1) を処理できません');
      }
      applied.push(...events.map((e) => e.event.id));
    };
    const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler, maxAttempts: 3, retryDelayMs: 20 });
    await waitFor('the events after the poison one', () => applied.includes(after.id) && applied.includes(elsewhere.id));
    await sub.stop();

    expect(poisonAttempts).toBe(3);
    expect(applied).not.toContain(poison.id);
    // One key's other events keep their order around the dead-lettered one.
    expect([...new Set(applied)].filter((id) => id === before.id || id === after.id)).toEqual([before.id, after.id]);

    const dead = await deadLettersOf(fx, group);
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter!.headers[DLQ_HEADERS.reason]).toBe('handler failed 3 times: PoisonError E_TEST_POISON');
    expect(letter!.headers.ce_id).toBe(poison.id);
    expect(letter!.key).toBe(key);
    expect(letter!.value.equals(toWire(poison).value)).toBe(true);
    expect(letter!.headers[DLQ_HEADERS.topic]).toBe(bus.topic(TOPIC));
    expect(Number(letter!.headers[DLQ_HEADERS.offset])).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(letter!.headers)).not.toMatch(/山田|sns\.example/);

    // The group's position moved past it: a restarted consumer gets what came next, not the poison again.
    const next = referralEvent(key);
    await bus.publish([next]);
    const again = collector();
    const sub2 = await fx.bus().subscribe({ group, topics: [TOPIC], handler: again.handler });
    await waitFor('the next event of the key', () => again.received.some((r) => r.event.id === next.id));
    await sub2.stop();
    expect(again.received.map((r) => r.event.id)).not.toContain(poison.id);
  });

  it('retries a transient failure (database unreachable) past maxAttempts and dead-letters nothing', async () => {
    const event = referralEvent();
    await bus.publish([event]);
    const group = `transient-${randomUUID()}`;
    let failures = 0;
    const applied: string[] = [];
    const sub = await fx.bus().subscribe({
      group,
      topics: [TOPIC],
      maxAttempts: 2,
      retryDelayMs: 20,
      handler: async (events) => {
        if (events.some((e) => e.event.id === event.id) && failures < 3) {
          failures++;
          throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        }
        applied.push(...events.map((e) => e.event.id));
      },
    });
    await waitFor('the event applied once the database is back', () => applied.includes(event.id));
    await sub.stop();
    expect(failures).toBe(3);
    expect(await deadLettersOf(fx, group)).toEqual([]);
  });

  it("reports a group's lag: published events it has not handled yet", async () => {
    const group = `lag-${randomUUID()}`;
    const marker = referralEvent();
    await bus.publish([marker]);
    const c = collector();
    const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler: c.handler });
    await waitFor('the marker', () => c.received.some((r) => r.event.id === marker.id));
    await waitFor('no lag', async () => (await bus.lag(group, [TOPIC])) === 0);
    await sub.stop();
    await bus.publish([referralEvent(), referralEvent(), referralEvent()]);
    expect(await bus.lag(group, [TOPIC])).toBe(3);
  });

  it('accepts CloudEvents in structured mode as well as binary mode', async () => {
    const binary = referralEvent();
    const structured = referralEvent();
    // A partner's producer that writes structured mode, beside the platform's binary messages.
    await bus.adapter.produce(bus.topic(TOPIC), [toWire(binary), toStructuredWire(structured)]);
    const c = collector();
    const group = `modes-${randomUUID()}`;
    const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler: c.handler });
    const find = (id: string) => c.received.find((r) => r.event.id === id);
    await waitFor('both events', () => find(binary.id) && find(structured.id));
    await sub.stop();
    expect(find(binary.id)!.event).toEqual(binary);
    expect(find(structured.id)!.event).toEqual(structured);
  });

  it('keeps one dead letter per group that gave up on a message, with the group in a field readers filter on', async () => {
    const good = referralEvent();
    const poison = { ...toWire(referralEvent(good.subject)), value: Buffer.from('{not json') };
    const poisonId = poison.headers.ce_id!;
    await bus.adapter.produce(bus.topic(TOPIC), [poison, toWire(good)]);
    const groups = [`dlq-a-${randomUUID()}`, `dlq-b-${randomUUID()}`];
    for (const group of groups) {
      const c = collector();
      const sub = await fx.bus().subscribe({ group, topics: [TOPIC], handler: c.handler });
      await waitFor(`${group}: the event after the poison one`, () => c.received.some((r) => r.event.id === good.id));
      await sub.stop();
    }
    const letters = (await deadLetters(fx)).filter((r) => r.headers.ce_id === poisonId);
    // One copy per group, each naming its group (without the prefix) beside the reason.
    expect(letters.map((r) => r.headers[DLQ_HEADERS.group]).sort()).toEqual([...groups].sort());
    expect(letters.every((r) => r.headers[DLQ_HEADERS.reason] === 'value is not JSON' && r.value.toString() === '{not json')).toBe(true);
    // A reader of one group's dead letters filters on that field.
    expect(letters.filter((r) => r.headers[DLQ_HEADERS.group] === groups[0])).toHaveLength(1);
    if (kind === 'pglog') {
      // On the Postgres log the group is a column too: a query filters on it (indexed). (The group
      // also dead-lettered the malformed messages of the case above: it read the topic from the start.)
      const { rows } = await fx.database.pool.query(
        `select dlq_group, headers->>'ce_id' as id from eventbus.log where topic = $1 and dlq_group = $2 and headers->>'ce_id' = $3`,
        [bus.topic(DEAD_LETTER_TOPIC), groups[1], poisonId],
      );
      expect(rows).toEqual([{ dlq_group: groups[1], id: poisonId }]);
    }
  });

  it('goes on consuming when the client gives up on a consumer for good (an error it deems fatal)', async () => {
    const events = Array.from({ length: 10 }, () => referralEvent());
    await bus.publish(events);
    const group = bus.group(`fatal-${randomUUID()}`);
    const calls = new Map<number, number>();
    // For each event: how many times its partition had been handed over when it was finally taken.
    const seen = new Map<string, number>();
    // kafkajs stops a consumer for good (no restart) when eachBatch throws a TypeError after the
    // adapter's own tries; the adapter must start a new one. The bug goes away after six calls for
    // a partition (counted for every partition a batch holds: kafkajs runs batches of several
    // partitions at once, and a Postgres-log batch may hold records of several partitions).
    const sub = await fx.bus().adapter.consume({
      group,
      topics: [bus.topic(TOPIC)],
      onBatch: async (records) => {
        const partitions = new Set(records.map((r) => r.partition));
        for (const p of partitions) calls.set(p, (calls.get(p) ?? 0) + 1);
        if ([...partitions].some((p) => calls.get(p)! <= 6)) throw new TypeError('a bug in the batch callback');
        for (const r of records) seen.set(r.headers.ce_id!, calls.get(r.partition)!);
      },
    });
    try {
      await waitFor('every event, after the fatal errors', () => events.every((e) => seen.has(e.id)), 45_000);
    } finally {
      await sub.stop();
    }
    // Ours came through only after six fatal failures of their partition. (The group reads the topic
    // from the start: partitions holding only earlier tests' events may still be short of six tries
    // when ours are all in, so those are not counted.)
    expect(events.filter((e) => !(seen.get(e.id)! > 6))).toEqual([]);
  });

  it('keeps platforms that share a cluster apart: same group name, different prefixes', async () => {
    // Another platform (or test run) on the same Kafka cluster / database, with its own prefix and
    // the same service group names. Its prefix is given without a dot (KAFKA_TOPIC_PREFIX=probe):
    // the bus separates it from the names with one.
    const otherPrefix = uniqueName('probe');
    const other = await busFixture(kind, { beside: fx, prefix: otherPrefix });
    const otherBus = other.bus();
    await otherBus.ensureTopics({ partitions: 4 });
    expect(otherBus.topic(TOPIC)).toBe(`${otherPrefix}.liaison.referrals`);
    expect(await physicalTopics(fx)).toEqual(expect.arrayContaining([`${otherPrefix}.liaison.referrals`, `${otherPrefix}.liaison.dlq`]));
    const group = `shared-${randomUUID()}`;
    const mine = collector();
    const theirs = collector();
    const subs = [
      await fx.bus().subscribe({ group, topics: [TOPIC], handler: mine.handler }),
      await other.bus().subscribe({ group, topics: [TOPIC], handler: theirs.handler }),
    ];
    try {
      const myEvents = Array.from({ length: 40 }, () => referralEvent());
      const theirEvents = Array.from({ length: 40 }, () => referralEvent());
      await bus.publish(myEvents);
      await otherBus.publish(theirEvents);
      const has = (c: ReturnType<typeof collector>, events: CloudEvent[]) =>
        events.every((e) => c.received.some((r) => r.event.id === e.id));
      await waitFor('each platform to get all of its own events', () => has(mine, myEvents) && has(theirs, theirEvents));
      const theirIds = new Set(theirEvents.map((e) => e.id));
      const myIds = new Set(myEvents.map((e) => e.id));
      expect(mine.received.filter((r) => theirIds.has(r.event.id))).toEqual([]);
      expect(theirs.received.filter((r) => myIds.has(r.event.id))).toEqual([]);
    } finally {
      await Promise.all(subs.map((s) => s.stop()));
      await other.close();
    }
  });
});

/** Every dead letter on the fixture's dead-letter topic, read to its end. */
async function deadLetters(fx: BusFixture): Promise<WireRecord[]> {
  const bus = fx.bus();
  const readerGroup = `dlq-reader-${randomUUID()}`;
  const all: WireRecord[] = [];
  const reader = await bus.adapter.consume({
    group: readerGroup,
    topics: [bus.topic(DEAD_LETTER_TOPIC)],
    fromBeginning: true,
    onBatch: async (records) => void all.push(...records),
  });
  await waitFor(
    'the dead-letter topic read to its end',
    async () => (await bus.adapter.lag(readerGroup, [bus.topic(DEAD_LETTER_TOPIC)])) === 0,
  );
  await reader.stop();
  return all;
}

/** The topics that exist on the fixture's Kafka cluster or Postgres log, by physical name. */
async function physicalTopics(fx: BusFixture): Promise<string[]> {
  if (fx.kind === 'pglog')
    return (await fx.database.pool.query<{ name: string }>('select name from eventbus.topics')).rows.map((r) => r.name);
  const admin = new Kafka({ brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
