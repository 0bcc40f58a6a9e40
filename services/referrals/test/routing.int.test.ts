import { randomUUID } from 'node:crypto';
import type { Actor, Agency } from '@liaison/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: '違法・有害情報相談センター', nameEn: 'Consultation Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'セーファーインターネット協会', nameEn: 'Safer Internet Association', roles: ['member'] },
  hotline: { code: 'hotline', nameJa: 'インターネット・ホットラインセンター', nameEn: 'Internet Hotline Center', roles: ['member'] },
};
const center: Actor = { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] };

// Routing suggestions through the API, and the sender's choice — followed or overridden — recorded.
describe('routing suggestions', () => {
  let fx: ServiceFixture;
  let service: ReferralsService;
  const post = async (path: string, body: unknown) => {
    const res = await service.app.request(path, {
      method: 'POST',
      headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    service = createReferralsService({
      database: fx.database,
      bus: fx.bus(),
      verifyToken: async (t) => (t === 'lia_center' ? center : null),
      agency: async (c) => bodies[c],
      relay: false,
      consumers: false,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('suggests SIA for a child defamation case reported by a guardian, with the reason in Japanese first', async () => {
    const res = await post('/v1/routing/suggestions', { category: 'R01', consulter: 'GRD', victimUnder18: true });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      body: 'sia',
      nameJa: 'セーファーインターネット協会',
      action: 'refer',
      rule: 'child-harm-to-sia',
    });
    expect(res.body.items[0].reasonJa).toMatch(/保護者・学校/);
  });

  it('records a followed suggestion', async () => {
    const res = await post('/v1/referrals', { recipient: 'sia', category: 'R01', routing: { consulter: 'GRD', victimUnder18: true } });
    expect(res.status).toBe(201);
    expect(res.body.routing).toEqual({ suggested: ['sia'], followed: true, overrideReason: null });
  });

  it('needs a reason to override the suggestion, and records it', async () => {
    const refused = await post('/v1/referrals', {
      recipient: 'hotline',
      category: 'R01',
      routing: { consulter: 'GRD', victimUnder18: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['routing.overrideReason']);
    const reason = '投稿に犯行予告が含まれるため';
    const res = await post('/v1/referrals', {
      recipient: 'hotline',
      category: 'R01',
      routing: { consulter: 'GRD', victimUnder18: true, overrideReason: reason },
    });
    expect(res.status).toBe(201);
    expect(res.body.routing).toEqual({ suggested: ['sia'], followed: false, overrideReason: reason });
    const stored = await service.app.request(`/v1/referrals/${res.body.id}`, { headers: { authorization: 'Bearer lia_center' } });
    expect(((await stored.json()) as any).routing.overrideReason).toBe(reason);
    const audit = await fx.database.pool.query(
      `select reason, details from audit.entries where subject_id = $1 and action = 'referral.create'`,
      [res.body.id],
    );
    expect(audit.rows[0]).toMatchObject({ reason, details: { routingFollowed: false, routingSuggested: ['sia'] } });
  });
});
