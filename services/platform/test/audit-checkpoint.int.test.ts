import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditCheckpoint, checkpointSigned, lastCheckpoint } from '@liaison/audit';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

// Checkpoints leave Postgres by the bus (every bus) and by a file: the event carries the same signed
// statement an operator's checkpoint file holds.
describe.each(['pglog', 'kafka'] as const)('audit checkpoints on the %s bus', (bus) => {
  let platform: Platform;
  let testDb: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-ckpt-'));
  const auditKey = Buffer.alloc(32, 9);

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'ckpt');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      auditKey,
      auditCheckpointFile: join(dataDir, 'checkpoints.jsonl'),
      auditCheckpointEvery: 0,
      ...(bus === 'kafka' ? { kafkaBrokers: inject('kafkaBrokers'), topicPrefix: `${uniqueName('ckpt')}.` } : {}),
      webhooks: { dispatcher: false },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes a signed checkpoint of the sealed head on liaison.audit and appends it to the file', async () => {
    const api = client(platform);
    expect((await api.post('/v1/referrals', { recipient: 'sia', category: 'R01' }, api.tokenOf('center'))).status).toBe(201);
    const seen: AuditCheckpoint[] = [];
    const sub = await platform.bus.subscribe({
      group: uniqueName('ckpt-reader'),
      topics: ['liaison.audit'],
      handler: async (events) => void seen.push(...events.map((e) => e.event.data as unknown as AuditCheckpoint)),
    });
    try {
      const checkpoint = await waitFor('a checkpoint covering the referral', async () => {
        const { rows } = await platform.database.pool.query(
          `select chain_pos from audit.entries where action = 'referral.create' and chain_pos is not null`,
        );
        return rows[0] && seen.find((c) => c.position >= Number(rows[0].chain_pos));
      });
      expect(checkpointSigned(checkpoint, { auditKey })).toBe(true);
      const inFile = await waitFor('the checkpoint in the file', () => lastCheckpoint(join(dataDir, 'checkpoints.jsonl')));
      expect(checkpointSigned(inFile, { auditKey })).toBe(true);
    } finally {
      await sub.stop();
    }
  });
});
