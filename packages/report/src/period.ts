import { ReportError } from './model.ts';

/**
 * The periods a report covers, in the notation of the statistics releases themselves, so a report
 * period is a release id:
 *   `FY2025`  fiscal year 2025 = 2025-04 … 2026-03
 *   `2025Q3`  third quarter of fiscal year 2025 = 2025-10 … 2025-12 (Q1 = April–June)
 * The comparison is the same period a year earlier (`FY2024`, `2024Q3`).
 */
export interface ReportPeriod {
  id: string;
  grain: 'quarter' | 'fiscal-year';
  fiscalYear: number;
  months: string[];
  labelJa: string;
  labelEn: string;
  /** The same period a year earlier. */
  previous: string;
}

/** English month names, January first. */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const monthEn = (m: string) => `${MONTHS_EN[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`;

/** Parses `FY2025` or `2025Q3`; a clear error (which notation) for anything else. */
export function parseReportPeriod(text: string): ReportPeriod {
  const fy = /^FY(\d{4})$/.exec(text);
  const q = /^(\d{4})Q([1-4])$/.exec(text);
  if (!fy && !q) {
    throw new ReportError(
      'BAD_PERIOD',
      `period must be a fiscal year (FY2025 = 2025-04…2026-03) or a fiscal quarter (2025Q3 = 2025-10…2025-12), not "${text}"`,
      { field: 'period' },
    );
  }
  const year = Number((fy ?? q)![1]);
  const yearMonths = Array.from({ length: 12 }, (_, i) => addMonths(`${year}-04`, i));
  if (fy) {
    return {
      id: text,
      grain: 'fiscal-year',
      fiscalYear: year,
      months: yearMonths,
      labelJa: `${year}年度`,
      labelEn: `Fiscal year ${year} (${monthEn(yearMonths[0]!)} – ${monthEn(yearMonths[11]!)})`,
      previous: `FY${year - 1}`,
    };
  }
  const n = Number(q![2]);
  const months = yearMonths.slice((n - 1) * 3, n * 3);
  return {
    id: text,
    grain: 'quarter',
    fiscalYear: year,
    months,
    labelJa: `${year}年度 第${n}四半期`,
    labelEn: `FY${year} Q${n} (${monthEn(months[0]!)} – ${monthEn(months[2]!)})`,
    previous: `${year - 1}Q${n}`,
  };
}
