import highsImport, { type Highs, type Model } from 'highs';

type Loader = typeof import('highs')['default'];
// The package's types are CommonJS-flavoured (the loader typed as the module's `default`), while
// Node's and Vite's `import` condition give the ES build, whose default export is the loader itself.
const imported = highsImport as unknown as Loader | { default: Loader };
const loadHighs: Loader = typeof imported === 'function' ? imported : imported.default;

/**
 * HiGHS (the Edinburgh LP/MIP solver) compiled to WebAssembly, loaded once per process on first use
 * and reused: loading compiles the Wasm module (tens of ms), a solve of our small LPs takes well under
 * a millisecond. Nothing is loaded at import time.
 */
let loading: Promise<Highs> | undefined;

/** The shared solver instance (loads HiGHS on first call). */
export function highs(): Promise<Highs> {
  loading ??= loadHighs();
  return loading;
}

/** A linear programme in sparse row form: minimise Σ cost·x subject to lower ≤ row·x ≤ upper and bounds on x. */
export interface LinearProgram {
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rows: { indices: number[]; values: number[]; lower: number; upper: number }[];
}

/**
 * Builds a persistent HiGHS model (the caller disposes it). Presolve is off unless asked for, so
 * that re-solving after a cost change starts from the previous optimal basis.
 */
export function buildModel(solver: Highs, lp: LinearProgram, options: { presolve?: boolean; primal?: boolean } = {}): Model {
  const numCols = lp.colCost.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of lp.rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }
  const model = solver.createModel({
    numCols,
    numRows: lp.rows.length,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rows.map((r) => r.lower),
    rowUpper: lp.rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: lp.rows.length, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, presolve: options.presolve ? 'on' : 'off' });
    // After a change of objective the previous optimum is still feasible: primal simplex goes on
    // from it in a few pivots, where the default dual simplex starts over (measured: ~3 pivots a
    // solve instead of ~180 on an 800-cell component).
    if (options.primal) model.options.set({ simplex_strategy: 4 });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
