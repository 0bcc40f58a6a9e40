import { randomUUID } from 'node:crypto';
import { uniqueName, waitFor } from '@liaison/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus, type ReceivedEvent, type Subscription } from '../src/index.ts';
import type { PgLogAdapter, PgLogRetention } from '../src/pglog/index.ts';
import { type BusFixture, busFixture, referralEvent } from './helpers.ts';

const TOPIC = 'liaison.referrals';
const HOUR = 3600_000;

// The Postgres log keeps a bounded log, as Kafka topics do: by age and by size per partition. Like
// Kafka it deletes whatever the groups have read; a group behind the retention resumes at the
// oldest record kept. Each case has its own database: pruning covers every topic of the log.
describe('Postgres-log retention (bounded log)', () => {
  const fixtures: BusFixture[] = [];
  const subscriptions: Subscription[] = [];
  afterEach(async () => {
    await Promise.allSettled(subscriptions.splice(0).map((s) => s.stop()));
    await Promise.allSettled(fixtures.splice(0).map((f) => f.close()));
  });

  async function setup(retention: PgLogRetention | false) {
    const fx = await busFixture('pglog');
    fixtures.push(fx);
    const prefix = `${uniqueName('ret')}.`;
    const make = (r: PgLogRetention | false = retention) =>
      createEventBus({
        kind: 'pglog',
        pool: fx.database.pool,
        topicPrefix: prefix,
        retention: r,
        heartbeatInterval: 300,
        pollInterval: 100,
      });
    const bus = make();
    await bus.ensureTopics({ partitions: 3 });
    const heads = async () =>
      (
        await fx.database.pool.query<{
          partition: number;
          log_start: string;
          next_offset: string;
          bytes: string;
          actual: string;
          kept: string;
        }>(
          `select h.partition, h.log_start, h.next_offset, h.bytes,
                  coalesce(sum(octet_length(l.value) + coalesce(octet_length(l.key), 0) + octet_length(l.headers::text)), 0) as actual,
                  count(l.offset) as kept
           from eventbus.partition_heads h left join eventbus.log l on l.topic = h.topic and l.partition = h.partition
           where h.topic = $1 group by h.partition, h.log_start, h.next_offset, h.bytes order by h.partition`,
          [bus.topic(TOPIC)],
        )
      ).rows.map((r) => ({
        partition: r.partition,
        logStart: Number(r.log_start),
        next: Number(r.next_offset),
        bytes: Number(r.bytes),
        actual: Number(r.actual),
        kept: Number(r.kept),
      }));
    const ids = async (partition: number) =>
      (
        await fx.database.pool.query<{ id: string }>(
          `select headers->>'ce_id' as id from eventbus.log where topic = $1 and partition = $2 order by "offset"`,
          [bus.topic(TOPIC), partition],
        )
      ).rows.map((r) => r.id);
    return { fx, bus, make, heads, ids };
  }

  async function consumeAll(bus: EventBus, group: string, until: (received: ReceivedEvent[]) => boolean) {
    const received: ReceivedEvent[] = [];
    const sub = await bus.subscribe({ group, topics: [TOPIC], handler: async (events) => void received.push(...events) });
    subscriptions.push(sub);
    await waitFor(`group ${group} to receive what it should`, () => until(received));
    await waitFor(`group ${group} to have no lag`, async () => (await bus.lag(group, [TOPIC])) === 0);
    await sub.stop();
    return received;
  }

  it('deletes records older than the age limit, oldest first; a group behind resumes at the first record kept', async () => {
    const { fx, bus, heads, ids } = await setup({ maxAgeMs: HOUR, checkIntervalMs: 24 * HOUR });
    const key = randomUUID();
    const first = Array.from({ length: 10 }, () => referralEvent(key));
    await bus.publish(first);
    // A group reads the first ten and stops.
    await consumeAll(bus, 'early', (r) => first.every((e) => r.some((x) => x.event.id === e.id)));
    const old = Array.from({ length: 20 }, () => referralEvent(key));
    await bus.publish(old);
    // Thirty records two hours old (the clock is moved back instead of waiting), then ten young ones.
    await fx.database.pool.query(`update eventbus.log set appended_at = now() - interval '2 hours' where topic = $1`, [bus.topic(TOPIC)]);
    const young = Array.from({ length: 10 }, () => referralEvent(key));
    await bus.publish(young);
    const [partition] = [...new Set((await heads()).filter((h) => h.next > 0).map((h) => h.partition))];
    expect(partition).toBeDefined();
    const before = (await heads()).find((h) => h.partition === partition)!;

    const pruned = await (bus.adapter as PgLogAdapter).prune();

    expect(pruned.records).toBe(30);
    expect(await ids(partition!)).toEqual(young.map((e) => e.id));
    const after = (await heads()).find((h) => h.partition === partition)!;
    expect(after).toMatchObject({ logStart: 30, next: 40, kept: 10 });
    // The size kept is maintained exactly by appends and pruning alike.
    expect(after.bytes).toBe(after.actual);
    expect(pruned.bytes).toBe(before.bytes - after.bytes);
    // What retention deleted is no longer lag: the early group has ten to read, not thirty.
    expect(await bus.lag('early', [TOPIC])).toBe(10);
    const resumed = await consumeAll(bus, 'early', (r) => young.every((e) => r.some((x) => x.event.id === e.id)));
    expect(resumed.map((r) => r.event.id)).toEqual(young.map((e) => e.id));
    // A new group reading from the beginning starts at the first record kept.
    const fresh = await consumeAll(bus, 'fresh', (r) => young.every((e) => r.some((x) => x.event.id === e.id)));
    expect(fresh.map((r) => r.event.id)).toEqual(young.map((e) => e.id));
    // Nothing young is deleted by another pass.
    expect(await (bus.adapter as PgLogAdapter).prune()).toEqual({ records: 0, bytes: 0 });
  });

  it('keeps each partition within its size limit, deleting its oldest records first', async () => {
    const { bus, make, heads, ids } = await setup(false);
    const key = randomUUID();
    const events = Array.from({ length: 40 }, () => referralEvent(key));
    for (let i = 0; i < events.length; i += 10) await bus.publish(events.slice(i, i + 10));
    const full = (await heads()).find((h) => h.next > 0)!;
    expect(full.bytes).toBe(full.actual);
    const recordSize = full.bytes / 40;
    // Room for twelve and a half records.
    const limit = Math.floor(recordSize * 12.5);
    const pruner = make({ maxBytesPerPartition: limit, checkIntervalMs: 24 * HOUR });
    const pruned = await (pruner.adapter as PgLogAdapter).prune();
    const after = (await heads()).find((h) => h.partition === full.partition)!;
    expect(pruned.records).toBe(28);
    expect(after.bytes).toBeLessThanOrEqual(limit);
    expect(after.bytes).toBe(after.actual);
    expect(after).toMatchObject({ logStart: 28, next: 40, kept: 12 });
    expect(await ids(full.partition)).toEqual(events.slice(28).map((e) => e.id));
  });

  it('prunes in the background while publishing and consuming go on; a consumer that keeps up misses nothing', async () => {
    const { bus, heads } = await setup({ maxAgeMs: 1000, checkIntervalMs: 200 });
    const received = new Set<string>();
    const sub = await bus.subscribe({
      group: 'live',
      topics: [TOPIC],
      handler: async (events) => {
        for (const e of events) received.add(e.event.id);
      },
    });
    subscriptions.push(sub);
    const published: string[] = [];
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        const batch = Array.from({ length: 5 }, () => referralEvent(randomUUID()));
        await bus.publish(batch);
        published.push(...batch.map((e) => e.id));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      // Positive signal: every partition has been pruned at least once (its log start moved).
      await waitFor('background pruning of every partition', async () => (await heads()).every((h) => h.logStart > 0), 30_000, 200);
    } finally {
      publishing = false;
      await publisher;
    }
    await waitFor('the live consumer to have every event', () => published.every((id) => received.has(id)), 30_000);
    for (const h of await heads()) {
      expect(h.bytes).toBe(h.actual);
      expect(h.next - h.logStart).toBe(h.kept);
    }
  });
});
