/**
 * The linear model every release is checked against: cells (counts) tied by additive constraints.
 * Tables, links between tables and links between periods are all just constraints over cells, so
 * one audit covers margins, overlapping tables and earlier releases alike.
 */

/** What an observer sees of a cell: its number, or a suppression (primary: 1..k−1; secondary: a complement). */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** One count of a release (interior cell or margin). */
export interface Cell {
  /** Stable id, `${releaseId}/${tableId}/${rowKey}/${colKey}`; margins use `_total`. */
  id: string;
  /** The true count: a non-negative integer. */
  value: number;
  /** The threshold of its table: counts 1..k−1 are never shown. */
  k: number;
  /** How wide the feasibility interval of this cell must be when it is suppressed (default: k). */
  protectionLevel: number;
  /** Cells of earlier releases: what was published stays published, what was hidden stays hidden. */
  frozen?: { status: CellStatus };
}

/** Why a constraint holds, for the audit manifest. */
export type ConstraintKind = 'margin' | 'link' | 'period' | 'other';

/** Σ coef·cell = 0, e.g. total − Σ interior = 0. */
export interface Constraint {
  terms: { cell: string; coef: number }[];
  rhs?: 0;
  /** `margin`: a total of its table; `link`: the same figure in two tables; `period`: a longer period is the sum of its sub-periods. */
  kind?: ConstraintKind;
  /** For sums (`margin`, `period`): the cell that is the sum of the others (the one with coefficient +1). */
  total?: string;
}

/** All cells of a release (and of the earlier releases it shares figures with) and their constraints. */
export interface CellSystem {
  cells: Cell[];
  constraints: Constraint[];
}

/** A feasibility interval (秘匿インターバル): the least and greatest value a suppressed cell can take. `hi` is `Infinity` when unbounded. */
export interface Interval {
  lo: number;
  hi: number;
}

/** Why a cell is suppressed. */
export type SuppressionReason =
  /** A count from 1 to k−1 (or frozen as primary by an earlier release). */
  | { status: 'primary'; rule: 'small-count' | 'frozen' }
  /** A complement: hidden so that the cells in `protects` cannot be derived (or frozen as secondary). */
  | { status: 'secondary'; rule: 'complement' | 'frozen'; protects: string[] };

/** Information loss of a suppression pattern. */
export interface SuppressionStats {
  /** Cells in the system. */
  cells: number;
  primary: number;
  secondary: number;
  /** Sum of the true values of every suppressed cell (the count an observer loses). */
  suppressedCount: number;
}

export type DisclosureErrorCode =
  /** The input is not a well-formed system (unknown cell, bad value, duplicate id, …). */
  | 'invalid_input'
  /** The true values do not satisfy a constraint: tables and links disagree. */
  | 'inconsistent'
  /** Some cell cannot be protected without un-publishing a frozen figure. */
  | 'unprotectable'
  /** `timeLimitMs` ran out before the release was protected and audited. */
  | 'time_limit';

/**
 * Disclosure control refused: the release is not safe (or not well-formed) and nothing may be
 * published from it. `cells` names the offending cells. Services map it to their HTTP error.
 */
export class DisclosureError extends Error {
  constructor(
    readonly code: DisclosureErrorCode,
    message: string,
    readonly cells: string[] = [],
  ) {
    super(message);
    this.name = 'DisclosureError';
  }
}

/** Numerical slack for comparing LP results with integers. */
export const TOLERANCE = 1e-6;

/** Checks that a system is well-formed and that its true values satisfy every constraint. */
export function validateSystem(system: CellSystem): Map<string, Cell> {
  const byId = new Map<string, Cell>();
  for (const cell of system.cells) {
    if (typeof cell.id !== 'string' || cell.id === '') throw new DisclosureError('invalid_input', 'a cell has no id');
    if (byId.has(cell.id)) throw new DisclosureError('invalid_input', `cell ${cell.id} appears twice`, [cell.id]);
    if (!Number.isSafeInteger(cell.value) || cell.value < 0) {
      throw new DisclosureError('invalid_input', `cell ${cell.id}: value must be a non-negative integer`, [cell.id]);
    }
    if (!Number.isSafeInteger(cell.k) || cell.k < 1)
      throw new DisclosureError('invalid_input', `cell ${cell.id}: k must be a positive integer`, [cell.id]);
    if (!Number.isFinite(cell.protectionLevel) || cell.protectionLevel < 0) {
      throw new DisclosureError('invalid_input', `cell ${cell.id}: protectionLevel must be a non-negative number`, [cell.id]);
    }
    const frozen = cell.frozen?.status;
    if (frozen !== undefined && frozen !== 'published' && frozen !== 'primary' && frozen !== 'secondary') {
      throw new DisclosureError('invalid_input', `cell ${cell.id}: frozen.status must be published, primary or secondary`, [cell.id]);
    }
    byId.set(cell.id, cell);
  }
  system.constraints.forEach((constraint, index) => {
    if (constraint.terms.length === 0) throw new DisclosureError('invalid_input', `constraint ${index} has no terms`);
    if (constraint.rhs !== undefined && constraint.rhs !== 0)
      throw new DisclosureError('invalid_input', `constraint ${index}: rhs must be 0 (Σ coef·cell = 0)`);
    const seen = new Set<string>();
    let sum = 0;
    for (const term of constraint.terms) {
      const cell = byId.get(term.cell);
      if (!cell) throw new DisclosureError('invalid_input', `constraint ${index} names unknown cell ${term.cell}`, [term.cell]);
      if (seen.has(term.cell)) throw new DisclosureError('invalid_input', `constraint ${index} names cell ${term.cell} twice`, [term.cell]);
      if (!Number.isFinite(term.coef) || term.coef === 0) {
        throw new DisclosureError('invalid_input', `constraint ${index}: coefficient of ${term.cell} must be a non-zero number`, [
          term.cell,
        ]);
      }
      seen.add(term.cell);
      sum += term.coef * cell.value;
    }
    if (Math.abs(sum) > TOLERANCE) {
      throw new DisclosureError(
        'inconsistent',
        `constraint ${index} (${constraint.kind ?? 'other'}${constraint.total ? ` of ${constraint.total}` : ''}) does not hold for the true values (off by ${sum})`,
        constraint.terms.map((t) => t.cell),
      );
    }
  });
  return byId;
}

/** Whether a status hides the cell's number. */
export function isSuppressed(status: CellStatus | undefined): boolean {
  return status === 'primary' || status === 'secondary';
}
