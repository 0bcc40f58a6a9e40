import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { taskStatuses } from '@liaison/domain';
import { schema } from '@liaison/gateway';
import { createTestDatabase, type TestDatabase, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client, subscribe } from './helpers.ts';

type Route = { method: string; path: string; hasBody: boolean };

/**
 * Valid bodies for the routes with a path id that take one (the suite fails when one is missing):
 * a refused body would make a draft and a random id look alike for the wrong reason. The status
 * route gets every status, with and without the version a draft has.
 */
const bodiesFor: Record<string, unknown[]> = {
  'POST /v1/referrals/{id}/status': taskStatuses.flatMap((status) => [
    { status, statusReason: '受信側による操作' },
    { status, statusReason: '受信側による操作', expectedVersion: 1 },
    { status, businessStatus: 'advised', statusReason: '受信側による操作' },
  ]),
  'POST /v1/cases/{id}/consents': [{ givenBy: 'person', recipients: ['sia'], purposes: ['deletion-request'] }],
  'POST /v1/cases/{id}/packages': [{ recipient: 'sia', purpose: 'deletion-request' }],
  'POST /v1/cases/{id}/actions': [{ action: 'advice' }],
  'POST /v1/cases/{id}/actions/{actionId}/outcome': [{ outcome: 'deleted' }],
  'PATCH /v1/meetings/{id}': [{ place: '会議室' }],
  'POST /v1/meetings/{id}/agenda-items': [{ title: '議題', presenter: 'sia' }],
  'PUT /v1/meetings/{id}/attendance': [{ attendance: [{ body: 'sia', status: 'present' }] }],
  'PUT /v1/meetings/{id}/minutes': [{ text: '議事録' }],
  'POST /v1/meetings/{id}/action-items': [{ title: '対応', owner: 'sia', dueOn: '2027-03-31' }],
  'POST /v1/meetings/{id}/report': [{ period: '2026Q1' }],
  'PATCH /v1/meetings/{id}/report/{version}/sentences/{sentenceId}': [{ omit: true }],
};

/** A selection of every field of a GraphQL type, nested types included (arguments left to their defaults). */
function selectAll(type: unknown, depth = 0): string {
  const named = (t: any): any => (t.ofType ? named(t.ofType) : t);
  const fields = Object.values((type as { getFields(): Record<string, any> }).getFields())
    .filter((f) => f.args.every((a: any) => a.type.constructor.name !== 'GraphQLNonNull' || a.defaultValue !== undefined))
    .map((f) => {
      const t = named(f.type);
      if (typeof t.getFields !== 'function') return f.name;
      return depth < 3 ? `${f.name} ${selectAll(t, depth + 1)}` : '';
    })
    .filter(Boolean);
  return `{ ${fields.join(' ')} }`;
}

// A draft stays with its sender. Generated from the OpenAPI documents and the GraphQL schema: for
// every route with a path id, everyone but the sender gets for a draft exactly what a random id
// gets; no list, query field, live subscription, webhook or bus message shows a draft — whether it
// is still a draft, or was cancelled or entered in error without ever being sent. Once sent, the
// recipient sees it everywhere (the control that keeps this test honest).
describe('drafts stay with their sender, on every route, field, subscription and webhook', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let receiver: Server;
  let hookUrl: string;
  const hooks: string[] = [];
  const routes: Route[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-drafts-'));
  /** Never-sent referrals by what became of them. */
  const drafts: Record<string, string> = {};
  let sent: string;
  let live: Awaited<ReturnType<typeof subscribe>>;
  let hotlineLive: Awaited<ReturnType<typeof subscribe>>;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push(body);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/sia`;
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'drafts');
    // The Postgres-log bus: every message ever published stays in eventbus.log, where the test reads it.
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 3,
      webhooks: { targets: { allowLoopback: true } },
    });
    api = client(platform);
    for (const doc of apiDocuments.map((d) => d.path)) {
      const { body } = await api.get(doc);
      for (const [path, ops] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
        for (const [method, op] of Object.entries(ops))
          routes.push({ method: method.toUpperCase(), path, hasBody: Boolean(op.requestBody) });
      }
    }

    // SIA listens by webhook and live subscription before anything happens; so does a third body.
    const sia = api.tokenOf('sia');
    expect((await api.post('/v1/webhooks', { url: hookUrl }, sia)).status).toBe(201);
    live = await subscribe(platform, `subscription ${selectAll(schema.getSubscriptionType())}`, sia);
    hotlineLive = await subscribe(platform, `subscription ${selectAll(schema.getSubscriptionType())}`, api.tokenOf('hotline'));

    // The Center drafts four referrals to SIA and never sends them; a fifth it sends.
    const center = api.tokenOf('center');
    const draft = async () => {
      const res = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01', status: 'draft', urgent: true }, center);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const move = async (id: string, status: string) =>
      expect((await api.post(`/v1/referrals/${id}/status`, { status, statusReason: '送信前に取りやめ' }, center)).status).toBe(200);
    drafts.draft = await draft();
    drafts.cancelled = await draft();
    await move(drafts.cancelled, 'cancelled');
    drafts.enteredInError = await draft();
    await move(drafts.enteredInError, 'entered-in-error');
    drafts.cancelledThenError = await draft();
    await move(drafts.cancelledThenError, 'cancelled');
    await move(drafts.cancelledThenError, 'entered-in-error');
    sent = await draft();
    await move(sent, 'requested');
  });
  afterAll(async () => {
    await live?.close();
    await hotlineLive?.close();
    await platform?.stop();
    await testDb?.drop();
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (route: Route, id: string, token: string, body?: unknown) => {
    // The probed id in every id slot; a report's version and sentence get fixed valid values, so that
    // the answer depends on the probed id only.
    const fixed: Record<string, string> = { version: '1', sentenceId: 'total' };
    const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => fixed[name] ?? id);
    const res = await platform.app.request(path, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, text: await res.text() };
  };
  /** A reply with the probed id and the request id blanked: what is left must not tell a draft from nothing. */
  const normalise = (text: string, id: string) => text.replaceAll(id, '<id>').replace(/"requestId":"[^"]*"/, '"requestId":"<rid>"');
  const others = () => [
    ['sia (the recipient)', api.tokenOf('sia')],
    ['hotline (another member)', api.tokenOf('hotline')],
  ];

  it('has a valid body for every route with a path id that takes one', () => {
    const withId = routes.filter((r) => r.path.includes('{'));
    expect(withId.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/referrals/{id}', 'GET /v1/referrals/{id}/history', 'POST /v1/referrals/{id}/status']),
    );
    for (const r of withId.filter((x) => x.hasBody))
      expect(Object.keys(bodiesFor), `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
  });

  it('answers a draft, on every route with a path id, exactly as it answers a random id', async () => {
    let compared = 0;
    for (const route of routes.filter((r) => r.path.includes('{'))) {
      const bodies = route.hasBody ? bodiesFor[`${route.method} ${route.path}`]! : [undefined];
      for (const [who, token] of others()) {
        for (const [state, id] of Object.entries(drafts)) {
          for (const body of bodies) {
            const random = randomUUID();
            const draft = await send(route, id, token!, body);
            const nothing = await send(route, random, token!, body);
            const label = `${who} ${route.method} ${route.path} on a ${state} draft ${JSON.stringify(body ?? '')}`;
            expect(draft.status, label).toBe(nothing.status);
            expect(draft.status, label).toBeGreaterThanOrEqual(400);
            expect(normalise(draft.text, id), label).toBe(normalise(nothing.text, random));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    // Nothing the recipient tried changed a draft.
    const center = api.tokenOf('center');
    const states = await Promise.all(Object.values(drafts).map(async (id) => (await api.get(`/v1/referrals/${id}`, center)).body));
    expect(states.map((r) => [r.status, r.sentAt])).toEqual([
      ['draft', null],
      ['cancelled', null],
      ['entered-in-error', null],
      ['entered-in-error', null],
    ]);
  }, 240_000);

  it('shows no draft in any list route or GraphQL query field to anyone but the sender', async () => {
    const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes('{'));
    expect(lists.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/v1/inbox', '/v1/referrals/sent', '/v1/referrals/action-needed', '/v1/deadlines/overdue']),
    );
    const fields = Object.entries(schema.getQueryType()!.getFields());
    expect(fields.map(([name]) => name)).toContain('referralInbox');
    // The sent one reaches SIA's inbox: from then on every list is complete for this check.
    await waitFor('the sent referral in SIA’s inbox', async () =>
      (await api.get('/v1/inbox', api.tokenOf('sia'))).body.items.some((r: { referralId: string }) => r.referralId === sent),
    );
    for (const [who, token] of others()) {
      for (const route of lists) {
        const res = await send(route, '', token!);
        for (const [state, id] of Object.entries(drafts)) expect(res.text, `${who} GET ${route.path}: ${state} draft`).not.toContain(id);
      }
      for (const [name, field] of fields) {
        const named = (t: any): any => (t.ofType ? named(t.ofType) : t);
        const leaf = typeof named(field.type).getFields !== 'function';
        const res = await api.graphql(`{ ${name}${leaf ? '' : ` ${selectAll(named(field.type))}`} }`, token);
        for (const [state, id] of Object.entries(drafts)) expect(JSON.stringify(res), `${who} ${name}: ${state} draft`).not.toContain(id);
      }
    }
    // The sender does see its drafts (the lists are not simply empty).
    const centerSent = (await api.get('/v1/referrals/sent', api.tokenOf('center'))).body.items.map((r: { id: string }) => r.id);
    expect(centerSent).toEqual(expect.arrayContaining(Object.values(drafts)));
  });

  it('puts nothing about a draft on the bus: no live event, no webhook, no message any body could consume', async () => {
    // Positive signals first: the sent referral is announced, live and by webhook, as new and requested.
    await waitFor('the sent referral live at SIA', () => live.events.some((e) => e.liveEvents.referralId === sent), 60000);
    expect(live.events.find((e) => e.liveEvents.referralId === sent)!.liveEvents).toMatchObject({
      type: 'jp.liaison.referral.created.v1',
      status: 'requested',
      from: 'center',
    });
    await waitFor('the sent referral by webhook at SIA', () => hooks.some((h) => h.includes(sent)), 60000);
    // Every event written is published, and the referrals service wrote none about any draft.
    await waitFor(
      'the relay to publish everything',
      async () =>
        (await platform.database.pool.query('select count(*)::int as n from referrals.outbox where published_at is null')).rows[0].n === 0,
    );
    const outbox = await platform.database.pool.query('select event::text as text from referrals.outbox');
    const onBus = await platform.database.pool.query("select convert_from(value, 'UTF8') || (headers::text) as text from eventbus.log");
    expect(onBus.rows.some((r) => r.text.includes(sent))).toBe(true);
    for (const id of Object.values(drafts)) {
      for (const text of [
        ...outbox.rows.map((r) => r.text),
        ...onBus.rows.map((r) => r.text),
        ...hooks,
        ...live.events.map((e) => JSON.stringify(e)),
        ...hotlineLive.events.map((e) => JSON.stringify(e)),
      ]) {
        expect(text).not.toContain(id);
      }
    }
    // The sent draft is announced once, as new: its recipient is not told it was ever a draft.
    const aboutSent = outbox.rows
      .filter((r) => r.text.includes(sent))
      .map((r) => JSON.parse(r.text) as { type: string; data: { status: string } });
    expect(aboutSent.map((e) => [e.type, e.data.status])).toEqual([['jp.liaison.referral.created.v1', 'requested']]);
  }, 120_000);

  it('shows the referral to its recipient once it is sent (the control)', async () => {
    const sia = api.tokenOf('sia');
    const one = await api.get(`/v1/referrals/${sent}`, sia);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: sent, status: 'requested', sender: 'center' });
    expect(one.body.sentAt).not.toBeNull();
    expect((await api.get(`/v1/referrals/${sent}/history`, sia)).status).toBe(200);
    const inbox = await api.graphql('{ referralInbox { id status } }', sia);
    expect(inbox.data?.referralInbox).toContainEqual({ id: sent, status: 'requested' });
    const received = await api.post(`/v1/referrals/${sent}/status`, { status: 'received' }, sia);
    expect(received.status).toBe(200);
  });
});
