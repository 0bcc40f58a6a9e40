import type { Db, Tx } from '@liaison/db';
import { sql } from 'drizzle-orm';
import type { TableSpec } from './catalogue.ts';
import { dimensionCodes, keyOf, type Label } from './dimensions.ts';
import { bodyDimensions } from './kinds.ts';

/** A table's figures read from the rollups: row and column codes (with labels) and exact counts. */
export interface TableFigures {
  rows: Label[];
  cols: Label[];
  /** Count tables: values[r][c]. */
  values: number[][];
  /** Median tables: the days histogram of each cell and of each column (for the column margin). */
  histograms?: { cells: Map<string, Map<number, number>>; cols: Map<string, Map<number, number>> };
}

const ALL: Label = { code: 'all', ja: '計', en: 'All' };

/** Which body a member reads for: its facts, as the body or as either side of a referral. */
export interface BodyScope {
  body: string;
}

type FoundRow = { r: string; c: string; d?: number; n: number };

/** The rows of several tables' projections for a period (month, fiscal quarter or year: one key each) in one statement, by table id. */
export async function readProjections(
  tx: Tx | Db,
  specs: TableSpec[],
  period: string,
  scope?: BodyScope,
): Promise<Map<string, FoundRow[]>> {
  const conditions = [sql`table_id = any(${sql.param(specs.map((s) => s.id))}::text[])`, sql`month = ${period}`];
  if (scope) conditions.push(sql`(b1 = ${scope.body} or b2 = ${scope.body})`);
  const result = await tx.execute(
    sql`select table_id, r, c, d, sum(n)::bigint as n from stats.table_cells where ${sql.join(conditions, sql` and `)} group by 1, 2, 3, 4`,
  );
  const out = new Map<string, FoundRow[]>(specs.map((s) => [s.id, []]));
  for (const x of (result as unknown as { rows: { table_id: string; r: string; c: string; d: string; n: string }[] }).rows) {
    out.get(x.table_id)?.push({ r: x.r, c: x.c, ...(x.d !== '' ? { d: Number(x.d) } : {}), n: Number(x.n) });
  }
  return out;
}

/** Lays projection rows out as the table: fixed codes in order, counts (or day histograms) per cell. */
export function shapeTable(
  spec: TableSpec,
  rows: FoundRow[],
  months: string[],
  context: { bodies: Label[] },
  scope?: BodyScope,
): TableFigures {
  if (scope && bodyDimensions[spec.kind].length === 0) rows = [];
  const median = spec.measure === 'median-days';
  const found = rows.map((x) => ({ r: keyOf(spec.rows, x.r), c: spec.cols ? keyOf(spec.cols, x.c) : 'all', d: x.d, n: x.n }));
  const axis = (dim: string | undefined, present: string[]): Label[] => {
    if (!dim) return [ALL];
    // A member's own figures: its own body only (the other side of a referral stays a dimension).
    if (scope && dim === 'body') return context.bodies.filter((b) => b.code === scope.body);
    const fixed = dimensionCodes(spec.kind, dim, { bodies: context.bodies, months }) ?? [];
    const restricted = spec.filter?.[dim] ? fixed.filter((l) => spec.filter![dim]!.includes(l.code)) : fixed;
    // Codes outside the fixed list still count (so every total adds up), labelled by their code.
    const extra = [...new Set(present)].filter((p) => !restricted.some((l) => l.code === p)).sort();
    return [...restricted, ...extra.map((code) => ({ code, ja: code, en: code }))];
  };
  const rowLabels = axis(
    spec.rows,
    found.map((f) => f.r),
  );
  const cols = axis(
    spec.cols,
    found.map((f) => f.c),
  );
  const ri = new Map(rowLabels.map((l, i) => [l.code, i]));
  const ci = new Map(cols.map((l, i) => [l.code, i]));
  const values = rowLabels.map(() => cols.map(() => 0));
  if (!median) {
    for (const f of found) values[ri.get(f.r)!]![ci.get(f.c)!]! += f.n;
    return { rows: rowLabels, cols, values };
  }
  const cells = new Map<string, Map<number, number>>();
  const colHist = new Map<string, Map<number, number>>();
  const bump = (m: Map<string, Map<number, number>>, key: string, d: number, n: number) => {
    const h = m.get(key) ?? new Map<number, number>();
    m.set(key, h);
    h.set(d, (h.get(d) ?? 0) + n);
  };
  for (const f of found) {
    values[ri.get(f.r)!]![ci.get(f.c)!]! += f.n;
    bump(cells, `${f.r}/${f.c}`, f.d!, f.n);
    bump(colHist, f.c, f.d!, f.n);
  }
  return { rows: rowLabels, cols, values, histograms: { cells, cols: colHist } };
}

/** The median of a histogram (value → count), and how many cases it covers. */
export function medianOf(histogram: Map<number, number> | undefined): { median: number; n: number } {
  if (!histogram || histogram.size === 0) return { median: 0, n: 0 };
  const entries = [...histogram].sort(([a], [b]) => a - b);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  // The lower median for an even count keeps it a whole number of days actually observed.
  const target = Math.ceil(n / 2);
  let seen = 0;
  for (const [days, count] of entries) {
    seen += count;
    if (seen >= target) return { median: days, n };
  }
  return { median: entries.at(-1)![0], n };
}
