import { auditMigrations } from '@liaison/audit';
import { authMigrations, listAgencies, seedAgencies } from '@liaison/auth';
import { migrate } from '@liaison/db/migrate';
import { jstDate } from '@liaison/domain';
import { type Command, InvalidArgumentError } from 'commander';
import { withDatabase } from '../database.ts';
import { CommandError } from '../errors.ts';
import type { Io } from '../io.ts';
import { startProgress } from '../progress.ts';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

function monthOption(value: string): string {
  if (!MONTH.test(value)) throw new InvalidArgumentError('must be a month YYYY-MM');
  return value;
}

function positiveNumber(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a number above 0 and at most ${max}`);
    return n;
  };
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

/** `liaison seed`: synthetic statistics (deterministic from a seed) through the stats service's bulk path, as `pnpm seed` does. */
export function registerSeed(cli: Command, io: Io): void {
  cli
    .command('seed')
    .summary('統計デモデータ — synthetic statistics at a scale (the bulk path of pnpm seed)')
    .description(
      '統計デモデータ (statistics seed): load synthetic consultations, actions and referrals at a scale into an empty statistics schema ' +
        '(migrated first) through the bulk path — the same volumes and mixes as pnpm seed, the same result for the same --seed',
    )
    .option(
      '--scale <factor>',
      'volume against a full-scale council (1 ≈ the real yearly volumes; 0.01 for a quick demo)',
      positiveNumber(20),
      1,
    )
    .option('--facts <n>', 'about this many consultations instead of --scale (e.g. 10000000)', positiveNumber(100_000_000))
    .option('--from <month>', 'first month', monthOption, '2025-04')
    .option('--to <month>', 'last month (default: this month in Japan; no fact is dated after now)', monthOption)
    .option('--seed <n>', 'random seed (same seed, same data)', wholeNumber, 2026)
    .option('--release', 'then publish the releases of every closed period that is due, as the stats release job would')
    .option('--json', 'print JSON')
    .action(
      async (
        o: { scale: number; facts?: number; from: string; to?: string; seed: number; release?: boolean; json?: boolean },
        command: Command,
      ) => {
        // Loaded when the command runs (slow to load): --help answers at once.
        const [
          { pglogMigrations },
          { env },
          { loadCatalogue, RELEASE_LOCK, runReleaseJob, statsMigrations, syncProjections },
          { scaleForFacts, seedStatistics },
        ] = await Promise.all([
          import('@liaison/events'),
          import('@liaison/platform'),
          import('@liaison/stats'),
          import('@liaison/stats/seed'),
        ]);
        const to = o.to ?? jstDate(new Date()).slice(0, 7);
        if (o.from > to) throw new CommandError(`--from ${o.from} is after --to ${to}`, 2);
        if (o.facts !== undefined && command.getOptionValueSource('scale') === 'cli')
          throw new CommandError('give --scale or --facts, not both', 2);
        const scale = o.facts !== undefined ? scaleForFacts(o.facts, o.from, to) : o.scale;
        const config = env();
        await withDatabase(async (db, database) => {
          await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
          await seedAgencies(db);
          const catalogue = loadCatalogue();
          await syncProjections(db, catalogue, RELEASE_LOCK);
          const progress = startProgress(io, '統計データ生成 seeding', 'consultations');
          const started = Date.now();
          let result: { consultations: number; events: number };
          try {
            result = await seedStatistics(database, { seed: o.seed, from: o.from, to, scale, until: new Date() }, (done, total) =>
              progress.update(done, total),
            );
          } catch (err) {
            if (err instanceof Error && /empty statistics schema only/.test(err.message)) {
              throw new CommandError(
                'the statistics schema holds facts or releases already: seed loads into an empty one only (use a fresh database)',
              );
            }
            throw err;
          } finally {
            progress.stop();
          }
          const seconds = (Date.now() - started) / 1000;
          let released: string[] = [];
          if (o.release) {
            const bodies = async () =>
              (await listAgencies(db)).filter((a) => a.roles.includes('member')).map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn }));
            released = await runReleaseJob(
              { db, catalogue, bodies, log: (m) => io.err(m) },
              { businessDays: config.STATS_RELEASE_AFTER_BUSINESS_DAYS },
            );
          }
          if (o.json) {
            io.out(
              JSON.stringify({
                consultations: result.consultations,
                events: result.events,
                from: o.from,
                to,
                scale,
                seed: o.seed,
                seconds: Number(seconds.toFixed(1)),
                released,
              }),
            );
          } else {
            io.out(
              `seeded ${result.consultations} consultations (${result.events} facts) ${o.from} … ${to} in ${seconds.toFixed(1)} s: ${Math.round(result.events / seconds)} facts/s`,
            );
            if (o.release) io.out(`released ${released.length} periods${released.length ? `: ${released.join(', ')}` : ''}`);
          }
        });
      },
    );
}
