import { describe, expect, it } from 'vitest';
import {
  auditIntervals,
  type Cell,
  type CellStatus,
  type CellSystem,
  cellId,
  DisclosureError,
  linkMargins,
  linkPeriods,
  mergeSystems,
  protect,
  type TableInput,
  tableSystem,
} from '../src/index.ts';

/** The suppressed cells an attacker pins down tighter than their protection level, from the published figures. */
async function recovered(system: CellSystem, status: Map<string, CellStatus>): Promise<string[]> {
  const level = new Map(system.cells.map((c) => [c.id, c.protectionLevel]));
  const intervals = await auditIntervals(system, status);
  return [...intervals].filter(([id, { lo, hi }]) => hi - lo < level.get(id)! - 1e-6).map(([id]) => id);
}

const freeze = (cells: Cell[], status: Map<string, CellStatus>): Cell[] =>
  cells.map((c) => ({ ...c, frozen: { status: status.get(c.id)! } }));

describe('two overlapping tables of one release', () => {
  // Category × body publishes only body totals; category × platform shows the R01 row in full.
  const byBody: TableInput = {
    id: 'cat_body',
    rows: ['R05', 'R01'],
    cols: ['sia'],
    values: [[3], [20]],
    k: 10,
    margins: { rows: false, cols: true, total: false },
  };
  const byPlatform: TableInput = {
    id: 'cat_plat',
    rows: ['R05', 'R01'],
    cols: ['SNS', 'BBS'],
    values: [
      [0, 3],
      [10, 10],
    ],
    k: 10,
    margins: { rows: false, cols: false, total: false },
  };
  const a = tableSystem('fy2025', byBody);
  const b = tableSystem('fy2025', byPlatform);
  // Same cases, so the category totals of both tables are the same figures.
  const links = linkMargins({ prefix: 'fy2025', table: byBody, along: 'rows' }, { prefix: 'fy2025', table: byPlatform, along: 'rows' });
  const linked = mergeSystems(a, b, { cells: [], constraints: links });
  const r05 = cellId('fy2025', 'cat_body', 'R05', 'sia');

  it('each protected alone, the second table gives away a cell of the first (the attack works)', async () => {
    const alone = new Map([...(await protect(a)).status, ...(await protect(b)).status]);
    // R05 = sia total 23 − R01 (20 = 10 + 10 from the platform table) = 3.
    expect(alone.get(r05)).toBe('primary');
    expect(await recovered(linked, alone)).toContain(r05);
  });

  it('protected together, no suppressed cell of either table can be recovered', async () => {
    const protection = await protect(linked);
    expect(protection.status.get(r05)).toBe('primary');
    expect(await recovered(linked, protection.status)).toEqual([]);
    expect(protection.intervals.get(r05)!.hi - protection.intervals.get(r05)!.lo).toBeGreaterThanOrEqual(10);
  });
});

describe('a month against its fiscal year', () => {
  const table = (values: number[]): TableInput => ({
    id: 'cat',
    rows: ['R05', 'R01'],
    cols: ['n'],
    values: values.map((v) => [v]),
    k: 10,
    margins: { rows: false, cols: true, total: false },
  });
  const april = table([3, 20]);
  const may = table([12, 15]);
  const year = table([15, 35]);
  const aprilSystem = tableSystem('m04', april);
  const maySystem = tableSystem('m05', may);
  const r05April = cellId('m04', 'cat', 'R05', 'n');

  async function releasedMonths() {
    const aprilStatus = (await protect(aprilSystem)).status;
    const mayStatus = (await protect(maySystem)).status;
    return {
      status: new Map([...aprilStatus, ...mayStatus]),
      frozen: mergeSystems(
        { cells: freeze(aprilSystem.cells, aprilStatus), constraints: aprilSystem.constraints },
        { cells: freeze(maySystem.cells, mayStatus), constraints: maySystem.constraints },
      ),
    };
  }
  const periods = linkPeriods({ prefix: 'fy', table: year }, [
    { prefix: 'm04', table: april },
    { prefix: 'm05', table: may },
  ]);

  it('protected without the link, the year gives away April’s hidden R05 count (the attack works)', async () => {
    const months = await releasedMonths();
    const yearSystem = tableSystem('fy', year);
    const yearStatus = (await protect(yearSystem)).status;
    expect(months.status.get(r05April)).toBe('primary');
    // R05 in April = year 15 − May 12 = 3.
    const all = mergeSystems(yearSystem, months.frozen, { cells: [], constraints: periods });
    expect(await recovered(all, new Map([...months.status, ...yearStatus]))).toContain(r05April);
  });

  it('protected with "the year is the sum of the months", no month or year cell can be recovered', async () => {
    const months = await releasedMonths();
    const all = mergeSystems(tableSystem('fy', year), months.frozen, { cells: [], constraints: periods });
    const protection = await protect(all);
    expect(protection.status.get(cellId('fy', 'cat', 'R05', 'n'))).not.toBe('published');
    for (const [id, status] of months.status) expect(protection.status.get(id)).toBe(status);
    expect(await recovered(all, protection.status)).toEqual([]);
  });

  it('refuses a year cell that earlier releases already give away', async () => {
    // Under-18 year table with k = 20: 15 in the year, and both months published (15 and 0).
    const strict = (values: number[], k: number): TableInput => ({ ...table(values), k });
    const m1 = strict([15, 20], 10);
    const m2 = strict([0, 30], 10);
    const y = strict([15, 50], 20);
    const s1 = tableSystem('m04', m1);
    const s2 = tableSystem('m05', m2);
    const published = (s: CellSystem) => ({
      cells: s.cells.map((c) => ({ ...c, frozen: { status: 'published' as const } })),
      constraints: s.constraints,
    });
    const all = mergeSystems(tableSystem('fy', y), published(s1), published(s2), {
      cells: [],
      constraints: linkPeriods({ prefix: 'fy', table: y }, [
        { prefix: 'm04', table: m1 },
        { prefix: 'm05', table: m2 },
      ]),
    });
    const error = await protect(all).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisclosureError);
    expect((error as DisclosureError).code).toBe('unprotectable');
    expect((error as DisclosureError).cells).toEqual([cellId('fy', 'cat', 'R05', 'n')]);
  });

  it('never hides a frozen published cell: other new cells are hidden instead', async () => {
    const months = await releasedMonths();
    const all = mergeSystems(tableSystem('fy', year), months.frozen, { cells: [], constraints: periods });
    const protection = await protect(all);
    for (const cell of months.frozen.cells) expect(protection.status.get(cell.id)).toBe(cell.frozen!.status);
    // May's R05 (12) is published and stays so; the year's own cells carry the complements.
    expect(protection.status.get(cellId('m05', 'cat', 'R05', 'n'))).toBe('published');
    expect([...protection.status].filter(([id, s]) => id.startsWith('fy/') && s === 'secondary').length).toBeGreaterThan(0);
  });
});
