import { appendAudit } from '@liaison/audit';
import { issueToken, listTokens, revokeToken, type Role, roles, tokenAgency } from '@liaison/auth';
import { describeError } from '@liaison/db';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registerKafka } from './commands/kafka.ts';
import { registerRelease } from './commands/release.ts';
import { registerSeed } from './commands/seed.ts';
import { withDatabase } from './database.ts';
import { CommandError, isCommandError, isDomainError, isInputRefusal } from './errors.ts';
import { defaultIo, type Io } from './io.ts';
import { registerReport } from './commands/report.ts';

export { withDatabase } from './database.ts';
export { CommandError } from './errors.ts';
export { defaultIo, flushed, type Io } from './io.ts';
export { type Progress, startProgress } from './progress.ts';

/**
 * Builds the `liaison` program. Every command has `--help`; scripts get `--json` where they want the
 * result; the configuration is read (and validated) only when a command runs.
 */
export function program(io: Io = defaultIo): Command {
  const cli = new Command('liaison')
    .description('Liaison 違法・有害情報相談機関連絡会 連携基盤 — operator commands')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  cli
    .command('token')
    .description('Print a demo token of the local platform (written by pnpm start), e.g. CENTER=$(pnpm -s liaison token center caseworker)')
    .argument('<body>', 'registry code of the body, e.g. center, sia, mic')
    .argument('<role>', `role: ${roles.join(', ')}`)
    .action(async (body: string, role: string) => {
      const { demoToken, env } = await platform();
      io.out(demoToken(env(), body, role));
    });

  const tokens = cli.command('tokens').description('API tokens of a body: create, list, revoke (operator access to the database)');
  tokens
    .command('create')
    .description('Issue a token; its plaintext is printed once, only its hash is kept')
    .requiredOption('--body <code>', 'registry code of the body')
    .addOption(new Option('--role <role>', 'role of the person').choices([...roles]).makeOptionMandatory())
    .requiredOption('--label <text>', 'who the token is for')
    .option('--ttl-days <n>', 'days until it expires (1–365)', (v) => positiveInt(v, '--ttl-days', 365), 90)
    .option('--json', 'print JSON')
    .action(async (o: { body: string; role: Role; label: string; ttlDays: number; json?: boolean }) => {
      await withDatabase(async (db) => {
        const issued = await issueToken(db, { agency: o.body, role: o.role, label: o.label, ttlDays: o.ttlDays }).catch((err) => {
          throw (err as { cause?: { code?: string } }).cause?.code === '23503' ? new CommandError(`unknown body ${o.body}`) : err;
        });
        await appendAudit(db, [
          {
            agency: o.body,
            actor: null,
            action: 'token.issue',
            subjectType: 'token',
            subjectId: issued.id,
            reason: 'liaison tokens create',
            details: { role: o.role },
          },
        ]);
        io.out(
          o.json
            ? JSON.stringify({ id: issued.id, token: issued.token, expiresAt: issued.expiresAt.toISOString() })
            : `${issued.token}\n(id ${issued.id}, expires ${issued.expiresAt.toISOString()})`,
        );
      });
    });
  tokens
    .command('list')
    .description("A body's tokens (never their secrets), newest first")
    .requiredOption('--body <code>', 'registry code of the body')
    .option('--json', 'print JSON')
    .action(async (o: { body: string; json?: boolean }) => {
      await withDatabase(async (db) => {
        const rows = await listTokens(db, o.body);
        if (o.json) return io.out(JSON.stringify(rows));
        for (const r of rows)
          io.out(
            `${r.id}  ${r.role.padEnd(11)}  ${r.revokedAt ? 'revoked' : `expires ${r.expiresAt.toISOString().slice(0, 10)}`}  ${r.label}`,
          );
        if (rows.length === 0) io.err(`no tokens for ${o.body}`);
      });
    });
  tokens
    .command('revoke')
    .description('Revoke a token at once')
    .argument('<id>', 'the token id (from tokens list)')
    .action(async (id: string) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CommandError(`not a token id: ${id}`, 2);
      await withDatabase(async (db) => {
        const body = await tokenAgency(db, id);
        if (!body) throw new CommandError(`no token ${id}`);
        await revokeToken(db, id);
        await appendAudit(db, [
          { agency: body, actor: null, action: 'token.revoke', subjectType: 'token', subjectId: id, reason: 'liaison tokens revoke' },
        ]);
        io.out(`revoked ${id}`);
      });
    });

  cli
    .command('migrate')
    .description('Apply every committed migration to DATABASE_URL')
    .action(async () => {
      const { env, runMigrations } = await platform();
      const schemas = await runMigrations(env());
      io.out(`migrations applied: ${schemas.join(', ')}`);
    });

  cli
    .command('audit')
    .description('The audit log')
    .command('verify')
    .description('Check the hash chain; with --checkpoint, also that it reaches a signed checkpoint kept outside Postgres')
    .option('--checkpoint <file>', 'a checkpoint file (JSON lines; the last one counts)')
    .option('--json', 'print JSON')
    .action(async (o: { checkpoint?: string; json?: boolean }) => {
      const { env, runAuditVerify } = await platform();
      const { verdict, text } = await runAuditVerify(env(), { checkpointFile: o.checkpoint });
      io.out(o.json ? JSON.stringify(verdict) : text);
      if (!verdict.ok) throw new CommandError('', 1);
    });

  // Commands with more to them live in commands/<name>.ts, each registered here by one line.
  registerRelease(cli, io);
  registerSeed(cli, io);
  registerKafka(cli, io);
  registerReport(cli, io);

  return cli;
}

/** The platform (configuration, database, every service) is loaded by the commands that use it, so `--help` answers at once. */
const platform = () => import('@liaison/platform');

function positiveInt(value: string, flag: string, max: number): number {
  const n = Number(value);
  // commander turns this into a usage error (exit 2) naming the option.
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
}

/** What common failures mean, by SQLSTATE or system code. */
const hints: Record<string, string> = {
  '3D000': 'the database does not exist',
  '28P01': 'the database refused the password',
  '28000': 'the database refused this user',
  '42P01': 'a table is missing: run liaison migrate',
  ECONNREFUSED: 'cannot reach the database (is it running? pnpm start for the embedded one)',
  ENOTFOUND: 'the database host name does not resolve',
};

/** Runs the program on `argv`; resolves to the exit code (0 ok, 1 failure, 2 usage). */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not failures; anything else commander refuses is a usage error.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (isCommandError(err)) {
      if (err.message) io.err(err.message);
      return err.exitCode;
    }
    // A domain refusal (the period is released already, disclosure control failed): its message is meant for people.
    if (isDomainError(err)) {
      io.err(err.message);
      return isInputRefusal(err) ? 2 : 1;
    }
    if (err instanceof Error && err.name === 'ConfigError') {
      io.err(err.message);
      return 2;
    }
    // Class and code only: a database error's message may quote parameters.
    const described = describeError(err);
    const hint = Object.entries(hints).find(([code]) => described.includes(code))?.[1];
    io.err(`failed: ${hint ? `${hint} (${described})` : described}`);
    return 1;
  }
}
