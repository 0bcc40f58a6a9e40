import { errors } from '@liaison/domain';
import { type StatsContext, requireOwnBodyReader } from './context.ts';
import { TOTAL } from './disclosure.ts';
import { periodLabel } from './dimensions.ts';
import { bodyDimensions } from './kinds.ts';
import { parsePeriod } from './periods.ts';
import type { PublishedTable } from './releases.ts';
import { medianOf, readProjections, shapeTable } from './tables.ts';

/**
 * A member body's own statistics, live and exact: every catalogue table whose facts belong to a
 * body, restricted to the caller's body (as the body of a consultation, or either side of a
 * referral). Read from the rollups only. Never another body's figures, never suppressed.
 */
export async function ownBodyStatistics({ ctx, period: periodId }: { ctx: StatsContext; period: string }) {
  requireOwnBodyReader(ctx.actor);
  const period = parsePeriod(periodId);
  if (!period)
    throw errors.validation([
      { field: 'period', problem: 'must be a month (2026-10), a fiscal quarter (2026Q3) or a fiscal year (FY2026)' },
    ]);
  const bodies = await ctx.releases.bodies();
  const specs = ctx.releases.catalogue.filter((s) => bodyDimensions[s.kind].length > 0);
  // One statement for every table: the projections of the caller's body only.
  const scope = { body: ctx.actor.agency };
  const found = await readProjections(ctx.db, specs, period.id, scope);
  const tables: PublishedTable[] = specs.map((spec) => {
    const fig = shapeTable(spec, found.get(spec.id) ?? [], period.months, { bodies }, scope);
    const cells: PublishedTable['cells'] = [];
    const colTotals = fig.cols.map((_, j) => fig.values.reduce((s, row) => s + row[j]!, 0));
    fig.rows.forEach((r, i) => {
      fig.cols.forEach((c, j) => {
        const value = spec.measure === 'median-days' ? medianOrNull(fig.histograms?.cells.get(`${r.code}/${c.code}`)) : fig.values[i]![j]!;
        cells.push({ row: r.code, col: c.code, value, suppressed: false });
      });
      if (spec.margins.rows && spec.measure === 'count')
        cells.push({ row: r.code, col: TOTAL, value: fig.values[i]!.reduce((a, b) => a + b, 0), suppressed: false });
    });
    if (spec.margins.cols) {
      fig.cols.forEach((c, j) => {
        const value = spec.measure === 'median-days' ? medianOrNull(fig.histograms?.cols.get(c.code)) : colTotals[j]!;
        cells.push({ row: TOTAL, col: c.code, value, suppressed: false });
      });
    }
    if (spec.margins.total && spec.measure === 'count')
      cells.push({ row: TOTAL, col: TOTAL, value: colTotals.reduce((a, b) => a + b, 0), suppressed: false });
    return {
      id: spec.id,
      titleJa: spec.titleJa,
      titleEn: spec.titleEn,
      measure: spec.measure,
      k: spec.k,
      rows: fig.rows,
      cols: fig.cols,
      margins: spec.margins,
      cells,
    };
  });
  const label = periodLabel(period.id);
  return {
    period: period.id,
    grain: period.grain,
    labelJa: label.ja,
    labelEn: label.en,
    body: ctx.actor.agency,
    live: true as const,
    tables,
  };
}

function medianOrNull(h: Map<number, number> | undefined): number | null {
  const { median, n } = medianOf(h);
  return n === 0 ? null : median;
}
