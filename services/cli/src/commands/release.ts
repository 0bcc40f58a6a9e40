import { appendAudit } from '@liaison/audit';
import { listAgencies } from '@liaison/auth';
import { jstDate } from '@liaison/domain';
import type { Period, Release, ReleaseDeps } from '@liaison/stats';
import { type Command, InvalidArgumentError } from 'commander';
import { withDatabase } from '../database.ts';
import { CommandError } from '../errors.ts';
import type { Io } from '../io.ts';
import { startProgress } from '../progress.ts';

/** Who asked, as the release records it (the stats API records `body/token`; the operator command has no token). */
const REQUESTED_BY = 'liaison-cli';

/** `--period`: a month, a fiscal quarter or a fiscal year (the stats service's period ids); anything else is a usage error (exit 2). */
export function periodOption(value: string): string {
  if (!/^([0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$/.test(value)) {
    throw new InvalidArgumentError('must be a month (2025-10), a fiscal quarter (2025Q3) or a fiscal year (FY2025)');
  }
  return value;
}

/** The periods a release of `period` needs released first: its months, and for a fiscal year its quarters too. */
export function subPeriods(period: Period): string[] {
  if (period.grain === 'month') return [];
  const quarters = period.grain === 'fiscal-year' ? [1, 2, 3, 4].map((q) => `${period.fiscalYear}Q${q}`) : [];
  return [...period.months, ...quarters];
}

/** `liaison release --period P`: builds and publishes a statistics release through the stats service's domain. */
export function registerRelease(cli: Command, io: Io): void {
  cli
    .command('release')
    .summary('統計の公表 — build and publish the statistics release of a closed period')
    .description(
      '統計の公表 (publish statistics): build and publish the immutable release of a closed period — a month, fiscal quarter or fiscal year; ' +
        'the missing releases of its months (and quarters) are built first. The release event waits in the stats outbox for the stats service to relay it.',
    )
    .requiredOption(
      '--period <period>',
      'month 2025-10, fiscal quarter 2025Q3 (Oct–Dec 2025) or fiscal year FY2025 (Apr 2025 – Mar 2026)',
      periodOption,
    )
    .option('--allow-empty', 'publish even when no fact was counted in the period (a release of zeros, as the scheduled release job does)')
    .option('--json', 'print JSON')
    .action(async (o: { period: string; allowEmpty?: boolean; json?: boolean }) => {
      // The stats service (slow to load) only when the command runs: --help answers at once.
      const { buildRelease, getRelease, isClosed, loadCatalogue, monthsWithFacts, parsePeriod, RELEASE_LOCK, syncProjections } =
        await import('@liaison/stats');
      const period = parsePeriod(o.period)!;
      const today = jstDate(new Date());
      if (!isClosed(period, today))
        throw new CommandError(`${period.id} has not closed yet (today is ${today} in Japan): a release is a snapshot of a closed period`);
      await withDatabase(async (db) => {
        const existing = await getRelease(db, period.id);
        if (existing) {
          throw new CommandError(
            `${period.id} is published already (release ${existing.id}, built ${existing.builtAt}); a published release never changes`,
          );
        }
        const counted = await monthsWithFacts(db, period.months);
        if (counted.length === 0 && !o.allowEmpty) {
          const span = period.months.length > 1 ? ` (${period.months[0]} … ${period.months.at(-1)})` : '';
          throw new CommandError(
            `no facts counted for ${period.id}${span}: nothing published. The stats service itself would publish a release of zeros; add --allow-empty for that`,
          );
        }
        const catalogue = loadCatalogue();
        // Tables added to the catalogue since the stats service last started get their projection first (a release reads them).
        await syncProjections(db, catalogue, RELEASE_LOCK);
        const deps: ReleaseDeps = {
          db,
          catalogue,
          bodies: async () =>
            (await listAgencies(db)).filter((a) => a.roles.includes('member')).map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
        };
        const missing: string[] = [];
        for (const sub of subPeriods(period)) if (!(await getRelease(db, sub))) missing.push(sub);
        const steps = [...missing, period.id];
        const progress = startProgress(io, `統計の公表 releasing ${period.id}`, 'releases');
        const built: Release[] = [];
        try {
          progress.update(0, steps.length);
          for (const step of steps) {
            built.push(await buildRelease(deps, { period: step, requestedBy: REQUESTED_BY }));
            progress.update(built.length, steps.length);
          }
        } finally {
          progress.stop();
          if (built.length > 0) {
            await appendAudit(
              db,
              built.map((r) => ({
                agency: 'center',
                actor: null,
                action: 'stats.release.request',
                subjectType: 'stats-release',
                subjectId: r.id,
                reason: 'liaison release',
                details: { period: r.period },
              })),
            );
          }
        }
        const release = built.at(-1)!;
        const cells = release.tables.flatMap((t) => t.cells);
        const suppressed = cells.filter((c) => c.suppressed).length;
        if (o.json) {
          io.out(
            JSON.stringify({
              id: release.id,
              period: release.period,
              grain: release.grain,
              fiscalYear: release.fiscalYear,
              labelJa: release.labelJa,
              labelEn: release.labelEn,
              builtAt: release.builtAt,
              tables: release.tables.map((t) => t.id),
              cells: cells.length,
              suppressedCells: suppressed,
              monthsWithFacts: counted,
              builtFirst: built.slice(0, -1).map((r) => ({ id: r.id, period: r.period })),
            }),
          );
        } else {
          if (built.length > 1)
            io.out(
              `built first: ${built
                .slice(0, -1)
                .map((r) => r.period)
                .join(', ')}`,
            );
          io.out(
            `公表しました (published) ${release.labelJa} / ${release.labelEn}: release ${release.id}, ${release.tables.length} tables, ${suppressed} of ${cells.length} cells 秘匿 (suppressed)`,
          );
        }
      });
    });
}
