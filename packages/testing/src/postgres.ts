import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@liaison/db/embedded';
import pg from 'pg';
import { testEnv } from './env.ts';
import { retryOnPortInUse } from './ports.ts';

export interface PostgresServer {
  /** URL of a database on the server that we may create and drop databases from. */
  adminUrl: string;
  source: 'DATABASE_URL' | 'local' | 'embedded';
  stop(): Promise<void>;
}

function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The Postgres the tests run against: `DATABASE_URL` if set, else the local server on
 * 127.0.0.1:5432 if it answers (and lets us in), else an embedded server started for this run.
 */
export async function resolvePostgresServer(): Promise<PostgresServer> {
  if (testEnv.databaseUrl) return { adminUrl: testEnv.databaseUrl, source: 'DATABASE_URL', stop: async () => {} };
  if (await answers('127.0.0.1', 5432)) {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return { adminUrl: url, source: 'local', stop: async () => {} };
    } catch {
      // Answers but refuses us (password auth, no such role): fall through to embedded.
    } finally {
      await client.end().catch(() => {});
    }
  }
  return startEmbeddedForTests();
}

/**
 * Starts an embedded Postgres in a fresh temporary folder (used when no server is at hand, and by the
 * embedded-stack tests), on a free port below the ephemeral range — another one if that port turns
 * out to be taken. `stop` stops it and deletes the folder.
 */
export async function startEmbeddedForTests(options: { choosePort?: () => Promise<number> } = {}): Promise<PostgresServer> {
  const dataDir = join(tmpdir(), `liaison-test-pg-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await retryOnPortInUse(
      (port) => startEmbeddedPostgres({ dataDir, port }),
      options.choosePort ? { choose: options.choosePort } : {},
    );
    return {
      adminUrl: handle.url,
      source: 'embedded',
      stop: async () => {
        await handle.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates a fresh, empty database on the server for one test (file); `drop` removes it. */
export async function createTestDatabase(adminUrl: string, prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
