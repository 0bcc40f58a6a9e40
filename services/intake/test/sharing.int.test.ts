import { randomBytes, randomUUID } from 'node:crypto';
import { auditMigrations, sealAudit, verifyAudit } from '@liaison/audit';
import { type Actor, type Agency, authMigrations, bodyKeyRegistry, publishBodyKey, revokeBodyKey, seedAgencies } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations } from '@liaison/events';
import { type BodyKey, generateBodyKey, generateBodyKeyPair, open, openSealedPackage, seal } from '@liaison/privacy';
import { caller, createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIntakeService, type IntakeService, intakeMigrations } from '../src/index.ts';

const keys = { sia: generateBodyKey(), hotline: generateBodyKey(), center: generateBodyKey() };
const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'SIA', nameEn: 'SIA', roles: ['member'] },
  hotline: { code: 'hotline', nameJa: 'ホットライン', nameEn: 'Hotline', roles: ['member'] },
  tokyo: { code: 'tokyo', nameJa: '東京都', nameEn: 'Tokyo', roles: ['member'] },
};
/** Publishes a body's key in the registry (the body's administrator does this through POST /v1/keys). */
async function publish(database: Database, agency: string, key: BodyKey, days = 365) {
  const now = Date.now();
  const done = await publishBodyKey(database.db, {
    agency,
    keyId: key.keyId,
    publicKey: key.publicKey,
    notBefore: new Date(now - 1000),
    expiresAt: new Date(now + days * 86_400_000),
  });
  expect(done.ok).toBe(true);
}
const actor = (agency: string): Actor => ({ agency, role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] });
const actors: Record<string, Actor> = { lia_center: actor('center'), lia_sia: actor('sia'), lia_hotline: actor('hotline') };

const PII = { name: '山田花子', contact: '090-1234-5678', school: '杉並区立○○中学校' };
const SUMMARY = '同級生がSNSに娘の写真と悪口を投稿している';
const URL_A = 'https://sns.example.com/posts/98765?utm_source=line';

// Cases, consent and sealed packages: personal data is shared only under a covering consent or a
// legal ground, only as ciphertext the recipient alone can open, and revocation purges it.
describe('personal data sharing', () => {
  let testDb: TestDatabase;
  let database: Database;
  let service: IntakeService;
  const logs: string[] = [];
  const dataKeys = new Map<string, Buffer>();

  const call = caller(() => service.app);
  const newCase = async () => {
    const res = await call('POST', '/v1/cases', 'center', {
      category: 'R01',
      platformType: 'SNS',
      operator: 'Example SNS',
      consulter: 'GRD',
      victimUnder18: true,
      requestedActions: ['notice-on-behalf'],
      urls: [URL_A],
      summary: SUMMARY,
      person: PII,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'intake');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, intakeMigrations]);
    await seedAgencies(database.db);
    for (const body of ['sia', 'hotline', 'center'] as const) await publish(database, body, keys[body]);
    const bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('intake')}.` });
    await bus.ensureTopics({ partitions: 2 });
    service = createIntakeService({
      database,
      bus,
      councilKey: randomBytes(32),
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      dataKey: (a) => dataKeys.get(a) ?? dataKeys.set(a, randomBytes(32)).get(a)!,
      bodyKeys: bodyKeyRegistry(database.db),
      log: (m) => void logs.push(m),
    });
    await service.start();
  });
  afterAll(async () => {
    await service?.stop();
    await database?.close();
    await testDb?.drop();
  });

  it('keeps personal data encrypted at rest and shows it only with a purpose, auditing the read', async () => {
    const id = await newCase();
    const raw = await database.pool.query('select * from intake.cases where id = $1', [id]);
    const stored = JSON.stringify(raw.rows[0]);
    for (const secret of [PII.name, PII.contact, PII.school, SUMMARY, 'sns.example.com']) expect(stored).not.toContain(secret);
    const plain = await call('GET', `/v1/cases/${id}`, 'center');
    expect(plain.body.personal).toBeUndefined();
    // The purpose is a code from the list, never free text (which could carry personal data into the audit log).
    const freeText = await call('GET', `/v1/cases/${id}?purpose=${encodeURIComponent('削除依頼文の作成')}`, 'center');
    expect(freeText.status).toBe(400);
    expect(freeText.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['query.purpose']);
    const withPurpose = await call('GET', `/v1/cases/${id}?purpose=deletion-request`, 'center');
    expect(withPurpose.body.personal).toEqual({ urls: [URL_A], summary: SUMMARY, person: PII });
    const audit = await database.pool.query(`select agency, reason from audit.entries where action = 'pii.read' and subject_id = $1`, [id]);
    expect(audit.rows).toEqual([{ agency: 'center', reason: 'deletion-request' }]);
    expect((await call('GET', `/v1/cases/${id}`, 'sia')).status).toBe(404);
  });

  it('refuses to seal personal data without a covering consent or a legal ground', async () => {
    const id = await newCase();
    const none = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'sia', purpose: 'deletion-request' });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('CONSENT_REQUIRED');
    // A child's consent is the guardian's to give.
    const byChild = await call('POST', `/v1/cases/${id}/consents`, 'center', {
      givenBy: 'person',
      recipients: ['sia'],
      purposes: ['deletion-request'],
    });
    expect(byChild.status).toBe(400);
    expect(byChild.body.error.details.problems[0].field).toBe('givenBy');
    const consent = await call('POST', `/v1/cases/${id}/consents`, 'center', {
      givenBy: 'guardian',
      recipients: ['sia'],
      purposes: ['deletion-request'],
    });
    expect(consent.status).toBe(201);
    // The consent covers SIA for deletion requests, nothing else.
    expect((await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'hotline', purpose: 'deletion-request' })).status).toBe(
      403,
    );
    expect((await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'sia', purpose: 'police-report' })).status).toBe(403);
    // A legal ground must come with its reason.
    const noReason = await call('POST', `/v1/cases/${id}/packages`, 'center', {
      recipient: 'hotline',
      purpose: 'police-report',
      legalGround: 'appi-27-1-ii',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.problems[0].field).toBe('legalReason');
    const legal = await call('POST', `/v1/cases/${id}/packages`, 'center', {
      recipient: 'hotline',
      purpose: 'police-report',
      legalGround: 'appi-27-1-ii',
      legalReason: '自殺をほのめかす投稿があり緊急',
    });
    expect(legal.status).toBe(201);
    expect(
      await database.pool.query('select count(*)::int as n from intake.packages where case_id = $1', [id]).then((r) => r.rows[0].n),
    ).toBe(1);
  });

  it('seals to the recipient only: SIA opens its package, nobody else can fetch or open it', async () => {
    const id = await newCase();
    await call('POST', `/v1/cases/${id}/consents`, 'center', { givenBy: 'guardian', recipients: ['sia'], purposes: ['deletion-request'] });
    const pkg = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'sia', purpose: 'deletion-request' });
    expect(pkg.status).toBe(201);
    expect(pkg.body).toMatchObject({ format: 2, keyId: keys.sia.keyId });
    const fetched = await call('GET', `/v1/packages/${pkg.body.id}`, 'sia');
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ id: pkg.body.id, caseId: id, recipient: 'sia', format: 2, keyId: keys.sia.keyId });
    const sealed = Buffer.from(fetched.body.sealed, 'base64');
    const binding = { packageId: pkg.body.id, caseId: id, recipient: 'sia', keyId: keys.sia.keyId };
    expect(fetched.body.context).toBe(`liaison-package/2;id=${pkg.body.id};case=${id};to=sia;kid=${keys.sia.keyId}`);
    const opened = JSON.parse((await openSealedPackage(keys.sia.privateJwk, sealed, binding)).toString());
    expect(opened).toMatchObject({ caseId: id, person: PII, summary: SUMMARY, urls: [URL_A] });
    for (const other of [keys.hotline, keys.center])
      await expect(openSealedPackage(other.privateJwk, sealed, binding)).rejects.toThrow(/cannot be opened/);
    expect((await call('GET', `/v1/packages/${pkg.body.id}`, 'hotline')).status).toBe(404);
    expect((await call('GET', `/v1/packages/${pkg.body.id}`, 'center')).status).toBe(404);
    const reads = await database.pool.query(`select agency from audit.entries where action = 'pii.read' and subject_id = $1`, [
      pkg.body.id,
    ]);
    expect(reads.rows).toEqual([{ agency: 'sia' }]);
  });

  it('purges the recipient’s copy when consent is revoked, records the purge, and tells the recipients', async () => {
    const id = await newCase();
    const consent = await call('POST', `/v1/cases/${id}/consents`, 'center', {
      givenBy: 'guardian',
      recipients: ['sia'],
      purposes: ['deletion-request'],
    });
    const pkg = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'sia', purpose: 'deletion-request' });
    const revoked = await call('POST', `/v1/cases/${id}/consents/${consent.body.id}/revoke`, 'center');
    expect(revoked.status).toBe(200);
    expect(revoked.body.purgedPackages).toEqual([pkg.body.id]);
    const row = await database.pool.query('select sealed, purged_at, purge_reason from intake.packages where id = $1', [pkg.body.id]);
    expect(row.rows[0]).toMatchObject({ sealed: null, purge_reason: 'consent revoked' });
    expect(row.rows[0].purged_at).not.toBeNull();
    const gone = await call('GET', `/v1/packages/${pkg.body.id}`, 'sia');
    expect(gone.status).toBe(410);
    const purge = await database.pool.query(`select agency, reason from audit.entries where action = 'pii.purge' and subject_id = $1`, [
      pkg.body.id,
    ]);
    expect(purge.rows).toEqual([{ agency: 'center', reason: 'consent revoked' }]);
    const event = await database.pool.query(
      `select event from intake.outbox where event->>'type' = 'jp.liaison.consent.revoked.v1' and key = $1`,
      [id],
    );
    expect(event.rows[0].event.data).toMatchObject({ consentId: consent.body.id, recipients: ['sia'], purgedPackages: [pkg.body.id] });
    // Sealing again under the revoked consent is refused; revoking twice is a conflict.
    expect((await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'sia', purpose: 'deletion-request' })).status).toBe(403);
    expect((await call('POST', `/v1/cases/${id}/consents/${consent.body.id}/revoke`, 'center')).status).toBe(409);
  });

  it('refuses to seal to a body with no current key, saying so; seals to the latest key after a rotation', async () => {
    const id = await newCase();
    await call('POST', `/v1/cases/${id}/consents`, 'center', {
      givenBy: 'guardian',
      recipients: ['tokyo', 'hotline'],
      purposes: ['deletion-request'],
    });
    const none = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'tokyo', purpose: 'deletion-request' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NO_CURRENT_KEY');
    expect(none.body.error.message).toContain('tokyo has no current public key');
    // A key that is not valid yet, or already expired, is not current either.
    const later = generateBodyKey();
    await publishBodyKey(database.db, {
      agency: 'tokyo',
      keyId: later.keyId,
      publicKey: later.publicKey,
      notBefore: new Date(Date.now() + 86_400_000),
      expiresAt: new Date(Date.now() + 2 * 86_400_000),
    });
    expect(
      (await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'tokyo', purpose: 'deletion-request' })).body.error.code,
    ).toBe('NO_CURRENT_KEY');
    expect(
      await database.pool.query('select count(*)::int as n from intake.packages where case_id = $1', [id]).then((r) => r.rows[0].n),
    ).toBe(0);

    // Hotline rotates: the package sealed before opens with the old key, the one after with the new.
    const before = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'hotline', purpose: 'deletion-request' });
    const rotated = generateBodyKey();
    await publish(database, 'hotline', rotated);
    const after = await call('POST', `/v1/cases/${id}/packages`, 'center', { recipient: 'hotline', purpose: 'deletion-request' });
    expect([before.body.keyId, after.body.keyId]).toEqual([keys.hotline.keyId, rotated.keyId]);
    for (const [pkg, key] of [
      [before, keys.hotline],
      [after, rotated],
    ] as const) {
      const fetched = await call('GET', `/v1/packages/${pkg.body.id}`, 'hotline');
      expect(fetched.status).toBe(200);
      const opened = await openSealedPackage(key.privateJwk, Buffer.from(fetched.body.sealed, 'base64'), {
        packageId: pkg.body.id,
        caseId: id,
        recipient: 'hotline',
        keyId: key.keyId,
      });
      expect(JSON.parse(opened.toString()).person).toEqual(PII);
    }
    // Revoking the old key stops its packages being handed out (its private half may be in other hands).
    await revokeBodyKey(database.db, { agency: 'hotline', keyId: keys.hotline.keyId });
    const retired = await call('GET', `/v1/packages/${before.body.id}`, 'hotline');
    expect(retired.status).toBe(410);
    expect(retired.body.error.code).toBe('KEY_RETIRED');
    expect(retired.body.error.message).toContain(`sealed to key ${keys.hotline.keyId} of hotline, which was revoked`);
    expect((await call('GET', `/v1/packages/${after.body.id}`, 'hotline')).status).toBe(200);
  });

  it('still hands out and opens packages of the legacy format (1), sealed to the registry key of the time', async () => {
    const id = await newCase();
    // What an older platform stored: format 1, sealed to the body's single key, key id "legacy" after migration.
    const legacy = generateBodyKeyPair();
    await database.pool.query(
      `insert into auth.body_keys (agency, key_id, public_key, not_before, expires_at) values ('sia', 'legacy', $1, now() - interval '1 day', now() + interval '1 day')`,
      [legacy.publicKey],
    );
    const packageId = randomUUID();
    const sealed = seal(
      legacy.publicKey,
      Buffer.from(JSON.stringify({ caseId: id, category: 'R01', person: PII })),
      `package:${packageId}`,
    );
    await database.pool.query(
      `insert into intake.packages (id, case_id, owner, recipient, purpose, legal_ground, legal_reason, sealed, format, key_id, created_by) values ($1, $2, 'center', 'sia', 'deletion-request', 'appi-27-1-ii', '試験', $3, 1, 'legacy', $4)`,
      [packageId, id, sealed, randomUUID()],
    );
    const fetched = await call('GET', `/v1/packages/${packageId}`, 'sia');
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ format: 1, keyId: 'legacy', context: `package:${packageId}` });
    expect(JSON.parse(open(legacy, Buffer.from(fetched.body.sealed, 'base64'), fetched.body.context).toString()).person).toEqual(PII);
    // Once the legacy key expires, its packages are retired with it.
    await database.pool.query(
      `update auth.body_keys set expires_at = now() - interval '1 second' where agency = 'sia' and key_id = 'legacy'`,
    );
    const expired = await call('GET', `/v1/packages/${packageId}`, 'sia');
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/key legacy of sia, which expired at/);
  });

  it('puts no personal data, free text or raw URL on any topic, in any log line, or in the audit details', async () => {
    await waitFor('the case facts on the bus', async () => {
      const { rows } = await database.pool.query(`select count(*)::int as n from intake.outbox where published_at is null`);
      return rows[0].n === 0;
    });
    const onBus = await database.pool.query(`select headers::text || convert_from(value, 'UTF8') as text from eventbus.log`);
    expect(onBus.rows.length).toBeGreaterThan(0);
    const outbox = await database.pool.query(`select event::text as text from intake.outbox`);
    const audit = await database.pool.query(`select details::text as text from audit.entries`);
    const haystacks = [...onBus.rows, ...outbox.rows, ...audit.rows].map((r) => r.text as string).concat(logs);
    for (const secret of [PII.name, PII.contact, PII.school, SUMMARY, 'sns.example.com', '98765']) {
      for (const text of haystacks) expect(text).not.toContain(secret);
    }
    const fact = outbox.rows.map((r) => JSON.parse(r.text)).find((e) => e.type === 'jp.liaison.case.fact.v1');
    expect(fact.data).toMatchObject({
      agency: 'center',
      category: 'R01',
      consulter: 'GRD',
      victimUnder18: true,
      urlHashes: [expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)],
    });
    const key = randomBytes(32);
    while ((await sealAudit(database.pool, key)) > 0) {}
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: true });
  });
});

describe('actions and statutory clocks', () => {
  let testDb: TestDatabase;
  let database: Database;
  let service: IntakeService;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await service.app.request(path, {
      method,
      headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'actions');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, intakeMigrations]);
    const bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('actions')}.` });
    service = createIntakeService({
      database,
      bus,
      councilKey: randomBytes(32),
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      dataKey: () => randomBytes(32),
      bodyKeys: bodyKeyRegistry(database.db),
      relay: false,
    });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('starts the Art. 25 clock on a deletion request to a designated platform and emits its miss once', async () => {
    const kase = await call('POST', '/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false, designatedPlatform: true });
    const requestedAt = '2026-04-28T15:00:00+09:00';
    const action = await call('POST', `/v1/cases/${kase.body.id}/actions`, { action: 'art25-request', requestedAt });
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({ clock: 'art25-decision', dueAt: '2026-05-05T14:59:59.999Z', outcome: null });
    const advice = await call('POST', `/v1/cases/${kase.body.id}/actions`, { action: 'advice' });
    expect(advice.body.clock).toBeNull();

    const late = new Date('2026-05-06T09:00:00+09:00');
    await Promise.all([service.emitMissedClocks(late), service.emitMissedClocks(late)]);
    await service.emitMissedClocks(new Date(late.getTime() + 86_400_000)); // a later pass, or a restart
    const missed = await database.pool.query(
      `select event from intake.outbox where event->>'type' = 'jp.liaison.case.clock_missed.v1' and key = $1`,
      [kase.body.id],
    );
    expect(missed.rows.map((r) => r.event.data)).toEqual([
      expect.objectContaining({ actionId: action.body.id, clock: 'art25-decision', designatedPlatform: true }),
    ]);
    expect((await call('GET', '/v1/cases/actions/overdue')).body.items.map((a: { id: string }) => a.id)).toContain(action.body.id);
  });

  it('records outcomes: an extension needs its ground and keeps the clock; a decision stops it and updates the case fact', async () => {
    const kase = await call('POST', '/v1/cases', { category: 'R03', consulter: 'SELF', victimUnder18: false, designatedPlatform: true });
    const action = await call('POST', `/v1/cases/${kase.body.id}/actions`, {
      action: 'art25-request',
      requestedAt: '2026-01-05T10:00:00+09:00',
    });
    const noGround = await call('POST', `/v1/cases/${kase.body.id}/actions/${action.body.id}/outcome`, { outcome: 'extended' });
    expect(noGround.status).toBe(400);
    expect(noGround.body.error.details.problems[0].field).toBe('extensionGround');
    const extended = await call('POST', `/v1/cases/${kase.body.id}/actions/${action.body.id}/outcome`, {
      outcome: 'extended',
      extensionGround: 'expert-review',
    });
    expect(extended.body).toMatchObject({ outcome: 'extended', extensionGround: 'expert-review', outcomeAt: null });
    const decided = await call('POST', `/v1/cases/${kase.body.id}/actions/${action.body.id}/outcome`, { outcome: 'deleted' });
    expect(decided.body.outcomeAt).not.toBeNull();
    expect((await call('GET', '/v1/cases/actions/overdue')).body.items.map((a: { id: string }) => a.id)).not.toContain(action.body.id);
    const facts = await database.pool.query(
      `select event from intake.outbox where event->>'type' = 'jp.liaison.case.fact.v1' and key = $1 order by id`,
      [kase.body.id],
    );
    expect(facts.rows.at(-1)!.event.data).toMatchObject({ outcome: 'deleted', version: 3 });
  });

  it('gives the sender 2 days to object when the case is about intimate images', async () => {
    const kase = await call('POST', '/v1/cases', { category: 'R05', consulter: 'SELF', victimUnder18: false });
    const inquiry = await call('POST', `/v1/cases/${kase.body.id}/actions`, {
      action: 'sender-inquiry',
      requestedAt: '2026-11-27T10:00:00+09:00',
    });
    expect(inquiry.body).toMatchObject({ clock: 'sender-objection', dueAt: '2026-11-29T14:59:59.999Z' });
  });
});
