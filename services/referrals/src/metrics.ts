import type { Pool } from '@liaison/db';
import type { Metrics } from '@liaison/observe';

/**
 * Deadline clocks on `/metrics`, read from the service's own tables at scrape time (every process
 * reports the same numbers): misses ever emitted, and clocks past due and not met right now.
 */
export function referralsMetrics(metrics: Metrics, pool: Pool): void {
  metrics.counterFrom(
    'liaison_deadline_misses_total',
    'Referral deadlines missed (each announced once), by clock.',
    ['clock'],
    async (set) => {
      const { rows } = await pool.query<{ clock: string; n: string }>(
        'select clock, count(*) as n from referrals.deadlines where missed_emitted_at is not null group by clock',
      );
      for (const r of rows) set({ clock: r.clock }, Number(r.n));
    },
  );
  metrics.gauge('liaison_deadlines_overdue', 'Referral deadlines past due and not met, by clock.', ['clock'], async (set) => {
    const { rows } = await pool.query<{ clock: string; n: string }>(
      'select clock, count(*) as n from referrals.deadlines where met_at is null and due_at <= now() group by clock',
    );
    for (const r of rows) set({ clock: r.clock }, Number(r.n));
  });
}
