import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@liaison/auth';
import type { CloudEvent, EventBus, Subscription } from '@liaison/events';
import { groupCoordinatorPartition, type KafkaCluster, startKafka, waitFor } from '@liaison/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, INBOX_PROJECTOR_GROUP, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

/** Consumers must apply events created after the kill within this long of it. */
const RESUME_WITHIN_MS = 60_000;
/** Referrals go on being created this long after the kill. */
const CREATING_AFTER_KILL_MS = 20_000;
const center: Actor = { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] };

// The production shape (three KRaft nodes, topics and __consumer_offsets with RF 3, min.insync 2)
// loses a broker the hard way while referrals are being created: SIGKILL — no controlled shutdown,
// no leadership handed over — of the node that leads a partition of liaison.referrals and
// coordinates the inbox projector's consumer group. Every referral the API acknowledged (201) must
// reach SIA's inbox exactly once; the projector, and a consumer group that first joins right after
// the kill, must apply events created after the kill within 60 s and end with all of them.
describe('three-node Kafka: SIGKILL of the broker that leads a partition and coordinates the consumer group', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-k3kill-'));
  let cluster: KafkaCluster | undefined;
  let fx: ServiceFixture | undefined;
  let service: ReferralsService | undefined;
  let bus: EventBus;

  beforeAll(async () => {
    cluster = await startKafka({ nodes: 3, dir, heap: '-Xms128m -Xmx384m' });
    fx = await serviceFixture('kafka', { brokers: cluster.brokers });
    bus = fx.bus();
    await bus.ensureTopics({ partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 });
    service = createReferralsService({
      database: fx.database,
      bus,
      verifyToken: async (token) => (token === 'lia_center' ? center : null),
      agency: async (code) =>
        code === 'sia' ? { code, nameJa: 'セーファーインターネット協会', nameEn: 'SIA', roles: ['member'] } : undefined,
      log: () => {},
    });
    await service.start();
  });

  afterAll(async () => {
    // Every broker is stopped and its data deleted even when a step above failed.
    await service?.stop().catch(() => {});
    await fx?.close().catch(() => {});
    await cluster?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged, applies nothing twice, and consumers resume within 60 s', async () => {
    const db = fx!.database.pool;
    const ids: string[] = [];
    const statuses: number[] = [];
    let creating = true;
    const create = async () => {
      while (creating) {
        const res = await service!.app.request('/v1/referrals', {
          method: 'POST',
          headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
          body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
        });
        statuses.push(res.status);
        if (res.status === 201) ids.push(((await res.json()) as { id: string }).id);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const creators = [create(), create()];
    const inInbox = async (wanted: string[]) => {
      const { rows } = await db.query<{ id: string }>(
        'select referral_id as id from referrals.received_referrals where referral_id = any($1::uuid[])',
        [wanted],
      );
      return rows.length;
    };
    let newGroup: Subscription | undefined;
    let watching = true;
    try {
      await waitFor("referrals reaching SIA's inbox before the kill", async () => (await inInbox(ids.slice(0, 50))) >= 50, 120_000, 200);

      // The victim: the coordinator of the projector's group, which also leads a partition of the topic.
      const victim = await coordinatorOf(cluster!, bus.group(INBOX_PROJECTOR_GROUP));
      const leaders = await leadersOf(cluster!, bus.topic('liaison.referrals'));
      expect(leaders).toContain(victim);

      // The projector's committed position, watched from outside: when does it move again?
      const committedAtKill = await committedCount(cluster!, bus.group(INBOX_PROJECTOR_GROUP), bus.topic('liaison.referrals'));
      const createdBeforeKill = ids.length;
      const killedAt = Date.now();
      await cluster!.signal(victim, 'SIGKILL');
      let commitsResumed = 0;
      const commitWatch = (async () => {
        while (watching && !commitsResumed && Date.now() - killedAt < 120_000) {
          const now = await committedCount(cluster!, bus.group(INBOX_PROJECTOR_GROUP), bus.topic('liaison.referrals')).catch(
            () => committedAtKill,
          );
          if (now > committedAtKill) commitsResumed = Date.now() - killedAt;
          else await new Promise((r) => setTimeout(r, 250));
        }
      })();

      // A consumer group that joins while the cluster is failing over (what session 1 saw fail).
      const seenByNewGroup = new Map<string, number>();
      const joining = fx!
        .bus()
        .subscribe({
          group: `after-kill-${randomUUID()}`,
          topics: ['liaison.referrals'],
          handler: async (events) => {
            for (const e of events) {
              if (e.event.type !== 'jp.liaison.referral.created.v1') continue;
              const id = (e.event as CloudEvent<'jp.liaison.referral.created.v1'>).data.referralId;
              if (!seenByNewGroup.has(id)) seenByNewGroup.set(id, Date.now());
            }
          },
        })
        .then((s) => (newGroup = s));
      joining.catch(() => {}); // awaited below, where a failed join fails the test

      // Resumption: the first referral created after the kill applied by each consumer.
      const afterKill = () => ids.slice(createdBeforeKill);
      const projectorResumed = await waitFor(
        'the inbox projector to apply a referral created after the kill',
        async () => ((await inInbox(afterKill())) > 0 ? Date.now() - killedAt : 0),
        RESUME_WITHIN_MS,
        200,
      );
      const newGroupResumed = await waitFor(
        'the new consumer group to receive a referral created after the kill',
        () => (afterKill().some((id) => seenByNewGroup.has(id)) ? Date.now() - killedAt : 0),
        RESUME_WITHIN_MS,
        200,
      );
      await new Promise((r) => setTimeout(r, Math.max(0, killedAt + CREATING_AFTER_KILL_MS - Date.now())));
      creating = false;
      await Promise.all(creators);
      const createdAfterKill = ids.length - createdBeforeKill;

      // Everything acknowledged arrives, in the projected inbox and at the new group.
      await waitFor(`all ${ids.length} referrals in SIA's inbox`, async () => (await inInbox(ids)) === ids.length, 90_000, 250);
      const projectorComplete = Date.now() - killedAt;
      await waitFor(`all ${ids.length} referrals at the new group`, () => ids.every((id) => seenByNewGroup.has(id)), 90_000, 250);
      const newGroupComplete = Date.now() - killedAt;
      await joining;

      // Before judging duplicates, every duplicate must have come through: the relay has published
      // everything and the projector's group has handled every message on the topic.
      const unpublished = async () =>
        (await db.query('select count(*)::int as n from referrals.outbox where published_at is null')).rows[0].n;
      await waitFor('the relay to publish everything', async () => (await unpublished()) === 0, 60_000, 250);
      await waitFor(
        'the inbox projector to handle every message',
        async () => (await bus.lag(INBOX_PROJECTOR_GROUP, ['liaison.referrals'])) === 0,
        60_000,
        250,
      );
      await commitWatch;

      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      expect(createdAfterKill).toBeGreaterThan(50);
      const applied = (
        await db.query('select count(*)::int as n, max(apply_count) as max, sum(apply_count)::int as sum from referrals.received_referrals')
      ).rows[0];
      expect(applied).toEqual({ n: ids.length, max: 1, sum: ids.length });
      const rows = await db.query<{ id: string }>('select referral_id as id from referrals.received_referrals');
      expect(new Set(rows.rows.map((r) => r.id))).toEqual(new Set(ids));
      expect(projectorResumed).toBeLessThan(RESUME_WITHIN_MS);
      expect(newGroupResumed).toBeLessThan(RESUME_WITHIN_MS);
      console.info(
        `[faults] SIGKILL of node ${victim} (coordinator of ${INBOX_PROJECTOR_GROUP}, leader of a liaison.referrals partition): ` +
          `${createdBeforeKill} referrals before, ${createdAfterKill} after, all 201; ` +
          `projector resumed after ${(projectorResumed / 1000).toFixed(1)} s, complete after ${(projectorComplete / 1000).toFixed(1)} s, ` +
          `its commits resumed after ${(commitsResumed / 1000).toFixed(1)} s; ` +
          `new group resumed after ${(newGroupResumed / 1000).toFixed(1)} s, complete after ${(newGroupComplete / 1000).toFixed(1)} s ` +
          `(creation went on for ${CREATING_AFTER_KILL_MS / 1000} s after the kill)`,
      );
    } finally {
      creating = false;
      watching = false;
      await Promise.allSettled(creators);
      await newGroup?.stop().catch(() => {});
    }
  });
});

/** The node coordinating `group`: the leader of its partition of __consumer_offsets. */
async function coordinatorOf(cluster: KafkaCluster, group: string): Promise<number> {
  const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
    const partitions = meta.topics[0]!.partitions;
    const mine = groupCoordinatorPartition(group, partitions.length);
    return partitions.find((p) => p.partitionId === mine)!.leader;
  } finally {
    await admin.disconnect();
  }
}

/** The sum of a group's committed offsets on a topic (0 where it has committed nothing). */
async function committedCount(cluster: KafkaCluster, group: string, topic: string): Promise<number> {
  const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The leaders of a topic's partitions. */
async function leadersOf(cluster: KafkaCluster, topic: string): Promise<number[]> {
  const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    return meta.topics[0]!.partitions.map((p) => p.leader);
  } finally {
    await admin.disconnect();
  }
}
