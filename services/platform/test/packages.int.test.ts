import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

/** Every way a package can be (or fail to be) the one a referral from the Center to SIA may carry. */
const combinations = ['center', 'hotline'].flatMap((sealer) =>
  ['sia', 'tokyo'].flatMap((sealedTo) =>
    [true, false].flatMap((sameCase) => [true, false].map((purged) => ({ sealer, sealedTo, sameCase, purged }))),
  ),
);

// A referral carries only a real package: sealed by the sender's body, to this recipient, for the
// case it names, not purged. Generated over every combination of those four, plus a package that
// does not exist; each refusal is a 400 naming packageId, and nothing is stored or announced.
describe('a referral carries only a real package', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let api: ReturnType<typeof client>;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-pkg-'));

  const counts = async () => {
    const { rows } = await platform.database.pool.query(
      `select (select count(*)::int from referrals.referrals) as referrals, (select count(*)::int from referrals.outbox) as events, (select count(*)::int from audit.entries where action like 'referral.%') as audited`,
    );
    return rows[0] as Record<string, number>;
  };
  /** A case of `body` with a consent to share it with `recipient`, and a package sealed to `recipient`. */
  const sealed = async (body: string, recipient: string) => {
    const token = api.tokenOf(body);
    const kase = await api.post(
      '/v1/cases',
      { category: 'R01', consulter: 'SELF', victimUnder18: false, person: { name: '封緘 試験' } },
      token,
    );
    const consent = await api.post(
      `/v1/cases/${kase.body.id}/consents`,
      { givenBy: 'person', recipients: [recipient], purposes: ['deletion-request'] },
      token,
    );
    const pkg = await api.post(`/v1/cases/${kase.body.id}/packages`, { recipient, purpose: 'deletion-request' }, token);
    expect([kase.status, consent.status, pkg.status]).toEqual([201, 201, 201]);
    return { caseId: kase.body.id as string, consentId: consent.body.id as string, packageId: pkg.body.id as string, token };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'pkg');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      webhooks: { dispatcher: false },
    });
    api = client(platform);
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(combinations)(
    'sealed by $sealer to $sealedTo, same case: $sameCase, purged: $purged',
    async ({ sealer, sealedTo, sameCase, purged }) => {
      const center = api.tokenOf('center');
      const pkg = await sealed(sealer, sealedTo);
      if (purged) expect((await api.post(`/v1/cases/${pkg.caseId}/consents/${pkg.consentId}/revoke`, {}, pkg.token)).status).toBe(200);
      const otherCase = (await api.post('/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false }, center)).body
        .id as string;
      const caseId = sameCase ? pkg.caseId : otherCase;
      const real = sealer === 'center' && sealedTo === 'sia' && sameCase && !purged;

      const before = await counts();
      const res = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01', packageId: pkg.packageId, caseId }, center);
      if (real) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body).toMatchObject({ packageId: pkg.packageId, caseId });
        // The case id is the sender's: the recipient sees the package, not the case.
        const atSia = await api.get(`/v1/referrals/${res.body.id}`, api.tokenOf('sia'));
        expect(atSia.body).toMatchObject({ packageId: pkg.packageId, caseId: null });
        const event = await platform.database.pool.query('select event::text as text from referrals.outbox where key = $1', [res.body.id]);
        expect(event.rows[0].text).toContain(pkg.packageId);
        expect(event.rows[0].text).not.toContain(caseId);
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['packageId']);
        // Another body's package reads as no package at all.
        if (sealer !== 'center') expect(res.body.error.message).toContain(`no package ${pkg.packageId} sealed by center`);
        expect(await counts()).toEqual(before);
      }
    },
  );

  it('refuses a package id that does not exist, and a package without its case (or a case without its package)', async () => {
    const center = api.tokenOf('center');
    const pkg = await sealed('center', 'sia');
    const before = await counts();
    const random = await api.post(
      '/v1/referrals',
      { recipient: 'sia', category: 'R01', packageId: randomUUID(), caseId: pkg.caseId },
      center,
    );
    expect(random.status).toBe(400);
    expect(random.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['packageId']);
    const noCase = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01', packageId: pkg.packageId }, center);
    expect(noCase.status).toBe(400);
    expect(noCase.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['caseId']);
    const noPackage = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01', caseId: pkg.caseId }, center);
    expect(noPackage.status).toBe(400);
    expect(noPackage.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['caseId']);
    expect(await counts()).toEqual(before);
  });

  it('does not send a draft whose package was purged meanwhile (409), and sends it while the package is real', async () => {
    const center = api.tokenOf('center');
    const kept = await sealed('center', 'sia');
    const purged = await sealed('center', 'sia');
    const draftOf = async (p: { packageId: string; caseId: string }) => {
      const res = await api.post(
        '/v1/referrals',
        { recipient: 'sia', category: 'R01', status: 'draft', packageId: p.packageId, caseId: p.caseId },
        center,
      );
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const keptDraft = await draftOf(kept);
    const purgedDraft = await draftOf(purged);
    expect((await api.post(`/v1/cases/${purged.caseId}/consents/${purged.consentId}/revoke`, {}, center)).status).toBe(200);

    const refused = await api.post(`/v1/referrals/${purgedDraft}/status`, { status: 'requested' }, center);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('purged');
    expect((await api.get(`/v1/referrals/${purgedDraft}`, center)).body).toMatchObject({ status: 'draft', sentAt: null });
    expect(
      (await platform.database.pool.query('select count(*)::int as n from referrals.outbox where key = $1', [purgedDraft])).rows[0].n,
    ).toBe(0);

    expect((await api.post(`/v1/referrals/${keptDraft}/status`, { status: 'requested' }, center)).status).toBe(200);
  });

  it('tells the sealing body alone what it sealed: recipient, case, purge (no personal data)', async () => {
    const pkg = await sealed('center', 'sia');
    const info = await api.get(`/v1/packages/${pkg.packageId}/seal-info`, api.tokenOf('center'));
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      id: pkg.packageId,
      caseId: pkg.caseId,
      owner: 'center',
      recipient: 'sia',
      purpose: 'deletion-request',
      createdAt: expect.any(String),
      purgedAt: null,
    });
    expect(JSON.stringify(info.body)).not.toContain('封緘');
    for (const other of ['sia', 'hotline'])
      expect((await api.get(`/v1/packages/${pkg.packageId}/seal-info`, api.tokenOf(other))).status).toBe(404);
  });
});
