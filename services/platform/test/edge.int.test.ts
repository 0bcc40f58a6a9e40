import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { issueToken } from '@liaison/auth';
import { schema } from '@liaison/gateway';
import { generateBodyKey } from '@liaison/privacy';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const DOCS = apiDocuments.map((d) => d.path);

type Route = { method: string; path: string; creates: boolean };

/** A valid creating request for every POST route that answers 201; the suite fails when one is missing. */
// `unique`: the same body a second time is refused (409) rather than creating another — a public key is published once.
const creating: Record<
  string,
  (ids: { case: string; meeting: string }) => {
    path: string;
    body: Record<string, unknown>;
    as?: 'admin' | 'secretariat';
    unique?: true;
    /** The field of the answer that names what was created (default `id`). */
    idField?: string;
  }
> = {
  'POST /v1/referrals': () => ({ path: '/v1/referrals', body: { recipient: 'sia', category: 'R01' } }),
  'POST /v1/cases': () => ({ path: '/v1/cases', body: { category: 'R01', consulter: 'SELF', victimUnder18: false } }),
  'POST /v1/cases/{id}/consents': (ids) => ({
    path: `/v1/cases/${ids.case}/consents`,
    body: { givenBy: 'person', recipients: ['sia'], purposes: ['deletion-request'] },
  }),
  'POST /v1/cases/{id}/packages': (ids) => ({
    path: `/v1/cases/${ids.case}/packages`,
    body: { recipient: 'sia', purpose: 'deletion-request' },
  }),
  'POST /v1/cases/{id}/actions': (ids) => ({ path: `/v1/cases/${ids.case}/actions`, body: { action: 'advice' } }),
  'POST /v1/webhooks': () => ({ path: '/v1/webhooks', body: { url: 'https://hooks.partner.example/liaison' } }),
  'POST /v1/tokens': () => ({ path: '/v1/tokens', body: { role: 'caseworker', label: 'idempotency test' }, as: 'admin' }),
  // A period is released once: the same request again is refused (409).
  'POST /v1/stats/releases': () => ({ path: '/v1/stats/releases', body: { period: '2026-09' }, as: 'secretariat', unique: true }),
  'POST /v1/keys': () => ({
    path: '/v1/keys',
    body: { publicKey: generateBodyKey().publicKey, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    as: 'admin',
    unique: true,
  }),
  // Council meetings: the secretariat's (without a number, each is the next 第N回).
  'POST /v1/meetings': () => ({
    path: '/v1/meetings',
    body: { heldOn: '2027-06-10', place: '会議室', reviewFrom: '2027-04', reviewTo: '2027-05' },
    as: 'secretariat',
  }),
  'POST /v1/meetings/{id}/agenda-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/agenda-items`,
    body: { title: '議題', presenter: 'sia' },
    as: 'secretariat',
  }),
  'POST /v1/meetings/{id}/action-items': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/action-items`,
    body: { title: '対応', owner: 'sia', dueOn: '2027-03-31' },
    as: 'secretariat',
  }),
  // A draft of the meeting report from the released quarter (the set-up releases 2026Q1); each draft is a new version.
  'POST /v1/meetings/{id}/report': (ids) => ({
    path: `/v1/meetings/${ids.meeting}/report`,
    body: { period: '2026Q1' },
    as: 'secretariat',
    idField: 'reportId',
  }),
};

/**
 * Sends a raw HTTP request to a real server and resolves with status, headers and body, how long the
 * answer took, and whether the whole body had been sent by then. With `stallAfter`, stops sending
 * after that many bytes and waits: a server that reads the body whole would never answer.
 */
function rawRequest(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string | number>; body?: Buffer; stallAfter?: number },
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
    ms: number;
    sentWhole: boolean;
  }>((resolve, reject) => {
    const started = Date.now();
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers ?? {} },
      (res) => {
        answered = true;
        const sentWhole = sent === (options.body?.length ?? 0);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - started, sentWhole });
          req.destroy();
        });
      },
    );
    // The server may close the connection while we are still sending: that is the point.
    const ignoreClosed = (err: NodeJS.ErrnoException) => (['ECONNRESET', 'EPIPE'].includes(err.code ?? '') ? undefined : reject(err));
    req.on('error', ignoreClosed);
    req.on('socket', (socket) => socket.on('error', () => {}));
    const body = options.body;
    if (!body) return void req.end();
    const limit = Math.min(options.stallAfter ?? body.length, body.length);
    const chunk = 64 * 1024;
    const pump = () => {
      while (!answered && sent < limit) {
        const part = body.subarray(sent, Math.min(sent + chunk, limit));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      if (!answered && options.stallAfter === undefined) req.end();
    };
    pump();
  });
}

describe('the edge: GraphQL limits, REST body limits and headers, auth throttling, idempotency keys', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let server: ReturnType<typeof serve>;
  let port: number;
  let routes: Route[];
  let caseId: string;
  let meetingId: string;
  let admin: string;
  let clock = Date.now();
  const logs: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-edge-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'edge');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: (m) => logs.push(m),
      topicPartitions: 2,
      webhooks: { targets: { resolve: async () => ['93.184.216.34'] }, dispatcher: false },
      introspection: false,
      trustProxy: true,
      authThrottle: { now: () => clock },
    });
    api = client(platform);
    server = serve({ fetch: platform.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    port = (server.address() as AddressInfo).port;
    routes = [];
    for (const doc of DOCS) {
      const { body } = await api.get(doc);
      for (const [path, ops] of Object.entries(body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)) {
        for (const [method, op] of Object.entries(ops)) routes.push({ method: method.toUpperCase(), path, creates: '201' in op.responses });
      }
    }
    const kase = await api.post('/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false }, api.tokenOf('center'));
    expect(kase.status).toBe(201);
    caseId = kase.body.id;
    const meeting = await api.post(
      '/v1/meetings',
      { heldOn: '2027-06-10', place: '会議室', reviewFrom: '2027-04', reviewTo: '2027-05' },
      api.tokenOf('center', 'secretariat'),
    );
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    // The quarter the meeting report's example is drafted from: its months, then the quarter.
    for (const period of ['2026-04', '2026-05', '2026-06', '2026Q1']) {
      const release = await api.post('/v1/stats/releases', { period }, api.tokenOf('center', 'secretariat'));
      expect(release.status, `${period} ${JSON.stringify(release.body)}`).toBe(201);
    }
    admin = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'edge test' })).token;
  });
  afterAll(async () => {
    // Every refusal above was a clear 4xx: nothing reached the unhandled-error path.
    expect(logs.filter((l) => l.includes('unhandled'))).toEqual([]);
    await new Promise((r) => server?.close(r));
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh client address (the platform trusts X-Forwarded-For here), so throttle state never leaks between tests. */
  let addressCounter = 0;
  const freshAddress = () => `198.51.100.${++addressCounter}`;
  const gql = (query: string, token: string | undefined, headers: Record<string, string> = {}) =>
    platform.app.request('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': freshAddress(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query }),
    });

  describe('GraphQL cannot be used to stall the server', () => {
    it('refuses an unauthenticated 5 MB alias flood with 413 before reading it, and /healthz answers meanwhile', async () => {
      const query = `{ ${Array.from({ length: 275_000 }, (_, i) => `a${i}: me { agency }`).join(' ')} }`;
      const body = Buffer.from(JSON.stringify({ query }));
      expect(body.length).toBeGreaterThan(5_000_000);
      const rssBefore = process.memoryUsage().rss;
      const flood = Array.from({ length: 8 }, () =>
        rawRequest(port, {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          body,
        }),
      );
      const health = await rawRequest(port, { method: 'GET', path: '/healthz' });
      const answers = await Promise.all(flood);
      expect(health.status).toBe(200);
      for (const a of answers) {
        expect(a.status).toBe(413);
        expect(JSON.parse(a.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
        expect(a.ms).toBeLessThan(2000);
      }
      // Nothing of the 40 MB sent was kept.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    });

    it('answers 413 to a 20 MB body after reading no more than the limit (the client is still sending)', async () => {
      const body = Buffer.alloc(20 * 1024 * 1024, 'a');
      const answer = await rawRequest(port, {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body,
        stallAfter: 512 * 1024,
      });
      expect(answer.status).toBe(413);
      expect(answer.sentWhole).toBe(false);
    });

    it('requires a token for every operation (401 with WWW-Authenticate, before any GraphQL work)', async () => {
      for (const field of Object.keys(schema.getQueryType()!.getFields())) {
        const res = await gql(`{ ${field} { __typename } }`, undefined);
        expect(res.status, field).toBe(401);
        expect(res.headers.get('www-authenticate'), field).toMatch(/^Bearer/);
        expect(((await res.json()) as any).errors[0].extensions.code, field).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses, for every query field, more aliases than allowed (400 TOO_MANY_ALIASES)', async () => {
      const token = api.tokenOf('sia');
      for (const [name, field] of Object.entries(schema.getQueryType()!.getFields())) {
        const leaf = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
        const res = await gql(`{ ${Array.from({ length: 16 }, (_, i) => `x${i}: ${name}${leaf}`).join(' ')} }`, token);
        expect(res.status, name).toBe(400);
        expect(((await res.json()) as any).errors[0].extensions.code, name).toBe('TOO_MANY_ALIASES');
      }
    });

    it('counts list sizes from limit arguments in the cost, for every list field that takes a limit (400 QUERY_TOO_COSTLY)', async () => {
      const token = api.tokenOf('sia');
      const listFields = Object.entries(schema.getQueryType()!.getFields()).filter(
        ([, f]) => isListType(getNullableType(f.type)) && f.args.some((a) => a.name === 'limit'),
      );
      expect(listFields.length).toBeGreaterThan(0);
      for (const [name, field] of listFields) {
        const type = getNamedType(field.type);
        const fields = isObjectType(type)
          ? Object.keys(type.getFields()).filter((f) => !isObjectType(getNamedType(type.getFields()[f]!.type)))
          : [];
        const selection = fields.length > 0 ? ` { ${fields.join(' ')} }` : '';
        const start = Date.now();
        const res = await gql(`{ ${Array.from({ length: 12 }, (_, i) => `x${i}: ${name}(limit: 500)${selection}`).join(' ')} }`, token);
        expect(res.status, name).toBe(400);
        expect(((await res.json()) as any).errors[0].extensions.code, name).toBe('QUERY_TOO_COSTLY');
        expect(Date.now() - start).toBeLessThan(2000);
        // A variable limit counts as the largest list the field serves.
        const viaVariable = await platform.app.request('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': freshAddress() },
          body: JSON.stringify({
            query: `query($n: Int) { ${Array.from({ length: 12 }, (_, i) => `x${i}: ${name}(limit: $n)${selection}`).join(' ')} }`,
            variables: { n: 500 },
          }),
        });
        expect(viaVariable.status, name).toBe(400);
      }
      // One ordinary inbox query is well within the limit.
      const ordinary = await gql('{ referralInbox(limit: 100) { id sender status category { code labelJa } } }', token);
      expect(ordinary.status).toBe(200);
    });

    it('refuses depth, directive and token floods with their codes, and hides field suggestions', async () => {
      const token = api.tokenOf('sia');
      const deep = `{ __type(name: "Query") { ${'fields { type { ofType { '.repeat(4)}name${' } } }'.repeat(4)} } }`;
      const cases: [string, string][] = [
        [deep, 'QUERY_TOO_DEEP'],
        [`{ me ${'@include(if: true) '.repeat(11)}{ agency } }`, 'TOO_MANY_DIRECTIVES'],
        [`{ me { ${'agency '.repeat(2500)} } }`, 'QUERY_TOO_LONG'],
      ];
      for (const [query, code] of cases) {
        const res = await gql(query, token);
        const body = (await res.json()) as any;
        expect(res.status, `${code} ${JSON.stringify(body).slice(0, 300)}`).toBe(400);
        expect(
          body.errors.map((e: any) => e.extensions?.code),
          code,
        ).toContain(code);
      }
      const typo = (await (await gql('{ referralInbx { id } }', token)).json()) as any;
      expect(JSON.stringify(typo)).not.toMatch(/Did you mean/);
    });

    it('answers no introspection when it is switched off (production), with a code', async () => {
      const res = await gql('{ __schema { types { name } } }', api.tokenOf('sia'));
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
    });
  });

  describe('every REST route: body limit, security headers, no-store, WWW-Authenticate', () => {
    it('answers 413 on every route that takes a body when it is over 256 KB, before reading it whole', async () => {
      const posts = routes.filter((r) => r.method === 'POST');
      expect(posts.length).toBeGreaterThanOrEqual(12);
      const body = Buffer.alloc(4 * 1024 * 1024, ' ');
      for (const r of posts) {
        const path = r.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const answer = await rawRequest(port, {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${api.tokenOf('center')}`, 'transfer-encoding': 'chunked' },
          body,
          stallAfter: 1024 * 1024,
        });
        expect(answer.status, `${r.method} ${r.path}`).toBe(413);
        expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE');
        expect(answer.sentWhole).toBe(false);
      }
    });

    it('sends security headers and Cache-Control: no-store on every route, and WWW-Authenticate on every 401', async () => {
      for (const r of routes) {
        const path = r.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const token of [undefined, api.tokenOf('center')]) {
          const res = await platform.app.request(path, {
            method: r.method,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': freshAddress(),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            ...(r.method === 'POST' ? { body: '{}' } : {}),
          });
          const label = `${r.method} ${r.path} ${token ? 'with token' : 'anonymous'} → ${res.status}`;
          expect(res.headers.get('cache-control'), label).toBe('no-store');
          expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
          expect(res.headers.get('x-frame-options'), label).toBe('DENY');
          expect(res.headers.get('content-security-policy'), label).toContain("default-src 'none'");
          expect(res.headers.get('strict-transport-security'), label).toBeTruthy();
          if (res.status === 401) expect(res.headers.get('www-authenticate'), label).toMatch(/^Bearer/);
          if (!token) expect(res.status, label).toBe(401);
        }
      }
    });
  });

  describe('failed authentication is throttled', () => {
    const bad = (i: number) => `lia_${String(i).padStart(6, '0')}badbadbadbadbadbadbadbadbadbad`;

    it('answers 429 with Retry-After after 20 failures from one address, on every route, and lets known-good tokens through', async () => {
      const address = freshAddress();
      const good = api.tokenOf('center');
      // The good token is used once from this address: it is known-good from then on.
      expect(
        (await platform.app.request('/v1/referrals/sent', { headers: { authorization: `Bearer ${good}`, 'x-forwarded-for': address } }))
          .status,
      ).toBe(200);
      for (let i = 0; i < 20; i++) {
        const res = await platform.app.request('/v1/inbox', { headers: { authorization: `Bearer ${bad(i)}`, 'x-forwarded-for': address } });
        expect(res.status).toBe(401);
      }
      for (const r of [...routes, { method: 'POST', path: '/graphql', creates: false }]) {
        const path = r.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await platform.app.request(path, {
          method: r.method,
          headers: { authorization: `Bearer ${bad(999)}`, 'x-forwarded-for': address, 'content-type': 'application/json' },
          ...(r.method === 'POST' ? { body: '{}' } : {}),
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(429);
        expect(Number(res.headers.get('retry-after')), `${r.method} ${r.path}`).toBeGreaterThan(0);
        expect(((await res.json()) as any).error.code).toBe('TOO_MANY_REQUESTS');
      }
      // A person at the same address with a valid token is not slowed.
      expect(
        (await platform.app.request('/v1/referrals/sent', { headers: { authorization: `Bearer ${good}`, 'x-forwarded-for': address } }))
          .status,
      ).toBe(200);
      // After the window, the address may try again.
      clock += 61_000;
      expect(
        (await platform.app.request('/v1/inbox', { headers: { authorization: `Bearer ${bad(0)}`, 'x-forwarded-for': address } })).status,
      ).toBe(401);
    });

    it('throttles one token prefix tried from many addresses', async () => {
      const prefix = 'lia_samePREF';
      for (let i = 0; i < 20; i++) {
        const res = await platform.app.request('/v1/inbox', {
          headers: { authorization: `Bearer ${prefix}${'x'.repeat(20)}${i}`, 'x-forwarded-for': freshAddress() },
        });
        expect(res.status).toBe(401);
      }
      const blocked = await platform.app.request('/v1/inbox', {
        headers: { authorization: `Bearer ${prefix}${'y'.repeat(21)}`, 'x-forwarded-for': freshAddress() },
      });
      expect(blocked.status).toBe(429);
      clock += 61_000;
    });

    it('counts failures on a real connection by its peer address', async () => {
      for (let i = 0; i < 20; i++)
        expect((await rawRequest(port, { method: 'GET', path: '/v1/inbox', headers: { authorization: `Bearer ${bad(i)}` } })).status).toBe(
          401,
        );
      const blocked = await rawRequest(port, { method: 'GET', path: '/v1/inbox', headers: { authorization: `Bearer ${bad(77)}` } });
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      clock += 61_000;
    });
  });

  describe('Idempotency-Key on every POST that creates something', () => {
    const post = (path: string, body: unknown, token: string, key?: string) =>
      platform.app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-forwarded-for': freshAddress(),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body),
      });

    it('has a creating example for every POST route that answers 201', () => {
      const creators = routes.filter((r) => r.creates);
      expect(creators.length).toBeGreaterThanOrEqual(7);
      for (const r of creators) expect(Object.keys(creating), `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
    });

    it('returns the first answer for the same key and body, 422 for another body, and keys are per caller', async () => {
      for (const r of routes.filter((x) => x.creates)) {
        const label = `${r.method} ${r.path}`;
        const example = creating[label]!({ case: caseId, meeting: meetingId });
        const token =
          example.as === 'admin' ? admin : example.as === 'secretariat' ? api.tokenOf('center', 'secretariat') : api.tokenOf('center');
        const key = `k-${label.replace(/[^\w]/g, '_')}-${Math.random()}`;
        const first = await post(example.path, example.body, token, key);
        const firstBody = await first.text();
        expect(first.status, `${label} ${firstBody}`).toBe(201);
        const again = await post(example.path, example.body, token, key);
        expect(again.status, label).toBe(201);
        expect(again.headers.get('idempotent-replayed'), label).toBe('true');
        expect(await again.text(), label).toBe(firstBody);
        const other = await post(example.path, { ...example.body, urgent: true, extra: 1 }, token, key);
        expect(other.status, label).toBe(422);
        expect(((await other.json()) as any).error.code).toBe('UNPROCESSABLE');
        // Without a key, the same body creates another one (or, for what exists once, is refused).
        const fresh = await post(example.path, example.body, token);
        if (example.unique) {
          expect(fresh.status, label).toBe(409);
        } else {
          expect(fresh.status, label).toBe(201);
          const idField = example.idField ?? 'id';
          expect(((await fresh.json()) as any)[idField], label).not.toBe(JSON.parse(firstBody)[idField]);
        }
        // The stored answer is not readable in the database.
        const { rows } = await platform.database.pool.query('select response from idempotency.keys where key = $1', [key]);
        expect(rows[0].response, label).not.toContain(String(JSON.parse(firstBody)[example.idField ?? 'id']));
      }
    });

    it('keeps one creation when the same request is sent twice at once', async () => {
      const key = `concurrent-${Math.random()}`;
      const token = api.tokenOf('center');
      const [a, b] = await Promise.all([
        post('/v1/referrals', { recipient: 'sia', category: 'R02' }, token, key),
        post('/v1/referrals', { recipient: 'sia', category: 'R02' }, token, key),
      ]);
      const statuses = [a.status, b.status].sort();
      expect([
        [201, 201],
        [201, 409],
      ]).toContainEqual(statuses);
      const ids = new Set([await a.json(), await b.json()].filter((x: any) => x.id).map((x: any) => x.id));
      expect(ids.size).toBe(1);
      const { rows } = await platform.database.pool.query("select count(*)::int as n from referrals.referrals where category = 'R02'");
      expect(rows[0].n).toBe(1);
    });

    it('frees the key after a refused request, and refuses a malformed key', async () => {
      const token = api.tokenOf('center');
      const key = `refused-${Math.random()}`;
      expect((await post('/v1/referrals', { recipient: 'nobody', category: 'R01' }, token, key)).status).toBe(400);
      expect((await post('/v1/referrals', { recipient: 'sia', category: 'R01' }, token, key)).status).toBe(201);
      const malformed = await post('/v1/referrals', { recipient: 'sia', category: 'R01' }, token, 'x'.repeat(300));
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as any).error.details.problems[0].field).toBe('Idempotency-Key');
    });
  });
});
