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
