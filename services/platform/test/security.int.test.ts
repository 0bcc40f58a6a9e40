import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@liaison/auth';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printSdl, schema } from '@liaison/gateway';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

/**
 * A valid request for every REST route, keyed by method and OpenAPI path. The suite fails when the
 * API has a route missing here, so no route goes without its security checks.
 */
const validRequests: Record<string, (ids: { referral: string }) => { path: string; body?: unknown; wrongRole?: 'admin' }> = {
  'POST /v1/referrals': () => ({ path: '/v1/referrals', body: { recipient: 'sia', category: 'R01' } }),
  'GET /v1/referrals/sent': () => ({ path: '/v1/referrals/sent' }),
  'GET /v1/referrals/action-needed': () => ({ path: '/v1/referrals/action-needed' }),
  'POST /v1/referrals/{id}/status': (ids) => ({ path: `/v1/referrals/${ids.referral}/status`, body: { status: 'received' } }),
  'GET /v1/referrals/{id}/history': (ids) => ({ path: `/v1/referrals/${ids.referral}/history` }),
  'GET /v1/referrals/{id}': (ids) => ({ path: `/v1/referrals/${ids.referral}` }),
  'GET /v1/inbox': () => ({ path: '/v1/inbox' }),
  'POST /v1/routing/suggestions': () => ({ path: '/v1/routing/suggestions', body: { category: 'R01', consulter: 'GRD', victimUnder18: true } }),
  // The secretariat's own list: for it, an administrator is the wrong role.
  'GET /v1/deadlines/overdue': () => ({ path: '/v1/deadlines/overdue', wrongRole: 'admin' }),
};

/** What an observer body and a wrong role get from each GraphQL query field. */
const graphqlPolicy: Record<string, { query: string; observer: 'allowed' | 'FORBIDDEN' }> = {
  me: { query: '{ me { agency role } }', observer: 'allowed' },
  referralInbox: { query: '{ referralInbox { id } }', observer: 'FORBIDDEN' },
};

// Generated, not hand-picked: for every route of the OpenAPI document and every GraphQL query
// field, the same checks — no token, an observer body, a wrong role, another member body.
describe('authorization on every route and field', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let routes: { method: string; path: string }[];
  let referral: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-sec-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'sec');
    platform = await startPlatform({ databaseUrl: testDb.url, dataDir, seedDemo: true, log: () => {}, topicPartitions: 2 });
    api = client(platform);
    const doc = (await api.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
    const created = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01' }, api.tokenOf('center'));
    expect(created.status).toBe(201);
    referral = created.body.id;
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (route: { method: string; path: string }, token: string | undefined) => {
    const req = validRequests[`${route.method} ${route.path}`]!({ referral });
    const res = await platform.app.request(req.path, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('has a security case for every route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const r of routes) expect(Object.keys(validRequests), `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
  });

  it('refuses every route without a token, or with a revoked-looking one (401)', async () => {
    for (const r of routes) {
      expect((await send(r, undefined)).status, `${r.method} ${r.path}`).toBe(401);
      expect((await send(r, 'lia_not-a-real-token-xxxxxxxxxxxxxxxx')).status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('refuses every route to an observer body (403)', async () => {
    for (const r of routes) {
      const res = await send(r, api.tokenOf('mic', 'observer'));
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses every route to a member body’s person in the wrong role (403)', async () => {
    const admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'security test' })).token;
    for (const r of routes) {
      const wrong = validRequests[`${r.method} ${r.path}`]!({ referral }).wrongRole === 'admin' ? admin : api.tokenOf('center', 'secretariat');
      expect((await send(r, wrong)).status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it('shows another member body nothing of a referral it is not party to', async () => {
    const hotline = api.tokenOf('hotline');
    for (const r of routes) {
      const res = await send(r, hotline);
      const label = `${r.method} ${r.path}`;
      if (r.path.includes('{id}')) {
        expect(res.status, label).toBe(404);
      } else {
        expect(res.status, label).toBeLessThan(300);
        expect(JSON.stringify(res.body), label).not.toContain(referral);
      }
    }
    // Nor can it act in another body's name.
    const spoof = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01', sender: 'center' }, hotline);
    expect(spoof.status).toBe(400);
  });

  it('has a policy for every GraphQL query field', () => {
    const fields = Object.keys(schema.getQueryType()!.getFields()).sort();
    expect(fields).toEqual(Object.keys(graphqlPolicy).sort());
    expect(printSdl()).toContain('type Query');
  });

  it('refuses every GraphQL field to anonymous callers, observers and wrong roles as its policy says', async () => {
    for (const [field, policy] of Object.entries(graphqlPolicy)) {
      const anonymous = await api.graphql(policy.query);
      expect(anonymous.errors?.[0]?.extensions?.code, field).toBe('UNAUTHENTICATED');
      for (const token of [api.tokenOf('mic', 'observer'), api.tokenOf('center', 'secretariat')]) {
        const res = await api.graphql(policy.query, token);
        if (policy.observer === 'allowed') expect(res.errors, field).toBeUndefined();
        else expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
      }
    }
    const hotlineInbox = await api.graphql('{ referralInbox { id } }', api.tokenOf('hotline'));
    expect(JSON.stringify(hotlineInbox)).not.toContain(referral);
  });
});
