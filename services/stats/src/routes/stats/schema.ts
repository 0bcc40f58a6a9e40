import { z } from '@hono/zod-openapi';

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');

export const PeriodId = z
  .string()
  .regex(
    /^([0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$/,
    'must be a month (2026-10), a fiscal quarter (2026Q3) or a fiscal year (FY2026)',
  )
  .openapi({ example: '2026-10', description: 'Month (JST), fiscal quarter (Q1 = April–June) or fiscal year (April–March)' });

export const ReleaseIdParam = z.object({
  id: z
    .string()
    .regex(
      /^([0-9a-f-]{36}|[0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$/i,
      'must be a release id or a period such as 2026-10, 2026Q3, FY2026',
    )
    .openapi({ param: { name: 'id', in: 'path' }, example: 'FY2025' }),
});

export const ReleaseQuery = z.object({
  table: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/, 'must be a table id such as category-by-body')
    .optional()
    .openapi({ description: 'Only this table (the read is logged with it)' }),
});

export const OwnQuery = z.object({ period: PeriodId });

export const RequestReleaseBody = z.strictObject({ period: PeriodId }).openapi('RequestRelease');

const Label = z.object({ code: z.string(), ja: z.string(), en: z.string() }).openapi('StatisticsLabel');

const Cell = z
  .object({
    row: z.string().openapi({ description: 'Row code; _total for a margin' }),
    col: z.string().openapi({ description: 'Column code; _total for a margin' }),
    value: z.number().int().nullable().openapi({ description: 'The count (or median days); null when suppressed (秘匿)' }),
    suppressed: z.boolean(),
  })
  .openapi('StatisticsCell');

export const Table = z
  .object({
    id: z.string(),
    titleJa: z.string(),
    titleEn: z.string(),
    measure: z.enum(['count', 'median-days']),
    k: z.number().int(),
    rows: z.array(Label),
    cols: z.array(Label),
    margins: z.object({ rows: z.boolean(), cols: z.boolean(), total: z.boolean() }),
    cells: z.array(Cell),
  })
  .openapi('StatisticsTable');

const ReleaseFields = {
  id: z.string().uuid(),
  period: z.string(),
  grain: z.enum(['month', 'quarter', 'fiscal-year']),
  fiscalYear: z.number().int(),
  labelJa: z.string(),
  labelEn: z.string(),
  builtAt: z.string(),
};

export const ReleaseSummary = z.object(ReleaseFields).openapi('StatisticsReleaseSummary');
export const Release = z
  .object({
    ...ReleaseFields,
    tables: z.array(Table),
    manifest: z
      .object({
        format: z.string(),
        auditMethod: z.string(),
        cells: z.number().int(),
        published: z.number().int(),
        suppressed: z.number().int(),
      })
      .openapi({ description: 'The audit manifest in brief; the whole manifest at /v1/stats/releases/{id}/manifest' }),
  })
  .openapi('StatisticsRelease');

export const OwnStatistics = z
  .object({
    period: z.string(),
    grain: z.enum(['month', 'quarter', 'fiscal-year']),
    labelJa: z.string(),
    labelEn: z.string(),
    body: z.string(),
    live: z.literal(true),
    tables: z.array(Table),
  })
  .openapi('OwnBodyStatistics');
