import { initialSpread, narrowCells, SystemIndex } from './audit.ts';
import { type CellStatus, type CellSystem, isSuppressed, type SuppressionStats, validateSystem } from './model.ts';
import { isPrimary } from './protect.ts';
import { highs } from './solver.ts';
import { cellId, type PlacedTable, TOTAL } from './tables.ts';

/** The naive rule's pattern, what it loses, and which hidden cells it still leaves derivable. */
export interface NaiveSuppression {
  status: Map<string, CellStatus>;
  stats: SuppressionStats;
  /** Suppressed cells whose LP interval is still narrower than their protection level. */
  underProtected: string[];
}

/**
 * The comparison baseline: hide every row (its cells and its row total) that holds a primary
 * cell; when that hides a single row of a table, hide also its smallest other row, since the
 * column totals would otherwise give the row away. Links between tables are ignored, as a
 * hand-applied rule would. Frozen cells keep their status. The pattern is then audited like any
 * other, to show what the rule leaves unprotected.
 */
export async function naiveRowSuppression(system: CellSystem, tables: PlacedTable[]): Promise<NaiveSuppression> {
  validateSystem(system);
  const index = new SystemIndex(system);
  const status: CellStatus[] = index.cells.map((c) => c.frozen?.status ?? (isPrimary(c.value, c.k) ? 'primary' : 'published'));
  const hide = (id: string) => {
    const i = index.index.get(id);
    if (i === undefined || index.cells[i]!.frozen || status[i] !== 'published') return;
    status[i] = 'secondary';
  };
  for (const { prefix, table } of tables) {
    const id = (r: string, c: string) => cellId(prefix, table.id, r, c);
    // A row is its interior cells and its total; the margin row `_total` holds the column totals
    // and the grand total. Cells a table does not publish are not in the system.
    const rows = [...table.rows, TOTAL];
    const rowCells = (r: string) => [...table.cols, TOTAL].map((c) => id(r, c)).filter((c) => index.index.has(c));
    const hasPrimary = (r: string) => rowCells(r).some((c) => status[index.index.get(c)!] === 'primary');
    const hidden = rows.filter(hasPrimary);
    if (hidden.length === 1 && table.rows.length > 1) {
      const rowSum = (r: string) => table.values[table.rows.indexOf(r)]!.reduce((a, b) => a + b, 0);
      const smallest = table.rows.filter((r) => !hidden.includes(r)).sort((a, b) => rowSum(a) - rowSum(b))[0];
      if (smallest !== undefined) hidden.push(smallest);
    }
    for (const r of hidden) for (const c of rowCells(r)) hide(c);
  }

  const suppressed = status.map(isSuppressed);
  const solver = await highs();
  const underProtected: string[] = [];
  const spread = initialSpread(index);
  const level = (c: number) => index.cells[c]!.protectionLevel;
  for (const component of index.components(suppressed)) {
    for (const cell of narrowCells(solver, index, component, spread, level).keys()) underProtected.push(index.cells[cell]!.id);
  }
  const stats: SuppressionStats = { cells: index.cells.length, primary: 0, secondary: 0, suppressedCount: 0 };
  index.cells.forEach((c, i) => {
    if (status[i] === 'primary') stats.primary++;
    if (status[i] === 'secondary') stats.secondary++;
    if (suppressed[i]) stats.suppressedCount += c.value;
  });
  return { status: new Map(index.cells.map((c, i) => [c.id, status[i]!])), stats, underProtected };
}
