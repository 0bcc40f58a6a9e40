import type { Highs, Model } from 'highs';
import { type Cell, type CellStatus, type CellSystem, type Interval, isSuppressed, TOLERANCE, validateSystem } from './model.ts';
import { buildModel, highs, type LinearProgram } from './solver.ts';

/** The system in index form: cells by number, constraints as sparse rows, and which constraints touch each cell. */
export class SystemIndex {
  readonly cells: Cell[];
  readonly index = new Map<string, number>();
  readonly constraints: { cells: number[]; coefs: number[] }[];
  /** The constraints each cell appears in. */
  readonly cellConstraints: number[][];

  constructor(system: CellSystem) {
    this.cells = system.cells;
    for (const [i, c] of system.cells.entries()) this.index.set(c.id, i);
    this.cellConstraints = system.cells.map(() => []);
    this.constraints = system.constraints.map((constraint, k) => {
      const cells = constraint.terms.map((t) => this.index.get(t.cell)!);
      for (const c of cells) this.cellConstraints[c]!.push(k);
      return { cells, coefs: constraint.terms.map((t) => t.coef) };
    });
  }

  /**
   * Connected components of the suppressed cells: two suppressed cells are connected when a
   * constraint holds both. Published cells are constants, so they never connect anything; each
   * component is one small LP.
   */
  components(suppressed: boolean[]): number[][] {
    const parent = this.cells.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    for (const con of this.constraints) {
      let first = -1;
      for (const c of con.cells) {
        if (!suppressed[c]) continue;
        if (first < 0) first = c;
        else parent[find(c)] = find(first);
      }
    }
    const groups = new Map<number, number[]>();
    this.cells.forEach((_, i) => {
      if (!suppressed[i]) return;
      const root = find(i);
      const group = groups.get(root);
      if (group) group.push(i);
      else groups.set(root, [i]);
    });
    // Ordered by their first cell, so everything downstream is deterministic.
    return [...groups.values()];
  }

  /**
   * The LP over some cells: they are the variables (x ≥ 0); each constraint that touches them
   * becomes Σ coef·x = −Σ coef·value over the rest. For a component (all suppressed cells that
   * share constraints) the rest are published figures: the exact audit LP. For a smaller set, the
   * suppressed cells left out are held at their true values: a restriction, whose feasible tables
   * are feasible tables of the whole system too.
   */
  program(variables: number[]): LinearProgram & { constraintOfRow: number[] } {
    const column = new Map<number, number>();
    for (const [j, c] of variables.entries()) column.set(c, j);
    const touched = new Set<number>();
    for (const c of variables) for (const k of this.cellConstraints[c]!) touched.add(k);
    const rows: LinearProgram['rows'] = [];
    const constraintOfRow = [...touched].sort((a, b) => a - b);
    for (const k of constraintOfRow) {
      const con = this.constraints[k]!;
      const indices: number[] = [];
      const values: number[] = [];
      let rhs = 0;
      con.cells.forEach((c, t) => {
        const coef = con.coefs[t]!;
        const j = column.get(c);
        if (j !== undefined) {
          indices.push(j);
          values.push(coef);
        } else {
          rhs -= coef * this.cells[c]!.value;
        }
      });
      rows.push({ indices, values, lower: rhs, upper: rhs });
    }
    return {
      colCost: variables.map(() => 0),
      colLower: variables.map(() => 0),
      colUpper: variables.map(() => Number.POSITIVE_INFINITY),
      rows,
      constraintOfRow,
    };
  }
}

/** The published figures contradict the constraints: no table fits them. */
export class InfeasibleError extends Error {
  constructor(readonly cell: string) {
    super(`no table fits the published figures around ${cell}`);
    this.name = 'InfeasibleError';
  }
}

/** Rounds an LP optimum to a clean figure (integers stay integers despite floating-point noise). */
function clean(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < TOLERANCE ? r : Math.round(x * 1e6) / 1e6;
}

/**
 * For every cell, the least and greatest value it takes among the feasible tables seen so far (the
 * true table first, when known, then every LP optimum). The spread is a proven lower bound on the
 * width of the cell's interval, and it stays valid as more cells are hidden (a feasible table stays
 * feasible when a published cell becomes a variable), so protection runs keep it across rounds.
 */
export interface Spread {
  min: number[];
  max: number[];
}

/** The spread of the true table alone (cells of unknown value — NaN — have none yet). */
export function initialSpread(index: SystemIndex): Spread {
  return {
    min: index.cells.map((c) => (Number.isFinite(c.value) ? c.value : Number.POSITIVE_INFINITY)),
    max: index.cells.map((c) => (Number.isFinite(c.value) ? c.value : Number.NEGATIVE_INFINITY)),
  };
}

/**
 * Outer bounds of every variable by constraint propagation (each equality bounds each of its
 * variables by the bounds of the others, repeated). Cheap, and often tight: a bound that a seen
 * feasible table reaches is then the exact LP optimum, with no LP to solve.
 */
function propagate(program: LinearProgram): { lower: number[]; upper: number[] } {
  const n = program.colCost.length;
  const lower = [...program.colLower];
  const upper = [...program.colUpper];
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (const row of program.rows) {
      // Range of Σ a·x over the row, counting infinite ends separately.
      let minSum = 0;
      let maxSum = 0;
      let minInf = 0;
      let maxInf = 0;
      row.indices.forEach((j, t) => {
        const a = row.values[t]!;
        const lo = a > 0 ? a * lower[j]! : a * upper[j]!;
        const hi = a > 0 ? a * upper[j]! : a * lower[j]!;
        if (Number.isFinite(lo)) minSum += lo;
        else minInf++;
        if (Number.isFinite(hi)) maxSum += hi;
        else maxInf++;
      });
      row.indices.forEach((j, t) => {
        const a = row.values[t]!;
        const lo = a > 0 ? a * lower[j]! : a * upper[j]!;
        const hi = a > 0 ? a * upper[j]! : a * lower[j]!;
        // Range of the other terms.
        const restMin = Number.isFinite(lo)
          ? minInf === 0
            ? minSum - lo
            : Number.NEGATIVE_INFINITY
          : minInf === 1
            ? minSum
            : Number.NEGATIVE_INFINITY;
        const restMax = Number.isFinite(hi)
          ? maxInf === 0
            ? maxSum - hi
            : Number.POSITIVE_INFINITY
          : maxInf === 1
            ? maxSum
            : Number.POSITIVE_INFINITY;
        // a·x = rhs − rest
        const axMin = row.lower - restMax;
        const axMax = row.upper - restMin;
        const xMin = a > 0 ? axMin / a : axMax / a;
        const xMax = a > 0 ? axMax / a : axMin / a;
        if (xMin > lower[j]! + TOLERANCE) {
          lower[j] = xMin;
          changed = true;
        }
        if (xMax < upper[j]! - TOLERANCE) {
          upper[j] = xMax;
          changed = true;
        }
      });
    }
    if (!changed) break;
  }
  return { lower: lower.slice(0, n), upper: upper.slice(0, n) };
}

/** A deterministic stream of numbers in [0, 1) (mulberry32), so sweeps repeat exactly. */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One component's LP, solved for one objective after another on a kept model (warm starts). */
class ComponentSolver {
  private readonly model: Model;
  private readonly status: Highs['constants']['modelStatus'];
  private costed: number[] = [];

  constructor(
    solver: Highs,
    private readonly index: SystemIndex,
    readonly component: number[],
    readonly program: LinearProgram,
    private readonly spread: Spread,
    private readonly checkpoint: () => void = () => {},
  ) {
    this.model = buildModel(solver, program, { primal: true });
    this.status = solver.constants.modelStatus;
  }

  dispose(): void {
    this.model.dispose();
  }

  /** Records the optimum as a seen feasible table. */
  private note(): void {
    const x = this.model.getSolution().colValue;
    const { min, max } = this.spread;
    for (let j = 0; j < this.component.length; j++) {
      const c = this.component[j]!;
      const v = x[j]!;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
  }

  private setCosts(costs: Map<number, number>): void {
    for (const j of this.costed) if (!costs.has(j)) this.model.changeColCost(j, 0);
    for (const [j, w] of costs) this.model.changeColCost(j, w);
    this.costed = [...costs.keys()];
  }

  /** Minimises Σ costs·x; returns the optimum, or −∞ when unbounded. Throws InfeasibleError when nothing fits. */
  minimise(costs: Map<number, number>): number {
    this.checkpoint();
    this.setCosts(costs);
    const run = this.model.run();
    if (run.modelStatus === this.status.optimal) {
      this.note();
      return this.model.getObjectiveValue();
    }
    if (run.modelStatus === this.status.unbounded || run.modelStatus === this.status.unboundedOrInfeasible) return Number.NEGATIVE_INFINITY;
    const first = this.index.cells[this.component[0]!]!.id;
    if (run.modelStatus === this.status.infeasible) throw new InfeasibleError(first);
    throw new Error(`LP audit: the component of ${first} ended with status ${run.modelStatus}`);
  }

  /** Exact least and greatest value of the component's `j`-th cell. */
  interval(j: number): Interval {
    const cell = this.component[j]!;
    // A feasible table with the cell at 0 already proves the minimum.
    const lo = this.spread.min[cell]! <= TOLERANCE ? 0 : clean(this.minimise(new Map([[j, 1]])));
    const hi = clean(-this.minimise(new Map([[j, -1]])));
    if (hi === Number.POSITIVE_INFINITY) this.spread.max[cell] = Number.POSITIVE_INFINITY;
    return { lo, hi };
  }

  /**
   * Optimises random directions (each variable pushed up or down) while that keeps proving cells:
   * one optimum spreads many cells at once, so most never need an LP of their own.
   */
  sweep(pending: (cell: number) => boolean): void {
    const random = stream(this.component[0]! + 1);
    let left = this.component.filter(pending).length;
    for (let round = 0; round < 8 && left > 0; round++) {
      const costs = new Map<number, number>();
      for (let j = 0; j < this.component.length; j++) costs.set(j, random() < 0.5 ? -1 : 1);
      this.minimise(costs);
      const now = this.component.filter(pending).length;
      if (now >= left) break;
      left = now;
    }
  }
}

/** Below this many cells to settle, cell by cell; sweeps pay off above it. */
const SWEEP_ABOVE = 12;

/**
 * Above this many suppressed cells a component (a yearly release linked to twelve heavily
 * suppressed months: ten thousand and more) skips the random sweeps: each is a cold solve of a large
 * basis (seconds) and proves few cells there.
 */
const SWEEP_BELOW = 2500;

/**
 * Checks one component against the protection levels: returns the cells whose interval is narrower
 * than `needed` (with their exact interval). Cells whose spread already shows the width need no LP.
 */
export function narrowCells(
  solver: Highs,
  index: SystemIndex,
  component: number[],
  spread: Spread,
  needed: (cell: number) => number,
  checkpoint?: () => void,
): Map<number, Interval> {
  const narrow = new Map<number, Interval>();
  const pending = (c: number) => spread.max[c]! - spread.min[c]! < needed(c) - TOLERANCE;
  if (!component.some(pending)) return narrow;
  const lp = new ComponentSolver(solver, index, component, index.program(component), spread, checkpoint);
  try {
    // A sweep pays when many cells wait for a proof (the first round), not for the few left later.
    if (component.filter(pending).length > SWEEP_ABOVE && component.length < SWEEP_BELOW) lp.sweep(pending);
    for (const [j, cell] of component.entries()) {
      if (!pending(cell)) continue;
      const interval = lp.interval(j);
      if (interval.hi - interval.lo < needed(cell) - TOLERANCE) narrow.set(cell, interval);
    }
  } finally {
    lp.dispose();
  }
  return narrow;
}

/**
 * Exact min and max of every cell of a component. Propagated bounds that a seen feasible table
 * reaches are exact already; the LP settles the rest.
 */
export function solveComponent(
  solver: Highs,
  index: SystemIndex,
  component: number[],
  spread = initialSpread(index),
  checkpoint?: () => void,
): Map<number, Interval> {
  const program = index.program(component);
  const bounds = propagate(program);
  const result = new Map<number, Interval>();
  const settled = (j: number) => {
    const c = component[j]!;
    const lo = spread.min[c]! <= bounds.lower[j]! + TOLERANCE;
    const hi = Number.isFinite(bounds.upper[j]!) && spread.max[c]! >= bounds.upper[j]! - TOLERANCE;
    return lo && hi;
  };
  let lp: ComponentSolver | undefined;
  try {
    if (component.length > SWEEP_ABOVE && component.length < SWEEP_BELOW && !component.every((_, j) => settled(j))) {
      lp = new ComponentSolver(solver, index, component, program, spread, checkpoint);
      const position = new Map(component.map((c, j) => [c, j]));
      lp.sweep((c) => !settled(position.get(c)!));
    }
    for (let j = 0; j < component.length; j++) {
      const c = component[j]!;
      if (settled(j)) {
        result.set(c, { lo: clean(bounds.lower[j]!), hi: clean(bounds.upper[j]!) });
        continue;
      }
      lp ??= new ComponentSolver(solver, index, component, program, spread, checkpoint);
      result.set(c, lp.interval(j));
    }
  } finally {
    lp?.dispose();
  }
  return result;
}

/** The status of every cell as an array: from the map, else its frozen status, else published. */
export function statusArray(index: SystemIndex, status: Map<string, CellStatus>): CellStatus[] {
  return index.cells.map((c) => status.get(c.id) ?? c.frozen?.status ?? 'published');
}

/**
 * The LP audit: for every suppressed cell, the least and greatest value it can take given every
 * published value and every constraint of the system, with all cells ≥ 0 (the LP relaxation, as
 * τ-ARGUS audits). A cell absent from `status` has its frozen status, else is published.
 */
export async function auditIntervals(system: CellSystem, status: Map<string, CellStatus>): Promise<Map<string, Interval>> {
  validateSystem(system);
  const index = new SystemIndex(system);
  const suppressed = statusArray(index, status).map(isSuppressed);
  const solver = await highs();
  const byCell = new Map<number, Interval>();
  for (const component of index.components(suppressed)) {
    for (const [cell, interval] of solveComponent(solver, index, component)) byCell.set(cell, interval);
  }
  const intervals = new Map<string, Interval>();
  index.cells.forEach((c, i) => {
    const interval = byCell.get(i);
    if (interval) intervals.set(c.id, interval);
  });
  return intervals;
}
