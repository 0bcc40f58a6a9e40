import { randomBytes, randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { appendAudit, auditMigrations, sealAudit, verifyAudit } from '../src/index.ts';

// The hash chain of the audit log: it verifies, and any edit or deletion after sealing is found.
describe('audit log', () => {
  let testDb: TestDatabase;
  let database: Database;
  const key = randomBytes(32);

  beforeEach(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'audit');
    database = createDatabase({ url: testDb.url });
    await migrate(database, [auditMigrations]);
    for (let i = 0; i < 50; i++) {
      await appendAudit(database.db, [
        { agency: i % 2 ? 'center' : 'sia', actor: randomUUID(), action: 'referral.status', subjectType: 'referral', subjectId: randomUUID(), details: { to: 'received', n: i } },
      ]);
    }
    while ((await sealAudit(database.pool, key, 7)) > 0) {}
  });
  afterEach(async () => {
    await database.close();
    await testDb.drop();
  });

  const sql = (text: string, values: unknown[] = []) => database.pool.query(text, values);

  it('verifies a sealed chain, and counts entries not sealed yet', async () => {
    await appendAudit(database.db, [{ agency: 'center', actor: null, action: 'pii.read', subjectType: 'case', subjectId: 'c1', reason: '照会対応のため' }]);
    expect(await verifyAudit(database.pool, key)).toEqual({ ok: true, sealed: 50, unsealed: 1 });
    await sealAudit(database.pool, key);
    expect(await verifyAudit(database.pool, key)).toEqual({ ok: true, sealed: 51, unsealed: 0 });
  });

  it.each([
    ['agency', `update audit.entries set agency = 'hotline' where chain_pos = 17`],
    ['action', `update audit.entries set action = 'referral.create' where chain_pos = 17`],
    ['details', `update audit.entries set details = '{"to":"completed"}' where chain_pos = 17`],
    ['time', `update audit.entries set at = at + interval '1 microsecond' where chain_pos = 17`],
    ['reason', `update audit.entries set reason = 'x' where chain_pos = 17`],
  ])('finds an edit of the %s of a sealed entry', async (_what, statement) => {
    await sql(statement);
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, problem: 'altered', position: 17 });
  });

  it('finds an edit that also recomputes the plain hash: the key is not in the database', async () => {
    await sql(`update audit.entries set agency = 'hotline', hash = encode(sha256(convert_to(hash, 'UTF8')), 'hex') where chain_pos = 17`);
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, position: 17 });
  });

  it('finds a deleted entry in the middle', async () => {
    await sql('delete from audit.entries where chain_pos = 23');
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, problem: 'missing', position: 23 });
  });

  it('finds a deleted first entry and a cut-off tail', async () => {
    await sql('delete from audit.entries where chain_pos = 1');
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, problem: 'missing', position: 1 });
    await sql('delete from audit.entries');
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, problem: 'truncated' });
  });

  it('finds the last entries deleted', async () => {
    await sql('delete from audit.entries where chain_pos > 45');
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, problem: 'truncated', position: 46 });
  });

  it('finds two entries swapped', async () => {
    await sql('update audit.entries set chain_pos = -1 where chain_pos = 30');
    await sql('update audit.entries set chain_pos = 30 where chain_pos = 31');
    await sql('update audit.entries set chain_pos = 31 where chain_pos = -1');
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: false, position: 30 });
  });

  it('does not verify under another key', async () => {
    expect(await verifyAudit(database.pool, randomBytes(32))).toMatchObject({ ok: false, position: 1 });
  });
});
