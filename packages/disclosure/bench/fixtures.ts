/**
 * A synthetic fiscal year of consultations, cross-tabulated into the kind of tables the council
 * publishes: ~10 tables per monthly release (category × body, × platform, × consulter, × outcome,
 * the under-18, R05 and I02 tables with k = 20, …) and a yearly release with the same tables plus
 * body × month, linked to the twelve months. Deterministic from a seed; shared by the bench and the
 * tests.
 */
import type { Cell, CellStatus, CellSystem, Constraint } from '../src/model.ts';
import { cellId, linkFigures, linkMargins, linkPeriods, type PlacedTable, type TableInput, TOTAL, tableSystem } from '../src/tables.ts';

export const CATEGORIES = [
  'R01',
  'R02',
  'R03',
  'R04',
  'R05',
  'R06',
  'R07',
  'R08',
  'R09',
  'I01',
  'I02',
  'I03',
  'I04',
  'I05',
  'I06',
  'I07',
  'I08',
  'H01',
  'H02',
  'H03',
  'B01',
  'C01',
  'P01',
  'P02',
  'P03',
  'Z99',
];
export const BODIES = ['center', 'sia', 'hotline', 'tokyo', 'consumer'];
export const PLATFORMS = ['SNS', 'VID', 'BBS', 'MIR', 'REV', 'BLG', 'MSG', 'QA', 'SRC', 'EC', 'MAT', 'GAM', 'NWS', 'ADV', 'OTH'];
export const CONSULTERS = ['SELF', 'GRD', 'FAM', 'SCH', 'LAW', 'ORG', 'AGY', 'PRV', 'SND', 'ANO'];
export const OUTCOMES = [
  'deleted',
  'partly',
  'restricted',
  'not_deleted',
  'notified7',
  'extended',
  'disclosed',
  'rejected',
  'withdrawn',
  'out_of_scope',
  'referred',
  'no_response',
  'pending',
  'advice',
  'other',
];
export const ACTIONS = ['advice', 'self_request', 'notice', 'art25', 'disclosure', 'police', 'moj', 'houterasu'];
export const MONTHS = ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01', '02', '03'];

export interface Consultation {
  category: string;
  body: string;
  platform: string;
  consulter: string;
  outcome: string;
  action: string;
  under18: boolean;
}

/** mulberry32: a small seeded PRNG, so fixtures are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Zipf-like weights: a few common codes, a long tail of rare ones (the source of small counts). */
const zipf = (n: number, s = 1.1) => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

/** A month of consultations. */
export function monthOfConsultations(random: () => number, count: number): Consultation[] {
  const catW = zipf(CATEGORIES.length);
  return Array.from({ length: count }, () => {
    const category = pick(random, CATEGORIES, catW);
    // The division of labour: illegal information to the Hotline Center, defamation to SIA, …
    const bodyW =
      category.startsWith('I') || category.startsWith('H')
        ? [1, 2, 8, 1, 0.2]
        : category.startsWith('R')
          ? [6, 3, 0.3, 1, 0.3]
          : [4, 0.5, 0.5, 1, 3];
    return {
      category,
      body: pick(random, BODIES, bodyW),
      platform: pick(random, PLATFORMS, zipf(PLATFORMS.length, 1.3)),
      consulter: pick(random, CONSULTERS, zipf(CONSULTERS.length, 1.4)),
      outcome: pick(random, OUTCOMES, zipf(OUTCOMES.length, 0.9)),
      action: pick(random, ACTIONS, zipf(ACTIONS.length, 1.0)),
      under18: random() < 0.12,
    };
  });
}

function crossTab(
  id: string,
  cases: Consultation[],
  rows: string[],
  cols: string[],
  row: (c: Consultation) => string,
  col: (c: Consultation) => string,
  k: number,
): TableInput {
  const values = rows.map(() => cols.map(() => 0));
  for (const c of cases) values[rows.indexOf(row(c))]![cols.indexOf(col(c))]!++;
  return { id, rows, cols, values, k, margins: { rows: true, cols: true, total: true } };
}

/** The tables of one period (a month or the fiscal year). */
export function periodTables(cases: Consultation[]): TableInput[] {
  return [
    crossTab(
      'cat_body',
      cases,
      CATEGORIES,
      BODIES,
      (c) => c.category,
      (c) => c.body,
      10,
    ),
    crossTab(
      'cat_plat',
      cases,
      CATEGORIES,
      PLATFORMS,
      (c) => c.category,
      (c) => c.platform,
      10,
    ),
    crossTab(
      'cat_cons',
      cases,
      CATEGORIES,
      CONSULTERS,
      (c) => c.category,
      (c) => c.consulter,
      10,
    ),
    crossTab(
      'cat_out',
      cases,
      CATEGORIES,
      OUTCOMES,
      (c) => c.category,
      (c) => c.outcome,
      10,
    ),
    crossTab(
      'cons_body',
      cases,
      CONSULTERS,
      BODIES,
      (c) => c.consulter,
      (c) => c.body,
      10,
    ),
    crossTab(
      'plat_body',
      cases,
      PLATFORMS,
      BODIES,
      (c) => c.platform,
      (c) => c.body,
      10,
    ),
    crossTab(
      'act_body',
      cases,
      ACTIONS,
      BODIES,
      (c) => c.action,
      (c) => c.body,
      10,
    ),
    crossTab(
      'u18_cat_body',
      cases.filter((c) => c.under18),
      CATEGORIES,
      BODIES,
      (c) => c.category,
      (c) => c.body,
      20,
    ),
    crossTab(
      'r05_plat_body',
      cases.filter((c) => c.category === 'R05'),
      PLATFORMS,
      BODIES,
      (c) => c.platform,
      (c) => c.body,
      20,
    ),
    crossTab(
      'i02_plat_body',
      cases.filter((c) => c.category === 'I02'),
      PLATFORMS,
      BODIES,
      (c) => c.platform,
      (c) => c.body,
      20,
    ),
  ];
}

/** The links inside one period: the same population's margins agree across tables. */
export function periodLinks(prefix: string, tables: TableInput[]): Constraint[] {
  const has = (id: string) => tables.some((x) => x.id === id);
  const t = (id: string): PlacedTable => ({ prefix, table: tables.find((x) => x.id === id)! });
  const links: Constraint[] = [];
  for (const other of ['cat_plat', 'cat_cons', 'cat_out'])
    if (has(other)) links.push(...linkMargins({ ...t('cat_body'), along: 'rows' }, { ...t(other), along: 'rows' }));
  for (const other of ['cons_body', 'plat_body', 'act_body'])
    if (has(other)) links.push(...linkMargins({ ...t('cat_body'), along: 'cols' }, { ...t(other), along: 'cols' }));
  if (has('cat_plat') && has('plat_body'))
    links.push(...linkMargins({ ...t('cat_plat'), along: 'cols' }, { ...t('plat_body'), along: 'rows' }));
  if (has('cat_cons') && has('cons_body'))
    links.push(...linkMargins({ ...t('cat_cons'), along: 'cols' }, { ...t('cons_body'), along: 'rows' }));
  // The R05 and I02 tables are one category's cases: their margins are rows of the big tables.
  for (const [code, id] of [
    ['R05', 'r05_plat_body'],
    ['I02', 'i02_plat_body'],
  ] as const) {
    if (!has(id)) continue;
    links.push(
      ...linkFigures(
        PLATFORMS.map((p) => [
          { ...t(id), row: p, col: TOTAL },
          { ...t('cat_plat'), row: code, col: p },
        ]),
      ),
    );
    links.push(
      ...linkFigures(
        BODIES.map((b) => [
          { ...t(id), row: TOTAL, col: b },
          { ...t('cat_body'), row: code, col: b },
        ]),
      ),
    );
  }
  return links;
}

/** Tables of the coarse monthly releases: bodies by one dimension each (the year has them all). */
export const COARSE_MONTHLY = ['cat_body', 'plat_body', 'cons_body', 'act_body'];

/** A release's own system: its tables and the links between them. */
export function periodSystem(prefix: string, tables: TableInput[]): CellSystem {
  const systems = tables.map((table) => tableSystem(prefix, table));
  return {
    cells: systems.flatMap((s) => s.cells),
    constraints: [...systems.flatMap((s) => s.constraints), ...periodLinks(prefix, tables)],
  };
}

export interface FiscalYear {
  months: { prefix: string; tables: TableInput[] }[];
  year: { prefix: string; tables: TableInput[] };
}

/**
 * A fiscal year: twelve months of consultations and the yearly tables (including body × month).
 * `monthlyTables` limits what each monthly release publishes (default: every table, as the year).
 */
export function fiscalYear(seed: number, casesPerMonth = 1500, monthlyTables?: string[]): FiscalYear {
  const random = prng(seed);
  const monthsCases = MONTHS.map(() => monthOfConsultations(random, casesPerMonth));
  const months = monthsCases.map((cases, i) => ({
    prefix: `fy2025-m${MONTHS[i]}`,
    tables: periodTables(cases).filter((t) => !monthlyTables || monthlyTables.includes(t.id)),
  }));
  const all = monthsCases.flat();
  const bodyMonth: TableInput = {
    id: 'body_month',
    rows: BODIES,
    cols: MONTHS,
    values: BODIES.map((b) => monthsCases.map((cases) => cases.filter((c) => c.body === b).length)),
    k: 10,
    margins: { rows: true, cols: true, total: true },
  };
  return { months, year: { prefix: 'fy2025', tables: [...periodTables(all), bodyMonth] } };
}

/** Marks every cell of an earlier release with the status it was published under. */
export function freeze(system: CellSystem, status: Map<string, CellStatus>): Cell[] {
  return system.cells.map((c) => ({ ...c, frozen: { status: status.get(c.id) ?? 'published' } }));
}

/**
 * The yearly release's system: its tables and links, the twelve monthly releases (frozen under
 * their published statuses), "the year is the sum of the months" for every table, and body × month
 * against each month's body totals.
 */
export function yearSystem(fy: FiscalYear, monthStatus: Map<string, CellStatus>[]): CellSystem {
  const { prefix, tables } = fy.year;
  const periodTablesOnly = tables.filter((t) => t.id !== 'body_month');
  const own = periodSystem(prefix, periodTablesOnly);
  const bodyMonth = tableSystem(prefix, tables.find((t) => t.id === 'body_month')!);
  const months = fy.months.map((m, i) => {
    const sys = periodSystem(m.prefix, m.tables);
    return { cells: freeze(sys, monthStatus[i]!), constraints: sys.constraints };
  });
  const links: Constraint[] = [];
  for (const table of periodTablesOnly) {
    if (!fy.months.every((m) => m.tables.some((t) => t.id === table.id))) continue;
    links.push(
      ...linkPeriods(
        { prefix, table },
        fy.months.map((m) => ({ prefix: m.prefix, table: m.tables.find((t) => t.id === table.id)! })),
      ),
    );
  }
  const bm: PlacedTable = { prefix, table: tables.find((t) => t.id === 'body_month')! };
  const yearCatBody: PlacedTable = { prefix, table: tables.find((t) => t.id === 'cat_body')! };
  links.push(...linkMargins({ ...bm, along: 'rows' }, { ...yearCatBody, along: 'cols' }));
  fy.months.forEach((m, i) => {
    const monthCatBody: PlacedTable = { prefix: m.prefix, table: m.tables.find((t) => t.id === 'cat_body')! };
    links.push(
      ...linkFigures(
        BODIES.map((b) => [
          { ...bm, row: b, col: MONTHS[i]! },
          { ...monthCatBody, row: TOTAL, col: b },
        ]),
      ),
    );
  });
  return {
    cells: [...own.cells, ...bodyMonth.cells, ...months.flatMap((s) => s.cells)],
    constraints: [...own.constraints, ...bodyMonth.constraints, ...months.flatMap((s) => s.constraints), ...links],
  };
}

/** Every placed table of the yearly system (for manifests and the naive baseline). */
export function yearTables(fy: FiscalYear): PlacedTable[] {
  return [
    ...fy.year.tables.map((table) => ({ prefix: fy.year.prefix, table })),
    ...fy.months.flatMap((m) => m.tables.map((table) => ({ prefix: m.prefix, table }))),
  ];
}

export { cellId };
