import { randomBytes, randomUUID } from 'node:crypto';
import { auditMigrations } from '@liaison/audit';
import { type Actor, type Agency, authMigrations, bodyKeyRegistry, seedAgencies, setAgencyPublicKey } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations } from '@liaison/events';
import { generateBodyKey } from '@liaison/privacy';
import { caller, createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIntakeService, type IntakeService, intakeMigrations } from '../src/index.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'SIA', nameEn: 'SIA', roles: ['member'] },
};
const actors: Record<string, Actor> = {
  lia_center: { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
};

const RACES = 60;
const SEALS_PER_RACE = 3;

// A revocation racing sealings under the same consent: whichever commits first, no package of a
// revoked consent is left unpurged. Sealing holds the consent row FOR SHARE while it stores the
// package; revocation takes it FOR UPDATE, so one waits for the other.
describe('revoking a consent while packages are being sealed under it', () => {
  let testDb: TestDatabase;
  let database: Database;
  let service: IntakeService;
  const call = caller(() => service.app);
  const dataKeys = new Map<string, Buffer>();

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'race');
    database = createDatabase({ url: testDb.url, max: 30 });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, intakeMigrations]);
    await seedAgencies(database.db);
    await setAgencyPublicKey(database.db, 'sia', generateBodyKey().publicKey);
    const bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('race')}.` });
    service = createIntakeService({
      database,
      bus,
      councilKey: randomBytes(32),
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      dataKey: (a) => dataKeys.get(a) ?? dataKeys.set(a, randomBytes(32)).get(a)!,
      bodyKeys: bodyKeyRegistry(database.db),
      relay: false,
    });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it(`leaves no live package of a revoked consent, over ${RACES} races of a revocation and ${SEALS_PER_RACE} sealings`, async () => {
    // Every race runs to its end before anything is asserted (no request outlives the test).
    const races = await Promise.all(
      Array.from({ length: RACES }, async () => {
        const kase = await call('POST', '/v1/cases', 'center', {
          category: 'R01',
          consulter: 'SELF',
          victimUnder18: false,
          person: { name: '競合 試験', contact: '090-0000-0000' },
          summary: '競合の試験',
        });
        const consent = await call('POST', `/v1/cases/${kase.body.id}/consents`, 'center', {
          givenBy: 'person',
          recipients: ['sia'],
          purposes: ['deletion-request'],
        });
        const [revoked, ...seals] = await Promise.all([
          call('POST', `/v1/cases/${kase.body.id}/consents/${consent.body.id}/revoke`, 'center'),
          ...Array.from({ length: SEALS_PER_RACE }, () =>
            call('POST', `/v1/cases/${kase.body.id}/packages`, 'center', { recipient: 'sia', purpose: 'deletion-request' }),
          ),
        ]);
        return { setup: [kase.status, consent.status], revoked: revoked!, seals };
      }),
    );
    // No package of a revoked consent still holds its ciphertext.
    const left = await database.pool.query(
      `select p.id from intake.packages p join intake.consents c on c.id = p.consent_id where c.revoked_at is not null and (p.purged_at is null or p.sealed is not null)`,
    );
    expect(left.rows).toEqual([]);
    const outcomes = { sealedBefore: 0, refusedAfter: 0 };
    for (const { setup, revoked, seals } of races) {
      expect(setup).toEqual([201, 201]);
      expect(revoked.status).toBe(200);
      for (const s of seals) {
        // Either sealed before the revocation (and then purged by it), or refused after it.
        expect([201, 403], JSON.stringify(s.body)).toContain(s.status);
        if (s.status === 201) {
          expect(revoked.body.purgedPackages).toContain(s.body.id);
          outcomes.sealedBefore++;
        } else {
          expect(s.body.error.code).toBe('CONSENT_REQUIRED');
          outcomes.refusedAfter++;
        }
      }
    }
    expect(outcomes.sealedBefore + outcomes.refusedAfter).toBe(RACES * SEALS_PER_RACE);
    // Both orders happened: the races were real.
    expect(outcomes.sealedBefore).toBeGreaterThan(0);
    expect(outcomes.refusedAfter).toBeGreaterThan(0);
  }, 120_000);
});
