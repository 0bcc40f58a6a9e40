/** The shapes of the statistics API (`/v1/stats/…`) the pages read; the same the GraphQL fields resolve from. */
export interface StatLabel {
  code: string;
  ja: string;
  en: string;
}

export interface StatCell {
  row: string;
  col: string;
  /** The count (or median days); null when suppressed. */
  value: number | null;
  suppressed: boolean;
}

export interface StatTable {
  id: string;
  titleJa: string;
  titleEn: string;
  measure: 'count' | 'median-days';
  k: number;
  rows: StatLabel[];
  cols: StatLabel[];
  margins?: { rows: boolean; cols: boolean; total: boolean };
  cells: StatCell[];
}

export interface ReleaseSummary {
  id: string;
  period: string;
  grain: 'month' | 'quarter' | 'fiscal-year';
  fiscalYear: number;
  labelJa: string;
  labelEn: string;
  builtAt: string;
}

export interface Release extends ReleaseSummary {
  tables: StatTable[];
  manifest: { format: string; auditMethod: string; cells: number; published: number; suppressed: number };
}

export interface OwnStatistics {
  period: string;
  grain: ReleaseSummary['grain'];
  labelJa: string;
  labelEn: string;
  body: string;
  live: true;
  tables: StatTable[];
}

/** The code of a margin (row or column total). */
export const TOTAL = '_total';

/** A table's cells by `row/col`, for lookups while rendering. */
export function cellIndex(table: StatTable): Map<string, StatCell> {
  return new Map(table.cells.map((c) => [`${c.row}/${c.col}`, c]));
}

/** Whether a table's columns (or rows) are months: `2026-04`. */
export const isMonthAxis = (labels: StatLabel[]) => labels.length > 0 && labels.every((l) => /^\d{4}-\d{2}$/.test(l.code));

/** A month on a fiscal-year axis: 4月 … 3月 (Japanese) or Apr … Mar. */
export function monthLabel(code: string, lang: 'ja' | 'en'): string {
  const m = Number(code.slice(5, 7));
  return lang === 'ja' ? `${m}月` : ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]!;
}

/** The label of a row or column in a language (months as fiscal-year axis labels, with the year when the axis spans years). */
export function axisLabel(label: StatLabel, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? label.ja : label.en;
}
