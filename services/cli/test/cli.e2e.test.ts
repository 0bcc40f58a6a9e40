import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedAgencies } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `pnpm -s liaison …` as a person would, from the repository root; resolves with exit code and output. */
function liaison(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((done) => {
    const child = spawn('pnpm', ['-s', 'liaison', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

/** The JSON a command printed; fails with what it said on stderr when it did not succeed. */
function json<T>(result: { code: number | null; out: string; err: string }): T {
  expect(result.code, `exit ${result.code}: ${result.err}`).toBe(0);
  return JSON.parse(result.out) as T;
}

describe('the liaison command line (the real binary)', () => {
  let testDb: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
  const key = Buffer.alloc(32, 4).toString('base64');

  beforeAll(async () => {
    testDb = await createTestDatabase(inject('pgAdminUrl'), 'cli');
  });
  afterAll(async () => {
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has --help on every command, and answers a bad flag or a missing argument with exit code 2', async () => {
    const top = await liaison(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['token', 'tokens', 'migrate', 'audit']) expect(top.out).toContain(command);
    for (const sub of [['tokens', 'create'], ['tokens', 'list'], ['tokens', 'revoke'], ['audit', 'verify'], ['migrate'], ['token']]) {
      const help = await liaison([...sub, '--help']);
      expect(help.code, sub.join(' ')).toBe(0);
      expect(help.out, sub.join(' ')).toMatch(/Usage: liaison/);
    }
    const bad = await liaison(['tokens', 'list', '--body', 'center', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option '--bogus'");
    expect((await liaison(['tokens', 'create', '--body', 'center', '--role', 'wizard', '--label', 'x'])).code).toBe(2);
    expect((await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'x', '--ttl-days', '9999'])).code).toBe(2);
    expect((await liaison(['no-such-command'])).code).toBe(2);
  });

  it('migrates a database, manages tokens with --json for scripts, and verifies the audit log', async () => {
    const env = { DATABASE_URL: testDb.url, AUDIT_KEY: key };
    expect((await liaison(['migrate'], { DATABASE_URL: '' })).code).toBe(2);
    const migrated = await liaison(['migrate'], env);
    expect(migrated.code, migrated.err).toBe(0);
    expect(migrated.out).toContain('auth');
    // The registry is seeded at the platform's first start; a fresh database has no bodies yet.
    const unknown = await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'CLI test'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown body center');
    const database = createDatabase({ url: testDb.url });
    await seedAgencies(database.db);
    await database.close();
    const created = await liaison(['tokens', 'create', '--body', 'center', '--role', 'caseworker', '--label', 'CLI test', '--json'], env);
    expect(created.code, created.err).toBe(0);
    const issued = json<{ id: string; token: string }>(created);
    expect(issued.token).toMatch(/^lia_/);
    const listed = json<{ id: string; revokedAt: string | null }[]>(await liaison(['tokens', 'list', '--body', 'center', '--json'], env));
    expect(listed.map((t) => t.id)).toContain(issued.id);
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect((await liaison(['tokens', 'revoke', issued.id], env)).code).toBe(0);
    const after = json<{ id: string; revokedAt: string | null }[]>(await liaison(['tokens', 'list', '--body', 'center', '--json'], env));
    expect(after.find((t) => t.id === issued.id)?.revokedAt).toBeTruthy();
    expect((await liaison(['tokens', 'revoke', 'not-an-id'], env)).code).toBe(2);
    // Issue and revoke were audited; the chain (sealed by no one yet) verifies.
    const verified = await liaison(['audit', 'verify', '--json'], env);
    expect(verified.code, verified.err).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, unsealed: 2 });
  }, 180_000);

  it('prints a demo token of the local platform for a shell variable, and says what exists when asked for another', async () => {
    writeFileSync(join(dataDir, 'demo-tokens.json'), JSON.stringify([{ agency: 'center', role: 'caseworker', label: 'x', token: 'lia_demo_center' }]));
    const found = await liaison(['token', 'center', 'caseworker'], { LIAISON_DATA_DIR: dataDir });
    expect(found).toMatchObject({ code: 0, out: 'lia_demo_center\n' });
    const missing = await liaison(['token', 'sia', 'observer'], { LIAISON_DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('center caseworker');
  });
});
