import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSealedPackage, type PrivateJwk } from '@liaison/privacy';
import { Kafka, logLevel } from 'kafkajs';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client, subscribe } from './helpers.ts';

const PERSON = { name: '佐藤さくら', contact: '保護者 080-0000-1111', school: '○○市立第一中学校' };

// The council's daily work, end to end on Kafka and Postgres: the Consultation Center records a
// child defamation case, is told to refer it to SIA, refers it with the guardian's consent; SIA's
// webhook and live subscription receive it; SIA opens the sealed package, marks 削除依頼済 and
// completes; the Center sees every step.
describe('walk-through: a child defamation case from the Center to SIA', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  let receiver: Server;
  let hookUrl: string;
  const hooks: { headers: Record<string, string>; body: string }[] = [];
  const logs: string[] = [];
  const prefix = `${uniqueName('walk')}.`;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-walk-'));

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push({ headers: req.headers as Record<string, string>, body });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/sia/liaison`;
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'walk');
    platform = await startPlatform({
      databaseUrl: testDb.url,
      kafkaBrokers: inject('kafkaBrokers'),
      topicPrefix: prefix,
      kafka: { sessionTimeout: 6000 },
      topicPartitions: 3,
      dataDir,
      seedDemo: true,
      log: (m) => void logs.push(m),
      // SIA's receiver runs on this machine in the test.
      webhooks: { targets: { allowLoopback: true } },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries the case through every step', async () => {
    const api = client(platform);
    const center = api.tokenOf('center');
    const sia = api.tokenOf('sia');
    // The embedded demo made SIA's key pair (a real body makes its own and publishes the public half).
    const siaKeyFile = readdirSync(join(dataDir, 'keys')).find((f) => f.startsWith('sia.') && f.endsWith('.jwk.json'))!;
    const siaKey = JSON.parse(readFileSync(join(dataDir, 'keys', siaKeyFile), 'utf8')) as PrivateJwk;

    // SIA is listening: a webhook and a live subscription. The Center follows its referrals live too.
    const hook = await api.post('/v1/webhooks', { url: hookUrl }, sia);
    expect(hook.status).toBe(201);
    const siaLive = await subscribe(platform, 'subscription { liveEvents { type referralId status businessStatus packageId from } }', sia);
    const centerLive = await subscribe(platform, 'subscription { liveEvents { type referralId status businessStatus from } }', center);

    // 1. The Center records the consultation: a guardian reports defamation of a child on an SNS.
    const kase = await api.post(
      '/v1/cases',
      {
        category: 'R01',
        platformType: 'SNS',
        operator: 'Example SNS',
        designatedPlatform: true,
        consulter: 'GRD',
        victimUnder18: true,
        requestedActions: ['notice-on-behalf'],
        urls: ['https://sns.example.com/u/abc/status/1'],
        summary: '同級生によるなりすまし投稿と悪口',
        person: PERSON,
      },
      center,
    );
    expect(kase.status).toBe(201);

    // 2. The division of labour suggests SIA.
    const suggestion = await api.post('/v1/routing/suggestions', { category: 'R01', consulter: 'GRD', victimUnder18: true }, center);
    expect(suggestion.body.items[0]).toMatchObject({ body: 'sia', action: 'refer', nameJa: 'セーファーインターネット協会' });

    // 3. With the guardian's consent, the personal data is sealed to SIA and the case referred.
    const consent = await api.post(
      `/v1/cases/${kase.body.id}/consents`,
      { givenBy: 'guardian', recipients: ['sia'], purposes: ['deletion-request'] },
      center,
    );
    expect(consent.status).toBe(201);
    const pkg = await api.post(`/v1/cases/${kase.body.id}/packages`, { recipient: 'sia', purpose: 'deletion-request' }, center);
    expect(pkg.status).toBe(201);
    const referral = await api.post(
      '/v1/referrals',
      {
        recipient: 'sia',
        category: 'R01',
        kind: 'referral',
        packageId: pkg.body.id,
        caseId: kase.body.id,
        routing: { consulter: 'GRD', victimUnder18: true },
      },
      center,
    );
    expect(referral.status).toBe(201);
    expect(referral.body.routing).toMatchObject({ suggested: ['sia'], followed: true });
    const id = referral.body.id as string;

    // 4. SIA's webhook receives it, signed; so does its live subscription.
    const delivered = await waitFor('the webhook delivery', () => hooks.find((h) => h.body.includes(id)), 60000);
    const event = new Webhook(hook.body.secret).verify(delivered.body, delivered.headers) as { type: string; data: { packageId: string } };
    expect(event).toMatchObject({ type: 'jp.liaison.referral.created.v1', data: { packageId: pkg.body.id } });
    expect(delivered.body).not.toContain(PERSON.name);
    await waitFor('the live event at SIA', () => siaLive.events.some((e) => e.liveEvents.referralId === id), 60000);
    expect(siaLive.events.find((e) => e.liveEvents.referralId === id)!.liveEvents).toMatchObject({
      type: 'jp.liaison.referral.created.v1',
      status: 'requested',
      packageId: pkg.body.id,
      from: 'center',
    });

    // 5. SIA finds it in its inbox and opens the package with its own key.
    const inbox = await waitFor('the referral in SIA’s inbox', async () =>
      (await api.graphql('{ referralInbox { id packageId status } }', sia)).data?.referralInbox.find((r: { id: string }) => r.id === id),
    );
    expect(inbox.packageId).toBe(pkg.body.id);
    const sealed = await api.get(`/v1/packages/${pkg.body.id}`, sia);
    expect(sealed.body).toMatchObject({ format: 2, keyId: siaKey.kid });
    const binding = { packageId: pkg.body.id, caseId: kase.body.id, recipient: 'sia', keyId: siaKey.kid! };
    const opened = JSON.parse((await openSealedPackage(siaKey, Buffer.from(sealed.body.sealed, 'base64'), binding)).toString());
    expect(opened.person).toEqual(PERSON);

    // 6. SIA works it: received, accepted, 削除依頼済, completed.
    for (const step of [
      { status: 'received' },
      { status: 'accepted' },
      { status: 'in-progress', businessStatus: 'deletion-requested' },
      { status: 'completed', businessStatus: 'deleted' },
    ]) {
      const res = await api.post(`/v1/referrals/${id}/status`, step, sia);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // 7. The Center sees each step: live, in the referral, and in its history.
    await waitFor(
      'every step live at the Center',
      () => centerLive.events.filter((e) => e.liveEvents.referralId === id).length >= 4,
      60000,
    );
    expect(
      centerLive.events
        .filter((e) => e.liveEvents.referralId === id)
        .map((e) => [e.liveEvents.status, e.liveEvents.businessStatus, e.liveEvents.from]),
    ).toEqual([
      ['received', null, 'sia'],
      ['accepted', null, 'sia'],
      ['in-progress', 'deletion-requested', 'sia'],
      ['completed', 'deleted', 'sia'],
    ]);
    const seen = await api.get(`/v1/referrals/${id}`, center);
    expect(seen.body).toMatchObject({ status: 'completed', businessStatus: 'deleted' });
    const history = await api.get(`/v1/referrals/${id}/history`, center);
    expect(history.body.items.map((h: { to: string }) => h.to)).toEqual(['received', 'accepted', 'in-progress', 'completed']);
    const inboxAfter = await waitFor('SIA’s inbox updated', async () =>
      (await api.graphql('{ referralInbox { id status businessStatus } }', sia)).data?.referralInbox.find(
        (r: { id: string; status: string }) => r.id === id && r.status === 'completed',
      ),
    );
    expect(inboxAfter.businessStatus).toBe('削除済 (Deleted)');

    await siaLive.close();
    await centerLive.close();

    // 8. Nothing personal on any topic, in any log line, in any webhook body or in the case facts.
    const secrets = [PERSON.name, PERSON.contact, PERSON.school, 'sns.example.com', '同級生'];
    const onTopics = await readTopics(inject('kafkaBrokers'), prefix);
    expect(onTopics.length).toBeGreaterThan(5);
    for (const text of [...onTopics, ...logs, ...hooks.map((h) => h.body)])
      for (const secret of secrets) expect(text).not.toContain(secret);
  }, 180_000);
});

/** Every message on the run's topics (headers and value as text), read with a plain kafkajs consumer. */
async function readTopics(brokers: string[], prefix: string): Promise<string[]> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  const expected = (await Promise.all(topics.map((t) => admin.fetchTopicOffsets(t))))
    .flat()
    .reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: uniqueName('walk-scan') });
  const texts: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.entries(message.headers ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ');
      texts.push(`${message.key?.toString() ?? ''} ${headers} ${message.value?.toString() ?? ''}`);
    },
  });
  await waitFor('every message of the run’s topics', () => texts.length >= expected, 60000);
  await consumer.disconnect();
  return texts;
}
