import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditIntervals,
  type Cell,
  type CellStatus,
  type CellSystem,
  type Interval,
  isPrimary,
  linkMargins,
  linkPeriods,
  manifest,
  type Protection,
  protect,
  type TableInput,
  tableSystem,
  verifyManifest,
} from '../src/index.ts';
import { integerIntervals } from './brute-force.ts';

/** Counts skewed to small numbers, so that many cells are primary. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 5, max: 30 }));
const margins = fc.record({ rows: fc.boolean(), cols: fc.boolean(), total: fc.boolean() });

function keys(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

const smallTable = (id: string, maxRows: number, maxCols: number) =>
  fc
    .record({
      nRows: fc.integer({ min: 1, max: maxRows }),
      nCols: fc.integer({ min: 1, max: maxCols }),
      k: fc.integer({ min: 2, max: 6 }),
      margins,
      seed: fc.array(count, { minLength: maxRows * maxCols, maxLength: maxRows * maxCols }),
      level: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    })
    .map(
      ({ nRows, nCols, k, margins, seed, level }): TableInput => ({
        id,
        rows: keys('r', nRows),
        cols: keys('c', nCols),
        values: keys('r', nRows).map((_, i) => keys('c', nCols).map((_, j) => seed[i * maxCols + j]!)),
        k,
        ...(level !== undefined ? { protectionLevel: level } : {}),
        margins,
      }),
    );

/** What every protection must satisfy, checked against an independent audit call. */
async function expectSafe(system: CellSystem, protection: Protection): Promise<Map<string, Interval>> {
  const byId = new Map(system.cells.map((c) => [c.id, c]));
  for (const cell of system.cells) {
    const status = protection.status.get(cell.id)!;
    if (cell.frozen) expect(status).toBe(cell.frozen.status);
    // No observer-visible count from 1 to k−1 among the release's own cells.
    else if (status === 'published') expect(isPrimary(cell.value, cell.k)).toBe(false);
    else if (isPrimary(cell.value, cell.k)) expect(status).toBe('primary');
  }
  const audit = await auditIntervals(system, protection.status);
  for (const [id, interval] of audit) {
    const cell = byId.get(id)!;
    expect(interval.hi - interval.lo, `${id} interval [${interval.lo}, ${interval.hi}]`).toBeGreaterThanOrEqual(
      cell.protectionLevel - 1e-6,
    );
    expect(interval.lo).toBeLessThanOrEqual(cell.value + 1e-6);
    expect(interval.hi).toBeGreaterThanOrEqual(cell.value - 1e-6);
    expect(protection.intervals.get(id)).toEqual(interval);
  }
  expect([...audit.keys()].sort()).toEqual([...protection.intervals.keys()].sort());
  return audit;
}

/** Brute-force integer intervals, from the public manifest: contained in the LP's. */
function expectIntegerWithin(system: CellSystem, protection: Protection, exact: boolean): void {
  const m = manifest({ system, protection, audience: 'public' });
  const integer = integerIntervals(m);
  for (const [id, lp] of protection.intervals) {
    const int = integer.get(id)!;
    // The LP relaxation can only be wider: every integer table is a real-valued one.
    expect(lp.lo).toBeLessThanOrEqual(int.lo + 1e-6);
    expect(lp.hi).toBeGreaterThanOrEqual(int.hi - 1e-6);
    if (exact) expect(int, id).toEqual({ lo: lp.lo, hi: lp.hi });
  }
}

describe('random single tables with margins', () => {
  it('publish no count in 1..k−1, keep every suppressed interval at least the protection level wide, and the LP agrees with integer brute force', async () => {
    await fc.assert(
      fc.asyncProperty(smallTable('t', 4, 4), async (table) => {
        const system = tableSystem('rel', table);
        const protection = await protect(system);
        await expectSafe(system, protection);
        // A table with its margins is a network (totally unimodular) system: the LP bounds are the integer ones.
        expectIntegerWithin(system, protection, true);
        const check = await verifyManifest(manifest({ system, protection, audience: 'public' }));
        expect(check.problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: the same input gives the same pattern', async () => {
    await fc.assert(
      fc.asyncProperty(smallTable('t', 5, 5), async (table) => {
        const a = await protect(tableSystem('rel', table));
        const b = await protect(tableSystem('rel', structuredClone(table)));
        expect([...b.status]).toEqual([...a.status]);
      }),
      { numRuns: 15 },
    );
  });
});

describe('random linked pairs (two tables of one release sharing a margin)', () => {
  const pair = fc
    .record({
      a: smallTable('a', 3, 3),
      nColsB: fc.integer({ min: 1, max: 3 }),
      splits: fc.array(fc.array(fc.nat({ max: 10 }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      marginsB: margins,
    })
    .map(({ a, nColsB, splits, marginsB }) => {
      // B has A's rows with the same row totals (the same population), split over other columns.
      const values = a.values.map((row, i) => {
        const total = row.reduce((x, y) => x + y, 0);
        const weights = splits[i]!.slice(0, nColsB).map((w) => w + 1);
        const sum = weights.reduce((x, y) => x + y, 0);
        const parts = weights.map((w) => Math.floor((total * w) / sum));
        parts[0]! += total - parts.reduce((x, y) => x + y, 0);
        return parts;
      });
      const b: TableInput = { id: 'b', rows: a.rows, cols: keys('d', nColsB), values, k: a.k, margins: marginsB };
      return { a, b };
    });

  it('are protected across both tables', async () => {
    await fc.assert(
      fc.asyncProperty(pair, async ({ a, b }) => {
        const ta = tableSystem('rel', a);
        const tb = tableSystem('rel', b);
        const system: CellSystem = {
          cells: [...ta.cells, ...tb.cells],
          constraints: [
            ...ta.constraints,
            ...tb.constraints,
            ...linkMargins({ prefix: 'rel', table: a, along: 'rows' }, { prefix: 'rel', table: b, along: 'rows' }),
          ],
        };
        const protection = await protect(system);
        await expectSafe(system, protection);
        expectIntegerWithin(system, protection, false);
      }),
      { numRuns: 40 },
    );
  });
});

describe('random month / fiscal-year sequences', () => {
  const sequence = fc.record({
    months: fc.integer({ min: 2, max: 3 }),
    base: smallTable('t', 2, 3),
    more: fc.array(fc.array(count, { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 3 }),
  });

  it('keep every earlier release’s status and protect months and year together', async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async ({ months, base, more }) => {
        const monthTables: TableInput[] = Array.from({ length: months }, (_, m) => ({
          ...base,
          values: m === 0 ? base.values : base.values.map((row, i) => row.map((_, j) => more[m]![i * 3 + j]!)),
        }));
        // Each month is released (and frozen) on its own, one after the other.
        const frozen: Cell[] = [];
        const monthConstraints = [];
        for (const [m, table] of monthTables.entries()) {
          const system = tableSystem(`m${m}`, table);
          const protection = await protect(system);
          frozen.push(...system.cells.map((c) => ({ ...c, frozen: { status: protection.status.get(c.id)! as CellStatus } })));
          monthConstraints.push(...system.constraints);
        }
        const yearTable: TableInput = {
          ...base,
          values: base.values.map((row, i) => row.map((_, j) => monthTables.reduce((s, t) => s + t.values[i]![j]!, 0))),
        };
        const year = tableSystem('fy', yearTable);
        const system: CellSystem = {
          cells: [...year.cells, ...frozen],
          constraints: [
            ...year.constraints,
            ...monthConstraints,
            ...linkPeriods(
              { prefix: 'fy', table: yearTable },
              monthTables.map((table, m) => ({ prefix: `m${m}`, table })),
            ),
          ],
        };
        const protection = await protect(system);
        await expectSafe(system, protection);
        expectIntegerWithin(system, protection, false);
      }),
      { numRuns: 30 },
    );
  });
});
