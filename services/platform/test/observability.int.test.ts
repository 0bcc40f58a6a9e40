import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@liaison/auth';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const PERSON = { name: '山田花子', contact: '090-1234-5678', school: '△△市立第二中学校' };
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

// What an operator reads: JSON log lines (fields, never secrets) and /metrics after real traffic.
describe('observability of the embedded platform', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-observe-'));
  let operator: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'observe');
    platform = await startPlatform({ databaseUrl: testDb.url, dataDir, seedDemo: true, log: (l) => void lines.push(l), topicPartitions: 2, webhooks: { dispatcher: false } });
    operator = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'operator' })).token;
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs JSON lines with service, requestId, traceId and agency — and no token, key, person, URL or free text', async () => {
    const api = client(platform);
    const center = api.tokenOf('center');
    // Traffic: a case with personal data and URLs, a referral, a refusal, a stranger, an unknown path.
    const kase = await api.post('/v1/cases', {
      category: 'R01', consulter: 'GRD', victimUnder18: true, urls: ['https://bbs.example.org/thread/99'], summary: '部活の先輩による誹謗中傷', person: PERSON,
    }, center);
    expect(kase.status).toBe(201);
    const traced = await platform.app.request('/v1/referrals', {
      method: 'POST',
      headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, 'x-request-id': 'req-observe-1' },
      body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
    });
    expect(traced.status).toBe(201);
    expect((await api.post('/v1/referrals', { recipient: 'sia', category: 'NOPE' }, center)).status).toBe(400);
    expect((await api.get('/v1/referrals/sent', 'lia_not_a_real_token_0000000000000000')).status).toBe(401);
    expect((await api.get('/no/such/path')).status).toBe(404);
    // A database failure mid-request: the 500 is logged with the error's class and code only.
    await platform.database.pool.query('alter table referrals.referrals rename to referrals_away');
    try {
      expect((await api.get('/v1/referrals/sent', center)).status).toBe(500);
    } finally {
      await platform.database.pool.query('alter table referrals.referrals_away rename to referrals');
    }

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(5);
    for (const line of parsed) {
      expect(typeof line.service, JSON.stringify(line)).toBe('string');
      expect(typeof line.msg).toBe('string');
      expect(typeof line.level).toBe('number');
    }
    const requests = parsed.filter((l) => l.msg === 'request' || l.msg === 'request failed');
    for (const r of requests) {
      expect(r.requestId, JSON.stringify(r)).toMatch(/^[\w.-]{1,64}$/);
      expect(r.route).not.toMatch(/[0-9a-f]{8}-/); // a route pattern, never a path with ids
    }
    const created = requests.find((r) => r.requestId === 'req-observe-1')!;
    expect(created).toMatchObject({ service: 'platform', agency: 'center', traceId: TRACE_ID, method: 'POST', route: '/v1/referrals', status: 201 });
    expect(requests.find((r) => r.status === 401)).toMatchObject({ route: '/v1/referrals/sent' });
    expect(requests.find((r) => r.status === 404)).toMatchObject({ route: 'unmatched' });
    const failed = parsed.find((l) => l.msg === 'unhandled error')!;
    expect(failed).toMatchObject({ service: 'referrals', agency: 'center', route: '/v1/referrals/sent', level: 50 });
    expect(failed.err).toMatch(/\b42P01\b/);
    expect(requests.find((r) => r.status === 500)).toMatchObject({ msg: 'request failed', requestId: failed.requestId });

    // The PII scan over every line: tokens, their hashes, keys, the person, the URL, the free text.
    const secrets = [center, operator, 'lia_not_a_real_token', PERSON.name, PERSON.contact, PERSON.school, 'bbs.example.org', '部活の先輩'];
    for (const r of (await platform.database.pool.query('select token_hash from auth.api_tokens')).rows) secrets.push(r.token_hash);
    for (const key of ['audit-key', 'field-key', 'council-key', 'webhook-key']) secrets.push((await import('node:fs')).readFileSync(join(dataDir, key), 'utf8').trim());
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
