import { describe, expect, it } from 'vitest';
import {
  cellId,
  DisclosureError,
  figureTerms,
  linkMargins,
  linkPeriods,
  protect,
  protectMeasures,
  type TableInput,
  tableSystem,
} from '../src/index.ts';

const t = (over: Partial<TableInput> = {}): TableInput => ({
  id: 'cat_body',
  rows: ['R01', 'R05'],
  cols: ['center', 'sia'],
  values: [
    [40, 25],
    [3, 0],
  ],
  k: 10,
  margins: { rows: true, cols: true, total: true },
  ...over,
});

describe('tables as cells and constraints', () => {
  it('builds interior cells, the margins it publishes, and total − Σ parts = 0 for each', () => {
    const { cells, constraints } = tableSystem('fy2025', t());
    expect(cells.map((c) => [c.id, c.value])).toEqual([
      ['fy2025/cat_body/R01/center', 40],
      ['fy2025/cat_body/R01/sia', 25],
      ['fy2025/cat_body/R05/center', 3],
      ['fy2025/cat_body/R05/sia', 0],
      ['fy2025/cat_body/R01/_total', 65],
      ['fy2025/cat_body/R05/_total', 3],
      ['fy2025/cat_body/_total/center', 43],
      ['fy2025/cat_body/_total/sia', 25],
      ['fy2025/cat_body/_total/_total', 68],
    ]);
    expect(cells.every((c) => c.k === 10 && c.protectionLevel === 10)).toBe(true);
    expect(constraints[0]).toEqual({
      kind: 'margin',
      total: 'fy2025/cat_body/R01/_total',
      terms: [
        { cell: 'fy2025/cat_body/R01/_total', coef: 1 },
        { cell: 'fy2025/cat_body/R01/center', coef: -1 },
        { cell: 'fy2025/cat_body/R01/sia', coef: -1 },
      ],
    });
    expect(constraints).toHaveLength(5);
    expect(tableSystem('x', t({ margins: { rows: false, cols: false, total: false } })).constraints).toEqual([]);
  });

  it('refuses malformed tables with a message naming the problem', () => {
    expect(() => tableSystem('x', t({ rows: ['R01', 'R01'] }))).toThrow(/row keys repeat/);
    expect(() => tableSystem('x', t({ rows: ['R/01', 'R05'] }))).toThrow(/without '\/'/);
    expect(() => tableSystem('x', t({ cols: ['_total', 'sia'] }))).toThrow(DisclosureError);
    expect(() => tableSystem('x', t({ values: [[1, 2]] }))).toThrow(/2 rows of 2 counts/);
    expect(() => tableSystem('x', t({ k: 0 }))).toThrow(/k must be a positive integer/);
  });

  it('links margins key by key, using the interior sum where a margin is not published', () => {
    const a = { prefix: 'r', table: t(), along: 'rows' as const };
    const b = {
      prefix: 'r',
      table: t({ id: 'cat_plat', cols: ['SNS'], values: [[65], [3]], margins: { rows: false, cols: false, total: false } }),
      along: 'rows' as const,
    };
    expect(linkMargins(a, b)).toEqual([
      {
        kind: 'link',
        terms: [
          { cell: 'r/cat_body/R01/_total', coef: 1 },
          { cell: 'r/cat_plat/R01/SNS', coef: -1 },
        ],
      },
      {
        kind: 'link',
        terms: [
          { cell: 'r/cat_body/R05/_total', coef: 1 },
          { cell: 'r/cat_plat/R05/SNS', coef: -1 },
        ],
      },
    ]);
    expect(figureTerms(b, '_total', '_total')).toEqual(['r/cat_plat/R01/SNS', 'r/cat_plat/R05/SNS']);
    expect(() => linkMargins(a, { ...b, table: { ...b.table, rows: ['R01', 'R09'] } })).toThrow(
      /only in cat_body: R05; only in cat_plat: R09/,
    );
    expect(linkMargins(a, { ...b, table: { ...b.table, rows: ['R01', 'R09'] } }, { keys: ['R01', ['R05', 'R09']] })).toHaveLength(2);
  });

  it('links a longer period to the sum of its sub-periods, cell by cell', () => {
    const year = { prefix: 'fy', table: t() };
    const months = [
      {
        prefix: 'm04',
        table: t({
          values: [
            [30, 20],
            [3, 0],
          ],
        }),
      },
      {
        prefix: 'm05',
        table: t({
          values: [
            [10, 5],
            [0, 0],
          ],
        }),
      },
    ];
    const links = linkPeriods(year, months);
    expect(links).toHaveLength(4);
    expect(links[0]).toEqual({
      kind: 'period',
      total: 'fy/cat_body/R01/center',
      terms: [
        { cell: 'fy/cat_body/R01/center', coef: 1 },
        { cell: 'm04/cat_body/R01/center', coef: -1 },
        { cell: 'm05/cat_body/R01/center', coef: -1 },
      ],
    });
    expect(() => linkPeriods(year, [{ prefix: 'm04', table: t({ cols: ['center', 'tokyo'] }) }])).toThrow(
      /does not have the rows and columns/,
    );
  });

  it('refuses a system whose figures do not add up, naming the cells', async () => {
    const system = tableSystem('r', t());
    system.cells[0]!.value = 41;
    const error = await protect(system).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisclosureError);
    expect((error as DisclosureError).code).toBe('inconsistent');
    expect((error as DisclosureError).cells).toContain(cellId('r', 'cat_body', 'R01', 'center'));
  });
});

describe('primary suppression', () => {
  it('hides 1..k−1 (margins too), shows zeros, and uses the table’s k', async () => {
    const p = await protect(tableSystem('r', t()));
    expect(p.status.get('r/cat_body/R05/center')).toBe('primary');
    expect(p.status.get('r/cat_body/R05/_total')).toBe('primary');
    expect(p.status.get('r/cat_body/R05/sia')).not.toBe('primary');
    expect(p.reasons.get('r/cat_body/R05/center')).toEqual({ status: 'primary', rule: 'small-count' });
    const strict = await protect(
      tableSystem(
        'r',
        t({
          k: 20,
          values: [
            [40, 15],
            [3, 0],
          ],
        }),
      ),
    );
    expect(strict.status.get('r/cat_body/R01/sia')).toBe('primary');
    expect(strict.stats.primary).toBeGreaterThan(p.stats.primary);
  });

  it('gives up with a time_limit error rather than block past timeLimitMs', async () => {
    const error = await protect(tableSystem('r', t()), { timeLimitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisclosureError);
    expect((error as DisclosureError).code).toBe('time_limit');
    expect((await protect(tableSystem('r', t()), { timeLimitMs: 60_000 })).stats.primary).toBeGreaterThan(0);
  });

  it('accounts for what it hides', async () => {
    const p = await protect(tableSystem('r', t()));
    const hidden = [...p.status].filter(([, s]) => s !== 'published').map(([id]) => id);
    const values = new Map(tableSystem('r', t()).cells.map((c) => [c.id, c.value]));
    expect(p.stats).toEqual({
      cells: 9,
      primary: hidden.filter((id) => p.status.get(id) === 'primary').length,
      secondary: hidden.filter((id) => p.status.get(id) === 'secondary').length,
      suppressedCount: hidden.reduce((s, id) => s + values.get(id)!, 0),
    });
  });

  it('hides medians and other measures over fewer than k cases', () => {
    expect(
      protectMeasures([
        { id: 'a', value: 3.5, n: 9, k: 10 },
        { id: 'b', value: 7, n: 10, k: 10 },
        { id: 'c', value: 1, n: 19, k: 20 },
      ]),
    ).toEqual([
      { id: 'a', value: null, status: 'primary', k: 10 },
      { id: 'b', value: 7, status: 'published', k: 10 },
      { id: 'c', value: null, status: 'primary', k: 20 },
    ]);
  });
});
