import type { Database } from '@liaison/db';

/** Runs `work` on the command's database (DATABASE_URL, or the running embedded platform's), and closes it. */
export async function withDatabase<T>(work: (db: Database['db'], database: Database) => Promise<T>): Promise<T> {
  const { commandDatabase, env } = await import('@liaison/platform');
  const database = commandDatabase(env());
  try {
    return await work(database.db, database);
  } finally {
    await database.close();
  }
}
