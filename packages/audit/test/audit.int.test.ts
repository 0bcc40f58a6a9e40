import { randomBytes, randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendAudit,
  auditHead,
  auditMigrations,
  AuditSealer,
  fileSink,
  lastCheckpoint,
  sealAudit,
  signCheckpoint,
  verifyAudit,
} from '../src/index.ts';

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
        {
          agency: i % 2 ? 'center' : 'sia',
          actor: randomUUID(),
          action: 'referral.status',
          subjectType: 'referral',
          subjectId: randomUUID(),
          details: { to: 'received', n: i },
        },
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
    await appendAudit(database.db, [
      { agency: 'center', actor: null, action: 'pii.read', subjectType: 'case', subjectId: 'c1', reason: '照会対応のため' },
    ]);
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

  it('finds a tail cut off together with its head only against a checkpoint kept outside the database', async () => {
    const head = (await auditHead(database.pool))!;
    const checkpoint = signCheckpoint(key, head);
    // An administrator deletes the last entries and moves the head back: the chain alone looks whole.
    await sql('delete from audit.entries where chain_pos > 40');
    const { rows } = await sql('select hash from audit.entries where chain_pos = 40');
    await sql(`update audit.head set chain_pos = 40, hash = $1 where name = 'main'`, [rows[0].hash]);
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: true, sealed: 40 });
    expect(await verifyAudit(database.pool, key, { checkpoint })).toMatchObject({ ok: false, problem: 'truncated', position: 41 });
  });

  it('finds a chain rewritten up to the checkpoint, and refuses a forged or altered checkpoint', async () => {
    const checkpoint = signCheckpoint(key, (await auditHead(database.pool))!);
    expect(await verifyAudit(database.pool, key, { checkpoint })).toMatchObject({ ok: true, checkpoint: { position: 50 } });
    expect(await verifyAudit(database.pool, key, { checkpoint: { ...checkpoint, position: 49 } })).toMatchObject({
      ok: false,
      problem: 'checkpoint-invalid',
    });
    expect(
      await verifyAudit(database.pool, key, { checkpoint: signCheckpoint(randomBytes(32), { position: 50, hash: checkpoint.hash }) }),
    ).toMatchObject({
      ok: false,
      problem: 'checkpoint-invalid',
    });
    // A checkpoint of another hash at that position (the chain was rebuilt from somewhere else).
    expect(
      await verifyAudit(database.pool, key, { checkpoint: signCheckpoint(key, { position: 30, hash: 'f'.repeat(64) }) }),
    ).toMatchObject({ ok: false, problem: 'altered', position: 30 });
  });

  it('hashes times in UTC: a chain sealed in a Tokyo session verifies from a UTC session, and the other way round', async () => {
    // Every connection of this pool runs in Japan's time zone.
    const tokyo = createDatabase({ url: `${testDb.url}?options=${encodeURIComponent('-c TimeZone=Asia/Tokyo')}` });
    const tokyoPool = tokyo.pool;
    expect((await tokyoPool.query('show timezone')).rows[0].TimeZone).toBe('Asia/Tokyo');
    try {
      for (let i = 0; i < 5; i++)
        await appendAudit(database.db, [
          { agency: 'center', actor: null, action: 'case.record', subjectType: 'case', subjectId: `tz-${i}` },
        ]);
      while ((await sealAudit(tokyoPool, key)) > 0) {}
      expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: true, sealed: 55 });
      expect(await verifyAudit(tokyoPool, key)).toMatchObject({ ok: true, sealed: 55 });
    } finally {
      await tokyo.close();
    }
  });

  it('still verifies entries sealed before times were hashed in UTC (format 1)', async () => {
    // Re-seal the chain the old way: the session's time text, format left null.
    const { createHmac } = await import('node:crypto');
    const { rows } = await sql(
      `select id, at::text as at, agency, actor::text as actor, action, subject_type, subject_id, reason, details::text as details from audit.entries order by chain_pos`,
    );
    let prev = 'liaison-audit-genesis';
    for (const [i, r] of rows.entries()) {
      const hash = createHmac('sha256', key)
        .update(JSON.stringify([i + 1, prev, r.id, r.at, r.agency, r.actor, r.action, r.subject_type, r.subject_id, r.reason, r.details]))
        .digest('hex');
      await sql('update audit.entries set hash = $1, prev_hash = $2, format = null where id = $3', [hash, prev, r.id]);
      prev = hash;
    }
    await sql(`update audit.head set hash = $1 where name = 'main'`, [prev]);
    expect(await verifyAudit(database.pool, key)).toMatchObject({ ok: true, sealed: 50 });
  });

  it('writes a signed checkpoint to its sinks while sealing and when it stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-ckpt-'));
    const file = join(dir, 'sub', 'checkpoints.jsonl');
    const seen: unknown[] = [];
    try {
      const sealer = new AuditSealer(database.pool, key, {
        interval: 50,
        checkpoints: { sinks: [fileSink(file), (c) => void seen.push(c)], every: 0 },
      });
      sealer.start();
      await appendAudit(database.db, [
        { agency: 'sia', actor: null, action: 'referral.status', subjectType: 'referral', subjectId: 'r-1' },
      ]);
      await sealer.stop();
      const last = lastCheckpoint(file)!;
      expect(last).toMatchObject({ chain: 'main', position: 51 });
      expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(1);
      expect(seen.at(-1)).toEqual(last);
      expect(await verifyAudit(database.pool, key, { checkpoint: last })).toMatchObject({ ok: true, sealed: 51 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
