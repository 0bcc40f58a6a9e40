import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInMemoryTracing } from '@liaison/observe/sdk';
import { createTestDatabase, type TestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

// Spans go to memory, as an OTLP exporter would send them: one provider for the whole file.
const exporter = startInMemoryTracing();

// One trace from the REST request to the partner's webhook, across a real bus: request → outbox row
// (its traceparent kept) → relay (producer span, `ce_traceparent` on the message) → bus → inbox
// projector and notifier (consumer spans) → webhook attempt (client span).
describe.each(['pglog', 'kafka'] as const)('a trace across the %s bus', (busKind) => {
  let platform: Platform;
  let testDb: TestDatabase;
  let receiver: Server;
  const hooks: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-traces-'));

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push(body);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    testDb = await createTestDatabase(inject('pgAdminUrl'), `traces_${busKind}`);
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: () => {},
      topicPartitions: 2,
      topicPrefix: `${uniqueName('traces')}.`,
      ...(busKind === 'kafka' ? { kafkaBrokers: inject('kafkaBrokers'), kafka: { sessionTimeout: 6000 } } : {}),
      webhooks: { targets: { allowLoopback: true } },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows REST request → outbox → relay → bus → inbox projector and notifier → webhook as one trace', async () => {
    expect(platform.bus.kind).toBe(busKind);
    const api = client(platform);
    const sia = api.tokenOf('sia');
    expect((await api.post('/v1/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }, sia)).status).toBe(
      201,
    );
    exporter.reset();
    const referral = await api.post('/v1/referrals', { recipient: 'sia', category: 'R01' }, api.tokenOf('center'));
    expect(referral.status).toBe(201);
    const id = referral.body.id as string;
    await waitFor('the webhook delivery', () => hooks.some((h) => h.includes(id)), 60_000);
    await waitFor('the referral in SIA’s inbox', async () =>
      (await api.graphql('{ referralInbox { id } }', sia)).data?.referralInbox.some((r: { id: string }) => r.id === id),
    );

    const server = exporter
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /v1/referrals' && s.attributes['http.response.status_code'] === 201)!;
    expect(server).toBeDefined();
    const traceId = server.spanContext().traceId;
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const childOf = (parent: { spanContext(): { spanId: string } }, where: (s: ReturnType<typeof inTrace>[number]) => boolean) =>
      inTrace().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId && where(s));

    const publish = childOf(server, (s) => s.kind === SpanKind.PRODUCER && s.name === 'publish jp.liaison.referral.created.v1');
    expect(publish).toHaveLength(1);
    expect(publish[0]!.attributes['messaging.system']).toBe(busKind);
    const group = (s: ReturnType<typeof inTrace>[number]) => String(s.attributes['messaging.consumer.group.name']);
    const consumers = await waitFor('the consumer spans', () => {
      const found = childOf(publish[0]!, (s) => s.kind === SpanKind.CONSUMER);
      return found.some((s) => group(s).endsWith('referrals.inbox-projector')) && found.some((s) => group(s).endsWith('notifier.fan-out'))
        ? found
        : undefined;
    });
    for (const c of consumers) expect(c.name).toMatch(/^process .*liaison\.referrals$/);
    const notifier = consumers.find((s) => group(s).endsWith('notifier.fan-out'))!;
    const webhook = await waitFor('the webhook span', () => childOf(notifier, (s) => s.kind === SpanKind.CLIENT)[0]);
    expect(webhook).toMatchObject({ name: 'webhook POST jp.liaison.referral.created.v1' });
    expect(webhook.attributes['http.response.status_code']).toBe(204);
    // No span carries a URL, a token or a person: ids and codes only.
    for (const s of inTrace()) expect(JSON.stringify(s.attributes)).not.toMatch(/https?:|lia_|127\.0\.0\.1/);
  }, 120_000);
});
