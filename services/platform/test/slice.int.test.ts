import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  retryOnPortInUse,
  startWsBridge,
  type TestDatabase,
  uniqueName,
  waitFor,
  type WsBridge,
} from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client, countRows } from './helpers.ts';

type Variant = 'kafka+pg' | 'kafka+neon' | 'embedded';

const INBOX_QUERY = `query Inbox { me { agency } referralInbox { id sender recipient kind status urgent sentAt category { code labelJa labelEn } } }`;

// The first vertical slice, end to end, on each stack the platform runs on:
// center creates a referral over REST → stored with its outbox row → relayed to the bus →
// consumed into SIA's inbox → returned to SIA's token by GraphQL on the gateway.
describe.each<Variant>(['kafka+pg', 'kafka+neon', 'embedded'])('referral slice on %s', (variant) => {
  let platform: Platform;
  let testDb: TestDatabase | undefined;
  let bridge: WsBridge | undefined;
  let api: ReturnType<typeof client>;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-slice-'));

  beforeAll(async () => {
    const common = { dataDir, seedDemo: true, log: () => {}, topicPartitions: 3 };
    if (variant === 'embedded') {
      platform = await retryOnPortInUse((embeddedPgPort) => startPlatform({ ...common, embeddedPgPort }));
    } else {
      testDb = await createTestDatabase(inject('pgAdminUrl'), 'slice');
      const kafka = { kafkaBrokers: inject('kafkaBrokers'), topicPrefix: `${uniqueName('slice')}.`, kafka: { sessionTimeout: 6000 } };
      if (variant === 'kafka+neon') {
        const target = new URL(testDb.url);
        bridge = await startWsBridge([`${target.hostname}:${target.port || 5432}`]);
        platform = await startPlatform({
          ...common,
          ...kafka,
          databaseUrl: testDb.url,
          databaseDriver: 'neon',
          neon: { wsProxy: bridge.wsProxy, secure: false },
        });
      } else {
        platform = await startPlatform({ ...common, ...kafka, databaseUrl: testDb.url });
      }
    }
    api = client(platform);
  });

  afterAll(async () => {
    await platform?.stop();
    await bridge?.close();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs on the stack it was asked for', async () => {
    const health = await api.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      bus: variant === 'embedded' ? 'pglog' : 'kafka',
      driver: variant === 'kafka+neon' ? 'neon' : 'pg',
      database: variant === 'embedded' ? 'embedded' : 'external',
    });
    if (bridge) expect(bridge.connections()).toBeGreaterThan(0);
  });

  it("delivers center's referral to SIA's inbox, visible through GraphQL", async () => {
    const created = await api.post(
      '/v1/referrals',
      { recipient: 'sia', category: 'B01', kind: 'referral', urgent: true },
      api.tokenOf('center'),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sender: 'center', recipient: 'sia', status: 'requested', category: 'B01', urgent: true });
    const id = created.body.id as string;

    const inbox = await waitFor('the referral in SIA’s inbox', async () => {
      const res = await api.graphql(INBOX_QUERY, api.tokenOf('sia'));
      expect(res.errors).toBeUndefined();
      return res.data?.referralInbox.find((r: { id: string }) => r.id === id);
    });
    expect(inbox).toMatchObject({
      id,
      sender: 'center',
      recipient: 'sia',
      kind: 'referral',
      status: 'requested',
      urgent: true,
      category: { code: 'B01', labelJa: 'ネットいじめ', labelEn: 'Online bullying' },
    });

    // Nobody else sees it: another member's inbox, and the sender's inbox, stay without it.
    const hotline = await api.graphql(INBOX_QUERY, api.tokenOf('hotline'));
    expect(hotline.data?.referralInbox.map((r: { id: string }) => r.id)).not.toContain(id);
    const other = await api.get(`/v1/referrals/${id}`, api.tokenOf('hotline'));
    expect(other.status).toBe(404);
    const own = await api.get(`/v1/referrals/${id}`, api.tokenOf('center'));
    expect(own.status).toBe(200);
  });

  it('refuses invalid input with 400 naming each field, storing and publishing nothing', async () => {
    const before = { referrals: await countRows(platform, 'referrals.referrals'), outbox: await countRows(platform, 'referrals.outbox') };
    const cases: [unknown, string[]][] = [
      [{ recipient: 'sia' }, ['category']],
      [{ recipient: 'SIA!', category: 'R01' }, ['recipient']],
      [{ recipient: 'sia', category: 'R99' }, ['category']],
      [{ recipient: 'sia', category: 'R01', kind: 'gift' }, ['kind']],
      [{ recipient: 'sia', category: 'R01', urgent: 'yes' }, ['urgent']],
      [{ recipient: 'sia', category: 'R01', victimName: '山田花子' }, ['victimName']],
      [{ recipient: 'nosuchbody', category: 'R01' }, ['recipient']],
      [{ recipient: 'mic', category: 'R01' }, ['recipient']],
      [{ recipient: 'center', category: 'R01' }, ['recipient']],
      ['{"recipient": "sia", ', ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const res = await api.post('/v1/referrals', body, api.tokenOf('center'));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(fields);
    }
    expect(await countRows(platform, 'referrals.referrals')).toBe(before.referrals);
    expect(await countRows(platform, 'referrals.outbox')).toBe(before.outbox);
  });

  it('refuses callers without a token, observers, and secretariat staff acting as caseworkers', async () => {
    const body = { recipient: 'sia', category: 'R01' };
    expect((await api.post('/v1/referrals', body)).status).toBe(401);
    expect((await api.post('/v1/referrals', body, 'lia_forged-token-000000000000')).status).toBe(401);
    const observer = await api.post('/v1/referrals', body, api.tokenOf('mic', 'observer'));
    expect(observer.status).toBe(403);
    expect(observer.body.error.code).toBe('FORBIDDEN');
    expect((await api.post('/v1/referrals', body, api.tokenOf('center', 'secretariat'))).status).toBe(403);
    const anonymous = await api.graphql(INBOX_QUERY);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
