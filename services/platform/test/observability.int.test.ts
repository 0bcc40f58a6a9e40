import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { issueToken } from '@liaison/auth';
import { createTestDatabase, type TestDatabase, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Platform, startPlatform } from '../src/platform.ts';
import { client } from './helpers.ts';

const PERSON = { name: '山田花子', contact: '090-1234-5678', school: '△△市立第二中学校' };
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

// What an operator reads: JSON log lines (fields, never secrets) and /metrics after real traffic.
describe('observability of the embedded platform', () => {
  let platform: Platform;
  let testDb: TestDatabase;
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-observe-'));
  let operator: string;
  let receiver: Server;
  let hooks = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'observe');
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hooks++;
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    platform = await startPlatform({
      databaseUrl: testDb.url,
      dataDir,
      seedDemo: true,
      log: (l) => void lines.push(l),
      topicPartitions: 2,
      // As in production: /metrics only for an operator's token.
      metricsAccess: 'admin',
      webhooks: { targets: { allowLoopback: true } },
    });
    operator = (await issueToken(platform.database.db, { agency: 'center', role: 'admin', label: 'operator' })).token;
  });
  afterAll(async () => {
    await platform?.stop();
    await testDb?.drop();
    receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs JSON lines with service, requestId, traceId and agency — and no token, key, person, URL or free text', async () => {
    const api = client(platform);
    const center = api.tokenOf('center');
    // Traffic: a case with personal data and URLs, a referral, a refusal, a stranger, an unknown path.
    const kase = await api.post(
      '/v1/cases',
      {
        category: 'R01',
        consulter: 'GRD',
        victimUnder18: true,
        urls: ['https://bbs.example.org/thread/99'],
        summary: '部活の先輩による誹謗中傷',
        person: PERSON,
      },
      center,
    );
    expect(kase.status).toBe(201);
    const traced = await platform.app.request('/v1/referrals', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${center}`,
        'content-type': 'application/json',
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
        'x-request-id': 'req-observe-1',
      },
      body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
    });
    expect(traced.status).toBe(201);
    expect((await api.post('/v1/referrals', { recipient: 'sia', category: 'NOPE' }, center)).status).toBe(400);
    expect((await api.get('/v1/referrals/sent', 'lia_not_a_real_token_0000000000000000')).status).toBe(401);
    expect((await api.get('/no/such/path')).status).toBe(404);
    // A database failure mid-request: the 500 is logged with the error's class and code only.
    await platform.database.pool.query('alter table referrals.referrals rename to referrals_away');
    try {
      expect((await api.get('/v1/referrals/sent', center)).status).toBe(500);
    } finally {
      await platform.database.pool.query('alter table referrals.referrals_away rename to referrals');
    }

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(5);
    for (const line of parsed) {
      expect(typeof line.service, JSON.stringify(line)).toBe('string');
      expect(typeof line.msg).toBe('string');
      expect(typeof line.level).toBe('number');
    }
    const requests = parsed.filter((l) => l.msg === 'request' || l.msg === 'request failed');
    for (const r of requests) {
      expect(r.requestId, JSON.stringify(r)).toMatch(/^[\w.-]{1,64}$/);
      expect(r.route).not.toMatch(/[0-9a-f]{8}-/); // a route pattern, never a path with ids
    }
    const created = requests.find((r) => r.requestId === 'req-observe-1')!;
    expect(created).toMatchObject({
      service: 'platform',
      agency: 'center',
      traceId: TRACE_ID,
      method: 'POST',
      route: '/v1/referrals',
      status: 201,
    });
    expect(requests.find((r) => r.status === 401)).toMatchObject({ route: '/v1/referrals/sent' });
    expect(requests.find((r) => r.status === 404)).toMatchObject({ route: 'unmatched' });
    const failed = parsed.find((l) => l.msg === 'unhandled error')!;
    expect(failed).toMatchObject({ service: 'referrals', agency: 'center', route: '/v1/referrals/sent', level: 50 });
    expect(failed.err).toMatch(/\b42P01\b/);
    expect(requests.find((r) => r.status === 500)).toMatchObject({ msg: 'request failed', requestId: failed.requestId });

    // The PII scan over every line: tokens, their hashes, keys, the person, the URL, the free text.
    const secrets = [center, operator, 'lia_not_a_real_token', PERSON.name, PERSON.contact, PERSON.school, 'bbs.example.org', '部活の先輩'];
    for (const r of (await platform.database.pool.query('select token_hash from auth.api_tokens')).rows) secrets.push(r.token_hash);
    for (const key of ['audit-key', 'field-key', 'council-key', 'webhook-key'])
      secrets.push(readFileSync(join(dataDir, key), 'utf8').trim());
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('serves /metrics to an operator only, with every family and values that follow the traffic', async () => {
    const api = client(platform);
    const center = api.tokenOf('center');
    const sia = api.tokenOf('sia');
    expect((await platform.app.request('/metrics')).status).toBe(401);
    expect((await platform.app.request('/metrics', { headers: { authorization: `Bearer ${center}` } })).status).toBe(401);

    // Traffic for every family: a webhook delivered, referrals through the relay and the inbox
    // projector, a missed deadline, a missed statutory clock, a poison message, the release job.
    expect((await api.post('/v1/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }, sia)).status).toBe(
      201,
    );
    const referral = await api.post('/v1/referrals', { recipient: 'sia', category: 'R02' }, center);
    expect(referral.status).toBe(201);
    await waitFor('the webhook delivery', () => hooks > 0, 60_000);
    await platform.database.pool.query(
      "update referrals.deadlines set due_at = now() - interval '1 day', approaching_at = now() - interval '2 days' where referral_id = $1",
      [referral.body.id],
    );
    expect((await platform.referrals.scheduler.tick(new Date())).missed).toBeGreaterThan(0);
    const kase = await api.post('/v1/cases', { category: 'R01', consulter: 'SELF', victimUnder18: false }, center);
    expect(
      (
        await api.post(
          `/v1/cases/${kase.body.id}/actions`,
          { action: 'art25-request', designatedPlatform: true, requestedAt: '2026-01-05T10:00:00+09:00' },
          center,
        )
      ).status,
    ).toBe(201);
    expect(await platform.intake.emitMissedClocks(new Date())).toBe(1);
    await platform.bus.adapter.produce(platform.bus.topic('liaison.referrals'), [
      { key: 'poison', headers: {}, value: Buffer.from('not an event') },
    ]);
    await platform.stats.releaseDue();
    // One delivery given up: the dead-letter queue.
    await platform.database.pool.query(
      "update notifier.deliveries set status = 'failed' where id = (select id from notifier.deliveries limit 1)",
    );

    const scrape = async () => {
      const res = await platform.app.request('/metrics', { headers: { authorization: `Bearer ${operator}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseMetrics(await res.text());
    };
    const m = await waitFor(
      'the poison message dead-lettered and the projector caught up',
      async () => {
        const now = await scrape();
        const deadLettered = value(now, 'liaison_dead_letters_total', { reason: 'not-cloudevent' });
        const lag = now
          .filter((s) => s.name === 'liaison_consumer_lag' && s.labels.group?.endsWith('referrals.inbox-projector'))
          .reduce((n, s) => n + s.value, 0);
        return deadLettered !== undefined && deadLettered >= 1 && lag === 0 ? now : undefined;
      },
      60_000,
    );

    expect(value(m, 'liaison_http_requests_total', { method: 'POST', route: '/v1/referrals', status: '201' })).toBeGreaterThanOrEqual(2);
    expect(value(m, 'liaison_http_request_errors_total', { method: 'GET', route: '/v1/referrals/sent' })).toBe(1);
    expect(value(m, 'liaison_http_request_duration_seconds_count', { method: 'POST', route: '/v1/referrals' })).toBeGreaterThanOrEqual(2);
    expect(value(m, 'liaison_http_request_duration_seconds_sum', { method: 'POST', route: '/v1/referrals' })).toBeGreaterThan(0);
    // No raw paths among the routes.
    for (const s of m.filter((x) => x.name === 'liaison_http_requests_total'))
      expect(s.labels.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    for (const outbox of ['referrals', 'intake', 'notifier', 'stats']) {
      expect(value(m, 'liaison_outbox_backlog', { outbox })).toBeGreaterThanOrEqual(0);
      expect(value(m, 'liaison_outbox_relay_lag_seconds', { outbox })).toBeGreaterThanOrEqual(0);
    }
    expect(value(m, 'liaison_outbox_published_total', { outbox: 'referrals' })).toBeGreaterThanOrEqual(3);
    const lagSeries = m.filter((s) => s.name === 'liaison_consumer_lag');
    for (const group of ['referrals.inbox-projector', 'notifier.fan-out', 'stats.projector'])
      expect(
        lagSeries.some((s) => s.labels.group === group),
        group,
      ).toBe(true);
    expect(lagSeries.some((s) => s.labels.partition === '1')).toBe(true);
    expect(value(m, 'liaison_webhook_deliveries_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(1);
    expect(value(m, 'liaison_webhook_deliveries', { status: 'failed' })).toBe(1);
    expect(value(m, 'liaison_webhook_dead_letter_queue', {})).toBe(1);
    expect(value(m, 'liaison_deadline_misses_total', { clock: 'acknowledge' })).toBeGreaterThanOrEqual(1);
    expect(value(m, 'liaison_statutory_clock_misses_total', { clock: 'art25-decision' })).toBe(1);
    expect(value(m, 'liaison_audit_unsealed_entries', {})).toBeGreaterThanOrEqual(0);
    expect(value(m, 'liaison_audit_sealer_lag_seconds', {})).toBeGreaterThanOrEqual(0);
    expect(value(m, 'liaison_stats_release_job_running', {})).toBe(0);
    expect(value(m, 'liaison_stats_release_job_last_success_timestamp_seconds', {})).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(value(m, 'liaison_stats_release_job_failures_total', {})).toBe(0);
    expect(m.some((s) => s.name === 'liaison_stats_release_latest_built_timestamp_seconds')).toBe(true);
    expect(m.some((s) => s.name === 'liaison_metrics_collect_errors_total')).toBe(false);
    expect(value(m, 'process_cpu_seconds_total', {})).toBeGreaterThan(0);
  }, 120_000);
});

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (the subset prom-client writes). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one sample of `name` whose labels include `labels` (undefined when none). */
function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
