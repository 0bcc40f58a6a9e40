import type { Pool } from '@liaison/db';
import type { Metrics } from '@liaison/observe';

/** What this process's release job has done (see `releaseDue`). Times in ms since the epoch; 0 = never. */
export interface ReleaseJobState {
  running: boolean;
  lastRun: number;
  lastSuccess: number;
  failures: number;
  published: number;
}

/**
 * The statistics release job on `/metrics`: its state in this process (running, last run, last
 * success, failures, releases it published) and, from the releases table, how many releases exist
 * and when the newest was built — an operator alerts on a last success older than a day or two.
 */
export function statsMetrics(metrics: Metrics, pool: Pool, job: ReleaseJobState): void {
  const seconds = (ms: number) => ms / 1000;
  metrics.gauge(
    'liaison_stats_release_job_running',
    'Whether the statistics release job is running now in this process (1) or not (0).',
    [],
    (set) => set({}, job.running ? 1 : 0),
  );
  metrics.gauge(
    'liaison_stats_release_job_last_run_timestamp_seconds',
    'When this process last started the release job (0: never).',
    [],
    (set) => set({}, seconds(job.lastRun)),
  );
  metrics.gauge(
    'liaison_stats_release_job_last_success_timestamp_seconds',
    'When the release job last finished without error in this process (0: never).',
    [],
    (set) => set({}, seconds(job.lastSuccess)),
  );
  metrics.counterFrom('liaison_stats_release_job_failures_total', 'Release job runs that failed in this process.', [], (set) =>
    set({}, job.failures),
  );
  metrics.counterFrom('liaison_stats_release_job_published_total', 'Releases the job published in this process.', [], (set) =>
    set({}, job.published),
  );
  metrics.gauge('liaison_stats_releases', 'Statistics releases published (all processes), by grain.', ['grain'], async (set) => {
    const { rows } = await pool.query<{ grain: string; n: string }>('select grain, count(*) as n from stats.releases group by grain');
    for (const r of rows) set({ grain: r.grain }, Number(r.n));
  });
  metrics.gauge(
    'liaison_stats_release_latest_built_timestamp_seconds',
    'When the newest statistics release was built (0: none yet).',
    [],
    async (set) => {
      const { rows } = await pool.query<{ at: number | null }>(
        'select extract(epoch from max(built_at))::float8 as at from stats.releases',
      );
      set({}, rows[0]?.at ?? 0);
    },
  );
}
