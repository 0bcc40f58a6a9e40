// The container image, built and run with podman as an operator would: read-only root, non-root
// user, tini as PID 1, the HEALTHCHECK, /healthz and /readyz, a referral, SIGTERM → exit 0.
// Collected by `pnpm test` only where podman can run containers (vitest.config.ts asks `podman info`);
// .ci/run installs podman, buildah, runc and debootstrap so that CI always runs it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { issueToken } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { createTestDatabase, freePort, uniqueName, waitFor } from '@liaison/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const env = { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? join(root, 'infra/image/containers.conf') };
const tag = 'localhost/liaison:test';
const name = `liaison-image-test-${randomBytes(4).toString('hex')}`;
const volume = `${name}-data`;
let port = 0;

/** Runs a command; resolves with its output and exit code (never rejects on a non-zero exit). */
async function sh(cmd: string, args: string[], timeout = 60_000): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(cmd, args, { env, timeout, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}
const podman = (args: string[], timeout?: number) => sh('podman', args, timeout);
const logs = async () => (await podman(['logs', name])).out;

beforeAll(async () => {
  // Base images (debootstrap) once per machine, then the image itself: a few minutes.
  const built = await sh('bash', [join(root, 'infra/image/build.sh'), tag], 900_000);
  expect(built.code, built.out.slice(-4000)).toBe(0);
  port = await freePort();
  const started = await podman([
    'run',
    '--detach',
    '--name',
    name,
    '--read-only',
    '--tmpfs',
    '/tmp',
    '--volume',
    `${volume}:/data`,
    '--publish',
    `127.0.0.1:${port}:8080`,
    '--env',
    'LIAISON_SEED_STATS=false',
    tag,
  ]);
  expect(started.code, started.out).toBe(0);
}, 960_000);

afterAll(async () => {
  await podman(['rm', '--force', '--volumes', '--time', '5', name]);
  await podman(['rm', '--force', '--volumes', '--time', '5', `${name}-referrals`]);
  await podman(['volume', 'rm', '--force', volume]);
});

describe('the Liaison image (infra/image/Containerfile)', () => {
  it('runs the platform (embedded mode) read-only as a non-root user under tini; /healthz, /readyz and the HEALTHCHECK answer; a referral is created', async () => {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      'the platform in the container answering /healthz',
      async () => {
        const state = await podman(['inspect', '--format', '{{.State.Status}}', name]);
        if (state.out.trim() === 'exited') throw new Error(`the container exited:\n${await logs()}`);
        return (await fetch(`${base}/healthz`).catch(() => undefined))?.status === 200;
      },
      180_000,
      500,
    );
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok' });
    // /readyz: ready for traffic (database reachable, migrations applied, bus connected). The route
    // comes with the drain work (issue 10 item 4); until a build has it, it is not there (404).
    const readyz = await fetch(`${base}/readyz`);
    if (readyz.status !== 404) await waitFor('/readyz', async () => (await fetch(`${base}/readyz`)).status === 200, 60_000, 500);

    // The image's own HEALTHCHECK (podman runs it on demand where there is no systemd timer).
    const health = await podman(['healthcheck', 'run', name]);
    expect(health.code, health.out).toBe(0);

    expect((await podman(['exec', name, 'id', '-u'])).out.trim()).toBe('10001');
    const write = await podman(['exec', name, 'sh', '-c', 'echo x > /app/x']);
    expect(write.code).not.toBe(0);
    expect(write.out).toMatch(/Read-only file system/);
    expect((await podman(['exec', name, 'cat', '/proc/1/cmdline'])).out).toMatch(/^\/usr\/bin\/tini\0--\0node/);

    // The demo token it printed (once started: the process may listen before) works over the published port.
    const center = await waitFor(
      'the demo tokens in the log',
      async () => (await logs()).match(/^\s+center\s+caseworker\s+(lia_\S+)$/m)?.[1],
      120_000,
      500,
    );
    const created = await fetch(`${base}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${center}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'sia', category: 'R01' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
  }, 300_000);

  it('stops on SIGTERM (through tini) within the grace period and exits 0', async () => {
    const started = Date.now();
    const stop = await podman(['stop', '--time', '30', name], 60_000);
    expect(stop.code, stop.out).toBe(0);
    // Under 30 s: node got SIGTERM and drained; podman did not have to SIGKILL it.
    expect(Date.now() - started).toBeLessThan(30_000);
    const exit = await podman(['inspect', '--format', '{{.State.ExitCode}}', name]);
    expect(exit.out.trim(), await logs()).toBe('0');
  }, 90_000);

  it('runs one service alone (dist/service.js, LIAISON_SERVICE=referrals) on Kafka and Postgres, and stops on SIGTERM with 0', async () => {
    const testDb = await createTestDatabase(inject('pgAdminUrl'), 'image');
    const container = `${name}-referrals`;
    try {
      const servicePort = await freePort();
      // Host networking: the test's Postgres and Kafka listen on this machine's loopback.
      const started = await podman([
        'run',
        '--detach',
        '--name',
        container,
        '--network',
        'host',
        '--read-only',
        '--tmpfs',
        '/tmp',
        '--env',
        'LIAISON_SERVICE=referrals',
        '--env',
        `DATABASE_URL=${testDb.url}`,
        '--env',
        `KAFKA_BROKERS=${inject('kafkaBrokers').join(',')}`,
        '--env',
        `KAFKA_TOPIC_PREFIX=${uniqueName('image')}`,
        '--env',
        `AUDIT_KEY=${randomBytes(32).toString('base64')}`,
        '--env',
        `PORT=${servicePort}`,
        tag,
        'dist/service.js',
      ]);
      expect(started.code, started.out).toBe(0);
      const output = () => podman(['logs', container]).then((r) => r.out);
      await waitFor(
        'referrals running in its container',
        async () => {
          const state = await podman(['inspect', '--format', '{{.State.Status}}', container]);
          if (state.out.trim() === 'exited') throw new Error(`the container exited:\n${await output()}`);
          return (await output()).includes('referrals running');
        },
        120_000,
        500,
      );
      const database = createDatabase({ url: testDb.url });
      const sia = (await issueToken(database.db, { agency: 'sia', role: 'caseworker', label: 'image' })).token;
      await database.close();
      const sent = await waitFor(
        'the referrals API',
        async () => {
          const res = await fetch(`http://127.0.0.1:${servicePort}/v1/referrals/sent`, {
            headers: { authorization: `Bearer ${sia}` },
          }).catch(() => undefined);
          return res?.status === 200 ? res : undefined;
        },
        60_000,
        500,
      );
      expect(await sent.json()).toBeDefined();
      // The probes Kubernetes uses (infra/k8s): /readyz where the build has it (the drain work).
      const readyz = await fetch(`http://127.0.0.1:${servicePort}/readyz`);
      if (readyz.status !== 404) {
        await waitFor(
          '/readyz of the referrals container',
          async () => (await fetch(`http://127.0.0.1:${servicePort}/readyz`)).status === 200,
          60_000,
          500,
        );
        expect((await fetch(`http://127.0.0.1:${servicePort}/healthz`)).status).toBe(200);
      }
      const stop = await podman(['stop', '--time', '30', container], 60_000);
      expect(stop.code, stop.out).toBe(0);
      expect((await podman(['inspect', '--format', '{{.State.ExitCode}}', container])).out.trim(), await output()).toBe('0');
    } finally {
      await podman(['rm', '--force', '--volumes', '--time', '5', container]);
      await testDb.drop();
    }
  }, 240_000);
});
