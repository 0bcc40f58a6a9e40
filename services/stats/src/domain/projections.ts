import type { Db, Tx } from '@liaison/db';
import { sql } from 'drizzle-orm';
import type { TableSpec } from './catalogue.ts';
import { bodyDimensions, type FactKind, factKinds, type RollupDelta } from './kinds.ts';
import { periodsOf } from './periods.ts';

/** What a table's projection depends on: changing any of it rebuilds the projection. */
export interface Projection {
  tableId: string;
  kind: FactKind;
  rows: string;
  cols: string | undefined;
  filter: Record<string, string[]>;
  /** Median tables keep the days of each cell (a histogram). */
  days: boolean;
}

export function projectionOf(spec: TableSpec): Projection {
  return {
    tableId: spec.id,
    kind: spec.kind,
    rows: spec.rows,
    cols: spec.cols,
    filter: spec.filter ?? {},
    days: spec.measure === 'median-days',
  };
}

const definitionOf = (p: Projection) =>
  JSON.stringify({ kind: p.kind, rows: p.rows, cols: p.cols ?? null, filter: p.filter, days: p.days });

/** The projections registered in the database (read in each consumer batch, under the shared lock). */
export async function loadProjections(tx: Tx | Db): Promise<Projection[]> {
  const rows = (await tx.execute(sql`select table_id, definition from stats.table_projections order by table_id`)) as unknown as {
    rows: { table_id: string; definition: string }[];
  };
  return rows.rows.map((r) => {
    const d = JSON.parse(r.definition) as {
      kind: FactKind;
      rows: string;
      cols: string | null;
      filter: Record<string, string[]>;
      days: boolean;
    };
    return { tableId: r.table_id, kind: d.kind, rows: d.rows, cols: d.cols ?? undefined, filter: d.filter, days: d.days };
  });
}

/** The table cells a batch of rollup deltas adds to. */
export function projectDeltas(deltas: RollupDelta[], projections: Projection[]): { key: string[]; n: number }[] {
  const out: { key: string[]; n: number }[] = [];
  for (const delta of deltas) {
    const dims = factKinds[delta.kind] as readonly string[];
    const value = (dim: string) => (dim === 'month' ? delta.month : (delta.dims[dims.indexOf(dim)] ?? ''));
    const bodies = bodyDimensions[delta.kind];
    for (const p of projections) {
      if (p.kind !== delta.kind) continue;
      if (!Object.entries(p.filter).every(([dim, values]) => values.includes(value(dim)))) continue;
      // Kept per month, and per fiscal quarter and year too, so a year is read as one row per cell.
      const { quarter, fiscalYear } = periodsOf(delta.month);
      for (const period of [delta.month, quarter, fiscalYear]) {
        out.push({
          key: [
            p.tableId,
            period,
            bodies[0] ? value(bodies[0]) : '',
            bodies[1] ? value(bodies[1]) : '',
            value(p.rows),
            p.cols ? value(p.cols) : 'all',
            p.days ? value('days') : '',
          ],
          n: delta.n,
        });
      }
    }
  }
  return out;
}

/** Adds to the table cells: summed per cell and sorted first (no deadlocks between consumers). */
export async function flushTableCells(tx: Tx, cells: { key: string[]; n: number }[]): Promise<void> {
  if (cells.length === 0) return;
  const summed = new Map<string, { key: string[]; n: number }>();
  for (const c of cells) {
    const k = c.key.join('\u0000');
    const known = summed.get(k);
    if (known) known.n += c.n;
    else summed.set(k, { key: c.key, n: c.n });
  }
  const list = [...summed.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c)
    .filter((c) => c.n !== 0);
  if (list.length === 0) return;
  const col = (i: number) => sql`${sql.param(list.map((c) => c.key[i]!))}::text[]`;
  await tx.execute(sql`
    insert into stats.table_cells (table_id, month, b1, b2, r, c, d, n)
    select * from unnest(${col(0)}, ${col(1)}, ${col(2)}, ${col(3)}, ${col(4)}, ${col(5)}, ${col(6)}, ${sql.param(list.map((c) => c.n))}::bigint[])
    on conflict on constraint table_cells_pk do update set n = stats.table_cells.n + excluded.n`);
}

/** Rebuilds one table's projection from its kind's rollup (set-based). */
export async function rebuildProjection(tx: Tx | { execute: Tx['execute'] }, p: Projection): Promise<void> {
  const q = (d: string) => sql.raw(`"${d}"`);
  const bodies = bodyDimensions[p.kind];
  const conditions = Object.entries(p.filter).map(([dim, values]) => sql`${q(dim)} = any(${sql.param(values)}::text[])`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  await tx.execute(sql`delete from stats.table_cells where table_id = ${p.tableId}`);
  // Per month, fiscal quarter (Q1 = April–June) and fiscal year, as the consumer keeps them.
  const fy = sql`(substr(month, 1, 4)::int - case when substr(month, 6, 2) < '04' then 1 else 0 end)`;
  const quarter = sql`${fy}::text || 'Q' || ((((substr(month, 6, 2)::int + 8) % 12) / 3) + 1)::text`;
  await tx.execute(sql`
    insert into stats.table_cells (table_id, month, b1, b2, r, c, d, n)
    select ${p.tableId}, period, b1, b2, r, c, d, sum(n) from (
      select month, ${bodies[0] ? q(bodies[0]) : sql`''`} as b1, ${bodies[1] ? q(bodies[1]) : sql`''`} as b2, ${p.rows === 'month' ? sql`month` : q(p.rows)} as r,
             ${p.cols ? (p.cols === 'month' ? sql`month` : q(p.cols)) : sql`'all'`} as c, ${p.days ? sql`days` : sql`''`} as d, n
      from ${sql.raw(`stats.r_${p.kind}`)} ${where}
    ) x, lateral (values (month), (${quarter}), ('FY' || ${fy}::text)) as periods(period)
    group by 1, 2, 3, 4, 5, 6, 7
    having sum(n) <> 0`);
}

/**
 * Makes the database's projections match the catalogue: new or changed tables are (re)built from
 * their kind's rollup, removed ones dropped — under the release lock, so no consumer batch counts
 * into a projection half-built. Returns the tables rebuilt.
 */
export async function syncProjections(db: Db, catalogue: TableSpec[], lock: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lock}))`);
    const known = new Map((await loadProjections(tx)).map((p) => [p.tableId, definitionOf(p)]));
    const wanted = catalogue.map(projectionOf);
    const rebuilt: string[] = [];
    for (const p of wanted) {
      if (known.get(p.tableId) === definitionOf(p)) continue;
      await rebuildProjection(tx, p);
      await tx.execute(sql`
        insert into stats.table_projections (table_id, definition) values (${p.tableId}, ${definitionOf(p)})
        on conflict (table_id) do update set definition = excluded.definition, built_at = now()`);
      rebuilt.push(p.tableId);
    }
    for (const id of known.keys()) {
      if (wanted.some((p) => p.tableId === id)) continue;
      await tx.execute(sql`delete from stats.table_cells where table_id = ${id}`);
      await tx.execute(sql`delete from stats.table_projections where table_id = ${id}`);
    }
    return rebuilt;
  });
}
