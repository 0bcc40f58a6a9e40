import type { Database } from '@liaison/db';
import { type LogSink, loggerFor } from '@liaison/observe';
import { BulkLoader } from './bulk.ts';
import { expectedConsultations, type SyntheticOptions, syntheticEvents } from './synthetic.ts';

export { BulkLoader } from './bulk.ts';
export { expectedConsultations, profiles, prng, type SyntheticOptions, syntheticEvents } from './synthetic.ts';

/**
 * Seeds synthetic statistics through the bulk path (COPY, then set-based rollups). `onProgress`
 * gets (consultations loaded, consultations expected) after each batch.
 */
export async function seedStatistics(
  database: Database,
  options: SyntheticOptions,
  onProgress?: (done: number, total: number) => void,
  /** Asked between batches; true abandons the load (the staged facts are dropped; referrals already applied stay). */
  shouldStop?: () => boolean,
): Promise<{ consultations: number; events: number }> {
  const loader = new BulkLoader(database);
  await loader.begin();
  const total = expectedConsultations(options);
  let events = 0;
  for (const batch of syntheticEvents(options, 20_000)) {
    if (shouldStop?.()) {
      await loader.abandon();
      return { consultations: 0, events: 0 };
    }
    await loader.add(batch);
    events += batch.length;
    onProgress?.(loader.count, total);
  }
  await loader.finish();
  return { consultations: loader.count, events };
}

/** Options giving about `facts` consultations between `from` and `to` (full-scale mixes kept). */
export function scaleForFacts(facts: number, from: string, to: string): number {
  const probe: SyntheticOptions = { seed: 1, from, to, scale: 1 };
  return facts / expectedConsultations(probe);
}

/**
 * The embedded demo: on first start (no statistics yet), one fiscal year and more of synthetic
 * facts — FY2025 complete and FY2026 to date, volumes scaled down (×0.05), mixes kept — then the
 * releases of every closed period, so observers never see an empty platform. Progress in the log.
 */
export async function seedDemoStatistics(deps: {
  database: Database;
  stats: { releaseDue: (shouldStop?: () => boolean) => Promise<string[]> };
  log?: LogSink | undefined;
  shouldStop?: () => boolean;
  now?: Date;
}): Promise<void> {
  const { rows } = await deps.database.pool.query<{ n: string }>(
    'select (select count(*) from stats.consultations) + (select count(*) from stats.releases) as n',
  );
  if (Number(rows[0]?.n) > 0) return;
  const now = deps.now ?? new Date();
  const to = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
  const started = Date.now();
  let reported = 0;
  const logger = loggerFor(deps.log, 'stats');
  logger.info({ from: '2025-04', to }, 'statistics demo seed started');
  const result = await seedStatistics(
    deps.database,
    { seed: 2026, from: '2025-04', to, scale: 0.05, until: now },
    (done, total) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct > reported) {
        reported = pct;
        logger.info({ percent: pct, done, total }, 'statistics demo seed progress');
      }
    },
    deps.shouldStop,
  );
  if (deps.shouldStop?.()) return;
  const released = await deps.stats.releaseDue(deps.shouldStop);
  if (deps.shouldStop?.()) return;
  logger.info(
    {
      consultations: result.consultations,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      releases: released.length,
      latest: released.at(-1) ?? null,
    },
    'statistics demo seed finished',
  );
}
