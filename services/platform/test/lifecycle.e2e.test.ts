import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { killAll, readyz, startProcess } from './spawn.ts';

const children: ChildProcess[] = [];
afterAll(() => killAll(children));

/** A TCP forwarder on `port` to the real broker: the broker "comes up" on that address when it starts listening. */
function forwarder(port: number, target: string): Promise<Server> {
  const [host, targetPort] = target.split(':') as [string, string];
  const server = createServer((socket) => {
    const upstream = connect(Number(targetPort), host);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('health and readiness of a service process (src/service.ts)', () => {
  it('/healthz answers at once; /readyz is 503 naming the bus until the bus joins, 200 when ready, 503 again from SIGTERM; the process exits 0', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'ready');
    let broker: Server | undefined;
    try {
      const [port, brokerPort] = [await freePort(), await freePort()];
      const p = startProcess(children, 'src/service.ts', {
        DATABASE_URL: testDb.url,
        // Nothing listens there yet: the broker is "down" while the process starts.
        KAFKA_BROKERS: `127.0.0.1:${brokerPort}`,
        KAFKA_TOPIC_PREFIX: `${uniqueName('ready')}.`,
        AUDIT_KEY: randomBytes(32).toString('base64'),
        LIAISON_SERVICE: 'referrals',
        PORT: String(port),
        // Readiness fails this long before the listener closes, so the probe can see it.
        DRAIN_DELAY_MS: '4000',
      });
      // Alive while starting; not ready: migrations are applied, the bus does not answer.
      const starting = await waitFor(
        '/readyz with the migrations applied',
        async () => {
          const r = await readyz(port);
          return r?.body.checks.migrations?.ok ? r : undefined;
        },
        120_000,
        100,
      );
      expect(starting.status).toBe(503);
      expect(starting.body.status).toBe('unavailable');
      expect(starting.body.failed).toEqual(['bus', 'consumers']);
      expect(starting.body.checks).toMatchObject({
        database: { ok: true },
        migrations: { ok: true },
        bus: { ok: false },
        consumers: { ok: false },
        accepting: { ok: true },
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', service: 'referrals', bus: 'kafka' });
      // The API is not served before the process is ready.
      const early = await fetch(`http://127.0.0.1:${port}/v1/referrals`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(early.status).toBe(503);
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');

      // The broker comes up: the bus connects, the inbox projector joins its group, the process is ready.
      broker = await forwarder(brokerPort, inject('kafkaBrokers')[0]!);
      const ready = await waitFor(
        '/readyz 200',
        async () => {
          const r = await readyz(port);
          return r?.status === 200 ? r : undefined;
        },
        120_000,
        200,
      );
      expect(ready.body).toMatchObject({ status: 'ready', failed: [] });
      expect(Object.values(ready.body.checks).every((c) => c.ok)).toBe(true);
      expect(Object.keys(ready.body.checks)).toEqual(['database', 'migrations', 'bus', 'consumers', 'accepting']);
      await p.printed('referrals running');

      // SIGTERM: readiness fails first (while the process still answers), then it drains and exits 0.
      p.child.kill('SIGTERM');
      const draining = await waitFor(
        '/readyz 503 after SIGTERM',
        async () => {
          const r = await readyz(port);
          return r?.status === 503 ? r : undefined;
        },
        10_000,
        50,
      );
      expect(draining.body.failed).toEqual(['accepting']);
      expect(draining.body.checks.accepting).toEqual({ ok: false, detail: 'draining: the process is shutting down' });
      expect(await p.exited).toBe(0);
      expect(p.output.text).toMatch(/drained in \d+ ms/);
      // Nothing listens any more.
      expect(await readyz(port)).toBeUndefined();
    } finally {
      broker?.close();
      await testDb.drop();
    }
  }, 240_000);
});

type Outcome =
  | { kind: 'created'; id: string; afterTerm: boolean }
  | { kind: 'refused' }
  | { kind: 'failed'; what: string; afterTerm: boolean };

describe('graceful drain under load (src/service.ts on Kafka)', () => {
  it('SIGTERM while 32 clients create referrals at full rate: only refused connections after the drain began, every 201 stored once and delivered after a restart', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'drain');
    try {
      const port = await freePort();
      const env = {
        DATABASE_URL: testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('drain')}.`,
        AUDIT_KEY: randomBytes(32).toString('base64'),
        LIAISON_SERVICE: 'referrals',
        PORT: String(port),
        DRAIN_DELAY_MS: '500',
        DRAIN_GRACE_MS: '20000',
      };
      const first = startProcess(children, 'src/service.ts', env);
      await first.printed('referrals running');
      const database = createDatabase({ url: testDb.url });
      try {
        const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'drain test' })).token;

        let termAt: number | undefined;
        const outcomes: Outcome[] = [];
        // Each client holds one keep-alive connection of its own and opens another only when told to
        // close (as a client with a fixed-size connection pool does). fetch's shared pool opens extra
        // connections now and then; one whose handshake the kernel completed just before the listener
        // closed sits in the accept queue and is reset, not refused — in production the drain delay
        // (not ready, still serving) lets the load balancer stop sending new connections first.
        const post = (agent: Agent, body: string) =>
          new Promise<{ status: number; text: string }>((resolve, reject) => {
            const req = httpRequest(
              {
                host: '127.0.0.1',
                port,
                path: '/v1/referrals',
                method: 'POST',
                agent,
                headers: {
                  authorization: `Bearer ${center}`,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                },
              },
              (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (chunk: string) => {
                  text += chunk;
                });
                res.on('end', () => resolve({ status: res.statusCode!, text }));
                res.on('error', reject);
              },
            );
            req.on('error', reject);
            req.end(body);
          });
        const client = async () => {
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          try {
            for (;;) {
              const sentAfterTerm = termAt !== undefined;
              let res: { status: number; text: string };
              try {
                res = await post(agent, JSON.stringify({ recipient: 'sia', category: 'R01' }));
              } catch (err) {
                const code = (err as { code?: string }).code;
                // A refused connection is the only error a client may see, and only once the drain began.
                if (code === 'ECONNREFUSED' && termAt !== undefined) outcomes.push({ kind: 'refused' });
                else outcomes.push({ kind: 'failed', what: `${code ?? (err as Error).message}`, afterTerm: termAt !== undefined });
                return;
              }
              const body = JSON.parse(res.text) as { id?: string };
              if (res.status !== 201) {
                outcomes.push({ kind: 'failed', what: `HTTP ${res.status} ${res.text.slice(0, 200)}`, afterTerm: termAt !== undefined });
                return;
              }
              outcomes.push({ kind: 'created', id: body.id!, afterTerm: sentAfterTerm });
            }
          } finally {
            agent.destroy();
          }
        };
        const clients = Array.from({ length: 32 }, () => client());
        // Full rate for a while, then SIGTERM in the middle of it.
        await waitFor(
          '300 referrals created under load',
          () => outcomes.filter((o) => o.kind === 'created').length >= 300 || outcomes.some((o) => o.kind === 'failed'),
          120_000,
          20,
        );
        termAt = Date.now();
        const createdBeforeTerm = outcomes.filter((o) => o.kind === 'created').length;
        first.child.kill('SIGTERM');
        const exitCode = await first.exited;
        const drainMs = Date.now() - termAt;
        await Promise.all(clients);

        const failed = outcomes.filter((o) => o.kind === 'failed');
        expect(failed).toEqual([]);
        expect(exitCode).toBe(0);
        expect(drainMs).toBeLessThan(20_000);
        const created = outcomes.flatMap((o) => (o.kind === 'created' ? [o.id] : []));
        const refused = outcomes.filter((o) => o.kind === 'refused').length;
        expect(refused).toBe(32);
        const logged = /drained in (\d+ ms \(.*\))/.exec(first.output.text)?.[1];
        console.log(
          `drain under load: ${created.length} referrals acknowledged (${createdBeforeTerm} before SIGTERM, ${created.length - createdBeforeTerm} after, ${outcomes.filter((o) => o.kind === 'created' && o.afterTerm).length} of them sent after it), ` +
            `${refused} clients refused, exit after ${drainMs} ms (drained in ${logged})`,
        );

        // Every acknowledged referral is stored, once, and nothing else was; the relay published all of them before exiting.
        const stored = await database.pool.query<{ n: number; acked: number }>(
          'select count(*)::int as n, count(*) filter (where id = any($1::uuid[]))::int as acked from referrals.referrals',
          [created],
        );
        expect(new Set(created).size).toBe(created.length);
        expect(stored.rows[0]).toEqual({ n: created.length, acked: created.length });
        const unpublished = await database.pool.query<{ n: number }>(
          'select count(*)::int as n from referrals.outbox where published_at is null',
        );
        expect(unpublished.rows[0]!.n).toBe(0);

        // After a restart every acknowledged referral is in SIA's inbox, applied once.
        const second = startProcess(children, 'src/service.ts', { ...env, DRAIN_DELAY_MS: '0' });
        await second.printed('referrals running');
        const inbox = await waitFor(
          'every acknowledged referral in SIA’s inbox',
          async () => {
            const { rows } = await database.pool.query<{ n: number; max: number }>(
              `select count(*)::int as n, coalesce(max(apply_count), 0)::int as max from referrals.received_referrals where recipient = 'sia' and referral_id = any($1::uuid[])`,
              [created],
            );
            return rows[0]!.n === created.length ? rows[0] : undefined;
          },
          120_000,
          250,
        );
        expect(inbox).toEqual({ n: created.length, max: 1 });
        const all = await database.pool.query<{ n: number }>('select count(*)::int as n from referrals.received_referrals');
        expect(all.rows[0]!.n).toBe(created.length);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        await database.close();
      }
    } finally {
      await testDb.drop();
    }
  }, 300_000);
});
