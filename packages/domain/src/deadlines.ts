import { addBusinessDays, type CalendarOptions, endOfJstDay, jstDate } from './calendar.ts';
import type { TaskStatus } from './task-status.ts';

/** The three clocks of a referral: acknowledge (受領), decide (受諾・辞退), complete (完了). */
export type Clock = 'acknowledge' | 'decide' | 'complete';
export const clocks: readonly Clock[] = ['acknowledge', 'decide', 'complete'];

export interface DeadlinePolicy {
  acknowledgeDays: number;
  decideDays: number;
  completeDays: number;
}

export interface PlannedDeadline {
  clock: Clock;
  dueAt: Date;
  /** When the deadline counts as approaching (one day before it is due). */
  approachingAt: Date;
}

/**
 * Due dates of a referral requested at `start`: n business days later (Japanese calendar, New Year
 * closure as configured), due at the end of that day in Japan time.
 */
export function planDeadlines(start: Date, policy: DeadlinePolicy, calendar: CalendarOptions = {}): readonly PlannedDeadline[] {
  const day = jstDate(start);
  // Due dates depend only on the Japanese date, the policy and the calendar: every referral of a
  // day shares one plan (this runs on each referral's creation).
  const key = `${day}|${policy.acknowledgeDays}|${policy.decideDays}|${policy.completeDays}|${JSON.stringify(calendar.newYearClosure)}`;
  const known = plans.get(key);
  if (known) return known;
  const plan = computePlan(day, policy, calendar);
  if (plans.size >= 1000) plans.clear();
  plans.set(key, plan);
  return plan;
}

const plans = new Map<string, readonly PlannedDeadline[]>();

function computePlan(day: string, policy: DeadlinePolicy, calendar: CalendarOptions): readonly PlannedDeadline[] {
  const days: Record<Clock, number> = { acknowledge: policy.acknowledgeDays, decide: policy.decideDays, complete: policy.completeDays };
  return clocks.map((clock) => {
    const dueAt = endOfJstDay(addBusinessDays(day, days[clock], calendar));
    return { clock, dueAt, approachingAt: new Date(dueAt.getTime() - 86_400_000) };
  });
}

/** The clocks a move to `status` stops (met, or no longer running). */
export function clocksStoppedBy(status: TaskStatus): Clock[] {
  switch (status) {
    case 'received':
      return ['acknowledge'];
    case 'accepted':
    case 'ready':
    case 'in-progress':
    case 'on-hold':
      return ['acknowledge', 'decide'];
    case 'rejected':
    case 'completed':
    case 'failed':
    case 'cancelled':
    case 'entered-in-error':
      return ['acknowledge', 'decide', 'complete'];
    default:
      return [];
  }
}
