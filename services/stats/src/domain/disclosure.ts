/**
 * The one door between the release builder and disclosure control.
 *
 * INTERIM: `@liaison/disclosure` (primary and secondary suppression with the LP audit of every
 * hidden cell's feasibility interval, and the audit manifest) is being written on its own branch.
 * Until it is merged this module implements the same API subset the release builder uses, with a
 * simpler secondary suppression (no constraint may be left with exactly one hidden cell) and no LP
 * intervals. When it lands this whole file becomes:
 *
 *   export { cellId, DisclosureError, linkFigures, linkMargins, linkPeriods, manifest, mergeSystems,
 *     protect, protectMeasures, TOTAL, tableSystem, type AuditManifest, … } from '@liaison/disclosure';
 */

export type CellStatus = 'published' | 'primary' | 'secondary';
export interface Cell {
  id: string;
  value: number;
  k: number;
  protectionLevel: number;
  frozen?: { status: CellStatus };
}
export type ConstraintKind = 'margin' | 'link' | 'period' | 'other';
export interface Constraint {
  terms: { cell: string; coef: number }[];
  kind?: ConstraintKind;
  total?: string;
}
export interface CellSystem {
  cells: Cell[];
  constraints: Constraint[];
}
export interface TableInput {
  id: string;
  rows: string[];
  cols: string[];
  values: number[][];
  k: number;
  protectionLevel?: number;
  margins: { rows: boolean; cols: boolean; total: boolean };
}
export interface PlacedTable {
  prefix: string;
  table: TableInput;
}
export interface MarginRef extends PlacedTable {
  along: 'rows' | 'cols' | 'total';
}
export interface FigureRef extends PlacedTable {
  row: string;
  col: string;
}
export type SuppressionReason = { status: 'primary'; rule: 'small-count' | 'frozen' } | { status: 'secondary'; rule: 'complement' | 'frozen'; protects: string[] };
export interface Protection {
  status: Map<string, CellStatus>;
  reasons: Map<string, SuppressionReason>;
  intervals: Map<string, { lo: number; hi: number }>;
  stats: { cells: number; primary: number; secondary: number; suppressedCount: number };
}
export interface MeasureResult {
  id: string;
  value: number | null;
  status: 'published' | 'primary';
  k: number;
}

export class DisclosureError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'inconsistent' | 'unprotectable',
    message: string,
    readonly cells: string[] = [],
  ) {
    super(message);
    this.name = 'DisclosureError';
  }
}

export const TOTAL = '_total';

export function cellId(prefix: string, tableId: string, row: string, col: string): string {
  return `${prefix}/${tableId}/${row}/${col}`;
}

const sum = (vs: number[]) => vs.reduce((a, b) => a + b, 0);

export function tableSystem(prefix: string, table: TableInput): CellSystem {
  const { rows, cols, values, k, margins } = table;
  const protectionLevel = table.protectionLevel ?? k;
  const id = (r: string, c: string) => cellId(prefix, table.id, r, c);
  const cells: Cell[] = [];
  const constraints: Constraint[] = [];
  const margin = (total: string, parts: string[]) => void constraints.push({ kind: 'margin', total, terms: [{ cell: total, coef: 1 }, ...parts.map((p) => ({ cell: p, coef: -1 }))] });
  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      cells.push({ id: id(r, c), value: values[i]![j]!, k, protectionLevel });
    });
  });
  if (margins.rows) {
    rows.forEach((r, i) => {
      cells.push({ id: id(r, TOTAL), value: sum(values[i]!), k, protectionLevel });
      margin(id(r, TOTAL), cols.map((c) => id(r, c)));
    });
  }
  if (margins.cols) {
    cols.forEach((c, j) => {
      cells.push({ id: id(TOTAL, c), value: sum(values.map((row) => row[j]!)), k, protectionLevel });
      margin(id(TOTAL, c), rows.map((r) => id(r, c)));
    });
  }
  if (margins.total) {
    cells.push({ id: id(TOTAL, TOTAL), value: sum(values.map(sum)), k, protectionLevel });
    margin(id(TOTAL, TOTAL), margins.rows ? rows.map((r) => id(r, TOTAL)) : margins.cols ? cols.map((c) => id(TOTAL, c)) : rows.flatMap((r) => cols.map((c) => id(r, c))));
  }
  return { cells, constraints };
}

export function mergeSystems(...systems: CellSystem[]): CellSystem {
  return { cells: systems.flatMap((s) => s.cells), constraints: systems.flatMap((s) => s.constraints) };
}

function figureTerms(placed: PlacedTable, row: string, col: string): string[] {
  const { prefix, table } = placed;
  const id = (r: string, c: string) => cellId(prefix, table.id, r, c);
  const published =
    (row !== TOTAL && col !== TOTAL) ||
    (row !== TOTAL && col === TOTAL && table.margins.rows) ||
    (row === TOTAL && col !== TOTAL && table.margins.cols) ||
    (row === TOTAL && col === TOTAL && table.margins.total);
  if (published) return [id(row, col)];
  return (row === TOTAL ? table.rows : [row]).flatMap((r) => (col === TOTAL ? table.cols : [col]).map((c) => id(r, c)));
}

function equality(left: string[], right: string[], kind: ConstraintKind, total?: string): Constraint {
  const coefs = new Map<string, number>();
  for (const c of left) coefs.set(c, (coefs.get(c) ?? 0) + 1);
  for (const c of right) coefs.set(c, (coefs.get(c) ?? 0) - 1);
  const terms = [...coefs].filter(([, coef]) => coef !== 0).map(([cell, coef]) => ({ cell, coef }));
  return total === undefined ? { kind, terms } : { kind, total, terms };
}

export function linkMargins(a: MarginRef, b: MarginRef): Constraint[] {
  const keys = (r: MarginRef) => (r.along === 'rows' ? r.table.rows : r.along === 'cols' ? r.table.cols : [TOTAL]);
  const figure = (r: MarginRef, key: string) => (r.along === 'rows' ? figureTerms(r, key, TOTAL) : r.along === 'cols' ? figureTerms(r, TOTAL, key) : figureTerms(r, TOTAL, TOTAL));
  return keys(a).map((key) => equality(figure(a, key), figure(b, key), 'link'));
}

export function linkPeriods(whole: PlacedTable, parts: PlacedTable[]): Constraint[] {
  return whole.table.rows.flatMap((r) =>
    whole.table.cols.map((c) => {
      const total = cellId(whole.prefix, whole.table.id, r, c);
      return equality([total], parts.flatMap((p) => figureTerms(p, r, c)), 'period', total);
    }),
  );
}

export function linkFigures(pairs: [FigureRef, FigureRef][]): Constraint[] {
  return pairs.map(([a, b]) => equality(figureTerms(a, a.row, a.col), figureTerms(b, b.row, b.col), 'link'));
}

/** Interim protection: primary 1..k−1; then, until no constraint hides exactly one cell, hide its smallest non-frozen other cell. */
export async function protect(system: CellSystem): Promise<Protection> {
  const byId = new Map(system.cells.map((c) => [c.id, c]));
  for (const c of system.constraints) {
    const off = c.terms.reduce((s, t) => s + t.coef * (byId.get(t.cell)?.value ?? Number.NaN), 0);
    if (off !== 0) throw new DisclosureError('inconsistent', `a ${c.kind ?? 'other'} constraint does not hold (off by ${off})`, c.terms.map((t) => t.cell));
  }
  const status = new Map<string, CellStatus>();
  const reasons = new Map<string, SuppressionReason>();
  for (const c of system.cells) {
    const s = c.frozen?.status ?? (c.value >= 1 && c.value < c.k ? 'primary' : 'published');
    status.set(c.id, s);
    if (s === 'primary') reasons.set(c.id, { status: 'primary', rule: c.frozen ? 'frozen' : 'small-count' });
    if (s === 'secondary') reasons.set(c.id, { status: 'secondary', rule: 'frozen', protects: [] });
  }
  const hidden = (id: string) => status.get(id) !== 'published';
  // Cells that follow from published figures of earlier releases alone are known: hiding them
  // protects nothing, so they are never chosen as complements (closure over the constraints).
  const pinned = new Set(system.cells.filter((c) => c.frozen?.status === 'published').map((c) => c.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of system.constraints) {
      const open = c.terms.filter((t) => !pinned.has(t.cell));
      if (open.length === 1) {
        pinned.add(open[0]!.cell);
        grew = true;
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of system.constraints) {
      const hiddenTerms = c.terms.filter((t) => hidden(t.cell));
      if (hiddenTerms.length !== 1) continue;
      const candidates = c.terms.filter((t) => !hidden(t.cell) && !byId.get(t.cell)!.frozen && !pinned.has(t.cell)).map((t) => byId.get(t.cell)!);
      if (candidates.length === 0) throw new DisclosureError('unprotectable', `${hiddenTerms[0]!.cell} cannot be protected`, [hiddenTerms[0]!.cell]);
      candidates.sort((x, y) => (x.value === 0 ? 1 : 0) - (y.value === 0 ? 1 : 0) || x.value - y.value || (x.id < y.id ? -1 : 1));
      const chosen = candidates[0]!;
      status.set(chosen.id, 'secondary');
      reasons.set(chosen.id, { status: 'secondary', rule: 'complement', protects: [hiddenTerms[0]!.cell] });
      changed = true;
    }
  }
  const values = [...status].filter(([, s]) => s !== 'published');
  return {
    status,
    reasons,
    intervals: new Map(),
    stats: {
      cells: system.cells.length,
      primary: values.filter(([, s]) => s === 'primary').length,
      secondary: values.filter(([, s]) => s === 'secondary').length,
      suppressedCount: sum(values.map(([id]) => byId.get(id)!.value)),
    },
  };
}

export function protectMeasures(measures: { id: string; value: number; n: number; k: number }[]): MeasureResult[] {
  return measures.map((m) => ({ id: m.id, value: m.n < m.k ? null : m.value, status: m.n < m.k ? 'primary' : 'published', k: m.k }));
}

export interface AuditManifest {
  format: string;
  release: string | null;
  audience: 'public' | 'auditor';
  audit: { method: string };
  tables: { id: string; rows: string[]; cols: string[]; k: number; protectionLevel: number; margins: TableInput['margins'] }[];
  cells: { id: string; value: number | null; status: string; rule?: string; k: number; protectionLevel: number; frozen: boolean }[];
  constraints: Constraint[];
  measures: { id: string; value: number | null; status: 'published' | 'suppressed'; k: number }[];
  summary: { cells: number; published: number; suppressed: number; primary?: number; secondary?: number };
}

export function manifest(input: { system: CellSystem; protection: Protection; audience: 'public' | 'auditor'; tables?: PlacedTable[]; release?: string; measures?: MeasureResult[] }): AuditManifest {
  const { system, protection, audience } = input;
  const cells = system.cells.map((c) => {
    const s = protection.status.get(c.id) ?? 'published';
    const isHidden = s !== 'published';
    return {
      id: c.id,
      value: isHidden ? null : c.value,
      status: isHidden && audience === 'public' ? 'suppressed' : s,
      ...(isHidden && audience === 'auditor' ? { rule: protection.reasons.get(c.id)?.rule ?? 'small-count' } : {}),
      k: c.k,
      protectionLevel: c.protectionLevel,
      frozen: c.frozen !== undefined,
    };
  });
  const suppressed = cells.filter((c) => c.value === null).length;
  return {
    format: 'liaison-disclosure-manifest/1',
    release: input.release ?? null,
    audience,
    audit: { method: 'interim-no-lp' },
    tables: (input.tables ?? []).map(({ prefix, table }) => ({ id: `${prefix}/${table.id}`, rows: table.rows, cols: table.cols, k: table.k, protectionLevel: table.protectionLevel ?? table.k, margins: table.margins })),
    cells,
    constraints: system.constraints,
    measures: (input.measures ?? []).map((m) => ({ id: m.id, value: m.value, status: m.status === 'published' ? 'published' : 'suppressed', k: m.k })),
    summary: { cells: cells.length, published: cells.length - suppressed, suppressed, ...(audience === 'auditor' ? { primary: protection.stats.primary, secondary: protection.stats.secondary } : {}) },
  };
}
