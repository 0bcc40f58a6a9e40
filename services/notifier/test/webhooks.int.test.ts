import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { auditMigrations } from '@liaison/audit';
import type { Actor, Agency } from '@liaison/auth';
import { authMigrations } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, type EventBus, pglogMigrations } from '@liaison/events';
import { createReferralsService, type ReferralsService, referralsMigrations } from '@liaison/referrals';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNotifierService, type NotifierService, notifierMigrations, refuseTarget, retrySchedule } from '../src/index.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'SIA', nameEn: 'SIA', roles: ['member'] },
};
const actors: Record<string, Actor> = {
  lia_center: { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] },
  lia_sia: { agency: 'sia', role: 'supervisor', tokenId: randomUUID(), agencyRoles: ['member'] },
};

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

// Partner delivery by webhook: Standard Webhooks signatures, the retry schedule, 410, the
// dead-letter list with redelivery, and the SSRF guard.
describe('webhooks', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: EventBus;
  let referrals: ReferralsService;
  let notifier: NotifierService;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  const answers: Record<string, number> = { '/ok': 200, '/fail': 500, '/gone': 410 };

  const call = async (method: 'GET' | 'POST', path: string, as: string, body?: unknown, app: { request: (p: string, i: RequestInit) => Response | Promise<Response> } = notifier.app) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer lia_${as}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const refer = async () => (await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R01' }, referrals.app)).body.id as string;
  const deliveriesOf = async (endpointId: string) =>
    (await database.pool.query('select * from notifier.deliveries where endpoint_id = $1 order by created_at', [endpointId])).rows;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
        res.statusCode = answers[req.url ?? ''] ?? 404;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;

    testDb = await createTestDatabase(inject('pgAdminUrl'), 'hooks');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, referralsMigrations, notifierMigrations]);
    bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('hooks')}.`, pollInterval: 100 });
    await bus.ensureTopics({ partitions: 2 });
    const verifyToken = async (t: string) => actors[t] ?? null;
    referrals = createReferralsService({ database, bus, verifyToken, agency: async (c) => bodies[c], consumers: false, scheduler: false });
    // The receiver runs on this machine, so this test allows loopback targets; the dispatcher is
    // driven by the test's clock.
    notifier = createNotifierService({ database, bus, verifyToken, targets: { allowPrivateTargets: true }, dispatcher: false });
    await referrals.start();
    await notifier.start();
  });
  afterAll(async () => {
    await notifier?.stop();
    await referrals?.stop();
    await bus?.close();
    await database?.close();
    await testDb?.drop();
    receiver?.close();
  });

  it('delivers a referral to SIA’s endpoint, signed so that the standardwebhooks package verifies it', async () => {
    const hook = await call('POST', '/v1/webhooks', 'sia', { url: `${base}/ok`, eventTypes: ['jp.liaison.referral.created.v1'] });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toMatch(/^whsec_/);
    const id = await refer();
    await waitFor('the delivery queued', async () => (await deliveriesOf(hook.body.id)).length === 1);
    await notifier.dispatcher.tick(new Date());
    const got = received.find((r) => r.path === '/ok')!;
    const verified = new Webhook(hook.body.secret).verify(got.body, got.headers) as { type: string; data: { referralId: string } };
    expect(verified.type).toBe('jp.liaison.referral.created.v1');
    expect(verified.data.referralId).toBe(id);
    expect(() => new Webhook(hook.body.secret).verify(got.body.replace(id, randomUUID()), got.headers)).toThrow();
    expect((await deliveriesOf(hook.body.id))[0]).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    await call('POST', '/v1/webhooks', 'sia', { url: `${base}/never`, eventTypes: ['jp.liaison.deadline.missed.v1'] });
  });

  it('retries a failing receiver on the schedule, with jitter, for more than three days, then dead-letters it; redelivery works', async () => {
    const hook = await call('POST', '/v1/webhooks', 'sia', { url: `${base}/fail`, eventTypes: ['jp.liaison.referral.created.v1'] });
    await refer();
    await waitFor('the delivery queued', async () => (await deliveriesOf(hook.body.id)).length === 1);
    const first = (await deliveriesOf(hook.body.id))[0];
    let now = new Date(first.next_attempt_at.getTime());
    const start = now.getTime();
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= retrySchedule.length + 1; attempt++) {
      await notifier.dispatcher.tick(now);
      const [row] = await deliveriesOf(hook.body.id);
      expect(row.attempts).toBe(attempt);
      if (attempt <= retrySchedule.length) {
        const gap = row.next_attempt_at.getTime() - now.getTime();
        expect(gap).toBeGreaterThanOrEqual(retrySchedule[attempt - 1]! * 0.8 - 1);
        expect(gap).toBeLessThanOrEqual(retrySchedule[attempt - 1]! * 1.2 + 1);
        gaps.push(gap);
        // Not before it is due.
        await notifier.dispatcher.tick(new Date(row.next_attempt_at.getTime() - 1000));
        expect((await deliveriesOf(hook.body.id))[0].attempts).toBe(attempt);
        now = row.next_attempt_at;
      } else {
        expect(row).toMatchObject({ status: 'failed', last_status_code: 500 });
      }
    }
    expect(now.getTime() - start).toBeGreaterThan(3 * 86_400_000);
    const attempts = received.filter((r) => r.path === '/fail');
    expect(attempts).toHaveLength(retrySchedule.length + 1);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);

    const dead = await call('GET', '/v1/webhooks/dead-letters', 'sia');
    expect(dead.body.items).toEqual([expect.objectContaining({ id: first.id, attempts: retrySchedule.length + 1, lastStatusCode: 500 })]);
    expect((await call('GET', '/v1/webhooks/dead-letters', 'center')).body.items).toEqual([]);
    answers['/fail'] = 204;
    expect((await call('POST', `/v1/webhooks/dead-letters/${first.id}/redeliver`, 'center')).status).toBe(404);
    expect((await call('POST', `/v1/webhooks/dead-letters/${first.id}/redeliver`, 'sia')).status).toBe(200);
    await notifier.dispatcher.tick(new Date());
    expect((await deliveriesOf(hook.body.id))[0]).toMatchObject({ status: 'delivered', last_status_code: 204 });
  });

  it('disables an endpoint that answers 410 Gone', async () => {
    const hook = await call('POST', '/v1/webhooks', 'sia', { url: `${base}/gone`, eventTypes: ['jp.liaison.referral.created.v1'] });
    await refer();
    await waitFor('the delivery queued', async () => (await deliveriesOf(hook.body.id)).length === 1);
    await notifier.dispatcher.tick(new Date());
    const listed = (await call('GET', '/v1/webhooks', 'sia')).body.items.find((e: { id: string }) => e.id === hook.body.id);
    expect(listed).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });
    // A witness endpoint of the same body gets the next event: once it has, the fan-out is done.
    const witness = await call('POST', '/v1/webhooks', 'sia', { url: `${base}/ok`, eventTypes: ['jp.liaison.referral.created.v1'] });
    const next = await refer();
    await waitFor('the next referral fanned out', async () => (await deliveriesOf(witness.body.id)).some((d) => d.payload.subject === next));
    expect(await deliveriesOf(hook.body.id)).toHaveLength(1);
  });

  it('refuses private, loopback and link-local targets (no request is ever sent to them)', async () => {
    const strict = createNotifierService({ database, bus, verifyToken: async (t) => actors[t] ?? null, targets: {}, dispatcher: false, consumers: false });
    for (const url of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://192.168.0.10/', 'https://172.20.0.1/', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/', 'https://[fd00::1]/', 'https://localhost/hook', 'http://example.org/hook', 'https://user:pw@example.org/', 'ftp://example.org/']) {
      const res = await call('POST', '/v1/webhooks', 'sia', { url }, strict.app);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.problems[0].field).toBe('url');
    }
    // A public name that resolves inwards is refused too; one that resolves outwards is accepted.
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['10.0.0.5'] })).toMatch(/private/);
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['203.0.113.7', '::ffff:127.0.0.1'] })).toMatch(/127\.0\.0\.1|private/);
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['203.0.113.7'] })).toBeUndefined();
  });
});
