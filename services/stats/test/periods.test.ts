import { describe, expect, it } from 'vitest';
import { addMonths, closedPeriods, countingMonth, fiscalYearOf, isDue, jstMonth, parsePeriod } from '../src/domain/periods.ts';

describe('fiscal periods (April–March, JST)', () => {
  it('counts an instant in its Japanese month: 2026-03-31 16:00 UTC is already April in Japan', () => {
    expect(jstMonth(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03');
    expect(jstMonth(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04');
    expect(fiscalYearOf('2026-03')).toBe(2025);
    expect(fiscalYearOf('2026-04')).toBe(2026);
  });

  it('parses months, fiscal quarters and fiscal years', () => {
    expect(parsePeriod('2026Q3')?.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(parsePeriod('2026Q4')?.months).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(parsePeriod('FY2025')?.months).toEqual([
      ...['04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2025-${m}`),
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(parsePeriod('2026Q5')).toBeUndefined();
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('moves a late fact to the first month not yet released', () => {
    expect(countingMonth('2026-09', new Set())).toBe('2026-09');
    expect(countingMonth('2026-09', new Set(['2026-09', '2026-10']))).toBe('2026-11');
  });

  it('builds a period only once it has closed and N business days have passed', () => {
    const oct = parsePeriod('2026-10')!;
    expect(isDue(oct, '2026-10-31', 5)).toBe(false);
    // 2026-11-03 is Culture Day: five business days after 10-31 are 11-02, 04, 05, 06, 09.
    expect(isDue(oct, '2026-11-06', 5)).toBe(false);
    expect(isDue(oct, '2026-11-09', 5)).toBe(true);
  });

  it('lists closed periods with each quarter and year after its months', () => {
    const ids = closedPeriods('2026-01', '2026-04-10').map((p) => p.id);
    expect(ids).toEqual(['2026-01', '2026-02', '2026-03', '2025Q4', 'FY2025']);
  });
});
