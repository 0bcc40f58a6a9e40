import { addBusinessDays, type CalendarOptions, jstDate } from '@liaison/domain';

/**
 * Statistics are counted by the month (JST) in which the platform recorded a fact, and published by
 * the Japanese fiscal year (April–March): month `2026-10`, fiscal quarter `2026Q3` (Q1 = April–June
 * of fiscal year 2026, so Q3 = October–December 2026), fiscal year `FY2026` (2026-04 … 2027-03).
 */
export type Grain = 'month' | 'quarter' | 'fiscal-year';
export const grains: readonly Grain[] = ['month', 'quarter', 'fiscal-year'];

export interface Period {
  id: string;
  grain: Grain;
  /** Its months, in order (`YYYY-MM`). */
  months: string[];
  /** Fiscal year it belongs to (FY2026 = April 2026 – March 2027). */
  fiscalYear: number;
}

const MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^([0-9]{4})Q([1-4])$/;
const FY = /^FY([0-9]{4})$/;

/** The JST month (`YYYY-MM`) of an instant. */
export function jstMonth(instant: Date): string {
  return jstDate(instant).slice(0, 7);
}

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The fiscal year of a month: April starts it. */
export function fiscalYearOf(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The months of fiscal year `fy`, April first. */
export function fiscalYearMonths(fy: number): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(`${fy}-04`, i));
}

/** Parses a period id (`2026-10`, `2026Q3`, `FY2026`); undefined when it is none of them. */
export function parsePeriod(id: string): Period | undefined {
  let m = MONTH.exec(id);
  if (m) return { id, grain: 'month', months: [id], fiscalYear: fiscalYearOf(id) };
  m = QUARTER.exec(id);
  if (m) {
    const fy = Number(m[1]);
    const q = Number(m[2]);
    return { id, grain: 'quarter', months: fiscalYearMonths(fy).slice((q - 1) * 3, q * 3), fiscalYear: fy };
  }
  m = FY.exec(id);
  if (m) {
    const fy = Number(m[1]);
    return { id, grain: 'fiscal-year', months: fiscalYearMonths(fy), fiscalYear: fy };
  }
  return undefined;
}

/** The periods of each grain a month belongs to. */
export function periodsOf(month: string): { month: string; quarter: string; fiscalYear: string } {
  const fy = fiscalYearOf(month);
  const q = Math.floor(fiscalYearMonths(fy).indexOf(month) / 3) + 1;
  return { month, quarter: `${fy}Q${q}`, fiscalYear: `FY${fy}` };
}

/** The last calendar day (`YYYY-MM-DD`) of a period. */
export function lastDay(period: Period): string {
  const next = addMonths(period.months.at(-1)!, 1);
  const d = new Date(`${next}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** Whether the period has ended (in Japan) on `today` (`YYYY-MM-DD`, JST). */
export function isClosed(period: Period, today: string): boolean {
  return today > lastDay(period);
}

/**
 * Whether the release job may build the period on `today`: it has closed and `businessDays`
 * business days have passed since, so late events have arrived.
 */
export function isDue(period: Period, today: string, businessDays: number, calendar?: CalendarOptions): boolean {
  return isClosed(period, today) && today >= addBusinessDays(lastDay(period), businessDays, calendar);
}

/**
 * The month a fact is counted in: the month it was recorded, or — when that month was already
 * released — the first month after it not yet released. A published number never changes.
 */
export function countingMonth(recorded: string, released: ReadonlySet<string>): string {
  let month = recorded;
  while (released.has(month)) month = addMonths(month, 1);
  return month;
}

/** Every period (month, quarter, fiscal year) that ended on or before `today`, from `since` (a month), oldest first, months before the quarters and years they make up. */
export function closedPeriods(since: string, today: string): Period[] {
  const out: Period[] = [];
  const todayMonth = today.slice(0, 7);
  for (let month = since; month < todayMonth; month = addMonths(month, 1)) {
    out.push(parsePeriod(month)!);
    const { quarter, fiscalYear } = periodsOf(month);
    const q = parsePeriod(quarter)!;
    if (q.months.at(-1) === month) out.push(q);
    const fy = parsePeriod(fiscalYear)!;
    if (fy.months.at(-1) === month) out.push(fy);
  }
  return out;
}
