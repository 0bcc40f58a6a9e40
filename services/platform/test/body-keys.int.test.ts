import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, listAgencies } from '@liaison/auth';
import { generateBodyKey, openSealedPackage } from '@liaison/privacy';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiDocuments } from '../src/api-documents.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

// Bodies hold their own keys: an administrator publishes the public half (key id, not-before,
// expiry), rotates by publishing the next, revokes; packages are sealed to the current key and
// record which; nobody manages another body's keys.
describe('body keys', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  const admins: Record<string, string> = {};
  const workers: Record<string, string> = {};
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-keys-'));

  const keyRows = async (agency: string) =>
    (
      await platform.database.pool.query(
        'select key_id, public_key, not_before, expires_at, revoked_at from auth.body_keys where agency = $1 order by key_id',
        [agency],
      )
    ).rows;
  /** A case of the Center shared with `recipient` under consent, ready to seal. */
  const caseFor = async (recipient: string) => {
    const kase = await api.post(
      '/v1/cases',
      { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '鍵 試験' } },
      workers.center,
    );
    await api.post(
      `/v1/cases/${kase.body.id}/consents`,
      { givenBy: 'person', recipients: [recipient], purposes: ['deletion-request'] },
      workers.center,
    );
    return kase.body.id as string;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'keys');
    // No demo: no body has a key until its administrator publishes one.
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: false,
      log: () => {},
      topicPartitions: 2,
      webhooks: { dispatcher: false },
    });
    api = client(platform);
    for (const body of (await listAgencies(platform.database.db)).filter((a) => a.roles.includes('member'))) {
      admins[body.code] = (await issueToken(platform.database.db, { agency: body.code, role: 'admin', label: `${body.code} admin` })).token;
      workers[body.code] = (
        await issueToken(platform.database.db, { agency: body.code, role: 'caseworker', label: `${body.code} worker` })
      ).token;
    }
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to seal to a body with no key, saying so, until its administrator publishes one', async () => {
    const caseId = await caseFor('tokyo');
    const refused = await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'tokyo', purpose: 'deletion-request' }, workers.center);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'NO_CURRENT_KEY' });
    expect(refused.body.error.message).toContain('tokyo has no current public key');

    const key = generateBodyKey();
    const published = await api.post('/v1/keys', { publicKey: key.publicKey, expiresAt: inDays(365) }, admins.tokyo);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    // Without a key id, the key is named by its RFC 7638 thumbprint.
    expect(published.body).toMatchObject({ keyId: key.keyId, publicKey: key.publicKey, state: 'valid', current: true, revokedAt: null });
    const sealed = await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'tokyo', purpose: 'deletion-request' }, workers.center);
    expect(sealed.status).toBe(201);
    expect(sealed.body).toMatchObject({ format: 2, keyId: key.keyId });
    const fetched = await api.get(`/v1/packages/${sealed.body.id}`, workers.tokyo);
    const opened = await openSealedPackage(key.privateJwk, Buffer.from(fetched.body.sealed, 'base64'), {
      packageId: sealed.body.id,
      caseId,
      recipient: 'tokyo',
      keyId: key.keyId,
    });
    expect(JSON.parse(opened.toString()).person).toEqual({ name: '鍵 試験' });
  });

  it('rotates: the next key is current from its not-before; packages sealed to the old one stay fetchable until it is revoked', async () => {
    const first = generateBodyKey();
    const second = generateBodyKey();
    expect(
      (await api.post('/v1/keys', { keyId: 'consumer-2026', publicKey: first.publicKey, expiresAt: inDays(365) }, admins.consumer)).status,
    ).toBe(201);
    const caseId = await caseFor('consumer');
    const old = await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'consumer', purpose: 'deletion-request' }, workers.center);
    expect(old.body.keyId).toBe('consumer-2026');

    // Scheduled for later: not current yet, so sealing still uses the first key.
    const scheduled = await api.post(
      '/v1/keys',
      { keyId: 'consumer-2027', publicKey: second.publicKey, notBefore: inDays(1), expiresAt: inDays(400) },
      admins.consumer,
    );
    expect(scheduled.body).toMatchObject({ state: 'scheduled', current: false });
    expect(
      (await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'consumer', purpose: 'deletion-request' }, workers.center)).body.keyId,
    ).toBe('consumer-2026');
    // Its time comes.
    await platform.database.pool.query(
      `update auth.body_keys set not_before = now() where agency = 'consumer' and key_id = 'consumer-2027'`,
    );
    const fresh = await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'consumer', purpose: 'deletion-request' }, workers.center);
    expect(fresh.body.keyId).toBe('consumer-2027');
    const list = await api.get('/v1/keys', admins.consumer);
    expect(list.body.items.map((k: { keyId: string; current: boolean; state: string }) => [k.keyId, k.state, k.current])).toEqual([
      ['consumer-2027', 'valid', true],
      ['consumer-2026', 'valid', false],
    ]);
    for (const [pkg, key] of [
      [old, first],
      [fresh, second],
    ] as const) {
      const fetched = await api.get(`/v1/packages/${pkg.body.id}`, workers.consumer);
      expect(fetched.status).toBe(200);
      expect(fetched.body.keyId).toBe(pkg.body.keyId);
      await openSealedPackage(key.privateJwk, Buffer.from(fetched.body.sealed, 'base64'), {
        packageId: pkg.body.id,
        caseId,
        recipient: 'consumer',
        keyId: pkg.body.keyId,
      });
    }

    // Revoking the old key: its packages are no longer handed out; the new one is untouched.
    const revoked = await api.post('/v1/keys/consumer-2026/revoke', {}, admins.consumer);
    expect(revoked.body).toMatchObject({ keyId: 'consumer-2026', state: 'revoked', current: false });
    const retired = await api.get(`/v1/packages/${old.body.id}`, workers.consumer);
    expect(retired.status).toBe(410);
    expect(retired.body.error.code).toBe('KEY_RETIRED');
    expect((await api.get(`/v1/packages/${fresh.body.id}`, workers.consumer)).status).toBe(200);
    // Revoking the last key leaves the body with none: sealing says so.
    await api.post('/v1/keys/consumer-2027/revoke', {}, admins.consumer);
    expect(
      (await api.post(`/v1/cases/${caseId}/packages`, { recipient: 'consumer', purpose: 'deletion-request' }, workers.center)).body.error
        .code,
    ).toBe('NO_CURRENT_KEY');
    const audit = await platform.database.pool.query(
      `select action, subject_id from audit.entries where action like 'key.%' and agency = 'consumer' order by id`,
    );
    expect(audit.rows).toEqual([
      { action: 'key.publish', subject_id: 'consumer-2026' },
      { action: 'key.publish', subject_id: 'consumer-2027' },
      { action: 'key.revoke', subject_id: 'consumer-2026' },
      { action: 'key.revoke', subject_id: 'consumer-2027' },
    ]);
  });

  it('never replaces a key: a used key id or an already published public key is refused', async () => {
    const key = generateBodyKey();
    expect((await api.post('/v1/keys', { keyId: 'sia-a', publicKey: key.publicKey, expiresAt: inDays(30) }, admins.sia)).status).toBe(201);
    const sameId = await api.post(
      '/v1/keys',
      { keyId: 'sia-a', publicKey: generateBodyKey().publicKey, expiresAt: inDays(30) },
      admins.sia,
    );
    expect([sameId.status, sameId.body.error.code]).toEqual([409, 'KEY_ID_TAKEN']);
    const sameKey = await api.post('/v1/keys', { keyId: 'sia-b', publicKey: key.publicKey, expiresAt: inDays(30) }, admins.sia);
    expect([sameKey.status, sameKey.body.error.code]).toEqual([409, 'PUBLIC_KEY_TAKEN']);
    await api.post('/v1/keys/sia-a/revoke', {}, admins.sia);
    // Not even after revocation.
    expect(
      (await api.post('/v1/keys', { keyId: 'sia-a', publicKey: generateBodyKey().publicKey, expiresAt: inDays(30) }, admins.sia)).body.error
        .code,
    ).toBe('KEY_ID_TAKEN');
  });

  it('answers bad input with a 400 naming the field', async () => {
    const good = { publicKey: generateBodyKey().publicKey, expiresAt: inDays(30) };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, publicKey: 'not-a-key' }, 'publicKey'],
      [{ ...good, publicKey: Buffer.alloc(31, 1).toString('base64') }, 'publicKey'],
      [{ ...good, publicKey: Buffer.alloc(32).toString('base64') }, 'publicKey'],
      [{ ...good, expiresAt: 'next year' }, 'expiresAt'],
      [{ ...good, expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      [{ ...good, notBefore: inDays(40) }, 'expiresAt'],
      [{ ...good, expiresAt: inDays(731) }, 'expiresAt'],
      [{ ...good, keyId: 'has space' }, 'keyId'],
      [{ ...good, agency: 'center' }, 'agency'],
      [{ publicKey: good.publicKey }, 'expiresAt'],
    ];
    for (const [body, field] of cases) {
      const res = await api.post('/v1/keys', body, admins.hotline);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.error.details.problems.map((p: { field: string }) => p.field),
        JSON.stringify(body),
      ).toEqual([field]);
    }
    expect(await keyRows('hotline')).toEqual([]);
  });

  // Generated over every key route of the document and every other member body's administrator:
  // whatever they send about the Center's keys, the Center's keys stay as they were.
  it('lets no other body replace, revoke or see the Center’s keys', async () => {
    const center = generateBodyKey();
    expect(
      (await api.post('/v1/keys', { keyId: 'center-1', publicKey: center.publicKey, expiresAt: inDays(90) }, admins.center)).status,
    ).toBe(201);
    const before = await keyRows('center');
    const doc = (await api.get('/v1/keys/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(['GET /v1/keys', 'POST /v1/keys', 'POST /v1/keys/{keyId}/revoke']);
    const attempts: Record<string, (token: string) => Promise<{ status: number; body: Record<string, any> }>[]> = {
      // The Center's own public key under its own key id, or under another; the Center's key id with a new key.
      'POST /v1/keys': (token) => [
        api.post('/v1/keys', { keyId: 'center-1', publicKey: center.publicKey, expiresAt: inDays(90) }, token),
        api.post('/v1/keys', { publicKey: center.publicKey, expiresAt: inDays(90) }, token),
      ],
      'GET /v1/keys': (token) => [api.get('/v1/keys', token)],
      'POST /v1/keys/{keyId}/revoke': (token) => [api.post('/v1/keys/center-1/revoke', {}, token)],
    };
    const others = Object.keys(admins).filter((code) => code !== 'center');
    expect(others.length).toBeGreaterThanOrEqual(4);
    for (const code of others) {
      const ownBefore = await keyRows(code);
      for (const route of routes) {
        for (const res of await Promise.all(attempts[route]!(admins[code]!))) {
          expect(JSON.stringify(res.body), `${code}: ${route}`).not.toContain(center.publicKey);
          if (route === 'POST /v1/keys/{keyId}/revoke') expect(res.status, `${code}: ${route}`).toBe(404);
          if (route === 'POST /v1/keys') expect([res.status, res.body.error?.code], `${code}: ${route}`).toEqual([409, 'PUBLIC_KEY_TAKEN']);
        }
      }
      expect(await keyRows(code), code).toEqual(ownBefore);
    }
    expect(await keyRows('center')).toEqual(before);
    // And nobody but an administrator of the Center manages them: its caseworker may not either.
    expect((await api.post('/v1/keys/center-1/revoke', {}, workers.center)).status).toBe(403);
    expect(await keyRows('center')).toEqual(before);
  });

  it('serves exactly the OpenAPI documents committed under schemas/openapi', async () => {
    for (const { name, path } of apiDocuments) {
      const committed = JSON.parse(readFileSync(new URL(`../../../schemas/openapi/${name}.json`, import.meta.url), 'utf8'));
      expect((await api.get(path)).body, path).toEqual(committed);
    }
  });
});
