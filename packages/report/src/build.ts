import type { ReportCell, ReportLabel, ReportModel, ReportSection, ReportTable } from './model.ts';
import { ReportError, TOTAL } from './model.ts';
import { parseReportPeriod } from './period.ts';
import { writeSentences } from './rules.ts';
import type { ReleaseSource, SourceRelease, SourceTable } from './source.ts';

/**
 * The sections of the report and the release tables each shows, in order (issue 9: consultations
 * by body and month, categories, platform types, Art. 25 within 7 days, referral flows, deadline
 * compliance, outcomes, the year before). A release table not named here goes to その他 (other),
 * so a table added to the statistics catalogue appears without a change here.
 */
const SECTIONS: { id: string; titleJa: string; titleEn: string; tables: string[]; charts: string[] }[] = [
  {
    id: 'consultations',
    titleJa: '機関別・月別の相談件数',
    titleEn: 'Consultations by body and month',
    tables: ['consultations-by-body-month'],
    charts: ['consultations-by-body-month'],
  },
  {
    id: 'categories',
    titleJa: '相談分類',
    titleEn: 'Categories',
    tables: ['category-by-body', 'consulter-by-category', 'under18-by-category'],
    charts: ['category-by-body'],
  },
  { id: 'platforms', titleJa: 'プラットフォーム種別', titleEn: 'Platform types', tables: ['platform-type-by-category'], charts: [] },
  {
    id: 'art25',
    titleJa: '指定大規模プラットフォームの25条対応',
    titleEn: "Designated platforms' Art. 25 decisions",
    tables: ['art25-within-7-days', 'art25-outcomes-by-operator'],
    charts: ['art25-within-7-days'],
  },
  {
    id: 'referrals',
    titleJa: '機関間の照会・移送',
    titleEn: 'Referrals between bodies',
    tables: ['referral-flows', 'referral-final-status', 'days-to-milestone-by-recipient'],
    charts: ['referral-flows'],
  },
  {
    id: 'deadlines',
    titleJa: '期限の遵守',
    titleEn: 'Deadline compliance',
    tables: ['deadline-compliance-by-recipient', 'statutory-clock-misses'],
    charts: ['deadline-compliance-by-recipient'],
  },
  { id: 'outcomes', titleJa: '対応結果', titleEn: 'Outcomes', tables: ['outcome-by-category'], charts: [] },
];

/** Release tables required by issue 9 that a report says are missing when its release lacks them. */
export const REQUIRED_TABLES = SECTIONS.flatMap((s) => s.tables.slice(0, 1));

const copyTable = (t: SourceTable, period: string, chart: boolean): ReportTable => ({
  id: t.id,
  titleJa: t.titleJa,
  titleEn: t.titleEn,
  measure: t.measure,
  k: t.k,
  rows: t.rows.map((l) => ({ code: l.code, ja: l.ja, en: l.en })),
  cols: t.cols.map((l) => ({ code: l.code, ja: l.ja, en: l.en })),
  margins: { rows: t.margins.rows, cols: t.margins.cols, total: t.margins.total },
  // A suppressed cell keeps no value, whatever the source held.
  cells: t.cells.map((c) =>
    c.suppressed || c.value === null
      ? { row: c.row, col: c.col, value: null, suppressed: true }
      : { row: c.row, col: c.col, value: c.value, suppressed: false },
  ),
  sources: [period],
  chart,
});

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A comparison with the same period a year earlier: one margin (row totals of `tableId`, `axis`
 * rows) in both releases, their difference and change in per cent — computed only from published
 * cells. A figure derived from a suppressed cell is itself 秘匿; a change over a zero is left out.
 */
function comparisonTable(
  id: string,
  titleJa: string,
  titleEn: string,
  cur: SourceTable,
  prev: SourceTable,
  along: 'rows' | 'cols',
  labels: { current: string; previous: string; currentEn: string; previousEn: string },
): ReportTable {
  const totalOf = (t: SourceTable, code: string) =>
    t.cells.find((c) => (along === 'rows' ? c.row === code && c.col === TOTAL : c.col === code && c.row === TOTAL));
  const own = along === 'rows' ? cur.rows : cur.cols;
  const theirs = along === 'rows' ? prev.rows : prev.cols;
  const codes: ReportLabel[] = [...own, ...theirs.filter((l) => !own.some((o) => o.code === l.code))];
  const rows = [...codes, { code: TOTAL, ja: '計', en: 'Total' }];
  const cols: ReportLabel[] = [
    { code: 'current', ja: labels.current, en: labels.currentEn },
    { code: 'previous', ja: labels.previous, en: labels.previousEn },
    { code: 'difference', ja: '増減', en: 'Change' },
    { code: 'change', ja: '増減率（%）', en: 'Change (%)' },
  ];
  const cells: ReportCell[] = [];
  for (const r of rows) {
    const grand = (t: SourceTable) => t.cells.find((c) => c.row === TOTAL && c.col === TOTAL);
    const a = r.code === TOTAL ? grand(cur) : totalOf(cur, r.code);
    const b = r.code === TOTAL ? grand(prev) : totalOf(prev, r.code);
    const published = (c: ReportCell | undefined) => (c && !c.suppressed && c.value !== null ? c.value : undefined);
    const va = a ? published(a) : 0;
    const vb = b ? published(b) : 0;
    const put = (col: string, v: number | undefined) =>
      cells.push(v === undefined ? { row: r.code, col, value: null, suppressed: true } : { row: r.code, col, value: v, suppressed: false });
    put('current', va);
    put('previous', vb);
    put('difference', va === undefined || vb === undefined ? undefined : va - vb);
    if (va === undefined || vb === undefined) put('change', undefined);
    else if (vb !== 0) put('change', round1(((va - vb) / vb) * 100));
  }
  return {
    id,
    titleJa,
    titleEn,
    measure: 'comparison',
    k: cur.k,
    rows,
    cols,
    margins: { rows: false, cols: true, total: false },
    cells,
    sources: [labels.currentEn, labels.previousEn],
    chart: true,
  };
}

export interface BuildOptions {
  /** The report's title (e.g. the meeting's: 第12回 違法・有害情報相談機関連絡会); by default the council's report of the period. */
  title?: { ja: string; en: string };
}

/**
 * Builds the draft report of a period (`FY2025`, `2025Q3`) from published releases only: refused
 * (MONTHS_NOT_RELEASED, naming them) when a month of the period has no release, or
 * (PERIOD_NOT_RELEASED) when the period's own release is not published yet. A period whose
 * release holds no data gives a report that says so. Deterministic: the same releases and period
 * give the same model.
 */
export async function buildReport(source: ReleaseSource, periodText: string, options: BuildOptions = {}): Promise<ReportModel> {
  const period = parseReportPeriod(periodText);
  const released = new Set(await source.releasedPeriods());
  const missing = period.months.filter((m) => !released.has(m));
  if (missing.length > 0) {
    throw new ReportError(
      'MONTHS_NOT_RELEASED',
      `${period.id}: not every month is released — missing ${missing.join(', ')} (a report uses published releases only)`,
      { period: period.id, missing },
    );
  }
  const current = released.has(period.id) ? await source.release(period.id) : undefined;
  if (!current) {
    throw new ReportError(
      'PERIOD_NOT_RELEASED',
      `${period.id}: its months are released but the ${period.grain === 'fiscal-year' ? 'fiscal-year' : 'quarter'} release itself is not published yet`,
      { period: period.id },
    );
  }
  let previous: SourceRelease | undefined;
  if (released.has(period.previous)) previous = await source.release(period.previous);
  const prevPeriod = parseReportPeriod(period.previous);

  const tables: ReportTable[] = [];
  const sections: ReportSection[] = [];
  const placed = new Set<string>();
  for (const s of SECTIONS) {
    const ids: string[] = [];
    for (const id of s.tables) {
      const t = current.tables.find((x) => x.id === id);
      if (!t) continue;
      tables.push(copyTable(t, current.period, s.charts.includes(id)));
      ids.push(id);
      placed.add(id);
    }
    const section: ReportSection = { id: s.id, titleJa: s.titleJa, titleEn: s.titleEn, tables: ids };
    if (ids.length === 0) {
      section.noteJa = 'この期間の公表統計にはこの表がありません。';
      section.noteEn = "This period's release has no such table.";
    }
    sections.push(section);
  }
  const yoy: ReportSection = {
    id: 'year-on-year',
    titleJa: '前年同期との比較',
    titleEn: 'Change against the same period a year earlier',
    tables: [],
  };
  if (previous) {
    const labels = { current: period.labelJa, previous: prevPeriod.labelJa, currentEn: period.id, previousEn: prevPeriod.id };
    const pairs: [string, string, string, string, 'rows' | 'cols'][] = [
      [
        'yoy-consultations-by-body',
        '前年同期比 機関別 相談件数',
        'Consultations by body, against a year earlier',
        'consultations-by-body-month',
        'rows',
      ],
      [
        'yoy-consultations-by-category',
        '前年同期比 相談分類別 相談件数',
        'Consultations by category, against a year earlier',
        'category-by-body',
        'rows',
      ],
      [
        'yoy-referrals-by-recipient',
        '前年同期比 受信機関別 照会・移送件数',
        'Referrals by recipient body, against a year earlier',
        'referral-flows',
        'cols',
      ],
    ];
    for (const [id, ja, en, from, along] of pairs) {
      const a = current.tables.find((t) => t.id === from);
      const b = previous.tables.find((t) => t.id === from);
      if (!a || !b) continue;
      tables.push({ ...comparisonTable(id, ja, en, a, b, along, labels), sources: [current.period, previous.period] });
      yoy.tables.push(id);
    }
  } else {
    yoy.noteJa = `前年同期（${prevPeriod.labelJa}）の公表統計がないため、前年同期との比較は示しません。`;
    yoy.noteEn = `No release of the same period a year earlier (${prevPeriod.id}): no comparison is shown.`;
  }
  sections.push(yoy);
  const others = current.tables.filter((t) => !placed.has(t.id));
  if (others.length > 0) {
    for (const t of others) tables.push(copyTable(t, current.period, false));
    sections.push({ id: 'other', titleJa: 'その他の公表表', titleEn: 'Other published tables', tables: others.map((t) => t.id) });
  }

  // No data: no count anywhere in the period's release (a suppressed cell is data, hidden).
  // (Medians are left out: a median over no case is withheld like one over few, and says nothing of volume.)
  const empty = current.tables
    .filter((t) => t.measure === 'count')
    .every((t) => t.cells.every((c) => !c.suppressed && (c.value ?? 0) === 0));
  const model: ReportModel = {
    format: 'liaison.meeting-report/1',
    title: options.title ?? {
      ja: `違法・有害情報相談機関連絡会 統計報告 ${period.labelJa}`,
      en: `Liaison council statistics report, ${period.labelEn}`,
    },
    period: { id: period.id, grain: period.grain, labelJa: period.labelJa, labelEn: period.labelEn, months: period.months },
    comparison: previous ? { id: prevPeriod.id, labelJa: prevPeriod.labelJa, labelEn: prevPeriod.labelEn } : null,
    releases: [current, ...(previous ? [previous] : [])].map((r) => ({ id: r.id, period: r.period })),
    empty,
    sections,
    tables,
    sentences: [],
    status: 'draft',
    approval: null,
  };
  model.sentences = empty ? [] : writeSentences({ current, previous, model });
  return model;
}
