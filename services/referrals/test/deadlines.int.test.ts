import { caller } from '@liaison/testing';
import { randomUUID } from 'node:crypto';
import type { Actor, Agency } from '@liaison/auth';
import { planDeadlines } from '@liaison/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, DeadlineScheduler, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'SIA', nameEn: 'SIA', roles: ['member'] },
  hotline: { code: 'hotline', nameJa: 'ホットライン', nameEn: 'Hotline', roles: ['member'] },
};
const actors: Record<string, Actor> = {
  lia_center: { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] },
  lia_secretariat: { agency: 'center', role: 'secretariat', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] },
  lia_sia: { agency: 'sia', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
  lia_hotline: { agency: 'hotline', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
};

// Referral clocks: due dates from the business-day calendar and the policy table, and each
// approaching / missed event emitted exactly once, across scheduler restarts and concurrent schedulers.
describe('referral deadlines', () => {
  let fx: ServiceFixture;
  let service: ReferralsService;
  const scheduler = () => new DeadlineScheduler({ db: fx.database.db, secretariat: 'center' });

  const call = caller(() => service.app);
  const clocksOf = async (id: string) =>
    (
      await fx.database.pool.query(
        'select clock, due_at, approaching_at, met_at from referrals.deadlines where referral_id = $1 order by due_at',
        [id],
      )
    ).rows;
  const emitted = async (id: string, type: string) =>
    (await fx.database.pool.query(`select event from referrals.outbox where key = $1 and event->>'type' = $2`, [id, type])).rows.map(
      (r) => r.event,
    );

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    // The scheduler is driven by the test's clock, not by a timer.
    service = createReferralsService({
      database: fx.database,
      bus: fx.bus(),
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      relay: false,
      consumers: false,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('starts three clocks when a referral is requested, due per the policy and the calendar', async () => {
    const before = new Date();
    const created = await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R01' });
    const clocks = await clocksOf(created.body.id);
    const plan = planDeadlines(new Date(created.body.createdAt), { acknowledgeDays: 1, decideDays: 3, completeDays: 10 });
    expect(clocks.map((c) => [c.clock, c.due_at.toISOString()])).toEqual(plan.map((p) => [p.clock, p.dueAt.toISOString()]));
    expect(clocks[0].due_at.getTime()).toBeGreaterThan(before.getTime());
    // 犯行予告 (H03): acknowledge the same business day.
    const urgent = await call('POST', '/v1/referrals', 'center', { recipient: 'hotline', category: 'H03' });
    const h03 = planDeadlines(new Date(urgent.body.createdAt), { acknowledgeDays: 0, decideDays: 1, completeDays: 3 });
    expect((await clocksOf(urgent.body.id))[0].due_at.toISOString()).toBe(h03[0]!.dueAt.toISOString());
    // A draft has no clocks until it is sent.
    const draft = await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R02', status: 'draft' });
    expect(await clocksOf(draft.body.id)).toEqual([]);
    await call('POST', `/v1/referrals/${draft.body.id}/status`, 'center', { status: 'requested' });
    expect(await clocksOf(draft.body.id)).toHaveLength(3);
  });

  it('emits approaching and missed once each, even when the scheduler restarts or two run at once', async () => {
    const { body } = await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R03' });
    const [ack, decide] = await clocksOf(body.id);
    const approachingType = 'jp.liaison.deadline.approaching.v1';
    const missedType = 'jp.liaison.deadline.missed.v1';

    const nearAck = new Date(ack.approaching_at.getTime() + 60_000);
    await scheduler().tick(nearAck);
    await scheduler().tick(nearAck); // a restarted scheduler
    const approaching = await emitted(body.id, approachingType);
    expect(approaching).toHaveLength(1);
    expect(approaching[0].data).toMatchObject({ referralId: body.id, clock: 'acknowledge', recipient: 'sia', sender: 'center' });

    const afterAck = new Date(ack.due_at.getTime() + 60_000);
    await Promise.all([scheduler().tick(afterAck), scheduler().tick(afterAck), scheduler().tick(afterAck)]);
    const missed = await emitted(body.id, missedType);
    expect(missed.map((e) => e.data.clock)).toEqual(['acknowledge']);
    expect(missed[0].data.escalatedTo).toBe('center');

    // The secretariat sees it overdue; SIA sees its own; the hotline, party to nothing, sees none of it.
    const overdueAt = (as: string) => call('GET', '/v1/deadlines/overdue', as);
    expect((await overdueAt('secretariat')).body.items.map((d: { referralId: string }) => d.referralId)).toContain(body.id);
    expect((await overdueAt('sia')).body.items.map((d: { referralId: string }) => d.referralId)).toContain(body.id);
    expect((await overdueAt('hotline')).body.items.map((d: { referralId: string }) => d.referralId)).not.toContain(body.id);

    // SIA acknowledges: that clock stops; the decide clock runs on and misses once, later.
    expect((await call('POST', `/v1/referrals/${body.id}/status`, 'sia', { status: 'received' })).status).toBe(200);
    const afterDecide = new Date(decide.due_at.getTime() + 60_000);
    await scheduler().tick(afterDecide);
    await scheduler().tick(new Date(afterDecide.getTime() + 3_600_000));
    expect((await emitted(body.id, missedType)).map((e) => e.data.clock).sort()).toEqual(['acknowledge', 'decide']);
    expect((await emitted(body.id, approachingType)).map((e) => e.data.clock).sort()).toEqual(['acknowledge']);
    const audit = await fx.database.pool.query(
      `select count(*)::int as n from audit.entries where subject_id = $1 and action = 'deadline.missed'`,
      [body.id],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('stops every clock when the referral ends', async () => {
    const { body } = await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R01' });
    await call('POST', `/v1/referrals/${body.id}/status`, 'center', { status: 'cancelled', statusReason: '相談者の取り下げ' });
    expect((await clocksOf(body.id)).every((c) => c.met_at !== null)).toBe(true);
    const [, , complete] = await clocksOf(body.id);
    await scheduler().tick(new Date(complete.due_at.getTime() + 60_000));
    expect(await emitted(body.id, 'jp.liaison.deadline.missed.v1')).toEqual([]);
  });
});
