import { GraphQLError } from 'graphql';
import { builder, type GatewayContext } from '../builder.ts';
import { callService, requireActor } from './errors.ts';

interface LabelShape {
  code: string;
  ja: string;
  en: string;
}
interface CellShape {
  row: string;
  col: string;
  value: number | null;
  suppressed: boolean;
}
interface TableShape {
  id: string;
  titleJa: string;
  titleEn: string;
  measure: 'count' | 'median-days';
  k: number;
  rows: LabelShape[];
  cols: LabelShape[];
  cells: CellShape[];
}
interface ReleaseSummaryShape {
  id: string;
  period: string;
  grain: 'month' | 'quarter' | 'fiscal-year';
  fiscalYear: number;
  labelJa: string;
  labelEn: string;
  builtAt: string;
}
interface ManifestShape {
  format: string;
  auditMethod: string;
  cells: number;
  published: number;
  suppressed: number;
  /** The release it belongs to (set by the release resolver, for fetching the whole manifest). */
  releaseId?: string;
}
interface ReleaseShape extends ReleaseSummaryShape {
  tables: TableShape[];
  manifest: ManifestShape;
}
interface OwnShape {
  period: string;
  grain: ReleaseSummaryShape['grain'];
  labelJa: string;
  labelEn: string;
  body: string;
  tables: TableShape[];
}

function stats(ctx: GatewayContext) {
  if (!ctx.stats) throw new GraphQLError('statistics are not available on this gateway', { extensions: { code: 'UNAVAILABLE' } });
  return ctx.stats;
}

const Grain = builder.enumType('StatisticsGrain', {
  values: {
    month: { value: 'month', description: '月次' },
    quarter: { value: 'quarter', description: '四半期（年度: 4–6月が第1四半期）' },
    fiscal_year: { value: 'fiscal-year', description: '年度（4月–翌3月）' },
  } as const,
});

const Measure = builder.enumType('StatisticsMeasure', {
  values: { count: { value: 'count', description: '件数' }, median_days: { value: 'median-days', description: '日数の中央値' } } as const,
});

const Label = builder.objectRef<LabelShape>('StatisticsLabel').implement({
  description: 'A row or column of a table: a code with its labels, Japanese first',
  fields: (t) => ({ code: t.exposeString('code'), labelJa: t.exposeString('ja'), labelEn: t.exposeString('en') }),
});

const Suppression = builder.objectRef<{ reason: 'confidential' }>('Suppression').implement({
  description:
    '秘匿: the value is not published — a count from 1 to k−1, or a cell hidden so that such a count cannot be derived from the margins, other tables or earlier releases. Which of the two is not said: that would narrow the value.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Always confidential (秘匿) for observers' }),
    labelJa: t.string({ resolve: () => '秘匿' }),
    labelEn: t.string({ resolve: () => 'Suppressed (disclosure control)' }),
  }),
});

const Cell = builder.objectRef<CellShape>('StatisticsCell').implement({
  description: 'One figure: its value, or 秘匿 (suppressed). Margins have row or col = _total.',
  fields: (t) => ({
    row: t.exposeString('row', { description: 'Row code (_total: the column total)' }),
    col: t.exposeString('col', { description: 'Column code (_total: the row total)' }),
    value: t.int({ nullable: true, description: 'The count or median days; null when suppressed', resolve: (c) => c.value }),
    suppressed: t.field({
      type: Suppression,
      nullable: true,
      resolve: (c) => (c.suppressed || c.value === null ? { reason: 'confidential' as const } : null),
    }),
  }),
});

const Table = builder.objectRef<TableShape>('StatisticsTable').implement({
  description: 'A published table: rows × columns of counts (or medians) with their margins',
  fields: (t) => ({
    id: t.exposeID('id'),
    titleJa: t.exposeString('titleJa'),
    titleEn: t.exposeString('titleEn'),
    measure: t.field({ type: Measure, resolve: (x) => x.measure }),
    k: t.exposeInt('k', { description: 'Threshold: no count from 1 to k−1 is ever published' }),
    rows: t.field({ type: [Label], resolve: (x) => x.rows }),
    cols: t.field({ type: [Label], resolve: (x) => x.cols }),
    cells: t.field({ type: [Cell], resolve: (x) => x.cells }),
  }),
});

const Manifest = builder.objectRef<ManifestShape>('StatisticsManifest').implement({
  description:
    'The audit manifest of a release: every cell (value or null), every constraint and the feasibility interval of each suppressed cell, so anyone can re-check it from the published numbers alone',
  fields: (t) => ({
    format: t.exposeString('format'),
    auditMethod: t.exposeString('auditMethod'),
    cells: t.exposeInt('cells'),
    published: t.exposeInt('published'),
    suppressed: t.exposeInt('suppressed'),
    json: t.string({
      description: 'The whole manifest (machine-readable JSON), fetched only when asked for',
      resolve: async (m, _args, ctx) => {
        const caller = requireActor(ctx);
        return JSON.stringify(await callService<unknown>(ctx, stats(ctx), caller, `/v1/stats/releases/${m.releaseId}/manifest`));
      },
    }),
  }),
});

const ReleaseSummary = builder.objectRef<ReleaseSummaryShape>('StatisticsReleaseSummary').implement({
  description: 'A statistics release: an immutable snapshot of a closed period / 統計の公表',
  fields: (t) => releaseSummaryFields(t),
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The fields a release and its summary share. */
function releaseSummaryFields<R extends ReleaseSummaryShape>(t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, R>) {
  return {
    id: t.id({ resolve: (r) => r.id }),
    period: t.string({ description: '2026-10, 2026Q3 (fiscal) or FY2026', resolve: (r) => r.period }),
    grain: t.field({ type: Grain, resolve: (r) => r.grain }),
    fiscalYear: t.int({ resolve: (r) => r.fiscalYear }),
    labelJa: t.string({ resolve: (r) => r.labelJa }),
    labelEn: t.string({ resolve: (r) => r.labelEn }),
    builtAt: t.field({ type: 'DateTime', resolve: (r) => r.builtAt }),
  };
}

const Release = builder.objectRef<ReleaseShape>('StatisticsRelease').implement({
  description: 'A statistics release with its tables and audit manifest. A published number never changes.',
  fields: (t) => ({
    ...releaseSummaryFields(t),
    tables: t.field({ type: [Table], resolve: (r) => r.tables }),
    manifest: t.field({ type: Manifest, resolve: (r) => ({ ...r.manifest, releaseId: r.id }) }),
  }),
});

const Own = builder.objectRef<OwnShape>('OwnBodyStatistics').implement({
  description:
    "Your body's own statistics, live and exact (速報・実数): only your body's consultations and the referrals it sent or received",
  fields: (t) => ({
    period: t.exposeString('period'),
    grain: t.field({ type: Grain, resolve: (r) => r.grain }),
    labelJa: t.exposeString('labelJa'),
    labelEn: t.exposeString('labelEn'),
    body: t.exposeString('body'),
    tables: t.field({ type: [Table], resolve: (r) => r.tables }),
  }),
});

builder.queryFields((t) => ({
  statisticsReleases: t.field({
    description: 'Statistics releases, newest first / 統計の公表一覧',
    type: [ReleaseSummary],
    authScopes: { releaseReader: true },
    resolve: async (_root, _args, ctx) => {
      const caller = requireActor(ctx);
      return (await callService<{ items: ReleaseSummaryShape[] }>(ctx, stats(ctx), caller, '/v1/stats/releases')).items;
    },
  }),
  statisticsRelease: t.field({
    description: 'One release by id or period (e.g. FY2025); every read is logged / 統計の公表',
    type: Release,
    authScopes: { releaseReader: true },
    args: {
      id: t.arg.id({ required: true, description: 'Release id, or a period: 2026-10, 2026Q3, FY2026' }),
      table: t.arg.string({ required: false, description: 'Only this table (e.g. category-by-body)' }),
    },
    resolve: async (_root, args, ctx) => {
      const caller = requireActor(ctx);
      const query = args.table ? `?table=${encodeURIComponent(args.table)}` : '';
      return callService<ReleaseShape>(ctx, stats(ctx), caller, `/v1/stats/releases/${encodeURIComponent(String(args.id))}${query}`);
    },
  }),
  myBodyStatistics: t.field({
    description: "Your body's exact live statistics for a period (open periods too) / 自機関の統計",
    type: Own,
    authScopes: { memberStatistics: true },
    args: { period: t.arg.string({ required: true, description: '2026-11, 2026Q3 or FY2026' }) },
    resolve: async (_root, args, ctx) => {
      const caller = requireActor(ctx);
      return callService<OwnShape>(ctx, stats(ctx), caller, `/v1/stats/own?period=${encodeURIComponent(args.period)}`);
    },
  }),
}));
