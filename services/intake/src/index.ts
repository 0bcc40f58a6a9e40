import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, type MigrationSet, Periodic } from '@liaison/db';
import { type EventBus, OutboxRelay } from '@liaison/events';
import { createIntakeApp, type IntakeAppDeps } from './app.ts';
import { outbox } from './db/schema.ts';
import { emitMissedClocks } from './domain/actions.ts';
import { loggerFor, type Metrics } from '@liaison/observe';

export { createIntakeApp, type IntakeAppDeps } from './app.ts';
export type { BodyKeys } from './domain/context.ts';

export const intakeMigrations: MigrationSet = {
  schema: 'intake',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

/** The intake service: its REST app and its outbox relay (case facts, consent revocations). */
export function createIntakeService(deps: IntakeAppDeps & { bus: EventBus; relay?: boolean; metrics?: Metrics | undefined }) {
  const logger = loggerFor(deps.log, 'intake');
  const app = createIntakeApp({ ...deps, log: logger });
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    metrics: deps.metrics,
    onError: (err) => logger.error({ component: 'relay', err: describeError(err) }, 'outbox relay failed'),
  });
  const clocks = new Periodic(
    () => emitMissedClocks(deps.database.db, new Date()),
    30_000,
    (err) => logger.error({ component: 'statutory-clocks', err: describeError(err) }, 'statutory clock check failed'),
  );
  // Statutory clocks (Art. 25 decisions, sender objections) missed, each announced once: read from intake's table at scrape time.
  deps.metrics?.counterFrom(
    'liaison_statutory_clock_misses_total',
    'Statutory clocks missed (each announced once), by clock.',
    ['clock'],
    async (set) => {
      const { rows } = await deps.database.pool.query<{ clock: string; n: string }>(
        'select clock, count(*) as n from intake.case_actions where missed_emitted_at is not null group by clock',
      );
      for (const r of rows) set({ clock: r.clock }, Number(r.n));
    },
  );
  return {
    app,
    relay,
    migrations: intakeMigrations,
    /** One pass of the statutory-clock check at `now` (the timer calls it every 30 s). */
    emitMissedClocks: (now: Date) => emitMissedClocks(deps.database.db, now),
    async start() {
      if (deps.relay !== false) {
        await relay.start();
        clocks.start();
      }
    },
    async stop() {
      await clocks.stop();
      await relay.stop();
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
