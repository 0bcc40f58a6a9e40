import { InfeasibleError, SystemIndex, solveComponent } from './audit.ts';
import type { MeasureResult } from './measures.ts';
import { type Cell, type CellSystem, type ConstraintKind, isSuppressed, TOLERANCE } from './model.ts';
import { isPrimary, type Protection } from './protect.ts';
import { highs } from './solver.ts';
import { cellId, type PlacedTable, TOTAL } from './tables.ts';

export const MANIFEST_FORMAT = 'liaison-disclosure-manifest/1';

/**
 * Who the manifest is for. `public` goes to observers with the release: a suppressed cell is only
 * `suppressed`. `auditor` adds why (primary / secondary, and which cells a complement protects);
 * it must not reach observers, because the label itself discloses: primary means 1 ≤ x ≤ k−1,
 * secondary means x = 0 or x ≥ k, and no primary cell could then keep an interval k wide.
 */
export type ManifestAudience = 'public' | 'auditor';

/** One cell as the manifest shows it. */
export interface ManifestCell {
  id: string;
  /** Where the cell sits, when it belongs to a listed table (`row`/`col` may be `_total`). */
  table?: string;
  row?: string;
  col?: string;
  /** The published count, or null when suppressed. */
  value: number | null;
  /** `published` or `suppressed` (public); `published`, `primary` or `secondary` (auditor). */
  status: 'published' | 'suppressed' | 'primary' | 'secondary';
  /** Auditor only: `small-count`, `complement` or `frozen` (kept from an earlier release). */
  rule?: 'small-count' | 'complement' | 'frozen';
  /** Auditor only: the cells a complement was chosen to protect. */
  protects?: string[];
  k: number;
  protectionLevel: number;
  /** The cell belongs to an earlier release and was published (or hidden) there. */
  frozen: boolean;
  /** Suppressed cells: the LP feasibility interval; `hi` null when unbounded. */
  interval?: { lo: number; hi: number | null };
}

/** The audit manifest of a release: plain JSON (see the package README). */
export interface AuditManifest {
  format: typeof MANIFEST_FORMAT;
  release: string | null;
  audience: ManifestAudience;
  /** How the intervals are defined, so an auditor computes the same thing. */
  audit: { method: 'lp-relaxation'; bounds: 'x >= 0'; tolerance: number };
  tables: {
    id: string;
    prefix: string;
    table: string;
    rows: string[];
    cols: string[];
    k: number;
    protectionLevel: number;
    margins: { rows: boolean; cols: boolean; total: boolean };
  }[];
  cells: ManifestCell[];
  /** Σ coef·cell = 0 for each; `total` is the cell that is the sum of the others (margins and periods). */
  constraints: { kind: ConstraintKind; total?: string; terms: { cell: string; coef: number }[] }[];
  /** Medians and other measures: null when computed over fewer than k cases. */
  measures: { id: string; value: number | null; status: 'published' | 'suppressed'; k: number }[];
  /** Counts of cells; the auditor manifest also says how many are primary and secondary. */
  summary: { cells: number; published: number; suppressed: number; primary?: number; secondary?: number };
}

export interface ManifestInput {
  system: CellSystem;
  protection: Protection;
  audience: ManifestAudience;
  /** The tables of the system (the release's and the earlier ones'), for their layout. */
  tables?: PlacedTable[];
  release?: string;
  measures?: MeasureResult[];
}

/**
 * The manifest an outside auditor needs: every cell with its published value or null, its status
 * (and, for `auditor`, why), every constraint, and the interval of each suppressed cell. It holds
 * no hidden value and no sum of hidden values.
 */
export function manifest(input: ManifestInput): AuditManifest {
  const { system, protection, audience } = input;
  const where = new Map<string, { table: string; row: string; col: string }>();
  for (const placed of input.tables ?? []) {
    const { prefix, table } = placed;
    const rows = [...table.rows, TOTAL];
    const cols = [...table.cols, TOTAL];
    for (const r of rows)
      for (const c of cols) where.set(cellId(prefix, table.id, r, c), { table: `${prefix}/${table.id}`, row: r, col: c });
  }
  let suppressedCells = 0;
  const cells = system.cells.map((cell): ManifestCell => {
    const status = protection.status.get(cell.id) ?? cell.frozen?.status ?? 'published';
    const hidden = isSuppressed(status);
    if (hidden) suppressedCells++;
    const out: ManifestCell = {
      id: cell.id,
      ...where.get(cell.id),
      value: hidden ? null : cell.value,
      status: hidden && audience === 'public' ? 'suppressed' : status,
      k: cell.k,
      protectionLevel: cell.protectionLevel,
      frozen: cell.frozen !== undefined,
    };
    if (hidden && audience === 'auditor') {
      const reason = protection.reasons.get(cell.id);
      if (reason) {
        out.rule = reason.rule;
        if (reason.status === 'secondary' && reason.protects.length > 0) out.protects = reason.protects;
      }
    }
    if (hidden) {
      const interval = protection.intervals.get(cell.id);
      if (interval) out.interval = { lo: interval.lo, hi: Number.isFinite(interval.hi) ? interval.hi : null };
    }
    return out;
  });
  return {
    format: MANIFEST_FORMAT,
    release: input.release ?? null,
    audience,
    audit: { method: 'lp-relaxation', bounds: 'x >= 0', tolerance: TOLERANCE },
    tables: (input.tables ?? []).map(({ prefix, table }) => ({
      id: `${prefix}/${table.id}`,
      prefix,
      table: table.id,
      rows: table.rows,
      cols: table.cols,
      k: table.k,
      protectionLevel: table.protectionLevel ?? table.k,
      margins: table.margins,
    })),
    cells,
    constraints: system.constraints.map((c) => ({
      kind: c.kind ?? 'other',
      ...(c.total !== undefined ? { total: c.total } : {}),
      terms: c.terms.map((t) => ({ cell: t.cell, coef: t.coef })),
    })),
    measures: (input.measures ?? []).map((m) => ({
      id: m.id,
      value: m.value,
      status: m.status === 'published' ? 'published' : 'suppressed',
      k: m.k,
    })),
    summary: {
      cells: cells.length,
      published: cells.length - suppressedCells,
      suppressed: suppressedCells,
      ...(audience === 'auditor' ? { primary: protection.stats.primary, secondary: protection.stats.secondary } : {}),
    },
  };
}

/**
 * Re-checks a release from its manifest alone, as an outside auditor would: published figures are
 * non-negative integers, none of a new cell is in 1..k−1, fully published constraints add up, and
 * every suppressed cell's LP interval — recomputed from the published figures and constraints only —
 * is at least its protection level wide and is the interval the manifest states.
 */
export async function verifyManifest(m: AuditManifest): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  if (m.format !== MANIFEST_FORMAT) return { ok: false, problems: [`unknown format ${String(m.format)}`] };
  const byId = new Map<string, ManifestCell>();
  for (const cell of m.cells) {
    if (byId.has(cell.id)) problems.push(`${cell.id}: listed twice`);
    byId.set(cell.id, cell);
    const hidden = cell.value === null;
    if (hidden !== (cell.status !== 'published')) problems.push(`${cell.id}: status ${cell.status} but value ${cell.value}`);
    if (cell.value !== null) {
      if (!Number.isSafeInteger(cell.value) || cell.value < 0) problems.push(`${cell.id}: published value ${cell.value} is not a count`);
      else if (!cell.frozen && isPrimary(cell.value, cell.k))
        problems.push(`${cell.id}: published count ${cell.value} is below k = ${cell.k}`);
    }
  }
  for (const [i, constraint] of m.constraints.entries()) {
    let sum = 0;
    let complete = true;
    for (const term of constraint.terms) {
      const cell = byId.get(term.cell);
      if (!cell) {
        problems.push(`constraint ${i}: unknown cell ${term.cell}`);
        complete = false;
      } else if (cell.value === null) complete = false;
      else sum += term.coef * cell.value;
    }
    if (complete && Math.abs(sum) > TOLERANCE) problems.push(`constraint ${i} (${constraint.kind}) does not add up: off by ${sum}`);
  }
  for (const measure of m.measures ?? []) {
    if ((measure.value === null) !== (measure.status === 'suppressed'))
      problems.push(`measure ${measure.id}: status ${measure.status} but value ${measure.value}`);
  }
  if (problems.length > 0) return { ok: false, problems };

  // The auditor's own LP: hidden cells are unknowns (their value NaN: nothing of them is known).
  const cells: Cell[] = m.cells.map((c) => ({ id: c.id, value: c.value ?? Number.NaN, k: c.k, protectionLevel: c.protectionLevel }));
  const index = new SystemIndex({ cells, constraints: m.constraints.map((c) => ({ terms: c.terms })) });
  const suppressed = m.cells.map((c) => c.value === null);
  const solver = await highs();
  for (const component of index.components(suppressed)) {
    let intervals: Map<number, { lo: number; hi: number }>;
    try {
      intervals = solveComponent(solver, index, component);
    } catch (error) {
      if (error instanceof InfeasibleError) {
        problems.push(`the published figures contradict the constraints (${error.message})`);
        continue;
      }
      throw error;
    }
    for (const [i, { lo, hi }] of intervals) {
      const cell = m.cells[i]!;
      if (hi - lo < cell.protectionLevel - TOLERANCE)
        problems.push(`${cell.id}: interval [${lo}, ${hi}] narrower than ${cell.protectionLevel}`);
      const stated = cell.interval;
      const statedHi = stated?.hi ?? Number.POSITIVE_INFINITY;
      if (
        !stated ||
        Math.abs(stated.lo - lo) > TOLERANCE ||
        (Number.isFinite(hi) ? Math.abs(statedHi - hi) > TOLERANCE : Number.isFinite(statedHi))
      ) {
        problems.push(
          `${cell.id}: manifest states interval ${stated ? `[${stated.lo}, ${stated.hi ?? '∞'}]` : 'none'}, recomputed [${lo}, ${hi}]`,
        );
      }
    }
  }
  return { ok: problems.length === 0, problems };
}
