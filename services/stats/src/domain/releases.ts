import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '@liaison/db';
import { type CalendarOptions, DomainError, errors, jstDate } from '@liaison/domain';
import { appendToOutbox, makeEvent } from '@liaison/events';
import { sql } from 'drizzle-orm';
import { outbox } from '../db/schema.ts';
import type { TableSpec } from './catalogue.ts';
import { type Label, periodLabel } from './dimensions.ts';
import {
  type AuditManifest,
  type CellStatus,
  type CellSystem,
  type Constraint,
  DisclosureError,
  type FigureRef,
  linkFigures,
  linkMargins,
  linkPeriods,
  manifest,
  mergeSystems,
  type PlacedTable,
  protect,
  protectMeasures,
  TOTAL,
  type TableInput,
  tableSystem,
} from './disclosure.ts';
import { RELEASE_LOCK } from './facts.ts';
import { loadProjections } from './projections.ts';
import { closedPeriods, fiscalYearMonths, fiscalYearOf, type Grain, isClosed, isDue, type Period, parsePeriod } from './periods.ts';
import { medianOf, readProjections, shapeTable } from './tables.ts';
import { type LogSink, loggerFor } from '@liaison/observe';

/** A cell as observers see it: its number, or 秘匿 (suppressed) — never why, since the reason itself narrows the value. */
export interface PublishedCell {
  row: string;
  col: string;
  value: number | null;
  suppressed: boolean;
}

export interface PublishedTable {
  id: string;
  titleJa: string;
  titleEn: string;
  measure: 'count' | 'median-days';
  k: number;
  rows: Label[];
  cols: Label[];
  margins: { rows: boolean; cols: boolean; total: boolean };
  cells: PublishedCell[];
}

/** What a release says of its audit manifest up front (the manifest itself is fetched on its own). */
export interface ManifestSummary {
  format: string;
  auditMethod: string;
  cells: number;
  published: number;
  suppressed: number;
}

export interface Release {
  id: string;
  period: string;
  grain: Grain;
  fiscalYear: number;
  labelJa: string;
  labelEn: string;
  builtAt: string;
  tables: PublishedTable[];
  manifest: ManifestSummary;
}

/** What a release keeps for the next releases of its fiscal year (never shown to observers): true values and statuses. */
interface Internal {
  inputs: { spec: string; input: TableInput }[];
  status: Record<string, CellStatus>;
  auditor: AuditManifest;
}

export interface ReleaseDeps {
  db: Db;
  catalogue: TableSpec[];
  /** The member bodies (registry), labelled. */
  bodies: () => Promise<Label[]>;
  calendar?: CalendarOptions | undefined;
  now?: () => Date;
  log?: LogSink | undefined;
  /** Releases never change: read ones are kept here (by id and by period). */
  cache?: Map<string, Release>;
}

type Row = {
  id: string;
  period: string;
  grain: Grain;
  fiscal_year: number;
  built_at: string | Date;
  tables: PublishedTable[];
  manifest_summary: ManifestSummary;
  protection?: Internal;
};
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

function view(r: Row): Release {
  const label = periodLabel(r.period);
  return {
    id: r.id,
    period: r.period,
    grain: r.grain,
    fiscalYear: r.fiscal_year,
    labelJa: label.ja,
    labelEn: label.en,
    builtAt: new Date(r.built_at).toISOString(),
    tables: r.tables,
    manifest: r.manifest_summary,
  };
}

/** Releases, newest period first (without their tables). */
export async function listReleases(db: Db): Promise<Omit<Release, 'tables' | 'manifest'>[]> {
  const rows = rowsOf<Omit<Row, 'tables' | 'manifest_summary'>>(
    await db.execute(sql`select id, period, grain, fiscal_year, built_at from stats.releases order by fiscal_year desc, built_at desc`),
  );
  return rows.map((r) => {
    const label = periodLabel(r.period);
    return {
      id: r.id,
      period: r.period,
      grain: r.grain,
      fiscalYear: r.fiscal_year,
      labelJa: label.ja,
      labelEn: label.en,
      builtAt: new Date(r.built_at).toISOString(),
    };
  });
}

/** One release by id or period, or undefined. Immutable, so `cache` may keep it. */
export async function getRelease(db: Db | Tx, idOrPeriod: string, cache?: Map<string, Release>): Promise<Release | undefined> {
  const known = cache?.get(idOrPeriod);
  if (known) return known;
  const byId = /^[0-9a-f-]{36}$/i.test(idOrPeriod);
  const [row] = rowsOf<Row>(
    await db.execute(
      byId
        ? sql`select id, period, grain, fiscal_year, built_at, tables, manifest_summary from stats.releases where id = ${idOrPeriod}`
        : sql`select id, period, grain, fiscal_year, built_at, tables, manifest_summary from stats.releases where period = ${idOrPeriod}`,
    ),
  );
  if (!row) return undefined;
  const release = view(row);
  if (cache) {
    if (cache.size >= 200) cache.clear();
    cache.set(release.id, release);
    cache.set(release.period, release);
  }
  return release;
}

/** The public audit manifest of a release (every cell's value or null, every constraint, every hidden cell's interval). */
export async function getManifest(db: Db, releaseId: string): Promise<AuditManifest | undefined> {
  const [row] = rowsOf<{ manifest: AuditManifest }>(await db.execute(sql`select manifest from stats.releases where id = ${releaseId}`));
  return row?.manifest;
}

const placed = (period: string, input: TableInput): PlacedTable => ({ prefix: period, table: input });
const monthDim = (spec: TableSpec) => (spec.rows === 'month' ? 'rows' : spec.cols === 'month' ? 'cols' : undefined);
const countSpecs = (catalogue: TableSpec[], grain: Grain) => catalogue.filter((t) => t.measure === 'count' && t.grains.includes(grain));

/** The cells and constraints of one release's count tables, with margins linked between tables of one population. */
function releaseSystem(period: string, inputs: { spec: TableSpec; input: TableInput }[], frozen?: Record<string, CellStatus>): CellSystem {
  const systems = inputs.map(({ spec, input }) => withStricterCells(spec, tableSystem(period, input)));
  const system = mergeSystems(...systems);
  if (frozen) for (const cell of system.cells) cell.frozen = { status: frozen[cell.id] ?? 'published' };
  const links: Constraint[] = [];
  // "Same population, same margin": tables of one kind and filter share their totals along a common dimension.
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) {
      const a = inputs[i]!;
      const b = inputs[j]!;
      if (a.spec.kind !== b.spec.kind || JSON.stringify(a.spec.filter ?? {}) !== JSON.stringify(b.spec.filter ?? {})) continue;
      const axes = (s: TableSpec) =>
        [
          ['rows', s.rows],
          ['cols', s.cols],
        ].filter(([, d]) => d) as ['rows' | 'cols', string][];
      for (const [alongA, dim] of axes(a.spec)) {
        const match = axes(b.spec).find(([, d]) => d === dim);
        if (match)
          links.push(...linkMargins({ ...placed(period, a.input), along: alongA }, { ...placed(period, b.input), along: match[0] }));
      }
      links.push(...linkMargins({ ...placed(period, a.input), along: 'total' }, { ...placed(period, b.input), along: 'total' }));
    }
  }
  return { cells: system.cells, constraints: [...system.constraints, ...links] };
}

/** Cells of the table's sensitive codes (e.g. R05, I02 rows) get the stricter k, and a protection level as wide. */
function withStricterCells(spec: TableSpec, system: CellSystem): CellSystem {
  const stricter = spec.stricter;
  if (!stricter) return system;
  const rowCodes = new Set(stricter.codes[spec.rows] ?? []);
  const colCodes = new Set(spec.cols ? (stricter.codes[spec.cols] ?? []) : []);
  for (const cell of system.cells) {
    const [row, col] = cell.id.split('/').slice(-2) as [string, string];
    if (rowCodes.has(row) || colCodes.has(col)) {
      cell.k = Math.max(cell.k, stricter.k);
      cell.protectionLevel = Math.max(cell.protectionLevel, stricter.k);
    }
  }
  return system;
}

/**
 * "A longer period is the sum of its sub-periods": each table of `whole` linked to the same table
 * in the releases of its months (or, for tables not published monthly, its quarters).
 */
function periodLinks(
  whole: { period: Period; inputs: { spec: TableSpec; input: TableInput }[] },
  parts: Map<string, { period: Period; inputs: { spec: TableSpec; input: TableInput }[] }>,
): Constraint[] {
  const out: Constraint[] = [];
  for (const { spec, input } of whole.inputs) {
    // A quarter is the sum of its months; a year of its months, or of its quarters for tables not published monthly.
    const grain: Grain | undefined =
      whole.period.grain === 'quarter'
        ? 'month'
        : spec.grains.includes('month')
          ? 'month'
          : spec.grains.includes('quarter')
            ? 'quarter'
            : undefined;
    if (!grain || !spec.grains.includes(grain)) continue;
    const subPeriods = [...parts.values()].filter(
      (p) => p.period.grain === grain && p.period.months.every((m) => whole.period.months.includes(m)),
    );
    const subTables = subPeriods
      .map((p) => ({ period: p.period, input: p.inputs.find((x) => x.spec.id === spec.id)?.input }))
      .filter((x): x is { period: Period; input: TableInput } => !!x.input);
    if (subTables.length === 0) continue;
    const axis = monthDim(spec);
    if (!axis) {
      out.push(
        ...linkPeriods(
          placed(whole.period.id, input),
          subTables.map((s) => placed(s.period.id, s.input)),
        ),
      );
      continue;
    }
    // A month dimension: the whole's (key, month) figure is the part's own (key, month) figure.
    const pairs: [FigureRef, FigureRef][] = [];
    const others = axis === 'rows' ? input.cols : input.rows;
    for (const s of subTables) {
      for (const month of s.period.months) {
        for (const other of [...others, TOTAL]) {
          const [row, col] = axis === 'rows' ? [month, other] : [other, month];
          const inPart = (axis === 'rows' ? s.input.rows : s.input.cols).includes(month);
          if (!inPart) continue;
          if (other === TOTAL && !(axis === 'rows' ? input.margins.rows : input.margins.cols)) continue;
          pairs.push([
            { ...placed(whole.period.id, input), row, col },
            { ...placed(s.period.id, s.input), row, col },
          ]);
        }
      }
    }
    out.push(...linkFigures(pairs));
  }
  return out;
}

function toPublished(
  spec: TableSpec,
  rows: Label[],
  cols: Label[],
  cell: (r: string, c: string) => { value: number | null; suppressed: boolean } | undefined,
): PublishedTable {
  const cells: PublishedCell[] = [];
  const rowKeys = [...rows.map((r) => r.code), ...(spec.margins.cols || spec.margins.total ? [TOTAL] : [])];
  const colKeys = [...cols.map((c) => c.code), ...(spec.margins.rows || spec.margins.total ? [TOTAL] : [])];
  for (const r of rowKeys) {
    for (const c of colKeys) {
      const v = cell(r, c);
      if (v) cells.push({ row: r, col: c, ...v });
    }
  }
  return {
    id: spec.id,
    titleJa: spec.titleJa,
    titleEn: spec.titleEn,
    measure: spec.measure,
    k: spec.k,
    rows,
    cols,
    margins: spec.margins,
    cells,
  };
}

/** The earlier releases of the same fiscal year a new release must stay consistent with. */
async function earlierReleases(tx: Tx, catalogue: TableSpec[], period: Period) {
  if (period.grain === 'month')
    return new Map<string, { period: Period; inputs: { spec: TableSpec; input: TableInput }[]; status: Record<string, CellStatus> }>();
  const rows = rowsOf<{ period: string; protection: Internal }>(
    await tx.execute(
      sql`select period, protection from stats.releases where fiscal_year = ${period.fiscalYear} and period <> ${period.id}`,
    ),
  );
  const byId = new Map(catalogue.map((s) => [s.id, s]));
  const out = new Map<string, { period: Period; inputs: { spec: TableSpec; input: TableInput }[]; status: Record<string, CellStatus> }>();
  for (const r of rows) {
    const p = parsePeriod(r.period)!;
    // Only the sub-periods of this one take part (a quarter is linked to its months, a year to all).
    if (!p.months.every((m) => period.months.includes(m)) || p.grain === period.grain) continue;
    const inputs = r.protection.inputs.flatMap((x) => (byId.has(x.spec) ? [{ spec: byId.get(x.spec)!, input: x.input }] : []));
    out.set(r.period, { period: p, inputs, status: r.protection.status });
  }
  return out;
}

/**
 * Builds and stores the release of a closed period: reads every published table of its grain from
 * the rollups, runs disclosure control over them together with the earlier releases of the fiscal
 * year (frozen, so differencing recovers nothing), stores the immutable snapshot with its manifest,
 * and announces it (`stats.release_published`). Refused when the period is open, when it is
 * released already, when its sub-periods are not, or when protection fails.
 */
export async function buildRelease(deps: ReleaseDeps, input: { period: string; requestedBy?: string | null }): Promise<Release> {
  const period = parsePeriod(input.period);
  if (!period)
    throw errors.validation([
      { field: 'period', problem: 'must be a month (2026-10), a fiscal quarter (2026Q3) or a fiscal year (FY2026)' },
    ]);
  const today = jstDate((deps.now ?? (() => new Date()))());
  if (!isClosed(period, today))
    throw errors.conflict(`period ${period.id} has not closed yet (a release is a snapshot of a closed period)`, { period: period.id });
  const bodies = await deps.bodies();
  return deps.db.transaction(async (tx) => {
    // Exclusive against the consumers: no fact lands in a month between reading it and marking it released.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${RELEASE_LOCK}))`);
    if (rowsOf(await tx.execute(sql`select 1 from stats.releases where period = ${period.id}`)).length > 0) {
      throw errors.conflict(`period ${period.id} is released already; a published release never changes`, { period: period.id });
    }
    if (period.grain !== 'month') {
      const released = new Set(
        rowsOf<{ month: string }>(await tx.execute(sql`select month from stats.released_months`)).map((r) => r.month),
      );
      const missing = period.months.filter((m) => !released.has(m));
      if (missing.length > 0)
        throw errors.conflict(`the months of ${period.id} must be released first (missing: ${missing.join(', ')})`, { missing });
    }
    // Every table is read from its projection: one missing would publish zeros, so refuse instead.
    const projected = new Set((await loadProjections(tx)).map((p) => p.tableId));
    const unprojected = deps.catalogue.filter((s) => !projected.has(s.id)).map((s) => s.id);
    if (unprojected.length > 0)
      throw new Error(`statistics tables without a projection (start the stats service to build them): ${unprojected.join(', ')}`);
    const id = randomUUID();
    if (period.grain === 'month') await tx.execute(sql`insert into stats.released_months (month, release_id) values (${period.id}, ${id})`);

    const specs = countSpecs(deps.catalogue, period.grain);
    const ofGrain = deps.catalogue.filter((s) => s.grains.includes(period.grain));
    const found = await readProjections(tx, ofGrain, period.id);
    const figures = ofGrain.map((spec) => ({ spec, fig: shapeTable(spec, found.get(spec.id) ?? [], period.months, { bodies }) }));
    const inputs = figures
      .filter(({ spec }) => specs.includes(spec))
      .map(({ spec, fig }) => ({
        spec,
        labels: fig,
        input: {
          id: spec.id,
          rows: fig.rows.map((r) => r.code),
          cols: fig.cols.map((c) => c.code),
          values: fig.values,
          k: spec.k,
          ...(spec.protectionLevel ? { protectionLevel: spec.protectionLevel } : {}),
          margins: spec.margins,
        } as TableInput,
      }));
    const earlier = await earlierReleases(tx, deps.catalogue, period);
    const own = releaseSystem(period.id, inputs);
    const frozen = [...earlier.values()].map((e) => releaseSystem(e.period.id, e.inputs, e.status));
    const links = [
      ...periodLinks({ period, inputs }, earlier),
      // Quarters inside a year are linked to their months too, as when they were built.
      ...[...earlier.values()].filter((e) => e.period.grain === 'quarter').flatMap((q) => periodLinks(q, earlier)),
    ];
    const system = mergeSystems(own, ...frozen, { cells: [], constraints: links });
    let protection: Awaited<ReturnType<typeof protect>>;
    try {
      protection = await protect(system);
    } catch (err) {
      if (err instanceof DisclosureError) {
        throw new DomainError(
          'UNPROTECTABLE',
          'unprocessable',
          `release ${period.id} refused: disclosure control failed (${err.code}: ${err.message})`,
          { cells: err.cells.slice(0, 20) },
        );
      }
      throw err;
    }
    // Medians over fewer than k cases are suppressed like small counts.
    const measureInputs = figures
      .filter(({ spec }) => spec.measure === 'median-days')
      .flatMap(({ spec, fig }) => [
        ...fig.rows.flatMap((r) =>
          fig.cols.map((c) => ({ spec, key: `${r.code}/${c.code}`, ...medianOf(fig.histograms?.cells.get(`${r.code}/${c.code}`)) })),
        ),
        ...(spec.margins.cols
          ? fig.cols.map((c) => ({ spec, key: `${TOTAL}/${c.code}`, ...medianOf(fig.histograms?.cols.get(c.code)) }))
          : []),
      ])
      .map((m) => ({ id: `${period.id}/${m.spec.id}/${m.key}`, value: m.median, n: m.n, k: m.spec.k }));
    const measures = protectMeasures(measureInputs);
    const measureById = new Map(measures.map((m) => [m.id, m]));
    const cellById = new Map(system.cells.map((c) => [c.id, c]));
    const tables = figures.map(({ spec, fig }) =>
      toPublished(spec, fig.rows, fig.cols, (r, c) => {
        const cid = `${period.id}/${spec.id}/${r}/${c}`;
        if (spec.measure === 'median-days') {
          const m = measureById.get(cid);
          return m ? { value: m.value, suppressed: m.value === null } : undefined;
        }
        const s = protection.status.get(cid);
        if (!s) return undefined;
        const cell = cellById.get(cid)!;
        return s === 'published' ? { value: cell.value, suppressed: false } : { value: null, suppressed: true };
      }),
    );
    const placedTables = inputs.map((x) => placed(period.id, x.input));
    const publicManifest = manifest({ system, protection, audience: 'public', tables: placedTables, release: period.id, measures });
    const auditor = manifest({ system, protection, audience: 'auditor', tables: placedTables, release: period.id, measures });
    const status: Record<string, CellStatus> = {};
    for (const cell of own.cells) status[cell.id] = protection.status.get(cell.id) ?? 'published';
    const internal: Internal = { inputs: inputs.map((x) => ({ spec: x.spec.id, input: x.input })), status, auditor };
    const builtAt = new Date();
    const summary: ManifestSummary = { format: publicManifest.format, auditMethod: publicManifest.audit.method, ...publicManifest.summary };
    await tx.execute(sql`
      insert into stats.releases (id, period, grain, fiscal_year, built_at, requested_by, tables, manifest, manifest_summary, protection)
      values (${id}, ${period.id}, ${period.grain}, ${period.fiscalYear}, ${builtAt}, ${input.requestedBy ?? null}, ${JSON.stringify(tables)}::jsonb, ${JSON.stringify(publicManifest)}::jsonb, ${JSON.stringify(summary)}::jsonb, ${JSON.stringify(internal)}::jsonb)`);
    const suppressedCells = tables.reduce((n, t) => n + t.cells.filter((c) => c.suppressed).length, 0);
    await appendToOutbox(tx, outbox, [
      makeEvent({
        type: 'jp.liaison.stats.release_published.v1',
        source: '/agencies/center',
        subject: id,
        time: builtAt,
        data: {
          releaseId: id,
          period: period.id,
          grain: period.grain,
          tables: tables.map((t) => t.id),
          suppressedCells,
          publishedAt: builtAt.toISOString(),
        },
      }),
    ]);
    loggerFor(deps.log, 'stats').info({ period: period.id, tables: tables.length, suppressedCells }, 'statistics release published');
    return view({
      id,
      period: period.id,
      grain: period.grain,
      fiscal_year: period.fiscalYear,
      built_at: builtAt,
      tables,
      manifest_summary: summary,
    });
  });
}

/**
 * On demand (the secretariat): releases a closed period, building the releases of its months
 * (and, for a fiscal year, its quarters) first when they are missing.
 */
export async function requestRelease(deps: ReleaseDeps, input: { period: string; requestedBy: string }): Promise<Release> {
  const period = parsePeriod(input.period);
  if (!period)
    throw errors.validation([
      { field: 'period', problem: 'must be a month (2026-10), a fiscal quarter (2026Q3) or a fiscal year (FY2026)' },
    ]);
  if (period.grain !== 'month') {
    const today = jstDate((deps.now ?? (() => new Date()))());
    if (!isClosed(period, today))
      throw errors.conflict(`period ${period.id} has not closed yet (a release is a snapshot of a closed period)`, { period: period.id });
    const quarters = period.grain === 'fiscal-year' ? [1, 2, 3, 4].map((q) => `${period.fiscalYear}Q${q}`) : [];
    const subs = [...period.months, ...quarters];
    for (const sub of subs)
      if (!(await getRelease(deps.db, sub))) await buildRelease(deps, { period: sub, requestedBy: input.requestedBy });
  }
  return buildRelease(deps, input);
}

/**
 * The release job: every closed period (from the first month with facts) whose release is due —
 * `businessDays` business days after it closed — and not yet built, months before their quarters
 * and years. Returns the periods it released.
 */
export async function runReleaseJob(
  deps: ReleaseDeps,
  options: {
    businessDays: number /** Asked before each period: a stopping process ends the pass there (the next pass builds the rest). */;
    shouldStop?: () => boolean;
  },
): Promise<string[]> {
  const [first] = rowsOf<{ month: string | null }>(
    await deps.db.execute(
      sql`select least((select min(month) from stats.r_consultation), (select min(month) from stats.r_referral), (select min(month) from stats.r_action_outcome)) as month`,
    ),
  );
  if (!first?.month) return [];
  const today = jstDate((deps.now ?? (() => new Date()))());
  const done = new Set(rowsOf<{ period: string }>(await deps.db.execute(sql`select period from stats.releases`)).map((r) => r.period));
  const built: string[] = [];
  // From the start of that fiscal year: its quarters and the year need every month released.
  for (const period of closedPeriods(fiscalYearMonths(fiscalYearOf(first.month))[0]!, today)) {
    if (done.has(period.id) || !isDue(period, today, options.businessDays, deps.calendar)) continue;
    if (options.shouldStop?.()) break;
    // A quarter or year waits for all its months (its first months may predate the data: release them too).
    await buildRelease(deps, { period: period.id, requestedBy: null });
    built.push(period.id);
    done.add(period.id);
  }
  return built;
}
