import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { migrate as migrateNeon } from 'drizzle-orm/neon-serverless/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';

/** One owner's migrations: the folder drizzle-kit generated and the Postgres schema it owns. */
export interface MigrationSet {
  /** The Postgres schema the owner's tables live in. */
  schema: string;
  /** Absolute path of the drizzle-kit output folder (with `meta/_journal.json`). */
  folder: string;
}

/**
 * Applies each owner's committed migrations in order. Runs under a Postgres advisory lock so that
 * several services starting at once (distributed mode) do not apply the same migration twice.
 */
export async function migrate(database: Database, sets: MigrationSet[]): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['liaison.migrations']);
    for (const set of sets) {
      // The journal lives in a shared `drizzle` schema (one table per owner): the owner's own
      // schema is created by its first migration.
      const config = { migrationsFolder: set.folder, migrationsSchema: 'drizzle', migrationsTable: `migrations_${set.schema}` };
      if (database.driver === 'neon') {
        // biome-ignore lint/suspicious/noExplicitAny: the Neon pool client is pg-compatible.
        await migrateNeon(drizzleNeon({ client: client as any }), config);
      } else {
        await migratePg(drizzlePg({ client }), config);
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', ['liaison.migrations']).catch(() => {});
    client.release();
  }
}

/**
 * The owners (schemas) whose committed migrations are not all applied yet: compares each journal's
 * entries with the rows of its migrations table. Empty when the database is current. For readiness
 * probes of processes that do not migrate themselves (the gateway).
 */
export async function pendingMigrations(database: Database, sets: MigrationSet[]): Promise<string[]> {
  const pending: string[] = [];
  for (const set of sets) {
    const journal = JSON.parse(await readFile(join(set.folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const table = `drizzle.${quoteIdent(`migrations_${set.schema}`)}`;
    const exists = await database.pool.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
    const { rows } = exists.rows[0]?.t
      ? await database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)
      : { rows: [{ n: 0 }] };
    if ((rows[0]?.n ?? 0) < journal.entries.length) pending.push(set.schema);
  }
  return pending;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
