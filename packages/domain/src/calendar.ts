import holidayJp from '@holiday-jp/holiday_jp';

/** A calendar date in Japan, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CalendarOptions {
  /**
   * The New Year closure (年末年始休業) as month-day bounds, inclusive; by default 12-29 to 01-03,
   * as government offices close. Set `null` for bodies that work through it.
   */
  newYearClosure?: { from: string; to: string } | null;
}

const DEFAULT_CLOSURE = { from: '12-29', to: '01-03' };
const JST_OFFSET_MS = 9 * 3600_000;

/** The Japanese calendar date (JST, UTC+9, no daylight saving) of an instant. */
export function jstDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a JST date ends (23:59:59.999 JST), as a Date. */
export function endOfJstDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+09:00`));
}

function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function inClosure(date: IsoDate, closure: { from: string; to: string } | null): boolean {
  if (!closure) return false;
  const md = date.slice(5);
  // The closure wraps around the year's end (12-29 … 01-03).
  return closure.from <= closure.to ? md >= closure.from && md <= closure.to : md >= closure.from || md <= closure.to;
}

/** A national holiday (国民の祝日, 振替休日, 国民の休日) from the maintained holiday_jp data, with its name. */
export function nationalHoliday(date: IsoDate): { ja: string; en: string } | undefined {
  const h = (holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>)[date];
  return h ? { ja: h.name, en: h.name_en } : undefined;
}

/** Whether `date` is a business day: not a weekend, not a national holiday, not in the New Year closure. */
export function isBusinessDay(date: IsoDate, options: CalendarOptions = {}): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (nationalHoliday(date)) return false;
  return !inClosure(date, options.newYearClosure === undefined ? DEFAULT_CLOSURE : options.newYearClosure);
}

/**
 * The date `n` business days after `start` (the start day itself not counted, as a period "within n
 * business days" is counted in Japanese practice). n = 0 gives the first business day on or after start.
 */
export function addBusinessDays(start: IsoDate, n: number, options: CalendarOptions = {}): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${n}`);
  let date = start;
  if (n === 0) {
    while (!isBusinessDay(date, options)) date = addDays(date, 1);
    return date;
  }
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date, options)) left--;
  }
  return date;
}

/** Calendar days: the date `n` days after `start` (statutory periods such as Art. 25's 7 days). */
export function addCalendarDays(start: IsoDate, n: number): IsoDate {
  return addDays(start, n);
}
