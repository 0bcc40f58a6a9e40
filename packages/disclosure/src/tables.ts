import { type Cell, type CellSystem, type Constraint, type ConstraintKind, DisclosureError } from './model.ts';

/** The key of a margin (a row's or column's total, or the grand total). */
export const TOTAL = '_total';

/** A published table: row keys × column keys of counts, with the margins it publishes. */
export interface TableInput {
  id: string;
  rows: string[];
  cols: string[];
  /** `values[r][c]`: the count of row `rows[r]` and column `cols[c]`. */
  values: number[][];
  /** Counts 1..k−1 are suppressed (10 by default; 20 for under-18, R05 and I02 tables). */
  k: number;
  /** Required width of a suppressed cell's interval (default: k). */
  protectionLevel?: number;
  /**
   * Which margins the table publishes: `rows` — one total per row (`row/_total`), `cols` — one
   * total per column (`_total/col`), `total` — the grand total (`_total/_total`). A 1-D table has a
   * single column.
   */
  margins: { rows: boolean; cols: boolean; total: boolean };
}

/** A table placed in a release: its cells are `${prefix}/${table.id}/${row}/${col}`. */
export interface PlacedTable {
  prefix: string;
  table: TableInput;
}

/** The id of a cell: `${prefix}/${tableId}/${rowKey}/${colKey}`, margins with `_total`. */
export function cellId(prefix: string, tableId: string, row: string, col: string): string {
  return `${prefix}/${tableId}/${row}/${col}`;
}

function checkKey(what: string, key: string, tableId: string): void {
  if (typeof key !== 'string' || key === '' || key.includes('/') || key === TOTAL) {
    throw new DisclosureError(
      'invalid_input',
      `table ${tableId}: ${what} key ${JSON.stringify(key)} must be non-empty, without '/', and not '${TOTAL}'`,
    );
  }
}

function validateTable(table: TableInput): void {
  if (typeof table.id !== 'string' || table.id === '' || table.id.includes('/')) {
    throw new DisclosureError('invalid_input', `table id ${JSON.stringify(table.id)} must be non-empty and without '/'`);
  }
  if (table.rows.length === 0 || table.cols.length === 0)
    throw new DisclosureError('invalid_input', `table ${table.id}: needs at least one row and one column`);
  for (const r of table.rows) checkKey('row', r, table.id);
  for (const c of table.cols) checkKey('column', c, table.id);
  if (new Set(table.rows).size !== table.rows.length) throw new DisclosureError('invalid_input', `table ${table.id}: row keys repeat`);
  if (new Set(table.cols).size !== table.cols.length) throw new DisclosureError('invalid_input', `table ${table.id}: column keys repeat`);
  if (table.values.length !== table.rows.length || table.values.some((row) => row.length !== table.cols.length)) {
    throw new DisclosureError(
      'invalid_input',
      `table ${table.id}: values must be ${table.rows.length} rows of ${table.cols.length} counts`,
    );
  }
  if (!Number.isSafeInteger(table.k) || table.k < 1)
    throw new DisclosureError('invalid_input', `table ${table.id}: k must be a positive integer`);
  if (table.protectionLevel !== undefined && !(Number.isFinite(table.protectionLevel) && table.protectionLevel >= 0)) {
    throw new DisclosureError('invalid_input', `table ${table.id}: protectionLevel must be a non-negative number`);
  }
}

/**
 * Builds the cells and additivity constraints of a table: its interior and the margins it
 * publishes, each margin `total − Σ parts = 0`. Cells are `${prefix}/${table.id}/${row}/${col}`.
 */
export function tableSystem(prefix: string, table: TableInput): CellSystem {
  validateTable(table);
  const { rows, cols, values, k, margins } = table;
  const protectionLevel = table.protectionLevel ?? k;
  const id = (r: string, c: string) => cellId(prefix, table.id, r, c);
  const cell = (cid: string, value: number): Cell => ({ id: cid, value, k, protectionLevel });
  const sum = (vs: number[]) => vs.reduce((a, b) => a + b, 0);

  const cells: Cell[] = [];
  const constraints: Constraint[] = [];
  const margin = (total: string, parts: string[]) =>
    constraints.push({ kind: 'margin', total, terms: [{ cell: total, coef: 1 }, ...parts.map((p) => ({ cell: p, coef: -1 }))] });

  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      cells.push(cell(id(r, c), values[i]![j]!));
    });
  });
  if (margins.rows) {
    rows.forEach((r, i) => {
      cells.push(cell(id(r, TOTAL), sum(values[i]!)));
      margin(
        id(r, TOTAL),
        cols.map((c) => id(r, c)),
      );
    });
  }
  if (margins.cols) {
    cols.forEach((c, j) => {
      cells.push(cell(id(TOTAL, c), sum(values.map((row) => row[j]!))));
      margin(
        id(TOTAL, c),
        rows.map((r) => id(r, c)),
      );
    });
  }
  if (margins.total) {
    cells.push(cell(id(TOTAL, TOTAL), sum(values.map(sum))));
    // One defining constraint is enough: with row (or column) totals published, Σ of them equals
    // the grand total by the other constraints, and the LP sees every implied equation.
    const parts = margins.rows
      ? rows.map((r) => id(r, TOTAL))
      : margins.cols
        ? cols.map((c) => id(TOTAL, c))
        : rows.flatMap((r) => cols.map((c) => id(r, c)));
    margin(id(TOTAL, TOTAL), parts);
  }
  return { cells, constraints };
}

/** Merges systems (e.g. every table of a release and the links between them). */
export function mergeSystems(...systems: CellSystem[]): CellSystem {
  return { cells: systems.flatMap((s) => s.cells), constraints: systems.flatMap((s) => s.constraints) };
}

/**
 * The terms that add up to one figure of a table at (row, col), either of which may be `_total`:
 * the cell itself when the table publishes it, else the sum of the interior cells it covers.
 */
export function figureTerms(placed: PlacedTable, row: string, col: string): string[] {
  const { prefix, table } = placed;
  const id = (r: string, c: string) => cellId(prefix, table.id, r, c);
  const rowsOf = row === TOTAL ? table.rows : [row];
  const colsOf = col === TOTAL ? table.cols : [col];
  if (row !== TOTAL && !table.rows.includes(row)) throw new DisclosureError('invalid_input', `table ${table.id} has no row ${row}`);
  if (col !== TOTAL && !table.cols.includes(col)) throw new DisclosureError('invalid_input', `table ${table.id} has no column ${col}`);
  const published =
    (row !== TOTAL && col !== TOTAL) ||
    (row !== TOTAL && col === TOTAL && table.margins.rows) ||
    (row === TOTAL && col !== TOTAL && table.margins.cols) ||
    (row === TOTAL && col === TOTAL && table.margins.total);
  if (published) return [id(row, col)];
  if (row === TOTAL && col === TOTAL && table.margins.rows) return table.rows.map((r) => id(r, TOTAL));
  if (row === TOTAL && col === TOTAL && table.margins.cols) return table.cols.map((c) => id(TOTAL, c));
  return rowsOf.flatMap((r) => colsOf.map((c) => id(r, c)));
}

function equality(left: string[], right: string[], kind: ConstraintKind, total?: string): Constraint {
  const coefs = new Map<string, number>();
  for (const c of left) coefs.set(c, (coefs.get(c) ?? 0) + 1);
  for (const c of right) coefs.set(c, (coefs.get(c) ?? 0) - 1);
  const terms = [...coefs].filter(([, coef]) => coef !== 0).map(([cell, coef]) => ({ cell, coef }));
  return total === undefined ? { kind, terms } : { kind, total, terms };
}

/** One side of a margin link: the row totals (`rows`), the column totals (`cols`) or the grand total (`total`) of a placed table. */
export interface MarginRef extends PlacedTable {
  along: 'rows' | 'cols' | 'total';
}

function marginKeys(ref: MarginRef): string[] {
  return ref.along === 'rows' ? ref.table.rows : ref.along === 'cols' ? ref.table.cols : [TOTAL];
}

function marginFigure(ref: MarginRef, key: string): string[] {
  if (ref.along === 'rows') return figureTerms(ref, key, TOTAL);
  if (ref.along === 'cols') return figureTerms(ref, TOTAL, key);
  return figureTerms(ref, TOTAL, TOTAL);
}

/**
 * "Same population, same margin": the margin of one table equals the margin of another, key by key
 * (e.g. the per-body totals of a body×month table and of a category×body table). By default the
 * two margins must have the same keys; `keys` lists the pairs to link (`'sia'` or `['sia', 'SIA']`)
 * when they differ. A margin the table does not publish is taken as the sum of the cells it covers,
 * so the link still holds. Each link is `a − b = 0`.
 */
export function linkMargins(a: MarginRef, b: MarginRef, options: { keys?: (string | [string, string])[] } = {}): Constraint[] {
  let pairs: [string, string][];
  if (options.keys) {
    pairs = options.keys.map((k) => (typeof k === 'string' ? [k, k] : k));
  } else {
    const ka = marginKeys(a);
    const kb = marginKeys(b);
    if (a.along === 'total' || b.along === 'total') {
      if (a.along !== b.along) throw new DisclosureError('invalid_input', 'a grand total links only to a grand total');
      pairs = [[TOTAL, TOTAL]];
    } else {
      const onlyA = ka.filter((x) => !kb.includes(x));
      const onlyB = kb.filter((x) => !ka.includes(x));
      if (onlyA.length > 0 || onlyB.length > 0) {
        throw new DisclosureError(
          'invalid_input',
          `margins of ${a.table.id} and ${b.table.id} have different keys (only in ${a.table.id}: ${onlyA.join(', ') || '—'}; only in ${b.table.id}: ${onlyB.join(', ') || '—'}); pass keys`,
        );
      }
      pairs = ka.map((x) => [x, x]);
    }
  }
  return pairs.map(([ka, kb]) => equality(marginFigure(a, ka), marginFigure(b, kb), 'link'));
}

/**
 * "The year is the sum of the months": every interior cell of `whole` (a longer period) equals the
 * sum of the same cell over `parts` (its sub-periods, e.g. the monthly tables of the fiscal year
 * released so far). The tables must have the same row and column keys; margins follow from the
 * interior links and need no constraint of their own. Each link is `whole − Σ parts = 0`.
 */
export function linkPeriods(whole: PlacedTable, parts: PlacedTable[]): Constraint[] {
  if (parts.length === 0) throw new DisclosureError('invalid_input', `linkPeriods(${whole.table.id}): no sub-periods given`);
  const sameKeys = (x: string[], y: string[]) => x.length === y.length && x.every((v) => y.includes(v));
  for (const part of parts) {
    if (!sameKeys(part.table.rows, whole.table.rows) || !sameKeys(part.table.cols, whole.table.cols)) {
      throw new DisclosureError(
        'invalid_input',
        `linkPeriods: ${part.prefix}/${part.table.id} does not have the rows and columns of ${whole.prefix}/${whole.table.id}`,
      );
    }
  }
  return whole.table.rows.flatMap((r) =>
    whole.table.cols.map((c) => {
      const total = cellId(whole.prefix, whole.table.id, r, c);
      return equality(
        [total],
        parts.flatMap((p) => figureTerms(p, r, c)),
        'period',
        total,
      );
    }),
  );
}

/** Low-level link: `total − Σ parts = 0` over any cells (`kind` says why, for the manifest). */
export function sumConstraint(total: string, parts: string[], kind: ConstraintKind = 'other'): Constraint {
  return equality([total], parts, kind, total);
}

/** One figure of a placed table: a cell or a margin (`row`/`col` may be `_total`). */
export interface FigureRef extends PlacedTable {
  row: string;
  col: string;
}

/**
 * "The same figure in two tables": each pair of figures is equal (`a − b = 0`), e.g. the R05 row
 * of a category×platform table and the platform totals of an R05-only platform×body table. A
 * figure a table does not publish is the sum of the cells it covers.
 */
export function linkFigures(pairs: [FigureRef, FigureRef][]): Constraint[] {
  return pairs.map(([a, b]) => equality(figureTerms(a, a.row, a.col), figureTerms(b, b.row, b.col), 'link'));
}
