import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, revokeToken } from '@liaison/auth';
import { generateBodyKey } from '@liaison/privacy';
import { createTestDatabase, type TestDatabase, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { printSdl, schema } from '@liaison/gateway';
import { type GraphQLOutputType, getNamedType, isObjectType } from 'graphql';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { isPagePath } from '@liaison/web';
import { browser, client, subscribe } from './helpers.ts';

/**
 * A valid request for every REST route, keyed by method and OpenAPI path. The suite fails when the
 * API has a route missing here, so no route goes without its security checks.
 */
type Ids = {
  referral: string;
  case: string;
  consent: string;
  package: string;
  action: string;
  token: string;
  key: string;
  release: string;
  meeting: string;
  actionItem: string;
};
/**
 * `observer: 'allowed'` — observers may call it (statistics releases); `wrongRole` — the role that
 * must be refused when the secretariat is a right one; `otherBody: 'shared'` — every body sees the
 * same (releases), `'forbidden'` — another member body is refused outright.
 */
type Policy = {
  path: string;
  body?: unknown;
  wrongRole?: 'admin' | 'caseworker';
  otherBodyRole?: 'admin';
  observer?: 'allowed';
  otherBody?: 'shared' | 'forbidden';
};
const validRequests: Record<string, (ids: Ids) => Policy> = {
  'POST /v1/referrals': () => ({ path: '/v1/referrals', body: { recipient: 'sia', category: 'R01' } }),
  'GET /v1/referrals/sent': () => ({ path: '/v1/referrals/sent' }),
  'GET /v1/referrals/action-needed': () => ({ path: '/v1/referrals/action-needed' }),
  'POST /v1/referrals/{id}/status': (ids) => ({ path: `/v1/referrals/${ids.referral}/status`, body: { status: 'received' } }),
  'GET /v1/referrals/{id}/history': (ids) => ({ path: `/v1/referrals/${ids.referral}/history` }),
  'GET /v1/referrals/{id}': (ids) => ({ path: `/v1/referrals/${ids.referral}` }),
  'GET /v1/inbox': () => ({ path: '/v1/inbox' }),
  'POST /v1/routing/suggestions': () => ({
    path: '/v1/routing/suggestions',
    body: { category: 'R01', consulter: 'GRD', victimUnder18: true },
  }),
  'POST /v1/cases': () => ({
    path: '/v1/cases',
    body: { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '試験太郎' } },
  }),
  'GET /v1/cases/{id}': (ids) => ({ path: `/v1/cases/${ids.case}?purpose=counseling` }),
  'POST /v1/cases/{id}/consents': (ids) => ({
    path: `/v1/cases/${ids.case}/consents`,
    body: { givenBy: 'person', recipients: ['sia'], purposes: ['deletion-request'] },
  }),
  'POST /v1/cases/{id}/consents/{consentId}/revoke': (ids) => ({ path: `/v1/cases/${ids.case}/consents/${ids.consent}/revoke` }),
  'POST /v1/cases/{id}/packages': (ids) => ({
    path: `/v1/cases/${ids.case}/packages`,
    body: { recipient: 'sia', purpose: 'deletion-request' },
  }),
  'GET /v1/packages/{id}': (ids) => ({ path: `/v1/packages/${ids.package}` }),
  'GET /v1/packages/{id}/seal-info': (ids) => ({ path: `/v1/packages/${ids.package}/seal-info` }),
  'GET /v1/cases/actions/overdue': () => ({ path: '/v1/cases/actions/overdue' }),
  'POST /v1/cases/{id}/actions': (ids) => ({ path: `/v1/cases/${ids.case}/actions`, body: { action: 'advice' } }),
  'POST /v1/cases/{id}/actions/{actionId}/outcome': (ids) => ({
    path: `/v1/cases/${ids.case}/actions/${ids.action}/outcome`,
    body: { outcome: 'deleted' },
  }),
  'POST /v1/webhooks': () => ({ path: '/v1/webhooks', body: { url: 'https://hooks.partner.example/liaison' } }),
  'GET /v1/webhooks': () => ({ path: '/v1/webhooks' }),
  'GET /v1/webhooks/dead-letters': () => ({ path: '/v1/webhooks/dead-letters' }),
  'POST /v1/webhooks/dead-letters/{id}/redeliver': (ids) => ({ path: `/v1/webhooks/dead-letters/${ids.referral}/redeliver` }),
  // Token management is for administrators: another body's administrator is the cross-tenant case.
  'POST /v1/tokens': () => ({ path: '/v1/tokens', body: { role: 'caseworker', label: 'security test' }, otherBodyRole: 'admin' }),
  'GET /v1/tokens': () => ({ path: '/v1/tokens', otherBodyRole: 'admin' }),
  'POST /v1/tokens/{id}/revoke': (ids) => ({ path: `/v1/tokens/${ids.token}/revoke`, otherBodyRole: 'admin' }),
  // Keys likewise: only a body's administrators manage its keys (a fresh key pair for every publish).
  'POST /v1/keys': () => ({
    path: '/v1/keys',
    body: { publicKey: generateBodyKey().publicKey, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    otherBodyRole: 'admin',
  }),
  'GET /v1/keys': () => ({ path: '/v1/keys', otherBodyRole: 'admin' }),
  'POST /v1/keys/{keyId}/revoke': (ids) => ({ path: `/v1/keys/${ids.key}/revoke`, otherBodyRole: 'admin' }),
  // The secretariat's own list: for it, an administrator is the wrong role.
  'GET /v1/deadlines/overdue': () => ({ path: '/v1/deadlines/overdue', wrongRole: 'admin' }),
  // Statistics: releases are for observers and members alike (administrators excepted); live
  // figures are a member's own; releases on demand are the secretariat's.
  'GET /v1/stats/releases': () => ({ path: '/v1/stats/releases', observer: 'allowed', wrongRole: 'admin', otherBody: 'shared' }),
  'GET /v1/stats/releases/{id}': (ids) => ({
    path: `/v1/stats/releases/${ids.release}`,
    observer: 'allowed',
    wrongRole: 'admin',
    otherBody: 'shared',
  }),
  'GET /v1/stats/releases/{id}/manifest': (ids) => ({
    path: `/v1/stats/releases/${ids.release}/manifest`,
    observer: 'allowed',
    wrongRole: 'admin',
    otherBody: 'shared',
  }),
  'POST /v1/stats/releases': () => ({
    path: '/v1/stats/releases',
    body: { period: '2026-09' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'GET /v1/stats/own': () => ({ path: '/v1/stats/own?period=2026-11', wrongRole: 'admin' }),
  // Council meetings: invited observers and members read them (administrators excepted); only the
  // secretariat changes them.
  'GET /v1/meetings': () => ({ path: '/v1/meetings', observer: 'allowed', wrongRole: 'admin', otherBody: 'shared' }),
  'GET /v1/meetings/{id}': (ids) => ({ path: `/v1/meetings/${ids.meeting}`, observer: 'allowed', wrongRole: 'admin', otherBody: 'shared' }),
  'POST /v1/meetings': () => ({
    path: '/v1/meetings',
    body: { heldOn: '2027-06-10', place: '会議室', reviewFrom: '2027-04', reviewTo: '2027-05' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'PATCH /v1/meetings/{id}': (ids) => ({
    path: `/v1/meetings/${ids.meeting}`,
    body: { place: '別室' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'POST /v1/meetings/{id}/agenda-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/agenda-items`,
    body: { title: '議題', presenter: 'sia' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'PUT /v1/meetings/{id}/attendance': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/attendance`,
    body: { attendance: [{ body: 'sia', status: 'present' }] },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'PUT /v1/meetings/{id}/minutes': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/minutes`,
    body: { text: '議事録' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'POST /v1/meetings/{id}/minutes/approve': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/minutes/approve`,
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'POST /v1/meetings/{id}/action-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/action-items`,
    body: { title: '対応', owner: 'sia', dueOn: '2027-03-31' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'POST /v1/meetings/{id}/action-items/{itemId}/close': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/action-items/${ids.actionItem}/close`,
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  // The meeting report: invited bodies read approved versions (version 1 is approved in the set-up); the secretariat drafts, edits, approves.
  'GET /v1/meetings/{id}/report': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report`,
    observer: 'allowed',
    wrongRole: 'admin',
    otherBody: 'shared',
  }),
  'GET /v1/meetings/{id}/report/{version}': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report/1`,
    observer: 'allowed',
    wrongRole: 'admin',
    otherBody: 'shared',
  }),
  'GET /v1/meetings/{id}/report/{version}/html': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report/1/html`,
    observer: 'allowed',
    wrongRole: 'admin',
    otherBody: 'shared',
  }),
  'POST /v1/meetings/{id}/report': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report`,
    body: { period: '2026Q2' },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'PATCH /v1/meetings/{id}/report/{version}/sentences/{sentenceId}': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report/1/sentences/total`,
    body: { omit: true },
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
  'POST /v1/meetings/{id}/report/{version}/approve': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report/1/approve`,
    wrongRole: 'caseworker',
    otherBody: 'forbidden',
  }),
};

/** Ids every body with the right role may see (shared, not another body's): the release and the meeting. */
const sharedIds = new Set(['release', 'meeting']);

/** What an observer body and a wrong role get from each GraphQL query field. */
const graphqlPolicy: Record<
  string,
  { query: string | ((ids: Ids) => string); observer: 'allowed' | 'FORBIDDEN'; secretariat?: 'allowed' | 'FORBIDDEN'; admin?: 'FORBIDDEN' }
> = {
  me: { query: '{ me { agency role } }', observer: 'allowed' },
  referralInbox: { query: '{ referralInbox { id } }', observer: 'FORBIDDEN' },
  statisticsReleases: { query: '{ statisticsReleases { id period } }', observer: 'allowed', admin: 'FORBIDDEN' },
  statisticsRelease: {
    query: '{ statisticsRelease(id: "2026-10") { id tables { id cells { value } } } }',
    observer: 'allowed',
    admin: 'FORBIDDEN',
  },
  myBodyStatistics: {
    query: '{ myBodyStatistics(period: "2026-11") { body tables { id } } }',
    observer: 'FORBIDDEN',
    secretariat: 'allowed',
    admin: 'FORBIDDEN',
  },
  meetings: { query: '{ meetings { id number titleJa } }', observer: 'allowed', admin: 'FORBIDDEN' },
  meeting: {
    query: (ids) => `{ meeting(id: "${ids.meeting}") { id number agenda { title presenter } minutes { text } report { version } } }`,
    observer: 'allowed',
    admin: 'FORBIDDEN',
  },
};

/**
 * Who gets each field of a meeting (generated over the schema: the suite fails when a field of
 * Meeting has no line here). `visible`: answered; `FORBIDDEN`: refused with that code. Minutes are
 * `visible` to all but null until approved — checked on their own below.
 */
type FieldAccess = 'visible' | 'FORBIDDEN';
const meetingFieldPolicy: Record<string, { observer: FieldAccess; member: FieldAccess; secretariat: FieldAccess }> = {
  ...Object.fromEntries(
    [
      'id',
      'number',
      'titleJa',
      'titleEn',
      'heldOn',
      'startTime',
      'place',
      'onlineLink',
      'reviewFrom',
      'reviewTo',
      'minutesApproved',
      'invitations',
      'agenda',
      'minutes',
      'report',
    ].map((f) => [f, { observer: 'visible', member: 'visible', secretariat: 'visible' } as const]),
  ),
  draftMinutes: { observer: 'FORBIDDEN', member: 'FORBIDDEN', secretariat: 'visible' },
  actionItems: { observer: 'FORBIDDEN', member: 'visible', secretariat: 'visible' },
  carriedActionItems: { observer: 'FORBIDDEN', member: 'visible', secretariat: 'visible' },
};

// Generated, not hand-picked: for every route of the OpenAPI document and every GraphQL query
// field, the same checks — no token, an observer body, a wrong role, another member body.
describe('authorization on every route and field', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let routes: { method: string; path: string }[];
  let referral: string;
  let ids: Ids;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-sec-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'sec');
    // Webhook targets resolve to a public address (documentation ranges are refused) and nothing is
    // ever sent: this suite only checks who may call what.
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      webhooks: { targets: { resolve: async () => ['93.184.216.34'] }, dispatcher: false },
      // This suite sends many bad tokens on purpose; throttling has its own suite (edge.int.test.ts).
      authThrottle: { limit: 100_000 },
    });
    api = client(platform);
    routes = [];
    for (const docPath of apiDocuments.map((d) => d.path)) {
      const doc = (await api.get(docPath)).body as { paths: Record<string, Record<string, unknown>> };
      routes.push(
        ...Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path }))),
      );
    }
    const center = api.tokenOf('center');
    const created = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01' }, center);
    expect(created.status).toBe(201);
    referral = created.body.id;
    const kase = await api.post(
      '/v1/cases',
      { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '試験花子' } },
      center,
    );
    const consent = await api.post(
      `/v1/cases/${kase.body.id}/consents`,
      { givenBy: 'person', recipients: ['sia'], purposes: ['deletion-request'] },
      center,
    );
    const pkg = await api.post(`/v1/cases/${kase.body.id}/packages`, { recipient: 'sia', purpose: 'deletion-request' }, center);
    const action = await api.post(`/v1/cases/${kase.body.id}/actions`, { action: 'deletion-request' }, center);
    expect([kase.status, consent.status, pkg.status, action.status]).toEqual([201, 201, 201, 201]);
    const spare = await issueToken(platform.database.db, { agency: 'center', role: 'caseworker', label: 'to be revoked by nobody else' });
    const centerAdmin = api.tokenOf('center', 'admin');
    const key = await api.post(
      '/v1/keys',
      {
        keyId: 'center-security-1',
        publicKey: generateBodyKey().publicKey,
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
      centerAdmin,
    );
    expect(key.status).toBe(201);
    const release = await api.post('/v1/stats/releases', { period: '2026-10' }, api.tokenOf('center', 'secretariat'));
    expect(release.status).toBe(201);
    // A meeting with an agenda, draft minutes (not approved) and an action item owned by SIA.
    const secretariat = api.tokenOf('center', 'secretariat');
    const meeting = await api.post(
      '/v1/meetings',
      { heldOn: '2026-12-10', place: '会議室', reviewFrom: '2026-04', reviewTo: '2026-09' },
      secretariat,
    );
    expect(meeting.status).toBe(201);
    const agenda = await api.post(
      `/v1/meetings/${meeting.body.id}/agenda-items`,
      { title: '上半期の相談状況', presenter: 'center' },
      secretariat,
    );
    const minutes = await platform.app.request(`/v1/meetings/${meeting.body.id}/minutes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretariat}` },
      body: JSON.stringify({ text: '議事録案：未承認の本文' }),
    });
    const item = await api.post(
      `/v1/meetings/${meeting.body.id}/action-items`,
      { title: '集計方法を整理する', owner: 'sia', dueOn: '2027-03-31' },
      secretariat,
    );
    expect([agenda.status, minutes.status, item.status]).toEqual([201, 200, 201]);
    // Its report: version 1 drafted from the published 2026Q2 release (its months released with it) and approved.
    const quarter = await api.post('/v1/stats/releases', { period: '2026Q2' }, secretariat);
    expect(quarter.status).toBe(201);
    const report = await api.post(`/v1/meetings/${meeting.body.id}/report`, { period: '2026Q2' }, secretariat);
    expect(report.status).toBe(201);
    expect((await api.post(`/v1/meetings/${meeting.body.id}/report/1/approve`, {}, secretariat)).status).toBe(200);
    ids = {
      referral,
      case: kase.body.id,
      consent: consent.body.id,
      package: pkg.body.id,
      action: action.body.id,
      token: spare.id,
      key: key.body.keyId,
      release: release.body.id,
      meeting: meeting.body.id,
      actionItem: item.body.id,
    };
    // Other bodies' views are judged only once the referral has reached its recipient's inbox.
    await waitFor('the referral in SIA’s inbox', async () =>
      JSON.stringify((await api.get('/v1/inbox', api.tokenOf('sia'))).body).includes(referral),
    );
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (route: { method: string; path: string }, token: string | undefined) => {
    const req = validRequests[`${route.method} ${route.path}`]!(ids);
    const res = await platform.app.request(req.path, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    });
    // The report's HTML answers text/html; everything else (errors included) JSON.
    return {
      status: res.status,
      body: (res.headers.get('content-type')?.includes('text/html') ? await res.text() : await res.json()) as any,
    };
  };

  it('has a security case for every route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const r of routes) expect(Object.keys(validRequests), `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
  });

  it('refuses every route without a token, or with a revoked-looking one (401)', async () => {
    for (const r of routes) {
      expect((await send(r, undefined)).status, `${r.method} ${r.path}`).toBe(401);
      expect((await send(r, 'lia_not-a-real-token-xxxxxxxxxxxxxxxx')).status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('refuses every route to an observer body (403), except the statistics releases', async () => {
    for (const r of routes) {
      const res = await send(r, api.tokenOf('mic', 'observer'));
      if (validRequests[`${r.method} ${r.path}`]!(ids).observer === 'allowed') {
        expect(res.status, `${r.method} ${r.path}`).toBe(200);
        continue;
      }
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses every route to a member body’s person in the wrong role (403)', async () => {
    const admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'security test' })).token;
    for (const r of routes) {
      const wrongRole = validRequests[`${r.method} ${r.path}`]!(ids).wrongRole;
      const wrong =
        wrongRole === 'admin' ? admin : wrongRole === 'caseworker' ? api.tokenOf('center') : api.tokenOf('center', 'secretariat');
      expect((await send(r, wrong)).status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it('shows another member body nothing of a referral, case or package it is not party to', async () => {
    const hotline = api.tokenOf('hotline');
    const hotlineAdmin = (await issueToken(platform.database.db, { agency: 'hotline', role: 'admin', label: 'security test' })).token;
    for (const r of routes) {
      const res = await send(r, validRequests[`${r.method} ${r.path}`]!(ids).otherBodyRole === 'admin' ? hotlineAdmin : hotline);
      const label = `${r.method} ${r.path}`;
      const otherBody = validRequests[`${r.method} ${r.path}`]!(ids).otherBody;
      if (otherBody === 'forbidden') {
        expect(res.status, label).toBe(403);
      } else if (otherBody === 'shared') {
        // The same published release (or meeting) for every body: nothing of any case, referral or
        // package in it, nor another body's action items.
        expect(res.status, label).toBe(200);
        for (const [name, id] of Object.entries(ids)) if (!sharedIds.has(name)) expect(JSON.stringify(res.body), label).not.toContain(id);
      } else if (r.path.includes('{')) {
        expect(res.status, label).toBe(404);
      } else {
        expect(res.status, label).toBeLessThan(300);
        for (const id of Object.values(ids)) expect(JSON.stringify(res.body), label).not.toContain(id);
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

  it('has a policy for every field of a meeting, and answers each field to each role as it says', async () => {
    const meetingType = schema.getType('Meeting');
    expect(isObjectType(meetingType)).toBe(true);
    const fields = (meetingType as { getFields(): Record<string, { type: GraphQLOutputType }> }).getFields();
    expect(Object.keys(fields).sort()).toEqual(Object.keys(meetingFieldPolicy).sort());
    /** A selection of a field: its scalar subfields (one level deeper for nested objects). */
    const select = (type: GraphQLOutputType, depth = 0): string => {
      const named = getNamedType(type);
      if (!isObjectType(named)) return '';
      const inner = Object.entries(named.getFields()).map(([n, f]) =>
        isObjectType(getNamedType(f.type)) ? (depth < 1 ? `${n} ${select(f.type, depth + 1)}` : '') : n,
      );
      return `{ ${inner.filter(Boolean).join(' ')} }`;
    };
    const people = {
      observer: api.tokenOf('mic', 'observer'),
      member: api.tokenOf('sia'),
      secretariat: api.tokenOf('center', 'secretariat'),
    } as const;
    for (const [field, policy] of Object.entries(meetingFieldPolicy)) {
      for (const [who, token] of Object.entries(people) as [keyof typeof people, string][]) {
        const res = await api.graphql(`{ meeting(id: "${ids.meeting}") { id ${field} ${select(fields[field]!.type)} } }`, token);
        const label = `Meeting.${field} as ${who}`;
        if (policy[who] === 'FORBIDDEN') {
          expect(res.errors?.[0]?.extensions?.code, label).toBe('FORBIDDEN');
          expect((res.errors?.[0] as { path?: string[] } | undefined)?.path, label).toEqual(['meeting', field]);
          expect(res.data?.meeting?.[field] ?? null, label).toBeNull();
        } else {
          expect(res.errors, label).toBeUndefined();
          expect(res.data?.meeting, label).toHaveProperty(field);
        }
      }
    }
    // Members see their own body's action items only: SIA owns the one item, the Hotline Center sees none.
    const items = async (token: string) =>
      (await api.graphql(`{ meeting(id: "${ids.meeting}") { actionItems { id owner } } }`, token)).data?.meeting.actionItems;
    expect(await items(people.member)).toEqual([{ id: ids.actionItem, owner: 'sia' }]);
    expect(await items(api.tokenOf('hotline'))).toEqual([]);
  });

  it('keeps the minutes from observers and members until approved (GraphQL and REST), then shows them to all', async () => {
    const query = `{ meeting(id: "${ids.meeting}") { minutesApproved minutes { text approvedAt } } }`;
    const secretariat = api.tokenOf('center', 'secretariat');
    const readers = [api.tokenOf('mic', 'observer'), api.tokenOf('sia'), api.tokenOf('hotline'), secretariat];
    for (const token of readers) {
      const res = await api.graphql(query, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.meeting).toEqual({ minutesApproved: false, minutes: null });
      expect(JSON.stringify((await api.get(`/v1/meetings/${ids.meeting}`, token)).body).includes('未承認の本文')).toBe(
        token === secretariat,
      );
    }
    const draft = await api.graphql(`{ meeting(id: "${ids.meeting}") { draftMinutes { text } } }`, secretariat);
    expect(draft.data?.meeting.draftMinutes.text).toBe('議事録案：未承認の本文');
    expect((await api.post(`/v1/meetings/${ids.meeting}/minutes/approve`, {}, secretariat)).status).toBe(200);
    for (const token of readers) {
      const res = await api.graphql(query, token);
      expect(res.data?.meeting.minutes.text).toBe('議事録案：未承認の本文');
    }
  });

  it('declares Pothos scope auth on every query field', () => {
    for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
      const options = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions;
      expect(options?.authScopes, name).toBeDefined();
    }
  });

  it('returns no case, person, URL or free text through any field an observer can reach', async () => {
    // Generated over the schema: every object type reachable from the fields observers may call.
    const reachable = new Map<string, string[]>();
    const walk = (type: GraphQLOutputType) => {
      const named = getNamedType(type);
      if (!isObjectType(named) || reachable.has(named.name)) return;
      reachable.set(named.name, Object.keys(named.getFields()));
      for (const f of Object.values(named.getFields())) walk(f.type);
    };
    for (const [field, policy] of Object.entries(graphqlPolicy))
      if (policy.observer === 'allowed') walk(schema.getQueryType()!.getFields()[field]!.type);
    expect([...reachable.keys()]).toContain('StatisticsCell');
    // The council's own documents are free text by nature and meant for observers: the approved
    // minutes (and the draft, refused to them by its field's scope — tested above). Named here, so
    // that no other text field slips in beside them.
    const councilDocuments = new Set(['MeetingMinutes.text', 'MeetingDraftMinutes.text']);
    for (const [type, fields] of reachable) {
      expect(type, type).not.toMatch(/Case|Referral|Person|Url|Hash|Package|Consent|Text/);
      for (const f of fields)
        if (!councilDocuments.has(`${type}.${f}`))
          expect(`${type}.${f}`, `${type}.${f}`).not.toMatch(
            /\.(.*(case|referral|person|contact|school|summary|url|hash|package|consent|comment|note|text).*|name)$/i,
          );
    }
    // And at run time: a whole release as an observer carries none of the platform's case data.
    const full = await api.graphql(
      `{ statisticsReleases { id period labelJa } statisticsRelease(id: "${ids.release}") { id period labelJa labelEn tables { id titleJa titleEn measure k rows { code labelJa labelEn } cols { code labelJa labelEn } cells { row col value suppressed { reason labelJa labelEn } } } manifest { format auditMethod cells published suppressed json } } me { agency role } }`,
      api.tokenOf('mic', 'observer'),
    );
    expect(full.errors).toBeUndefined();
    const text = JSON.stringify(full.data);
    for (const [name, id] of Object.entries(ids)) if (name !== 'release') expect(text).not.toContain(id);
    expect(text).not.toContain('試験');
    expect(text).not.toMatch(/https?:\/\//);
    const uuids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    // Release ids only (the set-up publishes 2026-10, and 2026Q2 with its months for the meeting report).
    const releaseIds = (full.data as { statisticsReleases: { id: string }[] }).statisticsReleases.map((r) => r.id);
    expect(releaseIds).toContain(ids.release);
    expect(new Set(uuids)).toEqual(new Set(releaseIds));
  });

  it('shows members exact live statistics of their own body only', async () => {
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const own = async (token: string) =>
      (
        await api.graphql(
          `{ myBodyStatistics(period: "${month}") { body tables { id rows { code } cols { code } cells { row col value } } } }`,
          token,
        )
      ).data!.myBodyStatistics;
    const total = (stats: any, table: string) =>
      stats.tables
        .find((t: { id: string }) => t.id === table)
        .cells.find((c: { row: string; col: string }) => c.row === '_total' && c.col === '_total').value;
    // Exact and live: each body's count is the number of cases it recorded this month (a 1 is shown to its own body).
    const recorded = async (agency: string) =>
      (await platform.database.pool.query(`select count(*)::int as n from intake.cases where agency = $1 and month = $2`, [agency, month]))
        .rows[0].n as number;
    expect(await recorded('center')).toBeGreaterThanOrEqual(1);
    for (const body of ['center', 'hotline', 'sia']) {
      const expected = await recorded(body);
      await waitFor(
        `${body}'s cases in its live statistics`,
        async () => total(await own(api.tokenOf(body)), 'category-by-body') === expected,
        30000,
        200,
      );
    }
    const hotline = await own(api.tokenOf('hotline'));
    expect(hotline.body).toBe('hotline');
    const byBody = hotline.tables.find((t: { id: string }) => t.id === 'category-by-body');
    expect(byBody.cols.map((c: { code: string }) => c.code)).toEqual(['hotline']);
    const res = await api.get('/v1/stats/own?period=2026-13', api.tokenOf('center'));
    expect(res.status).toBe(400);
    expect(res.body.error.details.problems[0].field).toBe('query.period');
  });

  it('logs every read of a release: who, which release and table, when', async () => {
    const before = await platform.database.pool.query(`select count(*)::int as n from audit.entries where action = 'stats.release.read'`);
    const res = await api.get(`/v1/stats/releases/${ids.release}?table=category-by-body`, api.tokenOf('mic', 'observer'));
    expect(res.status).toBe(200);
    expect(res.body.tables.map((t: { id: string }) => t.id)).toEqual(['category-by-body']);
    const { rows } = await platform.database.pool.query(
      `select agency, actor, subject_id, details, at from audit.entries where action = 'stats.release.read' order by id desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ agency: 'mic', subject_id: ids.release, details: { period: '2026-10', tables: ['category-by-body'] } });
    expect(rows[0].actor).toBeTruthy();
    expect(
      (await platform.database.pool.query(`select count(*)::int as n from audit.entries where action = 'stats.release.read'`)).rows[0].n,
    ).toBe(before.rows[0].n + 1);
  });

  it('answers a release read again over GraphQL from the kept answer, each read still authorized and logged', async () => {
    const reads = async () =>
      (await platform.database.pool.query(`select agency, actor from audit.entries where action = 'stats.release.read' order by id`)).rows;
    const query = `query Release($id: ID!) { statisticsRelease(id: $id) { id period tables { id cells { row col value suppressed { reason } } } } me { agency role } }`;
    const before = (await reads()).length;
    const mic = await issueToken(platform.database.db, { agency: 'mic', role: 'observer', label: 'kept answers test' });
    const first = await api.graphql(query, mic.token, { id: ids.release });
    expect(first.errors).toBeUndefined();
    expect(first.data!.statisticsRelease.id).toBe(ids.release);
    expect(first.data!.me).toEqual({ agency: 'mic', role: 'observer' });
    const second = await api.graphql(query, mic.token, { id: ids.release });
    expect(second).toEqual(first);
    // Another body's observer: the same published figures, its own `me`, its own line in the log.
    const npa = await issueToken(platform.database.db, { agency: 'npa', role: 'observer', label: 'kept answers test' });
    for (let i = 0; i < 2; i++) {
      const other = await api.graphql(query, npa.token, { id: ids.release });
      expect(other.data!.statisticsRelease).toEqual(first.data!.statisticsRelease);
      expect(other.data!.me).toEqual({ agency: 'npa', role: 'observer' });
    }
    const logged = (await reads()).slice(before);
    expect(logged.map((r) => r.agency)).toEqual(['mic', 'mic', 'npa', 'npa']);
    expect(logged.map((r) => r.actor)).toEqual([mic.id, mic.id, npa.id, npa.id]);
    // A role the release is not for, and a revoked token, are refused as before.
    const admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'kept answers test' })).token;
    expect((await api.graphql(query, admin, { id: ids.release })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await revokeToken(platform.database.db, mic.id);
    expect((await api.graphql(query, mic.token, { id: ids.release })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Another document or other variables is another answer.
    const table = await api.graphql(`{ statisticsRelease(id: "${ids.release}", table: "category-by-body") { tables { id } } }`, npa.token);
    expect(table.data!.statisticsRelease.tables).toEqual([{ id: 'category-by-body' }]);
    expect((await api.graphql(query, npa.token, { id: 'FY1999' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await reads()).length - before).toBe(5);
  });

  it('refuses every GraphQL field to anonymous callers, observers and wrong roles as its policy says', async () => {
    const admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'security test' })).token;
    for (const [field, policy] of Object.entries(graphqlPolicy)) {
      const anonymous = await api.graphql(typeof policy.query === 'string' ? policy.query : policy.query(ids));
      expect(anonymous.errors?.[0]?.extensions?.code, field).toBe('UNAUTHENTICATED');
      for (const [token, expected] of [
        [api.tokenOf('mic', 'observer'), policy.observer],
        [api.tokenOf('center', 'secretariat'), policy.secretariat ?? policy.observer],
        ...(policy.admin ? [[admin, policy.admin] as const] : []),
      ] as const) {
        const res = await api.graphql(typeof policy.query === 'string' ? policy.query : policy.query(ids), token);
        if (expected === 'allowed') expect(res.errors, field).toBeUndefined();
        else expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
      }
    }
    const hotlineInbox = await api.graphql('{ referralInbox { id } }', api.tokenOf('hotline'));
    expect(JSON.stringify(hotlineInbox)).not.toContain(referral);
  });

  it('refuses every GraphQL subscription to anonymous callers, observers and wrong roles', async () => {
    expect(Object.keys(schema.getSubscriptionType()!.getFields())).toEqual(['liveEvents']);
    const query = 'subscription { liveEvents { id type } }';
    for (const [token, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [api.tokenOf('mic', 'observer'), 'FORBIDDEN'],
      [api.tokenOf('center', 'secretariat'), 'FORBIDDEN'],
    ] as const) {
      const sub = await subscribe(platform, query, token);
      await waitFor(`the refusal (${code})`, () => sub.errors.length > 0, 10000);
      expect(sub.errors[0]?.extensions?.code).toBe(code);
      await sub.close();
    }
  });
});

/**
 * Who may open which page: every GET and POST route of the web face, keyed as Hono lists it. The
 * suite fails when a page route is missing here, so no page goes without its checks.
 */
type PageArea = 'public' | 'releases' | 'mine' | 'secretariat' | 'meetings' | 'form';
const pagePolicy: Record<
  string,
  { area: PageArea; path: (release: string, meeting: string) => string; form?: Record<string, string>; status?: number; signedIn?: number }
> = {
  'GET /': { area: 'public', path: () => '/' },
  // Signed in already: on to the person's landing page.
  'GET /signin': { area: 'public', path: () => '/signin', signedIn: 303 },
  'POST /signin': { area: 'form', path: () => '/signin', form: { token: 'lia_x' } },
  'POST /signout': { area: 'form', path: () => '/signout', form: {} },
  'POST /lang': { area: 'form', path: () => '/lang', form: { lang: 'en', next: '/' } },
  'GET /assets/:name': { area: 'public', path: () => '/assets/web.css' },
  'GET /developers': { area: 'public', path: () => '/developers' },
  'GET /developers/api/:id': { area: 'public', path: () => '/developers/api/referrals' },
  'GET /developers/graphql.sdl': { area: 'public', path: () => '/developers/graphql.sdl' },
  // Development only: this platform runs as in production, so GraphiQL is not there for anyone.
  'GET /developers/graphiql': { area: 'public', path: () => '/developers/graphiql', status: 404 },
  'GET /developers/graphiql/:file': { area: 'public', path: () => '/developers/graphiql/boot.js', status: 404 },
  'GET /stats': { area: 'releases', path: () => '/stats' },
  'GET /stats/latest': { area: 'releases', path: () => '/stats/latest', status: 303 },
  'GET /stats/releases/:id': { area: 'releases', path: (r) => `/stats/releases/${r}` },
  'GET /stats/releases/:id/tables/:file{[a-z0-9-]+\\.(csv|json)}': {
    area: 'releases',
    path: (r) => `/stats/releases/${r}/tables/consultations-by-body-month.csv`,
  },
  'GET /stats/releases/:id/manifest.json': { area: 'releases', path: (r) => `/stats/releases/${r}/manifest.json` },
  'GET /stats/releases/:id/manifest': { area: 'releases', path: (r) => `/stats/releases/${r}/manifest` },
  'GET /me': { area: 'mine', path: () => '/me' },
  'GET /me/fragment': { area: 'mine', path: () => '/me/fragment' },
  'GET /me/tables/:file{[a-z0-9-]+\\.(csv|json)}': { area: 'mine', path: () => '/me/tables/consultations-by-body-month.json' },
  'GET /me/live': { area: 'mine', path: () => '/me/live' },
  'GET /secretariat': { area: 'secretariat', path: () => '/secretariat' },
  'POST /secretariat/releases': { area: 'secretariat', path: () => '/secretariat/releases', form: { period: '2024-04' }, status: 303 },
  'GET /meetings': { area: 'meetings', path: () => '/meetings' },
  'GET /meetings/:id': { area: 'meetings', path: (_release, meeting) => `/meetings/${meeting}` },
};

const who = ['none', 'observer', 'member', 'secretariat'] as const;
/** What each kind of person gets from a page of each area (the status code). */
const expected: Record<Exclude<PageArea, 'form'>, Record<(typeof who)[number], number | 'ok'>> = {
  public: { none: 'ok', observer: 'ok', member: 'ok', secretariat: 'ok' },
  releases: { none: 303, observer: 'ok', member: 'ok', secretariat: 'ok' },
  mine: { none: 303, observer: 403, member: 'ok', secretariat: 403 },
  secretariat: { none: 303, observer: 403, member: 403, secretariat: 'ok' },
  meetings: { none: 303, observer: 'ok', member: 'ok', secretariat: 'ok' },
};

describe('authorization on every page of the web face', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let release: string;
  let meeting: string;
  let actionItem: string;
  const browsers = new Map<(typeof who)[number], ReturnType<typeof browser>>();
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-sec-pages-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'secpages');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      webhooks: { dispatcher: false },
      authThrottle: { limit: 100_000 },
    });
    api = client(platform);
    const made = await api.post('/v1/stats/releases', { period: '2024-05' }, api.tokenOf('center', 'secretariat'));
    expect(made.status).toBe(201);
    release = made.body.id;
    // A meeting with draft minutes (not approved) and an action item owned by SIA.
    const secretariat = api.tokenOf('center', 'secretariat');
    const scheduled = await api.post(
      '/v1/meetings',
      { heldOn: '2026-12-10', place: '会議室', reviewFrom: '2026-04', reviewTo: '2026-09' },
      secretariat,
    );
    meeting = scheduled.body.id;
    const agenda = await api.post(`/v1/meetings/${meeting}/agenda-items`, { title: '上半期の相談状況', presenter: 'center' }, secretariat);
    const item = await api.post(
      `/v1/meetings/${meeting}/action-items`,
      { title: '集計方法を整理する', owner: 'sia', dueOn: '2027-03-31' },
      secretariat,
    );
    const minutes = await platform.app.request(`/v1/meetings/${meeting}/minutes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secretariat}` },
      body: JSON.stringify({ text: '議事録案：未承認の本文' }),
    });
    expect([scheduled.status, agenda.status, item.status, minutes.status]).toEqual([201, 201, 201, 200]);
    actionItem = item.body.id;
    browsers.set('none', browser(platform));
    for (const [role, token] of [
      ['observer', api.tokenOf('mic', 'observer')],
      ['member', api.tokenOf('sia')],
      ['secretariat', api.tokenOf('center', 'secretariat')],
    ] as const) {
      const b = browser(platform);
      expect((await b.signIn(token)).status, role).toBe(303);
      browsers.set(role, b);
    }
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pageRoutes = () =>
    platform.app.routes
      .filter((r) => (r.method === 'GET' || r.method === 'POST') && isPagePath(r.path))
      .map((r) => `${r.method} ${r.path}`);

  it('has a policy for every page route', () => {
    const routes = [...new Set(pageRoutes())];
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) expect(Object.keys(pagePolicy), r).toContain(r);
  });

  it('answers every page as its area says: no session → sign-in, wrong role → 403, right role → the page', async () => {
    for (const [route, policy] of Object.entries(pagePolicy)) {
      if (policy.area === 'form') continue;
      const [method] = route.split(' ');
      for (const person of who) {
        const b = browsers.get(person)!;
        const path = policy.path(release, meeting);
        const res =
          method === 'POST' ? await b.post(path, { ...policy.form!, _csrf: b.csrfOf(await (await b.get('/')).text()) }) : await b.get(path);
        const want = expected[policy.area][person];
        const label = `${route} as ${person}`;
        if (want === 'ok') expect(res.status, label).toBe(person !== 'none' && policy.signedIn ? policy.signedIn : (policy.status ?? 200));
        else expect(res.status, label).toBe(want);
        if (want === 303) expect(res.headers.get('location'), label).toMatch(/^\/signin\?next=/);
        if (want === 403) expect(await res.text(), label).not.toContain('data-cell');
        else await res.body?.cancel();
      }
    }
  });

  it('refuses every form without its CSRF token, whoever posts it', async () => {
    for (const [route, policy] of Object.entries(pagePolicy)) {
      if (!route.startsWith('POST')) continue;
      for (const person of who) {
        const res = await browsers.get(person)!.post(policy.path(release, meeting), policy.form ?? {});
        expect(res.status, `${route} as ${person}`).toBe(
          policy.area === 'secretariat' && person !== 'secretariat' ? (person === 'none' ? 303 : 403) : 403,
        );
      }
    }
  });

  it('shows a meeting’s minutes to observers and members only once approved, and action items to members and the secretariat', async () => {
    const page = async (who: 'observer' | 'member' | 'secretariat') => {
      const res = await browsers.get(who)!.get(`/meetings/${meeting}`);
      expect(res.status, who).toBe(200);
      return res.text();
    };
    for (const who of ['observer', 'member'] as const) {
      const html = await page(who);
      expect(html, who).toContain('上半期の相談状況');
      expect(html, who).not.toContain('未承認の本文');
      expect(html, who).toContain('data-minutes="pending"');
    }
    const secretariatPage = await page('secretariat');
    expect(secretariatPage).toContain('data-minutes="draft"');
    expect(secretariatPage).toContain('未承認の本文');
    expect(secretariatPage).toContain(`data-action-item="${actionItem}"`);
    expect(await page('member')).toContain(`data-action-item="${actionItem}"`);
    expect(await page('observer')).not.toContain('data-action-item');
    expect((await browsers.get('observer')!.get('/meetings')).status).toBe(200);
    expect(await (await browsers.get('observer')!.get('/meetings')).text()).toContain(`/meetings/${meeting}`);
    const approved = await api.post(`/v1/meetings/${meeting}/minutes/approve`, {}, api.tokenOf('center', 'secretariat'));
    expect(approved.status).toBe(200);
    for (const who of ['observer', 'member', 'secretariat'] as const) {
      const html = await page(who);
      expect(html, who).toContain('data-minutes="approved"');
      expect(html, who).toContain('未承認の本文');
      expect(html, who).not.toContain('data-minutes="draft"');
    }
  });

  it('opens no session for a role with no pages (administrators use the API)', async () => {
    const admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'page security' })).token;
    const b = browser(platform);
    const res = await b.signIn(admin);
    expect(res.status).toBe(403);
    expect(b.jar.has('lia_session')).toBe(false);
  });
});
