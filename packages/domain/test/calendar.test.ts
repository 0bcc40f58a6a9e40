import { describe, expect, it } from 'vitest';
import { addBusinessDays, addCalendarDays, endOfJstDay, isBusinessDay, jstDate, nationalHoliday } from '../src/index.ts';

describe('Japanese business-day calendar', () => {
  it('knows Golden Week 2026 (昭和の日, 憲法記念日, みどりの日, こどもの日, 振替休日)', () => {
    expect(nationalHoliday('2026-04-29')?.ja).toBe('昭和の日');
    expect(nationalHoliday('2026-05-06')?.ja).toContain('振替休日');
    for (const d of ['2026-04-29', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06'])
      expect(isBusinessDay(d)).toBe(false);
    for (const d of ['2026-04-28', '2026-04-30', '2026-05-01', '2026-05-07']) expect(isBusinessDay(d)).toBe(true);
  });

  it('counts across Golden Week: 3 business days after Tue 28 April 2026 is Thu 7 May', () => {
    // 4/29 holiday, 4/30 (1), 5/1 (2), 5/2–5/6 weekend and holidays, 5/7 (3).
    expect(addBusinessDays('2026-04-28', 3)).toBe('2026-05-07');
  });

  it('counts across the New Year closure and a weekend: 2 business days after Fri 25 Dec 2026 is Mon 4 Jan 2027', () => {
    // 12/26–27 weekend, 12/28 (1), 12/29–1/3 closure (1/1 元日 too), 1/4 (2).
    expect(addBusinessDays('2026-12-25', 2)).toBe('2027-01-04');
    expect(addBusinessDays('2026-12-25', 3)).toBe('2027-01-05');
    expect(isBusinessDay('2026-12-30')).toBe(false);
    // A body that works through the closure counts 12/29 and 12/30.
    expect(addBusinessDays('2026-12-25', 2, { newYearClosure: null })).toBe('2026-12-29');
  });

  it('skips a plain weekend', () => {
    expect(addBusinessDays('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
    expect(addBusinessDays('2026-11-28', 0)).toBe('2026-11-30'); // Sat, 0 days → next business day
  });

  it('counts statutory periods in calendar days', () => {
    expect(addCalendarDays('2026-04-28', 7)).toBe('2026-05-05');
  });

  it('works in Japan time whatever the server clock zone', () => {
    expect(jstDate(new Date('2026-05-01T15:30:00Z'))).toBe('2026-05-02');
    expect(endOfJstDay('2026-05-07').toISOString()).toBe('2026-05-07T14:59:59.999Z');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays('2026-05-01', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-05-01', 1.5)).toThrow(RangeError);
  });
});
