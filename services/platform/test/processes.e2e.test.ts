import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

/** Starts a platform entry point as its own process, as a person would; collects what it prints. */
function run(script: string, env: Record<string, string>) {
  const [file, ...args] = script.split(' ');
  return runArgs(file!, args, env);
}

function runArgs(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
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
    waitFor(
      `"${text}" from ${script}`,
      () => {
        if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.text}`);
        return output.text.includes(text);
      },
      150000,
    );
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
      // The embedded demo makes the member bodies' key pairs itself, and says so.
      expect(p.output.text).toMatch(
        /"bodies":\["center","consumer","hotline","sia","tokyo"\],"msg":"demo key pairs made in the data folder"/,
      );
      const tokens = [...p.output.text.matchAll(/^\s+(\w+)\s+(\w+)\s+(lia_\S+)$/gm)].map((m) => ({
        agency: m[1],
        role: m[2],
        token: m[3]!,
      }));
      expect(tokens.map((t) => `${t.agency}/${t.role}`)).toEqual(
        expect.arrayContaining(['center/caseworker', 'sia/caseworker', 'mic/observer']),
      );

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'embedded', bus: 'pglog' });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        failed: [],
        checks: { database: { ok: true }, migrations: { ok: true }, bus: { ok: true }, consumers: { ok: true }, accepting: { ok: true } },
      });

      // The demo tokens work over the real port.
      const center = tokens.find((t) => t.agency === 'center' && t.role === 'caseworker')!.token;
      const created = await fetch(`http://127.0.0.1:${port}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
      });
      expect(created.status).toBe(201);

      // The audit log of what just happened verifies (`pnpm audit:verify`) once the sealer has sealed it.
      await waitFor(
        'the audit log sealed and verified',
        async () => {
          const verify = run('src/audit-verify.ts', { LIAISON_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) });
          expect(await verify.exited, verify.output.text).toBe(0);
          return /audit log intact\): [1-9]\d* entries sealed/.test(verify.output.text);
        },
        60000,
        500,
      );

      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output.text).toMatch(/drained in \d+ ms/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('distributed mode: each service in its own process, on Kafka and an external Postgres', () => {
  it('runs the referrals, stats and secretariat services and the gateway as separate processes and carries a referral and a meeting through them', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'proc');
    try {
      const [referralsPort, gatewayPort, statsPort, secretariatPort] = [
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
      ];
      const common = {
        DATABASE_URL: testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('proc')}.`,
        AUDIT_KEY: Buffer.alloc(32, 3).toString('base64'),
      };
      const referrals = run('src/service.ts', { ...common, LIAISON_SERVICE: 'referrals', PORT: String(referralsPort) });
      await referrals.printed('referrals running');
      const stats = run('src/service.ts', { ...common, LIAISON_SERVICE: 'stats', PORT: String(statsPort) });
      await stats.printed('stats running');
      const secretariat = run('src/service.ts', { ...common, LIAISON_SERVICE: 'secretariat', PORT: String(secretariatPort) });
      await secretariat.printed('secretariat running');
      const gateway = run('src/service.ts', {
        ...common,
        LIAISON_SERVICE: 'gateway',
        PORT: String(gatewayPort),
        REFERRALS_URL: `http://127.0.0.1:${referralsPort}`,
        STATS_URL: `http://127.0.0.1:${statsPort}`,
        SECRETARIAT_URL: `http://127.0.0.1:${secretariatPort}`,
      });
      await gateway.printed('gateway running');

      const database = createDatabase({ url: testDb.url });
      const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'test' })).token;
      const sia = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'test' })).token;
      const clerk = (await issueToken(database.db, { agency: 'center', role: 'secretariat', label: 'test' })).token;
      const mic = (await issueToken(database.db, { agency: 'mic', role: 'observer', label: 'test' })).token;
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
        const body = (await res.json()) as {
          data?: { myBodyStatistics: { tables: { id: string; cells: { row: string; col: string; value: number }[] }[] } };
        };
        const cell = body.data?.myBodyStatistics.tables
          .find((t) => t.id === 'referral-flows')
          ?.cells.find((c) => c.row === 'center' && c.col === 'sia');
        return cell && cell.value > 0 ? cell : undefined;
      });
      expect(flow.value).toBe(1);

      // The secretariat's process schedules a meeting; an observer reads it through the gateway process.
      const scheduled = await fetch(`http://127.0.0.1:${secretariatPort}/v1/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ heldOn: '2026-12-10', place: '会議室', reviewFrom: '2026-04', reviewTo: '2026-09' }),
      });
      expect(scheduled.status).toBe(201);
      const meeting = (await scheduled.json()) as { id: string };
      const seen = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mic}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ meeting(id: "${meeting.id}") { number titleJa minutes { text } } }` }),
      });
      expect(((await seen.json()) as { data?: unknown }).data).toEqual({
        meeting: { number: 1, titleJa: '第1回 違法・有害情報相談機関連絡会', minutes: null },
      });

      referrals.child.kill('SIGTERM');
      stats.child.kill('SIGTERM');
      secretariat.child.kill('SIGTERM');
      gateway.child.kill('SIGTERM');
      expect(await referrals.exited).toBe(0);
      expect(await stats.exited).toBe(0);
      expect(await secretariat.exited).toBe(0);
      expect(await gateway.exited).toBe(0);
    } finally {
      await testDb.drop();
    }
  }, 240_000);
});

describe('production start (external database) is safe by default', () => {
  const key = () => Buffer.alloc(32, 7).toString('base64');

  it('stops, naming every missing key, when an external database is given without AUDIT_KEY, FIELD_KEY and COUNCIL_KEY', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'prodkeys');
    try {
      const p = run('src/main.ts', { DATABASE_URL: testDb.url, PORT: String(await freePort()), FIELD_KEY: key() });
      expect(await p.exited).toBe(2);
      expect(p.output.text).toContain('AUDIT_KEY');
      expect(p.output.text).toContain('COUNCIL_KEY');
      expect(p.output.text).toContain('WEBHOOK_KEY');
      expect(p.output.text).not.toMatch(/FIELD_KEY: required/);
      expect(p.output.text).not.toContain('is running');
    } finally {
      await testDb.drop();
    }
  }, 120_000);

  it('starts with the keys given and a data folder that does not exist yet: no demo data, no demo tokens, no introspection in production', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'prodstart');
    const parent = mkdtempSync(join(tmpdir(), 'liaison-prod-'));
    const dataDir = join(parent, 'not', 'there', 'yet');
    try {
      const port = await freePort();
      const p = run('src/main.ts', {
        DATABASE_URL: testDb.url,
        PORT: String(port),
        LIAISON_DATA_DIR: dataDir,
        AUDIT_KEY: key(),
        FIELD_KEY: key(),
        COUNCIL_KEY: key(),
        WEBHOOK_KEY: key(),
        NODE_ENV: 'production',
      });
      await p.printed('is running');
      expect(p.output.text).not.toContain('lia_');
      const database = createDatabase({ url: testDb.url });
      const { rows } = await database.pool.query('select count(*)::int as n from auth.api_tokens');
      expect(rows[0].n).toBe(0);
      const token = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'prod test' })).token;
      await database.close();
      const introspection = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      expect(introspection.status).toBe(400);
      expect(((await introspection.json()) as any).errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      rmSync(parent, { recursive: true, force: true });
      await testDb.drop();
    }
  }, 120_000);

  it('seeds demo tokens on an external database only when asked, writing them into a data folder it creates', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'proddemo');
    const parent = mkdtempSync(join(tmpdir(), 'liaison-prod-'));
    const dataDir = join(parent, 'fresh');
    try {
      const p = run('src/main.ts', {
        DATABASE_URL: testDb.url,
        PORT: String(await freePort()),
        LIAISON_DATA_DIR: dataDir,
        LIAISON_SEED_DEMO: 'true',
        AUDIT_KEY: key(),
        FIELD_KEY: key(),
        COUNCIL_KEY: key(),
        WEBHOOK_KEY: key(),
      });
      await p.printed('lia_');
      expect(existsSync(join(dataDir, 'demo-tokens.json'))).toBe(true);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      rmSync(parent, { recursive: true, force: true });
      await testDb.drop();
    }
  }, 120_000);
});

describe('the audit log is sealed in every mode, with checkpoints outside Postgres', () => {
  it('a lone intake process seals what it writes and prints signed checkpoints; audit:verify --checkpoint finds the chain cut off with its head moved back', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'sealintake');
    const dir = mkdtempSync(join(tmpdir(), 'liaison-seal-'));
    const keys = {
      AUDIT_KEY: Buffer.alloc(32, 5).toString('base64'),
      FIELD_KEY: Buffer.alloc(32, 6).toString('base64'),
      COUNCIL_KEY: Buffer.alloc(32, 8).toString('base64'),
    };
    try {
      const port = await freePort();
      const intake = run('src/service.ts', {
        ...keys,
        DATABASE_URL: testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('seal')}.`,
        LIAISON_SERVICE: 'intake',
        PORT: String(port),
      });
      await intake.printed('intake running');
      const database = createDatabase({ url: testDb.url });
      const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'test' })).token;
      for (let i = 0; i < 3; i++) {
        const created = await fetch(`http://127.0.0.1:${port}/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
          body: JSON.stringify({ category: 'R01', consulter: 'SELF', victimUnder18: false }),
        });
        expect(created.status).toBe(201);
      }
      await waitFor('the case entries sealed by the intake process', async () => {
        const { rows } = await database.pool.query(
          `select count(*)::int as n from audit.entries where action = 'case.record' and chain_pos is not null`,
        );
        return rows[0].n === 3;
      });
      intake.child.kill('SIGTERM');
      expect(await intake.exited).toBe(0);
      // The log is JSON lines; the checkpoint is the `checkpoint` field of the line "audit checkpoint".
      const line = intake.output.text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .findLast((l) => l.msg === 'audit checkpoint');
      expect(line).toBeDefined();
      const file = join(dir, 'checkpoints.jsonl');
      writeFileSync(file, `${JSON.stringify(line.checkpoint)}\n`);

      const verifyEnv = { ...keys, DATABASE_URL: testDb.url };
      const intact = run('src/audit-verify.ts', { ...verifyEnv });
      expect(await intact.exited, intact.output.text).toBe(0);
      // Cut the chain's last entry and move the head back: only the checkpoint shows it.
      await database.pool.query('delete from audit.entries where chain_pos = (select max(chain_pos) from audit.entries)');
      await database.pool.query(
        `update audit.head set chain_pos = chain_pos - 1, hash = (select hash from audit.entries where chain_pos = (select max(chain_pos) from audit.entries)) where name = 'main'`,
      );
      await database.close();
      const without = run('src/audit-verify.ts', { ...verifyEnv });
      expect(await without.exited, without.output.text).toBe(0);
      const against = run('src/audit-verify.ts --checkpoint', { ...verifyEnv });
      expect(await against.exited).toBe(2);
      const withCheckpoint = runArgs('src/audit-verify.ts', ['--checkpoint', file], { ...verifyEnv });
      expect(await withCheckpoint.exited, withCheckpoint.output.text).toBe(1);
      expect(withCheckpoint.output.text).toContain('cut off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await testDb.drop();
    }
  }, 240_000);
});
