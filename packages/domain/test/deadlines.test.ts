import { describe, expect, it } from 'vitest';
import { clocksStoppedBy, planDeadlines } from '../src/index.ts';

const policy = { acknowledgeDays: 1, decideDays: 3, completeDays: 10 };

describe('referral deadlines', () => {
  it('falls due at the end of the Japanese business day, across Golden Week', () => {
    // Requested Tue 28 April 2026, 10:00 JST.
    const plan = planDeadlines(new Date('2026-04-28T10:00:00+09:00'), policy);
    expect(plan.map((d) => [d.clock, d.dueAt.toISOString()])).toEqual([
      ['acknowledge', '2026-04-30T14:59:59.999Z'], // Thu 30 April (29th is 昭和の日)
      ['decide', '2026-05-07T14:59:59.999Z'], // 30/4, 1/5, then 7/5 after the holidays
      ['complete', '2026-05-18T14:59:59.999Z'], // 10th business day: Mon 18 May
    ]);
    expect(plan[0]!.approachingAt.toISOString()).toBe('2026-04-29T14:59:59.999Z');
  });

  it('counts from the Japanese date, not the server’s: 23:30 JST on a Friday is still Friday', () => {
    const plan = planDeadlines(new Date('2026-11-27T14:30:00Z'), policy); // Fri 23:30 JST
    expect(plan[0]!.dueAt.toISOString()).toBe('2026-11-30T14:59:59.999Z'); // Mon
  });

  it('skips the New Year closure and the weekend', () => {
    const plan = planDeadlines(new Date('2026-12-28T09:00:00+09:00'), policy);
    expect(plan[0]!.dueAt.toISOString()).toBe('2027-01-04T14:59:59.999Z');
  });

  it('stops the right clocks on each status', () => {
    expect(clocksStoppedBy('received')).toEqual(['acknowledge']);
    expect(clocksStoppedBy('accepted')).toEqual(['acknowledge', 'decide']);
    expect(clocksStoppedBy('completed')).toEqual(['acknowledge', 'decide', 'complete']);
    expect(clocksStoppedBy('requested')).toEqual([]);
  });
});
