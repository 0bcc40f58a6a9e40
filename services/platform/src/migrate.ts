// `pnpm migrate`: applies every owner's committed migrations to DATABASE_URL (also `pnpm liaison migrate`).
import { CommandError, runMigrations } from './commands.ts';
import { env } from './env.ts';

try {
  const schemas = await runMigrations(env());
  console.log(`migrations applied: ${schemas.join(', ')}`);
} catch (err) {
  if (!(err instanceof CommandError)) throw err;
  console.error(err.message);
  process.exit(err.exitCode);
}
