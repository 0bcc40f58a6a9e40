import { randomBytes, randomUUID } from 'node:crypto';
import { auditMigrations } from '@liaison/audit';
import { type Actor, type Agency, authMigrations, bodyKeyRegistry } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, pglogMigrations, validateEvent } from '@liaison/events';
import { caller, createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIntakeService, type IntakeService, intakeMigrations } from '../src/index.ts';

const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member', 'secretariat'] },
};
const actors: Record<string, Actor> = {
  lia_center: { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
};

// What statistics learn of an action's outcome: codes, times and whether the statutory clock was
// kept — committed with the outcome itself, and the operator only of a designated platform.
describe('action outcome events', () => {
  let testDb: TestDatabase;
  let database: Database;
  let service: IntakeService;
  const call = caller(() => service.app);
  const events = async (type: string, caseId: string) =>
    (
      await database.pool.query(`select event from intake.outbox where event->>'type' = $1 and key = $2 order by id`, [type, caseId])
    ).rows.map((r) => r.event);

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'outcomes');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, intakeMigrations]);
    const bus = createEventBus({ kind: 'pglog', pool: database.pool, topicPrefix: `${uniqueName('outcomes')}.` });
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

  it('emits the outcome of an Art. 25 request with the clock kept, and names the designated operator', async () => {
    const kase = await call('POST', '/v1/cases', 'center', {
      category: 'R01',
      consulter: 'SELF',
      victimUnder18: false,
      designatedPlatform: true,
      operator: 'X Corp.',
    });
    const requestedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const action = await call('POST', `/v1/cases/${kase.body.id}/actions`, 'center', { action: 'art25-request', requestedAt });
    const decided = await call('POST', `/v1/cases/${kase.body.id}/actions/${action.body.id}/outcome`, 'center', { outcome: 'deleted' });
    expect(decided.status).toBe(200);
    const [outcome] = await events('jp.liaison.case.action_outcome.v1', kase.body.id);
    expect(validateEvent(outcome)).toEqual([]);
    expect(outcome.data).toEqual({
      caseId: kase.body.id,
      actionId: action.body.id,
      agency: 'center',
      action: 'art25-request',
      outcome: 'deleted',
      category: 'R01',
      designatedPlatform: true,
      operator: 'X Corp.',
      clock: 'art25-decision',
      withinClock: true,
      requestedAt,
      decidedAt: decided.body.outcomeAt,
    });
    expect((await events('jp.liaison.case.fact.v1', kase.body.id)).map((e) => e.data.operator)).toEqual(['X Corp.', 'X Corp.']);
  });

  it('marks a decision after the clock ran out, and names no operator of a platform that is not designated', async () => {
    const kase = await call('POST', '/v1/cases', 'center', {
      category: 'R03',
      consulter: 'SELF',
      victimUnder18: false,
      designatedPlatform: false,
      operator: '小さな掲示板',
    });
    const action = await call('POST', `/v1/cases/${kase.body.id}/actions`, 'center', {
      action: 'art25-request',
      designatedPlatform: true,
      requestedAt: '2026-01-05T10:00:00+09:00',
    });
    await call('POST', `/v1/cases/${kase.body.id}/actions/${action.body.id}/outcome`, 'center', { outcome: 'not-deleted' });
    const [outcome] = await events('jp.liaison.case.action_outcome.v1', kase.body.id);
    expect(outcome.data).toMatchObject({ outcome: 'not-deleted', designatedPlatform: true, clock: 'art25-decision', withinClock: false });
    expect(outcome.data.operator).toBeUndefined();
    for (const fact of await events('jp.liaison.case.fact.v1', kase.body.id)) expect(fact.data.operator).toBeUndefined();
  });
});
