import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const RUNS = 1000;

/** A valid body for every write endpoint that takes one; the suite fails when one is missing. */
// `ahead`: timestamp fields that name a time to come (a key's validity), not one that happened.
const validBodies: Record<
  string,
  (ids: { case: string; action: string; package: string; meeting: string }) => {
    path: string;
    as: string;
    body: Record<string, unknown>;
    ahead?: string[];
  }
> = {
  // The package need not exist: every generated body is refused before anyone looks it up.
  'POST /v1/referrals': (ids) => ({
    path: '/v1/referrals',
    as: 'center',
    body: {
      recipient: 'sia',
      category: 'R01',
      kind: 'referral',
      urgent: false,
      status: 'requested',
      packageId: ids.package,
      caseId: ids.case,
    },
  }),
  'POST /v1/referrals/{id}/status': () => ({
    path: '/v1/referrals/{referral}/status',
    as: 'sia',
    body: { status: 'received', businessStatus: 'advised', expectedVersion: 1 },
  }),
  'POST /v1/routing/suggestions': () => ({
    path: '/v1/routing/suggestions',
    as: 'center',
    body: { category: 'R01', consulter: 'GRD', victimUnder18: true },
  }),
  'POST /v1/cases': () => ({
    path: '/v1/cases',
    as: 'center',
    body: {
      category: 'B01',
      platformType: 'SNS',
      operator: 'Example',
      designatedPlatform: false,
      consulter: 'SCH',
      victimUnder18: true,
      requestedActions: ['advice'],
      urls: ['https://example.com/p/1'],
      summary: 'x',
      person: { name: 'テスト' },
    },
  }),
  'POST /v1/cases/{id}/consents': (ids) => ({
    path: `/v1/cases/${ids.case}/consents`,
    as: 'center',
    body: { givenBy: 'guardian', recipients: ['sia'], purposes: ['deletion-request'], givenAt: '2026-11-27T10:00:00+09:00' },
  }),
  'POST /v1/cases/{id}/packages': (ids) => ({
    path: `/v1/cases/${ids.case}/packages`,
    as: 'center',
    body: { recipient: 'sia', purpose: 'deletion-request', legalGround: 'appi-27-1-ii', legalReason: '緊急' },
  }),
  'POST /v1/cases/{id}/actions': (ids) => ({
    path: `/v1/cases/${ids.case}/actions`,
    as: 'center',
    body: { action: 'art25-request', requestedAt: '2026-11-27T10:00:00+09:00', designatedPlatform: true, electionCandidate: false },
  }),
  'POST /v1/cases/{id}/actions/{actionId}/outcome': (ids) => ({
    path: `/v1/cases/${ids.case}/actions/${ids.action}/outcome`,
    as: 'center',
    body: { outcome: 'extended', extensionGround: 'expert-review' },
  }),
  'POST /v1/tokens': () => ({ path: '/v1/tokens', as: 'center/admin', body: { role: 'caseworker', label: 'x', ttlDays: 30 } }),
  'POST /v1/webhooks': () => ({
    path: '/v1/webhooks',
    as: 'sia',
    body: { url: 'https://hooks.partner.example/x', eventTypes: ['jp.liaison.referral.created.v1'] },
  }),
  'POST /v1/keys': () => ({
    path: '/v1/keys',
    as: 'center/admin',
    body: {
      keyId: 'fuzz-1',
      publicKey: '3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=',
      notBefore: new Date(Date.now() + 86_400_000).toISOString(),
      expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
    },
    ahead: ['notBefore', 'expiresAt'],
  }),
  'POST /v1/stats/releases': () => ({ path: '/v1/stats/releases', as: 'center/secretariat', body: { period: '2026-10' } }),
  'POST /v1/meetings': () => ({
    path: '/v1/meetings',
    as: 'center/secretariat',
    body: {
      number: 7,
      heldOn: '2026-12-10',
      startTime: '14:00',
      place: '会議室',
      onlineLink: 'https://meet.example.jp/x',
      reviewFrom: '2026-04',
      reviewTo: '2026-09',
      invited: ['sia', 'mic'],
    },
  }),
  'PATCH /v1/meetings/{id}': (ids) => ({
    path: `/v1/meetings/${ids.meeting}`,
    as: 'center/secretariat',
    body: { heldOn: '2026-12-11', reviewTo: '2026-08', invited: ['center', 'sia'] },
  }),
  'POST /v1/meetings/{id}/agenda-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/agenda-items`,
    as: 'center/secretariat',
    body: { title: '議題', presenter: 'sia', position: 3 },
  }),
  'PUT /v1/meetings/{id}/attendance': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/attendance`,
    as: 'center/secretariat',
    body: { attendance: [{ body: 'sia', status: 'present' }] },
  }),
  'PUT /v1/meetings/{id}/minutes': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/minutes`,
    as: 'center/secretariat',
    body: { text: '議事録' },
  }),
  'POST /v1/meetings/{id}/action-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/action-items`,
    as: 'center/secretariat',
    body: { title: '対応', owner: 'sia', dueOn: '2027-03-31' },
  }),
  // The report version need not exist: every generated body is refused before anyone looks it up.
  'POST /v1/meetings/{id}/report': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report`,
    as: 'center/secretariat',
    body: { period: 'FY2025' },
  }),
  'PATCH /v1/meetings/{id}/report/{version}/sentences/{sentenceId}': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report/1/sentences/total`,
    as: 'center/secretariat',
    body: { text: { ja: '文', en: 'Sentence' } },
  }),
};

/** A value of the wrong JSON type for a field whose valid example is `example`. */
const wrongType = (example: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.object({ maxDepth: 0 }),
      fc.string({ maxLength: 8 }),
    )
    .filter((v) => {
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
  /** Every query parameter of every route (method, path, parameter). */
  const queryParams: { method: string; path: string; name: string }[] = [];
  /** Everything the platform logged during the suite. */
  const logs: string[] = [];
  let ids: { case: string; referral: string; action: string; package: string; meeting: string };
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-fuzz-'));

  const snapshot = async () => {
    const exact = await Promise.all(
      [
        'referrals.referrals',
        'referrals.outbox',
        'referrals.referral_status_history',
        'intake.cases',
        'intake.consents',
        'intake.packages',
        'intake.case_actions',
        'intake.outbox',
        'notifier.endpoints',
        'auth.api_tokens',
        'auth.body_keys',
        'audit.entries',
        'stats.releases',
        'stats.outbox',
        'secretariat.meetings',
        'secretariat.agenda_items',
        'secretariat.action_items',
        'secretariat.report_versions',
        'secretariat.outbox',
      ].map(async (t) => [t, (await platform.database.pool.query(`select count(*)::int as n from ${t}`)).rows[0].n] as const),
    );
    return { exact: Object.fromEntries(exact) };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'fuzz');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: (line) => logs.push(line),
      topicPartitions: 2,
      webhooks: { targets: { resolve: async () => ['93.184.216.34'] }, dispatcher: false },
    });
    api = client(platform);
    for (const doc of apiDocuments.map((d) => d.path)) {
      const { body } = await api.get(doc);
      for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
        for (const [method, op] of Object.entries(methods)) {
          for (const p of op.parameters ?? []) if (p.in === 'query') queryParams.push({ method: method.toUpperCase(), path, name: p.name });
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
    const meeting = await api.post(
      '/v1/meetings',
      { heldOn: '2026-12-10', place: '会議室', reviewFrom: '2026-04', reviewTo: '2026-09' },
      api.tokenOf('center', 'secretariat'),
    );
    expect(meeting.status).toBe(201);
    ids = { case: kase.body.id, referral: referral.body.id, action: action.body.id, package: randomUUID(), meeting: meeting.body.id };
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
        fc
          .constantFrom(...fields)
          .chain((field) =>
            wrongType(example.body[field]).map((value) => ({ body: JSON.stringify({ ...example.body, [field]: value }), field })),
          ),
        ...(op.required.length > 0
          ? [
              fc.constantFrom(...op.required).map((field) => {
                const { [field]: _gone, ...rest } = example.body;
                return { body: JSON.stringify(rest), field };
              }),
            ]
          : []),
        fc
          .string({ minLength: 1, maxLength: 10 })
          .filter((k) => !fields.includes(k) && k !== '__proto__')
          .map((k) => ({ body: JSON.stringify({ ...example.body, [k]: 1 }), field: k })),
        fc
          .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }))
          .map((v) => ({ body: JSON.stringify(v), field: undefined })),
        fc.constantFrom('{', '{"a":', 'not json', '[1,', '{"x":1}}').map((raw) => ({ body: raw, field: '(body)' })),
      );
      await fc.assert(
        fc.asyncProperty(invalid, async ({ body, field }) => {
          const res = await platform.app.request(path, {
            method: op.key.split(' ')[0],
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          });
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

  /** Every string in `value` with its dotted path (`urls.0`, `person.name`). */
  const stringFields = (value: unknown, prefix = ''): { path: string; value: string }[] =>
    typeof value === 'string'
      ? [{ path: prefix, value }]
      : Array.isArray(value)
        ? value.flatMap((v, i) => stringFields(v, prefix ? `${prefix}.${i}` : String(i)))
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => stringFields(v, prefix ? `${prefix}.${k}` : k))
          : [];
  const setAt = (value: any, path: string, replacement: unknown): any => {
    const [head, ...rest] = path.split('.');
    const copy = Array.isArray(value) ? [...value] : { ...value };
    copy[head!] = rest.length === 0 ? replacement : setAt(value[head!], rest.join('.'), replacement);
    return copy;
  };
  /** A string Postgres cannot store: a NUL or an unpaired surrogate somewhere in otherwise valid text. */
  const unstorable = fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\uDBFF\u0041', 'a\u0000b'),
      fc.string({ maxLength: 12 }),
    )
    .map(([a, bad, b]) => `${a}${bad}${b}`);
  const isTimestamp = (v: string) => /^\d{4}-\d{2}-\d{2}T/.test(v);
  /** Timestamps that are well-formed but out of bounds: before 2000, or in the future. */
  const outOfBounds = fc.oneof(
    fc.constantFrom(
      '0099-01-01T00:00:00+09:00',
      '1999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2999-01-01T00:00:00+09:00',
    ),
    fc.integer({ min: 2, max: 3650 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
    fc.integer({ min: 1, max: 1999 }).map((year) => `${String(year).padStart(4, '0')}-06-15T12:00:00+09:00`),
  );
  /** For times to come (a key's not-before and expiry): before 2000, or further ahead than any key may reach (over 3 years). */
  const outOfBoundsAhead = fc.oneof(
    fc.constantFrom(
      '0099-01-01T00:00:00+09:00',
      '1999-12-31T23:59:59Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2999-01-01T00:00:00+09:00',
    ),
    fc.integer({ min: 1100, max: 3650 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
    fc.integer({ min: 1, max: 1999 }).map((year) => `${String(year).padStart(4, '0')}-06-15T12:00:00+09:00`),
  );

  it(`refuses, on every write endpoint, every string field holding text Postgres cannot store (NUL, unpaired surrogates) and every out-of-bounds date, with a 400 naming the field, and keeps nothing`, async () => {
    const before = await snapshot();
    let dateFields = 0;
    for (const op of ops) {
      const example = validBodies[op.key]!(ids);
      const path = example.path.replace('{referral}', ids.referral);
      const [agency, role] = example.as.split('/');
      const token = api.tokenOf(agency!, role);
      const fields = stringFields(example.body);
      const dates = fields.filter((f) => isTimestamp(f.value));
      dateFields += dates.length;
      const invalid = fc.oneof(
        fc.constantFrom(...fields).chain((f) => unstorable.map((bad) => ({ body: setAt(example.body, f.path, bad), field: f.path }))),
        // A key Postgres cannot store (the JSON column and the field name in error details).
        unstorable.map((bad) => ({ body: { ...example.body, [bad]: 'x' }, field: undefined })),
        ...(dates.length > 0
          ? [
              fc.constantFrom(...dates).chain((f) =>
                (example.ahead?.includes(f.path) ? outOfBoundsAhead : outOfBounds).map((bad) => ({
                  body: setAt(example.body, f.path, bad),
                  field: f.path,
                })),
              ),
            ]
          : []),
      );
      await fc.assert(
        fc.asyncProperty(invalid, async ({ body, field }) => {
          const res = await platform.app.request(path, {
            method: op.key.split(' ')[0],
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as any;
          expect(res.status, `${op.key} ${JSON.stringify(body)}`).toBe(400);
          const named = json.error.details.problems.map((p: { field: string }) => p.field);
          if (field) expect(named, `${op.key} ${JSON.stringify(body)}`).toContain(field);
        }),
        { numRuns: 300 },
      );
    }
    // Consents' givenAt and actions' requestedAt at least.
    expect(dateFields).toBeGreaterThanOrEqual(2);
    expect((await snapshot()).exact).toEqual(before.exact);
  }, 300_000);

  it('refuses, on every route, every query parameter holding text Postgres cannot store, with a 400 naming it', async () => {
    expect(queryParams.length).toBeGreaterThanOrEqual(4);
    for (const q of queryParams) {
      const path = q.path.replace(/\{id\}/g, ids.case).replace(/\{[^}]+\}/g, ids.action);
      // In a URL, a NUL travels as %00; an unpaired surrogate only as its raw UTF-8 bytes (%ED%A0%80 …).
      const badQuery = fc
        .tuple(
          fc.string({ maxLength: 10 }),
          fc.constantFrom('%00', '%ED%A0%80', '%ED%BF%BF', 'a%00b', '%C0%80'),
          fc.string({ maxLength: 10 }),
        )
        .map(([a, bad, b]) => `${encodeURIComponent(a)}${bad}${encodeURIComponent(b)}`);
      await fc.assert(
        fc.asyncProperty(badQuery, async (bad) => {
          const res = await platform.app.request(`${path}?${q.name}=${bad}`, {
            method: q.method,
            headers: { authorization: `Bearer ${api.tokenOf('center')}`, 'content-type': 'application/json' },
            ...(q.method === 'POST' ? { body: '{}' } : {}),
          });
          const json = (await res.json()) as any;
          expect(res.status, `${q.method} ${q.path} ?${q.name}=${bad}`).toBe(400);
          expect(json.error.details.problems.map((p: { field: string }) => p.field)).toContain(`query.${q.name}`);
        }),
        { numRuns: 50 },
      );
    }
    // Malformed percent-encoding is refused too, rather than silently turned into U+FFFD.
    const malformed = await platform.app.request('/v1/inbox?limit=%ED%A0%80', {
      headers: { authorization: `Bearer ${api.tokenOf('sia')}` },
    });
    expect(malformed.status).toBe(400);
  }, 300_000);

  it('logged no personal data, token, token hash or ciphertext while refusing all of it', async () => {
    const secrets = new Set<string>();
    for (const t of platform.demoTokens) secrets.add(t.token);
    for (const r of (await platform.database.pool.query('select token_hash from auth.api_tokens')).rows) secrets.add(r.token_hash);
    const enc = await platform.database.pool.query('select urls_enc, summary_enc, name_enc, contact_enc, school_enc from intake.cases');
    for (const row of enc.rows) for (const v of Object.values(row)) if (typeof v === 'string' && v.length > 16) secrets.add(v.slice(0, 24));
    for (const r of (await platform.database.pool.query('select sealed from intake.packages where sealed is not null')).rows) {
      secrets.add(String(typeof r.sealed === 'string' ? r.sealed : JSON.stringify(r.sealed)).slice(0, 24));
    }
    expect(secrets.size).toBeGreaterThan(5);
    for (const line of logs) {
      for (const secret of secrets) expect(line, 'a log line').not.toContain(secret);
      // Personal data and free text of the examples.
      for (const text of ['テスト', 'example.com', '緊急', '\u0000']) expect(line).not.toContain(text);
    }
  });
});
