import type { Pool } from '@liaison/db';
import type { Metrics } from '@liaison/observe';
import type { DispatcherStats } from './domain/dispatch.ts';

/**
 * Webhooks on `/metrics`: this process's delivery attempts by outcome (its dispatcher's counters),
 * and, from the deliveries table at scrape time, deliveries by state — `failed` is the dead-letter
 * queue, also given alone with the age of its newest entry.
 */
export function notifierMetrics(metrics: Metrics, pool: Pool, stats: () => DispatcherStats): void {
  metrics.counterFrom(
    'liaison_webhook_deliveries_total',
    'Webhook delivery attempts by outcome, since this process started.',
    ['outcome'],
    (set) => {
      const s = stats();
      set({ outcome: 'delivered' }, s.delivered);
      set({ outcome: 'retried' }, s.retried);
      set({ outcome: 'dead-lettered' }, s.deadLettered);
      set({ outcome: 'endpoint-disabled' }, s.endpointsDisabled);
      set({ outcome: 'target-refused' }, s.targetsRefused);
    },
  );
  metrics.gauge(
    'liaison_webhook_deliveries',
    'Webhook deliveries by state (pending, delivered, failed = dead-lettered, disabled).',
    ['status'],
    async (set) => {
      const { rows } = await pool.query<{ status: string; n: string }>(
        'select status, count(*) as n from notifier.deliveries group by status',
      );
      for (const status of ['pending', 'delivered', 'failed', 'disabled'])
        set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
    },
  );
  metrics.gauge('liaison_webhook_dead_letter_queue', 'Webhook deliveries that gave up (the dead-letter queue).', [], async (set) => {
    const { rows } = await pool.query<{ n: string }>("select count(*) as n from notifier.deliveries where status = 'failed'");
    set({}, Number(rows[0]?.n ?? 0));
  });
}
