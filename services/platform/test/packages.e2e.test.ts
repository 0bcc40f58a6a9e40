import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { generateBodyKey } from '@liaison/privacy';
import { createTestDatabase, freePort, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

/** Starts `pnpm start:service` (src/service.ts) as its own process; waits for what it prints. */
function service(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/service.ts'], {
    cwd: platformDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const printed = (text: string) =>
    waitFor(
      `"${text}"`,
      () => {
        if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
        return output.includes(text);
      },
      150000,
    );
  return { child, exited, printed };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

// Distributed mode: the referrals process asks the intake process (INTAKE_URL), over HTTP with the
// caller's token, whether a package is real.
describe('distributed mode: referrals confirm packages with the intake process', () => {
  it('accepts a package the sender sealed to the recipient for the case, and refuses one that does not exist', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'pkge2e');
    try {
      const [referralsPort, intakePort] = [await freePort(), await freePort()];
      const common = {
        DATABASE_URL: testDb.url,
        KAFKA_BROKERS: inject('kafkaBrokers').join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('pkge2e')}.`,
        AUDIT_KEY: randomBytes(32).toString('base64'),
      };
      const referrals = service({
        ...common,
        LIAISON_SERVICE: 'referrals',
        PORT: String(referralsPort),
        INTAKE_URL: `http://127.0.0.1:${intakePort}`,
      });
      await referrals.printed('referrals running');
      const database = createDatabase({ url: testDb.url });
      const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'test' })).token;
      const siaAdmin = (await issueToken(database.db, { agency: 'sia', role: 'admin', label: 'test' })).token;
      await database.close();
      const keys = { FIELD_KEY: randomBytes(32).toString('base64'), COUNCIL_KEY: randomBytes(32).toString('base64') };
      const intake = service({ ...common, ...keys, LIAISON_SERVICE: 'intake', PORT: String(intakePort) });
      await intake.printed('intake running');
      // SIA's administrator publishes its key to the intake process, which seals to it at once.
      const key = await fetch(`http://127.0.0.1:${intakePort}/v1/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${siaAdmin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ publicKey: generateBodyKey().publicKey, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
      });
      expect(key.status).toBe(201);

      const post = async (port: number, path: string, body: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const kase = await post(intakePort, '/v1/cases', {
        category: 'R01',
        consulter: 'SELF',
        victimUnder18: false,
        person: { name: '分散 試験' },
      });
      await post(intakePort, `/v1/cases/${kase.body.id}/consents`, {
        givenBy: 'person',
        recipients: ['sia'],
        purposes: ['deletion-request'],
      });
      const pkg = await post(intakePort, `/v1/cases/${kase.body.id}/packages`, { recipient: 'sia', purpose: 'deletion-request' });
      expect(pkg.status, JSON.stringify(pkg.body)).toBe(201);

      const real = await post(referralsPort, '/v1/referrals', {
        recipient: 'sia',
        category: 'R01',
        packageId: pkg.body.id,
        caseId: kase.body.id,
      });
      expect(real.status, JSON.stringify(real.body)).toBe(201);
      const made = await post(referralsPort, '/v1/referrals', {
        recipient: 'sia',
        category: 'R01',
        packageId: randomUUID(),
        caseId: kase.body.id,
      });
      expect(made.status).toBe(400);
      expect(made.body.error.details.problems.map((p: { field: string }) => p.field)).toEqual(['packageId']);

      referrals.child.kill('SIGTERM');
      intake.child.kill('SIGTERM');
      expect(await referrals.exited).toBe(0);
      expect(await intake.exited).toBe(0);
    } finally {
      await testDb.drop();
    }
  }, 240_000);
});
