import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { referralsMigrations } from '../src/index.ts';

// Referrals stored before drafts stayed with their sender: the migration that adds `sent_at` says
// which were sent (and when), and the recipients' inboxes forget the drafts they were told of.
describe('migration 0006: when stored referrals were sent', () => {
  let testDb: TestDatabase;
  let database: Database;
  const before = mkdtempSync(join(tmpdir(), 'liaison-mig-'));

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'mig');
    database = createDatabase({ url: testDb.url });
    // The migrations as they were before 0006.
    cpSync(referralsMigrations.folder, before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0006');
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
    await migrate(database, [{ schema: 'referrals', folder: before }]);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
    rmSync(before, { recursive: true, force: true });
  });

  it('marks sent what was created requested or sent from a draft, and clears never-sent drafts from inboxes', async () => {
    const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
    const created = new Date('2026-11-02T01:00:00Z');
    const sentLater = new Date('2026-11-03T02:00:00Z');
    const ids = {
      requested: randomUUID(),
      draft: randomUUID(),
      sentDraft: randomUUID(),
      cancelledDraft: randomUUID(),
      cancelledAfterSending: randomUUID(),
    };
    const referral = (id: string, status: string) =>
      q(
        `insert into referrals.referrals (id, sender, recipient, kind, category, status, created_by, created_at, updated_at) values ($1, 'center', 'sia', 'referral', 'R01', $2, $3, $4, $4)`,
        [id, status, randomUUID(), created],
      );
    const history = (id: string, version: number, from: string, to: string, at: Date) =>
      q(
        `insert into referrals.referral_status_history (referral_id, version, from_status, to_status, changed_by, changed_by_token, changed_at) values ($1, $2, $3, $4, 'center', $5, $6)`,
        [id, version, from, to, randomUUID(), at],
      );
    const received = (id: string, status: string) =>
      q(
        `insert into referrals.received_referrals (referral_id, recipient, sender, kind, category, status, urgent, sent_at) values ($1, 'sia', 'center', 'referral', 'R01', $2, false, $3)`,
        [id, status, created],
      );

    await referral(ids.requested, 'requested');
    await received(ids.requested, 'requested');
    await referral(ids.draft, 'draft');
    await received(ids.draft, 'draft');
    await referral(ids.sentDraft, 'received');
    await history(ids.sentDraft, 2, 'draft', 'requested', sentLater);
    await history(ids.sentDraft, 3, 'requested', 'received', sentLater);
    await received(ids.sentDraft, 'received');
    await referral(ids.cancelledDraft, 'cancelled');
    await history(ids.cancelledDraft, 2, 'draft', 'cancelled', sentLater);
    await received(ids.cancelledDraft, 'cancelled');
    await referral(ids.cancelledAfterSending, 'cancelled');
    await history(ids.cancelledAfterSending, 2, 'requested', 'cancelled', sentLater);
    await received(ids.cancelledAfterSending, 'cancelled');

    await migrate(database, [referralsMigrations]);

    const sentAt = Object.fromEntries(
      (await q('select id, sent_at from referrals.referrals')).rows.map((r) => [r.id, r.sent_at?.toISOString() ?? null]),
    );
    expect(sentAt).toEqual({
      [ids.requested]: created.toISOString(),
      [ids.draft]: null,
      [ids.sentDraft]: sentLater.toISOString(),
      [ids.cancelledDraft]: null,
      [ids.cancelledAfterSending]: created.toISOString(),
    });
    const inbox = (await q('select referral_id from referrals.received_referrals')).rows.map((r) => r.referral_id).sort();
    expect(inbox).toEqual([ids.requested, ids.sentDraft, ids.cancelledAfterSending].sort());
  });
});
