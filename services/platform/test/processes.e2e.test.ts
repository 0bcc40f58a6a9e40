import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** Starts a platform entry point as its own process, as a person would; collects what it prints. */
function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: platformDir,
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { text: '' };
  child.stdout!.on('data', (d) => (output.text += d));
  child.stderr!.on('data', (d) => (output.text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  /** Waits until the output contains `text`; fails at once, with the output, if the process exits. */
  const printed = (text: string) =>
    waitFor(`"${text}" from ${script}`, () => {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.text}`);
      return output.text.includes(text);
    }, 150000);
  return { child, output, exited, printed };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('pnpm start (src/main.ts) on embedded defaults', () => {
  it('starts the whole platform with no database server or Kafka, prints URLs and demo tokens, answers /healthz, stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-start-'));
    try {
      const port = await freePort();
      const pgPort = await freePort();
      const p = run('src/main.ts', { PORT: String(port), LIAISON_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
      await p.printed('is running');
      await p.printed('lia_');
      expect(p.output.text).toContain(`http://127.0.0.1:${port}/graphql`);
      expect(p.output.text).toContain('event bus=pglog');
      const tokens = [...p.output.text.matchAll(/^\s+(\w+)\s+(\w+)\s+(lia_\S+)$/gm)].map((m) => ({ agency: m[1], role: m[2], token: m[3]! }));
      expect(tokens.map((t) => `${t.agency}/${t.role}`)).toEqual(expect.arrayContaining(['center/caseworker', 'sia/caseworker', 'mic/observer']));

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'embedded', bus: 'pglog' });

      // The demo tokens work over the real port.
      const center = tokens.find((t) => t.agency === 'center' && t.role === 'caseworker')!.token;
      const created = await fetch(`http://127.0.0.1:${port}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
      });
      expect(created.status).toBe(201);

      // The audit log of what just happened verifies (`pnpm audit:verify`), once sealed.
      await new Promise((r) => setTimeout(r, 1200));
      const verify = run('src/audit-verify.ts', { LIAISON_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
      expect(await verify.exited, verify.output.text).toBe(0);
      expect(verify.output.text).toMatch(/audit log intact\): [1-9]\d* entries sealed/);

      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('distributed mode: each service in its own process, on Kafka and an external Postgres', () => {
  it('runs the referrals service, the stats service and the gateway as separate processes and carries a referral through them', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'proc');
    try {
      const [referralsPort, gatewayPort, statsPort] = [await freePort(), await freePort(), await freePort()];
      const common = { DATABASE_URL: testDb.url, KAFKA_BROKERS: inject('kafkaBrokers').join(','), KAFKA_TOPIC_PREFIX: `${uniqueName('proc')}.` };
      const referrals = run('src/service.ts', { ...common, LIAISON_SERVICE: 'referrals', PORT: String(referralsPort) });
      await referrals.printed('referrals running');
      const stats = run('src/service.ts', { ...common, LIAISON_SERVICE: 'stats', PORT: String(statsPort) });
      await stats.printed('stats running');
      const gateway = run('src/service.ts', {
        ...common,
        LIAISON_SERVICE: 'gateway',
        PORT: String(gatewayPort),
        REFERRALS_URL: `http://127.0.0.1:${referralsPort}`,
        STATS_URL: `http://127.0.0.1:${statsPort}`,
      });
      await gateway.printed('gateway running');

      const database = createDatabase({ url: testDb.url });
      const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'test' })).token;
      const sia = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'test' })).token;
      await database.close();

      const created = await fetch(`http://127.0.0.1:${referralsPort}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'sia', category: 'R05', kind: 'transfer' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const found = await waitFor('the referral through the gateway process', async () => {
        const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sia}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ referralInbox { id kind category { labelJa } } }' }),
        });
        const body = (await res.json()) as { data?: { referralInbox: { id: string }[] } };
        return body.data?.referralInbox.find((r) => r.id === id);
      });
      expect(found).toEqual({ id, kind: 'transfer', category: { labelJa: '私事性的画像' } });

      // The stats process counted it; the Center sees its own live figures through the gateway (over HTTP).
      const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
      const flow = await waitFor('the referral in the Center’s live statistics', async () => {
        const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ myBodyStatistics(period: "${month}") { body tables { id cells { row col value } } } }` }),
        });
        const body = (await res.json()) as { data?: { myBodyStatistics: { tables: { id: string; cells: { row: string; col: string; value: number }[] }[] } } };
        const cell = body.data?.myBodyStatistics.tables.find((t) => t.id === 'referral-flows')?.cells.find((c) => c.row === 'center' && c.col === 'sia');
        return cell && cell.value > 0 ? cell : undefined;
      });
      expect(flow.value).toBe(1);

      referrals.child.kill('SIGTERM');
      stats.child.kill('SIGTERM');
      gateway.child.kill('SIGTERM');
      expect(await referrals.exited).toBe(0);
      expect(await stats.exited).toBe(0);
      expect(await gateway.exited).toBe(0);
    } finally {
      await testDb.drop();
    }
  }, 240_000);
});
