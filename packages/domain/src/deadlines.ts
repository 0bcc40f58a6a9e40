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
export function planDeadlines(start: Date, policy: DeadlinePolicy, calendar: CalendarOptions = {}): PlannedDeadline[] {
  const day = jstDate(start);
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
