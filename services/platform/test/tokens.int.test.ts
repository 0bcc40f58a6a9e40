import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@liaison/auth';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

// Per-user API tokens: issued by a body's administrator, stored hashed, refused once expired or revoked.
describe('API tokens', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  let admin: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-tokens-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'tokens');
    platform = await startPlatform({ databaseUrl: testDb.url, dataDir, seedDemo: false, log: () => {}, topicPartitions: 2 });
    api = client(platform);
    admin = (await issueToken(platform.database.db, { agency: 'sia', role: 'admin', label: 'SIA 管理者' })).token;
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues a token for a person of the administrator’s body, keeps only its hash, and lists it', async () => {
    const issued = await api.post('/v1/tokens', { role: 'caseworker', label: '担当者A', ttlDays: 30 }, admin);
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^lia_/);
    const stored = await platform.database.pool.query('select * from auth.api_tokens where id = $1', [issued.body.id]);
    expect(JSON.stringify(stored.rows[0])).not.toContain(issued.body.token);
    expect(stored.rows[0]).toMatchObject({ agency: 'sia', role: 'caseworker' });
    expect((await api.get('/v1/inbox', issued.body.token)).status).toBe(200);
    const list = await api.get('/v1/tokens', admin);
    expect(list.body.items.find((t: { id: string }) => t.id === issued.body.id)).toMatchObject({
      role: 'caseworker',
      label: '担当者A',
      revokedAt: null,
    });
  });

  it('refuses a revoked token at once, and lets anyone revoke their own', async () => {
    const a = await api.post('/v1/tokens', { role: 'caseworker', label: '担当者B' }, admin);
    expect((await api.post(`/v1/tokens/${a.body.id}/revoke`, {}, admin)).status).toBe(200);
    expect((await api.get('/v1/inbox', a.body.token)).status).toBe(401);
    const b = await api.post('/v1/tokens', { role: 'caseworker', label: '担当者C' }, admin);
    expect((await api.post(`/v1/tokens/${b.body.id}/revoke`, {}, b.body.token)).status).toBe(200);
    expect((await api.get('/v1/inbox', b.body.token)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const c = await api.post('/v1/tokens', { role: 'caseworker', label: '担当者D' }, admin);
    await platform.database.pool.query(`update auth.api_tokens set expires_at = now() - interval '1 second' where id = $1`, [c.body.id]);
    expect((await api.get('/v1/inbox', c.body.token)).status).toBe(401);
  });

  it('lets only administrators manage tokens, each within their own body', async () => {
    const worker = await api.post('/v1/tokens', { role: 'caseworker', label: '担当者E' }, admin);
    expect((await api.post('/v1/tokens', { role: 'admin', label: 'x' }, worker.body.token)).status).toBe(403);
    const otherAdmin = (await issueToken(platform.database.db, { agency: 'hotline', role: 'admin', label: 'IHC 管理者' })).token;
    expect((await api.post(`/v1/tokens/${worker.body.id}/revoke`, {}, otherAdmin)).status).toBe(404);
    expect((await api.get('/v1/inbox', worker.body.token)).status).toBe(200);
  });
});
