// Examples for the OpenAPI document: one per request body and success answer, each checked against
// its schema by the platform's contract test. A small monthly release of one table, with a margin
// and a suppressed (秘匿) cell.

const releaseId = '5b1d2c3e-8f9a-4b7c-9d6e-1a2b3c4d5e6f';

const table = {
  id: 'referral-flows',
  titleJa: '機関間の照会（送付元 × 送付先）',
  titleEn: 'Referral flows (sender × recipient)',
  measure: 'count',
  k: 10,
  rows: [
    { code: 'center', ja: '違法・有害情報相談センター', en: 'Illegal and Harmful Information Consultation Center' },
    { code: 'tokyo', ja: '東京都', en: 'Tokyo Metropolitan Government' },
  ],
  cols: [
    { code: 'sia', ja: 'セーファーインターネット協会', en: 'Safer Internet Association' },
    { code: 'hotline', ja: 'インターネット・ホットラインセンター', en: 'Internet Hotline Center' },
  ],
  margins: { rows: true, cols: true, total: true },
  cells: [
    { row: 'center', col: 'sia', value: 48, suppressed: false },
    { row: 'center', col: 'hotline', value: null, suppressed: true },
    { row: 'tokyo', col: 'sia', value: 0, suppressed: false },
    { row: 'tokyo', col: 'hotline', value: null, suppressed: true },
    { row: 'center', col: '_total', value: 61, suppressed: false },
    { row: 'tokyo', col: '_total', value: 12, suppressed: false },
    { row: '_total', col: 'sia', value: 48, suppressed: false },
    { row: '_total', col: 'hotline', value: 25, suppressed: false },
    { row: '_total', col: '_total', value: 73, suppressed: false },
  ],
};

const summary = {
  id: releaseId,
  period: '2026-10',
  grain: 'month',
  fiscalYear: 2026,
  labelJa: '2026年10月',
  labelEn: 'October 2026',
  builtAt: '2026-11-09T00:00:03.000Z',
};

export const requestReleaseExample = { period: '2026-10' };
export const releaseListExample = { items: [summary] };
export const releaseExample = {
  ...summary,
  tables: [table],
  manifest: { format: 'liaison-disclosure-manifest/1', auditMethod: 'lp-relaxation', cells: 9, published: 7, suppressed: 2 },
};
export const manifestExample = {
  format: 'liaison-disclosure-manifest/1',
  audience: 'public',
  release: { id: releaseId, period: '2026-10' },
  cells: [{ id: `${releaseId}/referral-flows/center/hotline`, value: null, status: 'suppressed', interval: { lo: 0, hi: 13 } }],
  constraints: [{ kind: 'margin', terms: [{ cell: `${releaseId}/referral-flows/center/_total`, coef: 1 }] }],
};
export const ownStatisticsExample = {
  period: '2026-11',
  grain: 'month',
  labelJa: '2026年11月',
  labelEn: 'November 2026',
  body: 'center',
  live: true,
  tables: [
    {
      ...table,
      id: 'referral-flows',
      rows: [table.rows[0]],
      cells: table.cells.slice(0, 2).map((c) => ({ ...c, value: c.value ?? 3, suppressed: false })),
    },
  ],
};
