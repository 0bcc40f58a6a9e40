import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditMigrations, lastCheckpoint, verifyAudit } from '@liaison/audit';
import { authMigrations } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { embeddedUrl } from '@liaison/db/embedded';
import { migrate } from '@liaison/db/migrate';
import { pglogMigrations } from '@liaison/events';
import { idempotencyMigrations } from '@liaison/http';
import { intakeMigrations } from '@liaison/intake';
import { notifierMigrations } from '@liaison/notifier';
import { referralsMigrations } from '@liaison/referrals';
import { secretariatMigrations } from '@liaison/secretariat';
import { statsMigrations } from '@liaison/stats';
import { webMigrations } from '@liaison/web';
import type { DemoToken } from './demo.ts';
import type { env } from './env.ts';
import { localSecret } from './platform.ts';

type Config = ReturnType<typeof env>;

/** A command's failure a person can act on: the message says what to do; exit code 1 (or 2 for usage). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * The database a command works on: `DATABASE_URL`, or the embedded platform's own Postgres (which
 * must be running: `pnpm start`).
 */
export function commandDatabase(config: Config): Database {
  const url = config.DATABASE_URL ?? embeddedUrl(config.LIAISON_DATA_DIR, config.EMBEDDED_PG_PORT);
  if (!url)
    throw new CommandError(
      `DATABASE_URL is required (no embedded platform data in ${config.LIAISON_DATA_DIR}; start it with pnpm start)`,
      2,
    );
  return createDatabase({ url, driver: config.DATABASE_DRIVER });
}

/** Every owner's migrations, in order (the Postgres-log bus's too: it is harmless beside Kafka). */
export const platformMigrations = [
  authMigrations,
  auditMigrations,
  idempotencyMigrations,
  pglogMigrations,
  referralsMigrations,
  intakeMigrations,
  notifierMigrations,
  statsMigrations,
  secretariatMigrations,
  webMigrations,
];

/** Applies every committed migration to `DATABASE_URL`; returns the schemas migrated. */
export async function runMigrations(config: Config): Promise<string[]> {
  if (!config.DATABASE_URL)
    throw new CommandError('DATABASE_URL is required for migrate (the embedded platform migrates itself at start)', 2);
  const database = createDatabase({ url: config.DATABASE_URL, driver: config.DATABASE_DRIVER });
  try {
    await migrate(database, platformMigrations);
  } finally {
    await database.close();
  }
  return platformMigrations.map((m) => m.schema);
}

/** Verifies the audit chain, against a checkpoint file when given (embedded: the data folder's by default). */
export async function runAuditVerify(config: Config, options: { checkpointFile?: string | undefined }) {
  if (config.DATABASE_URL && !config.AUDIT_KEY) throw new CommandError('AUDIT_KEY is required with an external DATABASE_URL', 2);
  const embeddedCheckpoints = resolve(config.LIAISON_DATA_DIR, 'audit-checkpoints.jsonl');
  const checkpointFile =
    options.checkpointFile ?? (!config.DATABASE_URL && existsSync(embeddedCheckpoints) ? embeddedCheckpoints : undefined);
  if (checkpointFile && !existsSync(checkpointFile)) throw new CommandError(`checkpoint file ${checkpointFile} does not exist`, 2);
  const checkpoint = checkpointFile ? lastCheckpoint(checkpointFile) : undefined;
  if (checkpointFile && !checkpoint) throw new CommandError(`checkpoint file ${checkpointFile} holds no checkpoint`, 2);
  const key = config.AUDIT_KEY ?? localSecret(config.LIAISON_DATA_DIR, 'audit-key');
  const database = commandDatabase(config);
  try {
    const verdict = await verifyAudit(database.pool, key, checkpoint ? { checkpoint } : {});
    const text = verdict.ok
      ? `監査ログ検証OK (audit log intact): ${verdict.sealed} entries sealed, ${verdict.unsealed} waiting to be sealed${
          verdict.checkpoint
            ? `; reaches the checkpoint of ${verdict.checkpoint.at} (position ${verdict.checkpoint.position})`
            : '; no checkpoint given'
        }`
      : `監査ログ改ざん検出 (audit log broken): ${verdict.message}`;
    return { verdict, text };
  } finally {
    await database.close();
  }
}

/** A demo token of the local platform (written by `pnpm start` in embedded mode), for `liaison token BODY ROLE`. */
export function demoToken(config: Config, body: string, role: string): string {
  const file = resolve(config.LIAISON_DATA_DIR, 'demo-tokens.json');
  if (!existsSync(file)) throw new CommandError(`no demo tokens in ${config.LIAISON_DATA_DIR}: start the platform once with pnpm start`);
  const tokens = JSON.parse(readFileSync(file, 'utf8')) as DemoToken[];
  const found = tokens.find((t) => t.agency === body && t.role === role);
  if (!found) {
    throw new CommandError(`no demo token for ${body} ${role}; there are: ${tokens.map((t) => `${t.agency} ${t.role}`).join(', ')}`);
  }
  return found.token;
}
