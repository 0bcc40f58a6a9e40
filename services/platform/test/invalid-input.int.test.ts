import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const RUNS = 1000;

/** A valid body for every write endpoint that takes one; the suite fails when one is missing. */
const validBodies: Record<string, (ids: { case: string; action: string }) => { path: string; as: string; body: Record<string, unknown> }> = {
  'POST /v1/referrals': () => ({ path: '/v1/referrals', as: 'center', body: { recipient: 'sia', category: 'R01', kind: 'referral', urgent: false, status: 'requested' } }),
  'POST /v1/referrals/{id}/status': () => ({ path: '/v1/referrals/{referral}/status', as: 'sia', body: { status: 'received', businessStatus: 'advised', expectedVersion: 1 } }),
  'POST /v1/routing/suggestions': () => ({ path: '/v1/routing/suggestions', as: 'center', body: { category: 'R01', consulter: 'GRD', victimUnder18: true } }),
  'POST /v1/cases': () => ({
    path: '/v1/cases',
    as: 'center',
    body: { category: 'B01', platformType: 'SNS', operator: 'Example', designatedPlatform: false, consulter: 'SCH', victimUnder18: true, requestedActions: ['advice'], urls: ['https://example.com/p/1'], summary: 'x', person: { name: 'テスト' } },
  }),
  'POST /v1/cases/{id}/consents': (ids) => ({ path: `/v1/cases/${ids.case}/consents`, as: 'center', body: { givenBy: 'guardian', recipients: ['sia'], purposes: ['deletion-request'], givenAt: '2026-11-27T10:00:00+09:00' } }),
  'POST /v1/cases/{id}/packages': (ids) => ({ path: `/v1/cases/${ids.case}/packages`, as: 'center', body: { recipient: 'sia', purpose: 'deletion-request', legalGround: 'appi-27-1-ii', legalReason: '緊急' } }),
  'POST /v1/cases/{id}/actions': (ids) => ({ path: `/v1/cases/${ids.case}/actions`, as: 'center', body: { action: 'art25-request', requestedAt: '2026-11-27T10:00:00+09:00', designatedPlatform: true, electionCandidate: false } }),
  'POST /v1/cases/{id}/actions/{actionId}/outcome': (ids) => ({ path: `/v1/cases/${ids.case}/actions/${ids.action}/outcome`, as: 'center', body: { outcome: 'extended', extensionGround: 'expert-review' } }),
  'POST /v1/tokens': () => ({ path: '/v1/tokens', as: 'center/admin', body: { role: 'caseworker', label: 'x', ttlDays: 30 } }),
  'POST /v1/webhooks': () => ({ path: '/v1/webhooks', as: 'sia', body: { url: 'https://hooks.partner.example/x', eventTypes: ['jp.liaison.referral.created.v1'] } }),
  'POST /v1/stats/releases': () => ({ path: '/v1/stats/releases', as: 'center/secretariat', body: { period: '2026-10' } }),
};

/** A value of the wrong JSON type for a field whose valid example is `example`. */
const wrongType = (example: unknown) =>
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 0 }), fc.string({ maxLength: 8 })).filter((v) => {
    if (v === null) return true;
    if (Array.isArray(example)) return !Array.isArray(v);
    return typeof v !== typeof example || (typeof v === 'object' && Array.isArray(v));
  });

// Generated from the OpenAPI documents: for every write endpoint, many invalid bodies (wrong type
// of each field, a required field missing, an unknown field, not an object, not JSON) → 400 naming
// the field, never a 5xx, and nothing stored, audited or published.
describe('invalid input on every write endpoint (property-based)', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  const ops: { key: string; required: string[] }[] = [];
  let ids: { case: string; referral: string; action: string };
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-fuzz-'));

  const snapshot = async () => {
    const exact = await Promise.all(
      ['referrals.referrals', 'referrals.outbox', 'referrals.referral_status_history', 'intake.cases', 'intake.consents', 'intake.packages', 'intake.case_actions', 'intake.outbox', 'notifier.endpoints', 'auth.api_tokens', 'audit.entries', 'stats.releases', 'stats.outbox'].map(
        async (t) => [t, (await platform.database.pool.query(`select count(*)::int as n from ${t}`)).rows[0].n] as const,
      ),
    );
    return { exact: Object.fromEntries(exact) };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'fuzz');
    platform = await startPlatform({ databaseUrl: testDb.url, dataDir, seedDemo: true, log: () => {}, topicPartitions: 2, webhooks: { targets: { resolve: async () => ['203.0.113.10'] }, dispatcher: false } });
    api = client(platform);
    for (const doc of ['/v1/openapi.json', '/v1/intake/openapi.json', '/v1/webhooks/openapi.json', '/v1/tokens/openapi.json', '/v1/stats/openapi.json']) {
      const { body } = await api.get(doc);
      for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
        for (const [method, op] of Object.entries(methods)) {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          if (!schema) continue;
          const resolved = schema.$ref ? body.components.schemas[schema.$ref.split('/').pop()] : schema;
          ops.push({ key: `${method.toUpperCase()} ${path}`, required: resolved.required ?? [] });
        }
      }
    }
    const kase = await api.post('/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false }, api.tokenOf('center'));
    const referral = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01' }, api.tokenOf('center'));
    const action = await api.post(`/v1/cases/${kase.body.id}/actions`, { action: 'advice' }, api.tokenOf('center'));
    ids = { case: kase.body.id, referral: referral.body.id, action: action.body.id };
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a valid example for every endpoint that takes a body', () => {
    expect(ops.length).toBeGreaterThanOrEqual(7);
    for (const op of ops) expect(Object.keys(validBodies), op.key).toContain(op.key);
  });

  it(`answers ${RUNS} generated invalid bodies per endpoint with a 400 naming the field, and keeps nothing`, async () => {
    const before = await snapshot();
    for (const op of ops) {
      const example = validBodies[op.key]!(ids);
      const path = example.path.replace('{referral}', ids.referral);
      const [agency, role] = example.as.split('/');
      const token = api.tokenOf(agency!, role);
      const fields = Object.keys(example.body);
      const invalid = fc.oneof(
        fc.constantFrom(...fields).chain((field) => wrongType(example.body[field]).map((value) => ({ body: JSON.stringify({ ...example.body, [field]: value }), field }))),
        ...(op.required.length > 0
          ? [fc.constantFrom(...op.required).map((field) => {
              const { [field]: _gone, ...rest } = example.body;
              return { body: JSON.stringify(rest), field };
            })]
          : []),
        fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !fields.includes(k) && k !== '__proto__').map((k) => ({ body: JSON.stringify({ ...example.body, [k]: 1 }), field: k })),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })).map((v) => ({ body: JSON.stringify(v), field: undefined })),
        fc.constantFrom('{', '{"a":', 'not json', '[1,', '{"x":1}}').map((raw) => ({ body: raw, field: '(body)' })),
      );
      await fc.assert(
        fc.asyncProperty(invalid, async ({ body, field }) => {
          const res = await platform.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
          const json = (await res.json()) as any;
          expect(res.status, `${op.key} ${body}`).toBe(400);
          const named = json.error.details.problems.map((p: { field: string }) => p.field);
          expect(named.length, `${op.key} ${body}`).toBeGreaterThan(0);
          if (field) expect(named, `${op.key} ${body}`).toContain(field);
        }),
        { numRuns: RUNS },
      );
    }
    expect((await snapshot()).exact).toEqual(before.exact);
  }, 300_000);
});
