// `pnpm migrate`: applies every owner's committed migrations to DATABASE_URL.
import { auditMigrations } from '@liaison/audit';
import { authMigrations } from '@liaison/auth';
import { createDatabase } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { pglogMigrations } from '@liaison/events';
import { intakeMigrations } from '@liaison/intake';
import { notifierMigrations } from '@liaison/notifier';
import { referralsMigrations } from '@liaison/referrals';
import { env } from './env.ts';

const config = env();
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL is required for `pnpm migrate` (the embedded platform migrates itself at start)');
  process.exit(2);
}
const database = createDatabase({ url: config.DATABASE_URL, driver: config.DATABASE_DRIVER });
await migrate(database, [authMigrations, auditMigrations, pglogMigrations, referralsMigrations, intakeMigrations, notifierMigrations]);
await database.close();
console.log('migrations applied: auth, audit, eventbus, referrals, intake, notifier');
