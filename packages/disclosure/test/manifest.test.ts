import { describe, expect, it } from 'vitest';
import {
  type AuditManifest,
  cellId,
  manifest,
  protect,
  protectMeasures,
  type TableInput,
  tableSystem,
  verifyManifest,
} from '../src/index.ts';

const table: TableInput = {
  id: 'cat_body',
  rows: ['R01', 'R05', 'I02'],
  cols: ['center', 'sia', 'hotline'],
  values: [
    [40, 25, 12],
    [3, 18, 11],
    [0, 14, 30],
  ],
  k: 10,
  margins: { rows: true, cols: true, total: true },
};
const system = tableSystem('fy2025', table);
const placed = [{ prefix: 'fy2025', table }];
const hiddenValue = cellId('fy2025', 'cat_body', 'R05', 'center');

async function build(audience: 'public' | 'auditor'): Promise<AuditManifest> {
  const protection = await protect(system);
  const measures = protectMeasures([
    { id: 'median_days/R01', value: 4.5, n: 77, k: 10 },
    { id: 'median_days/R05', value: 2, n: 3, k: 10 },
  ]);
  // Through JSON, as it is published and as an auditor receives it.
  return JSON.parse(JSON.stringify(manifest({ system, protection, audience, tables: placed, release: 'fy2025', measures })));
}

describe('audit manifest', () => {
  it('public: hidden cells are null and just "suppressed", with their intervals; nothing says why', async () => {
    const m = await build('public');
    const cell = m.cells.find((c) => c.id === hiddenValue)!;
    expect(cell).toMatchObject({
      value: null,
      status: 'suppressed',
      table: 'fy2025/cat_body',
      row: 'R05',
      col: 'center',
      k: 10,
      frozen: false,
    });
    expect(cell.rule).toBeUndefined();
    expect((cell.interval!.hi ?? Number.POSITIVE_INFINITY) - cell.interval!.lo).toBeGreaterThanOrEqual(10);
    // The kind of suppression would tell an observer 1 ≤ x ≤ k−1 (primary) or x ∉ 1..k−1 (secondary).
    expect(m.cells.some((c) => c.status === 'primary' || c.status === 'secondary' || c.rule || c.protects)).toBe(false);
    expect(m.summary.primary).toBeUndefined();
    expect(m.constraints.filter((c) => c.kind === 'margin').map((c) => c.total)).toContain(cellId('fy2025', 'cat_body', 'R05', '_total'));
    expect(m.measures).toEqual([
      { id: 'median_days/R01', value: 4.5, status: 'published', k: 10 },
      { id: 'median_days/R05', value: null, status: 'suppressed', k: 10 },
    ]);
  });

  it('auditor: says which cells are primary and which are complements, and for which cell', async () => {
    const m = await build('auditor');
    const cell = m.cells.find((c) => c.id === hiddenValue)!;
    expect(cell).toMatchObject({ value: null, status: 'primary', rule: 'small-count' });
    const complements = m.cells.filter((c) => c.status === 'secondary');
    expect(complements.length).toBeGreaterThan(0);
    for (const c of complements) expect(c.protects!.length).toBeGreaterThan(0);
    expect(m.summary.primary).toBe(m.cells.filter((c) => c.status === 'primary').length);
  });

  it('re-checks from the manifest alone', async () => {
    for (const audience of ['public', 'auditor'] as const)
      expect(await verifyManifest(await build(audience))).toEqual({ ok: true, problems: [] });
  });

  it('finds a published small count', async () => {
    const m = await build('public');
    const cell = m.cells.find((c) => c.id === hiddenValue)!;
    Object.assign(cell, { value: 3, status: 'published' });
    const check = await verifyManifest(m);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toContain(`${hiddenValue}: published count 3 is below k = 10`);
  });

  it('finds a complement that was published after all (an interval too narrow)', async () => {
    const m = await build('auditor');
    const complement = m.cells.find((c) => c.status === 'secondary')!;
    const trueValue = table.values[table.rows.indexOf(complement.row!)]?.[table.cols.indexOf(complement.col!)];
    Object.assign(complement, { value: trueValue, status: 'published' });
    delete complement.interval;
    const check = await verifyManifest(m);
    expect(check.ok).toBe(false);
    expect(check.problems.some((p) => p.includes('narrower than'))).toBe(true);
  });

  it('finds figures that do not add up, and stated intervals that are not the published ones', async () => {
    const m = await build('public');
    // A margin whose every part is published: change one part.
    const value = new Map(m.cells.map((c) => [c.id, c]));
    const complete = m.constraints.find((c) => c.terms.every((t) => value.get(t.cell)!.value !== null))!;
    const part = value.get(complete.terms[1]!.cell)!;
    part.value = part.value! + 1;
    expect((await verifyManifest(m)).problems.some((p) => p.includes('does not add up'))).toBe(true);

    const m2 = await build('public');
    const hidden = m2.cells.find((c) => c.id === hiddenValue)!;
    hidden.interval = { lo: 0, hi: 1000 };
    expect((await verifyManifest(m2)).problems.some((p) => p.startsWith(`${hiddenValue}: manifest states interval [0, 1000]`))).toBe(true);
  });
});
