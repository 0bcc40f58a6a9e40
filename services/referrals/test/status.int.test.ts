import { randomBytes, randomUUID } from 'node:crypto';
import { sealAudit, verifyAudit } from '@liaison/audit';
import type { Actor, Agency } from '@liaison/auth';
import { caller, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: '違法・有害情報相談センター', nameEn: 'Consultation Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'セーファーインターネット協会', nameEn: 'SIA', roles: ['member'] },
  hotline: { code: 'hotline', nameJa: 'インターネット・ホットラインセンター', nameEn: 'Internet Hotline Center', roles: ['member'] },
};
const actors: Record<string, Actor> = Object.fromEntries(
  ['center', 'sia', 'hotline'].map((a) => [
    `lia_${a}`,
    { agency: a, role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] } as Actor,
  ]),
);

// Referral statuses through the REST API, on a real Postgres and the Postgres-log bus.
describe('referral status changes', () => {
  let fx: ServiceFixture;
  let service: ReferralsService;

  const call = caller(() => service.app);
  const create = async (body: Record<string, unknown> = {}) => {
    const res = await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R01', ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const move = (id: string, as: string, body: Record<string, unknown>) => call('POST', `/v1/referrals/${id}/status`, as, body);
  const inboxItem = async (id: string) =>
    (await call('GET', '/v1/inbox', 'sia')).body.items.find((r: { referralId: string }) => r.referralId === id);

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    const bus = fx.bus();
    await bus.ensureTopics({ partitions: 3 });
    service = createReferralsService({
      database: fx.database,
      bus,
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      log: () => {},
    });
    await service.start();
  });
  afterAll(async () => {
    await service?.stop();
    await fx?.close();
  });

  it('walks a referral from requested to completed; each step reaches the recipient’s inbox and the history', async () => {
    const id = await create();
    const steps: [string, Record<string, unknown>][] = [
      ['sia', { status: 'received' }],
      ['sia', { status: 'accepted' }],
      ['sia', { status: 'in-progress' }],
      ['sia', { status: 'in-progress', businessStatus: 'deletion-requested' }],
      ['sia', { status: 'completed', businessStatus: 'deleted' }],
    ];
    let version = 1;
    for (const [as, body] of steps) {
      const res = await move(id, as, { ...body, expectedVersion: version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: body.status, version: version + 1 });
      version++;
    }
    const sender = await call('GET', `/v1/referrals/${id}`, 'center');
    expect(sender.body).toMatchObject({ status: 'completed', businessStatus: 'deleted', version: 6 });
    const history = await call('GET', `/v1/referrals/${id}/history`, 'center');
    expect(history.body.items.map((h: { to: string; businessStatus: string | null }) => [h.to, h.businessStatus])).toEqual([
      ['received', null],
      ['accepted', null],
      ['in-progress', null],
      ['in-progress', 'deletion-requested'],
      ['completed', 'deleted'],
    ]);
    expect(history.body.items.every((h: { changedBy: string }) => h.changedBy === 'sia')).toBe(true);
    await waitFor('the inbox to show the final status', async () => (await inboxItem(id))?.version === 6);
    expect(await inboxItem(id)).toMatchObject({ status: 'completed', businessStatus: 'deleted' });

    // Every state change is in the audit log, and the chain verifies once sealed.
    const audited = await fx.database.pool.query('select agency, action from audit.entries where subject_id = $1 order by id', [id]);
    expect(audited.rows.map((r) => `${r.agency} ${r.action}`)).toEqual(['center referral.create', ...Array(5).fill('sia referral.status')]);
    const key = randomBytes(32);
    while ((await sealAudit(fx.database.pool, key)) > 0) {}
    expect(await verifyAudit(fx.database.pool, key)).toMatchObject({ ok: true });
  });

  it('refuses an illegal move with 409 naming the allowed next statuses, and changes nothing', async () => {
    const id = await create();
    const senderTries = await move(id, 'center', { status: 'completed' });
    expect(senderTries.status).toBe(409);
    expect(senderTries.body.error.details).toEqual({
      from: 'requested',
      to: 'completed',
      side: 'sender',
      allowed: ['cancelled', 'entered-in-error'],
    });
    const recipientTries = await move(id, 'sia', { status: 'completed' });
    expect(recipientTries.status).toBe(409);
    expect(recipientTries.body.error.details.allowed).toEqual(['received', 'accepted', 'rejected', 'cancelled']);
    expect((await call('GET', `/v1/referrals/${id}`, 'center')).body).toMatchObject({ status: 'requested', version: 1 });
    expect((await call('GET', `/v1/referrals/${id}/history`, 'center')).body.items).toEqual([]);
  });

  it('needs a reason to reject, and keeps it off the bus', async () => {
    const id = await create();
    const noReason = await move(id, 'sia', { status: 'rejected' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['statusReason']);
    const reason = '対象外の相談（海外サイトで当協会の通知対象外）';
    const rejected = await move(id, 'sia', { status: 'rejected', statusReason: reason });
    expect(rejected.status).toBe(200);
    expect((await call('GET', `/v1/referrals/${id}`, 'center')).body.statusReason).toBe(reason);
    const onBus = await fx.database.pool.query(
      "select count(*)::int as n from eventbus.log where convert_from(value, 'UTF8') like '%' || $1 || '%'",
      [reason],
    );
    expect(onBus.rows[0].n).toBe(0);
  });

  it('detects a concurrent change through expectedVersion', async () => {
    const id = await create();
    expect((await move(id, 'sia', { status: 'received', expectedVersion: 1 })).status).toBe(200);
    const stale = await move(id, 'sia', { status: 'accepted', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2, currentStatus: 'received' });
  });

  it('hides a referral from bodies that are neither sender nor recipient', async () => {
    const id = await create();
    expect((await move(id, 'hotline', { status: 'received' })).status).toBe(404);
    expect((await call('GET', `/v1/referrals/${id}/history`, 'hotline')).status).toBe(404);
  });

  it('keeps drafts with the sender, and lists what needs action for each side', async () => {
    const draft = await create({ status: 'draft', category: 'B01' });
    const requested = await create({ category: 'R03', urgent: true });
    const centerTodo = (await call('GET', '/v1/referrals/action-needed', 'center')).body.items.map((r: { id: string }) => r.id);
    const siaTodo = (await call('GET', '/v1/referrals/action-needed', 'sia')).body.items.map((r: { id: string }) => r.id);
    expect(centerTodo).toContain(draft);
    expect(centerTodo).not.toContain(requested);
    expect(siaTodo).toContain(requested);
    expect(siaTodo).not.toContain(draft);
    expect(siaTodo[0]).toBe(requested); // urgent first
    await waitFor('the requested referral in SIA’s inbox', async () => Boolean(await inboxItem(requested)));
    expect(await inboxItem(draft)).toBeUndefined();
    expect((await move(draft, 'center', { status: 'requested' })).status).toBe(200);
    await waitFor('the draft, once requested, in SIA’s inbox', async () => (await inboxItem(draft))?.status === 'requested');
  });
});
