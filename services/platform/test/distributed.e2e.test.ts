import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { generateBodyKey } from '@liaison/privacy';
import { createTestDatabase, freePort, uniqueName, waitFor } from '@liaison/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { killAll, readyz, startProcess } from './spawn.ts';

const children: ChildProcess[] = [];
afterAll(() => killAll(children));

// Every service as its own process (LIAISON_SERVICE=…), on Kafka and one Postgres, as the
// distributed deployment runs them; a referral walked end to end through them.
describe('distributed mode: every service in its own process on Kafka', () => {
  it('intake, referrals, stats, notifier and the gateway each run alone, are ready, carry a referral end to end (inbox via the gateway, a status change, a webhook from the notifier process) and drain on SIGTERM', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'dist');
    const hooks: { path: string; headers: Record<string, string>; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
        res.statusCode = 204;
        res.end();
      });
    });
    try {
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
      const hookUrl = (body: string) => `http://127.0.0.1:${(receiver.address() as { port: number }).port}/${body}/liaison`;
      const ports = {
        intake: await freePort(),
        referrals: await freePort(),
        stats: await freePort(),
        notifier: await freePort(),
        gateway: await freePort(),
      };
      const common = {
        DATABASE_URL: testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('dist')}.`,
        AUDIT_KEY: randomBytes(32).toString('base64'),
        TOPIC_PARTITIONS: '3',
      };
      const url = (service: keyof typeof ports) => `http://127.0.0.1:${ports[service]}`;
      const procs = {
        intake: startProcess(children, 'src/service.ts', {
          ...common,
          LIAISON_SERVICE: 'intake',
          PORT: String(ports.intake),
          FIELD_KEY: randomBytes(32).toString('base64'),
          COUNCIL_KEY: randomBytes(32).toString('base64'),
        }),
        referrals: startProcess(children, 'src/service.ts', {
          ...common,
          LIAISON_SERVICE: 'referrals',
          PORT: String(ports.referrals),
          INTAKE_URL: url('intake'),
        }),
        stats: startProcess(children, 'src/service.ts', { ...common, LIAISON_SERVICE: 'stats', PORT: String(ports.stats) }),
        notifier: startProcess(children, 'src/service.ts', {
          ...common,
          LIAISON_SERVICE: 'notifier',
          PORT: String(ports.notifier),
          WEBHOOK_KEY: randomBytes(32).toString('base64'),
          // The development switch: SIA's receiver runs on this machine in the test.
          WEBHOOK_ALLOW_LOOPBACK: 'true',
        }),
        gateway: startProcess(children, 'src/service.ts', {
          ...common,
          LIAISON_SERVICE: 'gateway',
          PORT: String(ports.gateway),
          REFERRALS_URL: url('referrals'),
          STATS_URL: url('stats'),
        }),
      };
      for (const [name, p] of Object.entries(procs)) await p.printed(`${name} running`);
      // Each process is ready: database, migrations, and (but the gateway) bus connected, consumers joined.
      for (const [name, port] of Object.entries(ports)) {
        const r = await readyz(port);
        expect(r, name).toMatchObject({ status: 200, body: { status: 'ready', failed: [] } });
        expect(Object.keys(r!.body.checks), name).toEqual(
          name === 'gateway' ? ['database', 'migrations', 'accepting'] : ['database', 'migrations', 'bus', 'consumers', 'accepting'],
        );
      }

      const database = createDatabase({ url: testDb.url });
      const token = async (agency: string, role: 'caseworker' | 'admin') =>
        (await issueToken(database.db, { agency, role, label: 'distributed test' })).token;
      const [center, sia, siaAdmin] = [await token('center', 'caseworker'), await token('sia', 'caseworker'), await token('sia', 'admin')];
      await database.close();
      const call = async (service: keyof typeof ports, path: string, bearer: string, body?: unknown) => {
        const res = await fetch(`${url(service)}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const graphql = async (bearer: string, query: string) => (await call('gateway', '/graphql', bearer, { query })).body;

      // SIA and the Center listen: their webhooks at the notifier process; SIA's key at the intake process.
      const hook = await call('notifier', '/v1/webhooks', sia, { url: hookUrl('sia') });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      const centerHook = await call('notifier', '/v1/webhooks', center, { url: hookUrl('center') });
      expect(centerHook.status, JSON.stringify(centerHook.body)).toBe(201);
      const key = await call('intake', '/v1/keys', siaAdmin, {
        publicKey: generateBodyKey().publicKey,
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      expect(key.status, JSON.stringify(key.body)).toBe(201);

      // The Center records a case (intake process), seals it to SIA with consent, and refers it (referrals process, which asks intake).
      const kase = await call('intake', '/v1/cases', center, {
        category: 'R01',
        consulter: 'SELF',
        victimUnder18: false,
        person: { name: '分散 試験' },
      });
      expect(kase.status, JSON.stringify(kase.body)).toBe(201);
      expect(
        (
          await call('intake', `/v1/cases/${kase.body.id}/consents`, center, {
            givenBy: 'person',
            recipients: ['sia'],
            purposes: ['deletion-request'],
          })
        ).status,
      ).toBe(201);
      const pkg = await call('intake', `/v1/cases/${kase.body.id}/packages`, center, { recipient: 'sia', purpose: 'deletion-request' });
      expect(pkg.status, JSON.stringify(pkg.body)).toBe(201);
      const referral = await call('referrals', '/v1/referrals', center, {
        recipient: 'sia',
        category: 'R01',
        packageId: pkg.body.id,
        caseId: kase.body.id,
      });
      expect(referral.status, JSON.stringify(referral.body)).toBe(201);
      const id = referral.body.id as string;

      // SIA sees it in its inbox through the gateway's GraphQL.
      const inInbox = await waitFor(
        'the referral in SIA’s inbox via the gateway',
        async () =>
          (await graphql(sia, '{ referralInbox { id status packageId } }')).data?.referralInbox.find((r: { id: string }) => r.id === id),
        60_000,
        250,
      );
      expect(inInbox).toEqual({ id, status: 'requested', packageId: pkg.body.id });

      // SIA takes it in: the status change reaches its inbox and the Center's view.
      const received = await call('referrals', `/v1/referrals/${id}/status`, sia, { status: 'received' });
      expect(received.status, JSON.stringify(received.body)).toBe(200);
      await waitFor(
        'the status change in SIA’s inbox via the gateway',
        async () =>
          (await graphql(sia, '{ referralInbox { id status } }')).data?.referralInbox.some(
            (r: { id: string; status: string }) => r.id === id && r.status === 'received',
          ),
        60_000,
        250,
      );

      // The notifier process delivered each event to the body it concerns, signed with that endpoint's
      // secret: the new referral to SIA, SIA's status change to the Center.
      const secrets: Record<string, string> = { '/sia/liaison': hook.body.secret, '/center/liaison': centerHook.body.secret };
      const events = await waitFor(
        'both webhook deliveries from the notifier process',
        () => {
          const mine = hooks
            .map((h) => ({ to: h.path, event: new Webhook(secrets[h.path]!).verify(h.body, h.headers) as { type: string } }))
            .filter((e) => JSON.stringify(e.event).includes(id));
          return mine.length >= 2 ? mine : undefined;
        },
        90_000,
        250,
      ).catch((err: Error) => {
        throw new Error(
          `${err.message}; ${hooks.length} deliveries received; the notifier said:\n${procs.notifier.output.text.slice(-3000)}`,
        );
      });
      expect(events.map((e) => `${e.to} ${e.event.type}`).sort()).toEqual([
        '/center/liaison jp.liaison.referral.status_changed.v1',
        '/sia/liaison jp.liaison.referral.created.v1',
      ]);
      for (const h of hooks) expect(h.body).not.toContain('分散');

      // The stats process counted the referral; the Center sees it through the gateway.
      const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
      await waitFor(
        'the referral in the Center’s live statistics via the gateway',
        async () => {
          const body = await graphql(center, `{ myBodyStatistics(period: "${month}") { tables { id cells { row col value } } } }`);
          const cell = body.data?.myBodyStatistics.tables
            .find((t: { id: string }) => t.id === 'referral-flows')
            ?.cells.find((c: { row: string; col: string }) => c.row === 'center' && c.col === 'sia');
          return cell?.value === 1;
        },
        60_000,
        250,
      );

      // Every process drains and exits 0 on SIGTERM.
      for (const p of Object.values(procs)) p.child.kill('SIGTERM');
      const drains: string[] = [];
      for (const [name, p] of Object.entries(procs)) {
        expect(await p.exited, `${name}:\n${p.output.text}`).toBe(0);
        expect(p.output.text, name).toMatch(/drained in \d+ ms/);
        drains.push(`${name}: ${/drained in (.*)/.exec(p.output.text)![1]}`);
      }
      console.log(`distributed drain: ${drains.join('; ')}`);
    } finally {
      receiver.close();
      await testDb.drop();
    }
  }, 300_000);
});
