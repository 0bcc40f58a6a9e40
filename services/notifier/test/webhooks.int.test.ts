import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { auditMigrations } from '@liaison/audit';
import type { Actor, Agency } from '@liaison/auth';
import { authMigrations } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, type EventBus, makeEvent, pglogMigrations } from '@liaison/events';
import { createReferralsService, type ReferralsService, referralsMigrations } from '@liaison/referrals';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  type CheckedTarget,
  createNotifierService,
  DEAD_LETTERED,
  Dispatcher,
  LoopbackSwitchInProduction,
  MAX_RETRY_AFTER_MS,
  type NotifierService,
  notifierMigrations,
  REQUEST_TIMEOUT_MS,
  refuseTarget,
  retrySchedule,
  type WebhookRequest,
} from '../src/index.ts';

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
type Answer = number | { status: number; headers?: Record<string, string> } | 'hang';

/** A webhook receiver on loopback: answers by path; 'hang' holds the response until released. */
function receiverOn(host: string, answers: Record<string, Answer>, port = 0) {
  const received: Received[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
      const answer = answers[req.url ?? ''] ?? 404;
      if (answer === 'hang') {
        held.push(res);
        return;
      }
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      res.writeHead(status, headers);
      res.end();
    });
  });
  const listening = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
  return {
    server,
    received,
    listening,
    release(status = 200) {
      for (const res of held.splice(0)) res.writeHead(status).end();
    },
    async close() {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

// Partner delivery by webhook: Standard Webhooks signatures, the retry schedule, 410, the
// dead-letter list with redelivery and its notices, encrypted signing secrets, and the target
// rules (pinned to the checked address, no database lock while a partner is slow).
describe('webhooks', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: EventBus;
  let referrals: ReferralsService;
  let notifier: NotifierService;
  let base: string;
  const webhookKey = randomBytes(32);
  const answers: Record<string, Answer> = { '/ok': 200, '/fail': 500, '/gone': 410 };
  const receiver = receiverOn('127.0.0.1', answers);
  const received = receiver.received;
  const extra: { close(): Promise<void> }[] = [];

  const call = async (
    method: 'GET' | 'POST',
    path: string,
    as: string,
    body?: unknown,
    app: { request: (p: string, i: RequestInit) => Response | Promise<Response> } = notifier.app,
  ) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer lia_${as}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const refer = async () =>
    (await call('POST', '/v1/referrals', 'center', { recipient: 'sia', category: 'R01' }, referrals.app)).body.id as string;
  const deliveriesOf = async (endpointId: string) =>
    (await database.pool.query('select * from notifier.deliveries where endpoint_id = $1 order by created_at', [endpointId])).rows;
  const register = async (as: string, path: string, eventTypes: string[] = ['jp.liaison.referral.created.v1']) => {
    const hook = await call('POST', '/v1/webhooks', as, { url: `${base}${path}`, eventTypes });
    expect(hook.status).toBe(201);
    return hook.body as { id: string; secret: string };
  };
  /** Queues one delivery to each endpoint given and waits until the fan-out has written them. */
  const queueFor = async (...endpointIds: string[]) => {
    const id = await refer();
    const rows = await waitFor('the deliveries queued', async () => {
      const found = await Promise.all(endpointIds.map(async (e) => (await deliveriesOf(e)).find((d) => d.payload.data.referralId === id)));
      return found.every(Boolean) ? found : undefined;
    });
    return rows as { id: string; next_attempt_at: Date }[];
  };

  beforeAll(async () => {
    base = `http://127.0.0.1:${await receiver.listening}`;
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'hooks');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, referralsMigrations, notifierMigrations]);
    bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('hooks')}.`, pollInterval: 100 });
    await bus.ensureTopics({ partitions: 2 });
    const verifyToken = async (t: string) => actors[t] ?? null;
    referrals = createReferralsService({ database, bus, verifyToken, agency: async (c) => bodies[c], consumers: false, scheduler: false });
    // The receiver runs on this machine, so this suite turns on the loopback development switch;
    // the dispatcher is driven by the test's clock.
    notifier = createNotifierService({
      database,
      bus,
      verifyToken,
      targets: { allowLoopback: true },
      webhookKey,
      secretariat: 'center',
      dispatcher: false,
    });
    await referrals.start();
    await notifier.start();
  });
  afterAll(async () => {
    await notifier?.stop();
    await referrals?.stop();
    await bus?.close();
    await database?.close();
    await testDb?.drop();
    await Promise.all([receiver, ...extra].map((r) => r.close()));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
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

  it('stores signing secrets only encrypted: no column holds the secret or its key bytes', async () => {
    const hook = await register('sia', '/ok');
    const key = Buffer.from(hook.secret.replace(/^whsec_/, ''), 'base64');
    const { rows } = await database.pool.query(`select e::text as row, e.secret from notifier.endpoints e where id = $1`, [hook.id]);
    expect(rows[0].secret).toMatch(/^v1:/);
    const audit = await database.pool.query(`select a::text as row from audit.entries a where subject_id = $1`, [hook.id]);
    for (const stored of [rows[0].row as string, ...audit.rows.map((r) => r.row as string)]) {
      expect(stored).not.toContain(hook.secret);
      expect(stored).not.toContain(hook.secret.replace(/^whsec_/, ''));
      expect(stored).not.toContain(key.toString('hex'));
      expect(stored).not.toContain(key.toString('base64url'));
    }
    // What the dispatcher signs with still verifies.
    const [delivery] = await queueFor(hook.id);
    await notifier.dispatcher.tick(new Date());
    const got = received.find((r) => r.headers['webhook-id'] === delivery!.id)!;
    expect(new Webhook(hook.secret).verify(got.body, got.headers)).toMatchObject({ type: 'jp.liaison.referral.created.v1' });
  });

  it('reads an endpoint stored before encryption, and encrypts its secret at the next start', async () => {
    const legacy = `whsec_${randomBytes(24).toString('base64')}`;
    const id = randomUUID();
    await database.pool.query(
      `insert into notifier.endpoints (id, agency, url, secret, event_types) values ($1, 'sia', $2, $3, '{jp.liaison.referral.created.v1}')`,
      [id, `${base}/ok`, legacy],
    );
    const [before] = await queueFor(id);
    await notifier.dispatcher.tick(new Date());
    const first = received.find((r) => r.headers['webhook-id'] === before!.id)!;
    expect(new Webhook(legacy).verify(first.body, first.headers)).toBeTruthy();

    const restarted = createNotifierService({
      database,
      bus,
      verifyToken: async () => null,
      targets: { allowLoopback: true },
      webhookKey,
      dispatcher: false,
      consumers: false,
      relay: false,
    });
    await restarted.start();
    await restarted.stop();
    const stored = (await database.pool.query(`select e::text as row, secret from notifier.endpoints e where id = $1`, [id])).rows[0];
    expect(stored.secret).toMatch(/^v1:/);
    expect(stored.row).not.toContain(legacy.replace(/^whsec_/, ''));
    const [after] = await queueFor(id);
    await notifier.dispatcher.tick(new Date());
    const second = received.find((r) => r.headers['webhook-id'] === after!.id)!;
    expect(new Webhook(legacy).verify(second.body, second.headers)).toBeTruthy();
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
    await waitFor('the next referral fanned out', async () =>
      (await deliveriesOf(witness.body.id)).some((d) => d.payload.subject === next),
    );
    expect(await deliveriesOf(hook.body.id)).toHaveLength(1);
  });

  it('honours Retry-After on 429 and 503 (seconds or an HTTP date, at most a day), never sooner than the schedule', async () => {
    const now = new Date();
    const cases: { path: string; answer: Answer; wait: [number, number] }[] = [
      { path: '/busy-seconds', answer: { status: 429, headers: { 'retry-after': '3600' } }, wait: [3_600_000, 3_600_000] },
      { path: '/busy-date', answer: 503, wait: [7_199_000, 7_200_000] }, // the date is set below
      {
        path: '/busy-short',
        answer: { status: 429, headers: { 'retry-after': '1' } },
        wait: [retrySchedule[0]! * 0.8, retrySchedule[0]! * 1.2],
      },
      {
        path: '/busy-forever',
        answer: { status: 503, headers: { 'retry-after': String(30 * 86_400) } },
        wait: [MAX_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS],
      },
      {
        path: '/error-with-header',
        answer: { status: 500, headers: { 'retry-after': '3600' } },
        wait: [retrySchedule[0]! * 0.8, retrySchedule[0]! * 1.2],
      },
    ];
    const hooks = [];
    for (const c of cases) {
      answers[c.path] = c.answer;
      hooks.push(await register('sia', c.path));
    }
    const rows = await queueFor(...hooks.map((h) => h.id));
    const at = new Date(Math.max(now.getTime(), ...rows.map((r) => r.next_attempt_at.getTime())));
    answers['/busy-date'] = { status: 503, headers: { 'retry-after': new Date(at.getTime() + 7_200_000).toUTCString() } };
    await notifier.dispatcher.tick(at);
    for (const [i, c] of cases.entries()) {
      const [row] = (await deliveriesOf(hooks[i]!.id)).filter((d) => d.id === rows[i]!.id);
      const wait = row.next_attempt_at.getTime() - at.getTime();
      expect(row.attempts, c.path).toBe(1);
      expect(wait, c.path).toBeGreaterThanOrEqual(c.wait[0] - 1000);
      expect(wait, c.path).toBeLessThanOrEqual(c.wait[1] + 1000);
    }
  });

  it('announces a dead letter to the owner and the secretariat (event and counter), in the transaction that dead-letters it', async () => {
    answers['/down'] = 500;
    answers['/center-notices'] = 204;
    answers['/sia-notices'] = 204;
    const down = await register('sia', '/down', []); // every event, dead-letter notices included
    const centerNotices = await register('center', '/center-notices', [DEAD_LETTERED]);
    const siaNotices = await register('sia', '/sia-notices', [DEAD_LETTERED]);
    const [delivery] = await queueFor(down.id);
    // The last attempt is due: the ten retries are the previous test's subject.
    await database.pool.query(`update notifier.deliveries set attempts = $2 where id = $1`, [delivery!.id, retrySchedule.length]);
    const before = notifier.stats().deadLettered;

    // If the notice cannot be written, the delivery is not dead-lettered either.
    await database.pool.query(
      `create function notifier.refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox refused by the test'; end $$`,
    );
    await database.pool.query(
      `create trigger refuse_outbox before insert on notifier.outbox for each row execute function notifier.refuse_outbox()`,
    );
    const at = new Date(delivery!.next_attempt_at.getTime());
    try {
      const failed = await notifier.dispatcher.tick(at).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(String((failed?.cause as Error | undefined)?.message)).toBe('outbox refused by the test');
    } finally {
      await database.pool.query(`drop trigger refuse_outbox on notifier.outbox; drop function notifier.refuse_outbox()`);
    }
    expect((await deliveriesOf(down.id)).find((d) => d.id === delivery!.id)).toMatchObject({
      status: 'pending',
      attempts: retrySchedule.length,
    });
    expect(notifier.stats().deadLettered).toBe(before);

    // Its lease runs out, and the next attempt dead-letters it with the notice.
    await notifier.dispatcher.tick(new Date(at.getTime() + 300_001));
    expect((await deliveriesOf(down.id)).find((d) => d.id === delivery!.id)).toMatchObject({
      status: 'failed',
      attempts: retrySchedule.length + 1,
      last_status_code: 500,
    });
    expect(notifier.stats().deadLettered).toBe(before + 1);
    const { rows: notices } = await database.pool.query(
      `select event from notifier.outbox where event->>'type' = $1 and event->'data'->>'deliveryId' = $2`,
      [DEAD_LETTERED, delivery!.id],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].event).toMatchObject({
      source: '/agencies/sia',
      subject: down.id,
      data: {
        deliveryId: delivery!.id,
        endpointId: down.id,
        owner: 'sia',
        secretariat: 'center',
        eventType: 'jp.liaison.referral.created.v1',
        attempts: retrySchedule.length + 1,
        lastStatusCode: 500,
        reason: 'status',
      },
    });
    expect(JSON.stringify(notices[0].event)).not.toContain('127.0.0.1');

    // The relay publishes it; both bodies' notice endpoints get it, the endpoint that is down does not.
    const noticeTo = async (endpointId: string) => (await deliveriesOf(endpointId)).find((d) => d.payload.data.deliveryId === delivery!.id);
    await waitFor('the notice fanned out', async () => (await noticeTo(centerNotices.id)) && (await noticeTo(siaNotices.id)));
    expect(await noticeTo(down.id)).toBeUndefined();
    await notifier.dispatcher.tick(new Date());
    for (const [path, hook] of [
      ['/center-notices', centerNotices],
      ['/sia-notices', siaNotices],
    ] as const) {
      const got = received.find((r) => r.path === path && JSON.parse(r.body).data.deliveryId === delivery!.id)!;
      expect(new Webhook(hook.secret).verify(got.body, got.headers)).toMatchObject({ type: DEAD_LETTERED, data: { owner: 'sia' } });
      expect(got.body).not.toContain('/down');
    }
  });

  it('does not announce the dead letter of a dead-letter notice (two unreachable endpoints would tell each other forever)', async () => {
    answers['/notices-down'] = 500;
    const noticesDown = await register('center', '/notices-down', [DEAD_LETTERED]);
    answers['/down-again'] = 500;
    const down = await register('sia', '/down-again');
    const [delivery] = await queueFor(down.id);
    await database.pool.query(`update notifier.deliveries set attempts = $2 where id = $1`, [delivery!.id, retrySchedule.length]);
    await notifier.dispatcher.tick(new Date(delivery!.next_attempt_at.getTime()));
    const notice = await waitFor('the notice queued for the center', async () =>
      (await deliveriesOf(noticesDown.id)).find((d) => d.payload.data.deliveryId === delivery!.id),
    );
    await database.pool.query(`update notifier.deliveries set attempts = $2 where id = $1`, [notice.id, retrySchedule.length]);
    const before = notifier.stats().deadLettered;
    await notifier.dispatcher.tick(new Date(Math.max(Date.now(), notice.next_attempt_at.getTime())));
    expect((await deliveriesOf(noticesDown.id)).find((d) => d.id === notice.id)).toMatchObject({ status: 'failed' });
    const { rows } = await database.pool.query(`select 1 from notifier.outbox where event->'data'->>'deliveryId' = $1`, [notice.id]);
    expect(rows).toHaveLength(0);
    // The counter still counts it: it is a dead letter like any other.
    expect(notifier.stats().deadLettered).toBe(before + 1);
    // It is still on the center's dead-letter list, to redeliver by hand.
    expect((await call('GET', '/v1/webhooks/dead-letters', 'center')).body.items.map((i: { id: string }) => i.id)).toContain(notice.id);
  });

  it('holds no lock or transaction while a partner’s server hangs; the other deliveries go on', async () => {
    answers['/hang'] = 'hang';
    answers['/quick'] = 200;
    const slow = await register('sia', '/hang');
    const quick = await register('sia', '/quick');
    const url = new URL(testDb.url);
    url.searchParams.set('application_name', 'hang-dispatcher');
    const own = createDatabase({ url: url.toString() });
    const checker = await database.pool.connect();
    try {
      const dispatcher = new Dispatcher({ db: own.db, targets: { allowLoopback: true }, webhookKey, timeout: 60_000 });
      const [stuck] = await queueFor(slow.id);
      const hanging = dispatcher.tick(new Date());
      await waitFor('the partner holding the request', () => received.some((r) => r.headers['webhook-id'] === stuck!.id));
      answers['/hang'] = 200; // later requests are answered; this one stays held

      // Once the dispatcher has written the other results of this tick, none of its sessions is
      // inside a transaction, and its rows can be locked at once.
      const sessionsOf = async () =>
        (
          await checker.query<{ state: string; xact_start: Date | null }>(
            `select state, xact_start from pg_stat_activity where application_name = 'hang-dispatcher'`,
          )
        ).rows;
      const sessions = await waitFor('the dispatcher’s other statements done', async () => {
        const rows = await sessionsOf();
        return rows.length > 0 && rows.every((r) => r.state !== 'active') ? rows : undefined;
      });
      expect(sessions.filter((r) => r.xact_start !== null || r.state.startsWith('idle in transaction'))).toEqual([]);
      await checker.query('begin');
      const locked = await checker.query(`select id from notifier.deliveries where endpoint_id in ($1, $2) for update nowait`, [
        slow.id,
        quick.id,
      ]);
      expect(locked.rows.map((r) => r.id)).toContain(stuck!.id);
      await checker.query(`select id from notifier.endpoints where id = $1 for update nowait`, [slow.id]);
      await checker.query('rollback');

      // Another delivery goes out meanwhile; the hanging one is not sent twice.
      const [next] = await queueFor(quick.id);
      expect(await dispatcher.tick(new Date())).toBeGreaterThanOrEqual(1);
      expect((await deliveriesOf(quick.id)).find((d) => d.id === next!.id)).toMatchObject({ status: 'delivered' });
      expect(received.filter((r) => r.headers['webhook-id'] === stuck!.id)).toHaveLength(1);

      receiver.release(200);
      await hanging;
      expect((await deliveriesOf(slow.id)).find((d) => d.id === stuck!.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    } finally {
      receiver.release(200);
      checker.release();
      await own.close();
    }
  });

  it('gives up on a receiver that does not answer within the timeout (15 s by default) and retries later', async () => {
    answers['/silent'] = 'hang';
    const silent = await register('sia', '/silent');
    const seen: WebhookRequest[] = [];
    const spy = new Dispatcher({
      db: database.db,
      targets: { allowLoopback: true },
      webhookKey,
      transport: async (_t, req) => {
        seen.push(req);
        return { status: 204 };
      },
    });
    const short = new Dispatcher({ db: database.db, targets: { allowLoopback: true }, webhookKey, timeout: 300 });
    const [delivery] = await queueFor(silent.id);
    await short.tick(new Date());
    expect((await deliveriesOf(silent.id)).find((d) => d.id === delivery!.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'timed out',
    });
    receiver.release(200);
    answers['/silent'] = 204;
    const [other] = await queueFor(silent.id);
    await spy.tick(new Date());
    expect(seen.map((r) => r.headers['webhook-id'])).toContain(other!.id);
    expect(seen[0]!.timeout).toBe(REQUEST_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBe(15_000);
  });

  it('connects to the address it checked, not to where the name resolves afterwards (DNS rebinding)', async () => {
    // The checked address is 127.0.0.2; a second question about `localhost` (the system's, or the
    // resolver's) answers 127.0.0.1 — where another receiver listens on the same port.
    let checked: ReturnType<typeof receiverOn> | undefined;
    let elsewhere: ReturnType<typeof receiverOn> | undefined;
    let port = 0;
    for (let tries = 0; !elsewhere && tries < 20; tries++) {
      checked = receiverOn('127.0.0.2', { '/rebind': 200 });
      port = await checked.listening;
      const candidate = receiverOn('127.0.0.1', { '/rebind': 200 }, port);
      if (
        await candidate.listening.then(
          () => true,
          () => false,
        )
      )
        elsewhere = candidate;
      else await checked.close();
    }
    extra.push(checked!, elsewhere!);
    let questions = 0;
    const resolve = async (host: string) => (host !== 'localhost' ? [] : questions++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']);
    const dispatcher = new Dispatcher({ db: database.db, targets: { allowLoopback: true, resolve }, webhookKey });
    const hook = await call('POST', '/v1/webhooks', 'sia', {
      url: `http://localhost:${port}/rebind`,
      eventTypes: ['jp.liaison.referral.created.v1'],
    });
    expect(hook.status).toBe(201);
    const [delivery] = await queueFor(hook.body.id);
    await dispatcher.tick(new Date());
    expect((await deliveriesOf(hook.body.id)).find((d) => d.id === delivery!.id)).toMatchObject({ status: 'delivered' });
    expect(checked!.received.map((r) => r.headers['webhook-id'])).toEqual([delivery!.id]);
    expect(checked!.received[0]!.headers.host).toBe(`localhost:${port}`);
    expect(elsewhere!.received).toEqual([]);
    expect(questions).toBe(1);
  });

  it('never sends inwards when a public name rebinds to loopback: pinned at first, refused at the next check', async () => {
    // Only this endpoint's name rebinds: deliveries other tests left pending ask about other names,
    // and must not take the first (public) answer.
    let questions = 0;
    const resolve = async (host: string) => (host === 'partner.example' && questions++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const connections: CheckedTarget[] = [];
    // No traffic leaves the machine: this transport records where the pinned request would go.
    const dispatcher = new Dispatcher({
      db: database.db,
      targets: { resolve },
      webhookKey,
      transport: async (target) => {
        connections.push(target);
        return { status: 503 };
      },
    });
    const strict = createNotifierService({
      database,
      bus,
      verifyToken: async (t) => actors[t] ?? null,
      targets: { resolve: async () => ['93.184.216.34'] },
      webhookKey,
      dispatcher: false,
      consumers: false,
      relay: false,
    });
    const hook = await call('POST', '/v1/webhooks', 'sia', { url: 'https://partner.example/rebind-public' }, strict.app);
    expect(hook.status).toBe(201);
    const id = hook.body.id as string;
    // Queued for this endpoint alone: the strict dispatcher would refuse the loopback receivers of the other tests.
    const delivery = { id: randomUUID() };
    const referralId = randomUUID();
    const event = makeEvent({
      type: 'jp.liaison.referral.created.v1',
      source: '/agencies/center',
      subject: referralId,
      data: {
        referralId,
        sender: 'center',
        recipient: 'sia',
        kind: 'referral',
        category: 'R01',
        status: 'requested',
        createdAt: new Date().toISOString(),
      },
    });
    await database.pool.query(
      // Due only in an hour: the suite's running dispatcher never claims it; this test's ticks run "later".
      `insert into notifier.deliveries (id, endpoint_id, agency, event_id, event_type, payload, status, next_attempt_at) values ($1, $2, 'sia', $3, $4, $5, 'pending', now() + interval '1 hour')`,
      [delivery.id, id, randomUUID(), event.type, event],
    );
    const later = () => new Date(Date.now() + 2 * 3600_000);
    // Other tests' deliveries may be due too: only this endpoint's connections count.
    const mine = () => connections.filter((c) => c.host === 'partner.example');
    // Other tests' pending deliveries come first (a tick takes 32): tick until this one was tried.
    const tickUntilTried = async (attempts: number) => {
      for (let i = 0; i < 50 && (await deliveriesOf(id))[0]?.attempts < attempts; i++) await dispatcher.tick(later());
    };
    await tickUntilTried(1);
    expect(mine().map((c) => ({ host: c.host, address: c.address }))).toEqual([{ host: 'partner.example', address: '93.184.216.34' }]);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 503 });
    await database.pool.query(`update notifier.deliveries set next_attempt_at = now() + interval '1 hour' where id = $1`, [delivery.id]);
    await tickUntilTried(2);
    expect(mine()).toHaveLength(1);
    const [after] = await deliveriesOf(id);
    expect(after).toMatchObject({
      status: 'pending',
      attempts: 2,
      last_error: expect.stringMatching(/^target refused: resolves to an address webhooks may not target/),
    });
    expect(after.last_error).not.toContain('127.0.0.1');
  });

  it('refuses private, loopback and link-local targets without the development switch (no request is ever sent to them)', async () => {
    const strict = createNotifierService({
      database,
      bus,
      verifyToken: async (t) => actors[t] ?? null,
      targets: {},
      webhookKey,
      dispatcher: false,
      consumers: false,
      relay: false,
    });
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://192.168.0.10/',
      'https://172.20.0.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:7f00:1]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://localhost/hook',
      'http://example.org/hook',
      'https://example.org:8443/hook',
      'https://user:pw@example.org/',
      'ftp://example.org/',
    ]) {
      const res = await call('POST', '/v1/webhooks', 'sia', { url }, strict.app);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.problems[0].field).toBe('url');
    }
    // A public name that resolves inwards is refused too; one that resolves outwards is accepted.
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['10.0.0.5'] })).toMatch(/private/);
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['93.184.216.34', '::ffff:127.0.0.1'] })).toMatch(
      /private/,
    );
    expect(await refuseTarget('https://partner.example/hook', { resolve: async () => ['93.184.216.34'] })).toBeUndefined();
  });

  it('refuses to start with the loopback switch when NODE_ENV=production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const deps = { database, bus, verifyToken: async () => null, webhookKey, dispatcher: false, consumers: false, relay: false };
    expect(() => createNotifierService({ ...deps, targets: { allowLoopback: true } })).toThrow(LoopbackSwitchInProduction);
    expect(() => new Dispatcher({ db: database.db, targets: { allowLoopback: true }, webhookKey })).toThrow(LoopbackSwitchInProduction);
    expect(() => createNotifierService({ ...deps, targets: {} })).not.toThrow();
  });
});
