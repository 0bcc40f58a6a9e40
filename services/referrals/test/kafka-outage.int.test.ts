import { randomUUID } from 'node:crypto';
import type { Actor } from '@liaison/auth';
import { type KafkaCluster, startKafka, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const OUTAGE_MS = 30_000;
const center: Actor = { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] };

// The broker is down for 30 s while people keep creating referrals: every request is accepted
// (the outbox holds the events), and every accepted referral reaches SIA once Kafka is back.
describe('Kafka outage', () => {
  let cluster: KafkaCluster;
  let fx: ServiceFixture;
  let service: ReferralsService;

  beforeAll(async () => {
    // A broker of its own, so that stopping it disturbs no other suite.
    cluster = await startKafka({});
    fx = await serviceFixture('kafka', { brokers: cluster.brokers });
    const bus = fx.bus();
    await bus.ensureTopics({ partitions: 3 });
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
    await service?.stop();
    await fx?.close();
    await cluster?.destroy();
  });

  it('accepts referrals while Kafka is stopped for 30 s and delivers all of them after it returns', async () => {
    const statuses: number[] = [];
    const ids: string[] = [];
    let creating = true;
    const creator = (async () => {
      while (creating) {
        const res = await service.app.request('/v1/referrals', {
          method: 'POST',
          headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
          body: JSON.stringify({ recipient: 'sia', category: 'R03' }),
        });
        statuses.push(res.status);
        if (res.status === 201) ids.push(((await res.json()) as { id: string }).id);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await waitFor('first referral delivered before the outage', async () => (await delivered(fx)) > 0, 60000);
    await cluster.stop();
    const createdBeforeOutage = ids.length;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const createdDuringOutage = ids.length - createdBeforeOutage;
    // Events of the referrals accepted during the outage wait in the outbox.
    const backlog = await service.relay.backlog();
    await cluster.start();
    await new Promise((r) => setTimeout(r, 2000));
    creating = false;
    await creator;

    expect(createdDuringOutage).toBeGreaterThan(100);
    expect(backlog).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    await waitFor(
      `all ${ids.length} referrals delivered after the broker returned`,
      async () => (await delivered(fx)) === ids.length,
      120000,
      500,
    );
    const rows = await fx.database.pool.query('select referral_id from referrals.received_referrals');
    expect(new Set(rows.rows.map((r) => r.referral_id))).toEqual(new Set(ids));
  }, 240_000);
});

async function delivered(fx: ServiceFixture): Promise<number> {
  return (await fx.database.pool.query('select count(*)::int as n from referrals.received_referrals')).rows[0].n;
}
