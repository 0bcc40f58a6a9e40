import { neonConfig, Pool as NeonPool } from '@neondatabase/serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import ws from 'ws';

/** The drizzle database type every service codes against, whichever driver is underneath. */
// biome-ignore lint/suspicious/noExplicitAny: the schema generic differs per service; queries stay typed by table objects.
export type Db = PgDatabase<PgQueryResultHKT, any>;

/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Either driver's pool: the Neon pool mirrors node-postgres' API (connect, query, end, LISTEN). */
export type Pool = pg.Pool;

export type Driver = 'pg' | 'neon';

export interface DatabaseOptions {
  url: string;
  /** Forces a driver; by default a `*.neon.tech` host means Neon, anything else node-postgres. */
  driver?: Driver | undefined;
  /** Pool size (default 10). */
  max?: number;
  /**
   * Neon driver only: where to open the WebSocket. In the cloud leave unset (Neon's own proxy, TLS);
   * in tests point it at the local bridge, e.g. `{ wsProxy: (host, port) => '127.0.0.1:7000/v2?address=' + host + ':' + port, secure: false }`.
   */
  neon?: { wsProxy?: (host: string, port: number | string) => string; secure?: boolean };
}

export interface Database {
  db: Db;
  pool: Pool;
  driver: Driver;
  url: string;
  close(): Promise<void>;
}

/** Chooses the driver for a URL: Neon's serverless driver for Neon hosts, node-postgres otherwise. */
export function chooseDriver(url: string, forced?: Driver): Driver {
  if (forced) return forced;
  const host = new URL(url).hostname;
  return host.endsWith('.neon.tech') || host.endsWith('.neon.build') ? 'neon' : 'pg';
}

/**
 * Every client of a pool keeps a listener for its connection's errors for its whole life. The pool
 * listens only while a client is idle; a client checked out (a transaction, a relay's lock, a
 * consumer's session) whose server goes away (a restart, a failover, a terminated backend) would
 * otherwise emit an unhandled 'error' and crash the process. Its queries fail with the error
 * instead, and the pool discards the client when it is given back.
 */
function survive(client: { on(event: 'error', listener: (err: Error) => void): unknown }): void {
  client.on('error', () => {});
}

/**
 * Opens a pool and a drizzle database on it. Nothing connects until the first query.
 * The Neon path uses `@neondatabase/serverless` over WebSockets (`drizzle-orm/neon-serverless`),
 * which keeps transactions and LISTEN available, unlike the HTTP driver.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const driver = chooseDriver(options.url, options.driver);
  const max = options.max ?? 10;
  if (driver === 'neon') {
    neonConfig.webSocketConstructor = ws;
    if (options.neon?.wsProxy) {
      neonConfig.wsProxy = options.neon.wsProxy;
      neonConfig.useSecureWebSocket = options.neon.secure ?? false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
    }
    const pool = new NeonPool({ connectionString: options.url, max });
    pool.on('error', () => {});
    pool.on('connect', survive);
    const db = drizzleNeon({ client: pool });
    return { db, pool: pool as unknown as Pool, driver, url: options.url, close: () => pool.end() };
  }
  const pool = new pg.Pool({ connectionString: options.url, max });
  // An idle client losing its server (restart, failover) must not crash the process; the next
  // query gets a fresh connection or a clear error.
  pool.on('error', () => {});
  pool.on('connect', survive);
  const db = drizzlePg({ client: pool });
  return { db, pool, driver, url: options.url, close: () => pool.end() };
}
