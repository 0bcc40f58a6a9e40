import type { Pool } from '@liaison/db';
import type { Metrics } from '@liaison/observe';

/**
 * The audit sealer's lag on `/metrics`, read from the audit log at scrape time: entries written but
 * not yet sealed into the hash chain, and the age of the oldest of them (0 when all are sealed).
 */
export function auditMetrics(metrics: Metrics, pool: Pool): void {
  let pending: Promise<{ n: number; age: number }> | undefined;
  const read = () => {
    pending ??= pool
      .query<{ n: string; age: number | null }>(
        'select count(*) as n, extract(epoch from now() - min(at))::float8 as age from audit.entries where chain_pos is null',
      )
      .then(({ rows }) => ({ n: Number(rows[0]?.n ?? 0), age: rows[0]?.age ?? 0 }))
      .finally(() => setTimeout(() => (pending = undefined), 0));
    return pending;
  };
  metrics.gauge('liaison_audit_unsealed_entries', 'Audit entries written but not yet sealed into the hash chain.', [], async (set) =>
    set({}, (await read()).n),
  );
  metrics.gauge('liaison_audit_sealer_lag_seconds', 'Age of the oldest audit entry not yet sealed (0 when all are).', [], async (set) =>
    set({}, (await read()).age),
  );
}
