import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '@liaison/auth';
import { type Database, describeError, type MigrationSet, Periodic } from '@liaison/db';
import type { CalendarOptions } from '@liaison/domain';
import { type EventBus, OutboxRelay, type Subscription } from '@liaison/events';
import { DomainError } from '@liaison/domain';
import { createStatsApp } from './app.ts';
import { subscribeStatsProjector } from './consumers/projector.ts';
import { outbox } from './db/schema.ts';
import { loadCatalogue, type TableSpec } from './domain/catalogue.ts';
import type { Label } from './domain/dimensions.ts';
import { RELEASE_LOCK } from './domain/facts.ts';
import { syncProjections } from './domain/projections.ts';
import { type ReleaseDeps, runReleaseJob } from './domain/releases.ts';
import type { LogSink } from '@liaison/observe';
import { loggerFor, type Metrics } from '@liaison/observe';
import { statsMetrics } from './metrics.ts';

export { createStatsApp, type StatsAppDeps } from './app.ts';
export { STATS_PROJECTOR_GROUP, STATS_TOPICS, subscribeStatsProjector } from './consumers/projector.ts';
export { CatalogueError, loadCatalogue, type TableSpec } from './domain/catalogue.ts';
export { applyEvents, flushDeltas, RELEASE_LOCK } from './domain/facts.ts';
export { syncProjections } from './domain/projections.ts';
export { monthsWithFacts } from './domain/coverage.ts';
export { isClosed, type Period, parsePeriod } from './domain/periods.ts';
export { factKindNames, factKinds } from './domain/kinds.ts';
export {
  buildRelease,
  getManifest,
  getRelease,
  listReleases,
  type PublishedTable,
  type Release,
  type ReleaseDeps,
  requestRelease,
  runReleaseJob,
} from './domain/releases.ts';

export const statsMigrations: MigrationSet = {
  schema: 'stats',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

export interface StatsServiceDeps {
  database: Database;
  bus: EventBus;
  verifyToken: (token: string) => Promise<Actor | null>;
  /** The council's member bodies, labelled (the registry is not this service's table). */
  bodies: () => Promise<Label[]>;
  /** The published tables; by default data/tables.json (validated: a bad catalogue stops the start). */
  catalogue?: TableSpec[];
  /** Run the outbox relay (release events) in this process (default true). */
  relay?: boolean;
  /** Run the projector (facts into rollups) in this process (default true). */
  consumers?: boolean;
  /** Run the release job in this process (default: with the relay). */
  releaseJob?: boolean;
  /** Business days after a period closes before its release is built (default 5). */
  releaseAfterBusinessDays?: number;
  /** How often the release job looks for due periods (ms, default 10 minutes). */
  releaseInterval?: number;
  calendar?: CalendarOptions | undefined;
  now?: () => Date;
  log?: LogSink | undefined;
  /** The process's metrics: release job state, releases published, relay backlog. */
  metrics?: Metrics | undefined;
}

/**
 * The statistics service: its REST app, the projector that counts facts into rollups, the release
 * job and the outbox relay of its release events — from injected dependencies, so it runs alone
 * (distributed) or beside the others (embedded).
 */
export function createStatsService(deps: StatsServiceDeps) {
  const logger = loggerFor(deps.log, 'stats');
  const catalogue = deps.catalogue ?? loadCatalogue();
  // The registry changes rarely; a short cache keeps it off every statistics request.
  let bodies: { at: number; list: Promise<Label[]> } | undefined;
  const cachedBodies = () => {
    if (!bodies || Date.now() - bodies.at > 30_000) {
      const list = deps.bodies();
      // A failed read is not kept: the next request asks the registry again.
      list.catch(() => {
        bodies = undefined;
      });
      bodies = { at: Date.now(), list };
    }
    return bodies.list;
  };
  const releases: ReleaseDeps = {
    db: deps.database.db,
    catalogue,
    bodies: cachedBodies,
    calendar: deps.calendar,
    cache: new Map(),
    ...(deps.now ? { now: deps.now } : {}),
    log: logger,
  };
  const app = createStatsApp({ database: deps.database, verifyToken: deps.verifyToken, releases, log: logger });
  const relay = new OutboxRelay({
    pool: deps.database.pool,
    outbox,
    bus: deps.bus,
    metrics: deps.metrics,
    onError: (err) => logger.error({ component: 'relay', err: describeError(err) }, 'outbox relay failed'),
  });
  const businessDays = deps.releaseAfterBusinessDays ?? 5;
  const jobState = { running: false, lastRun: 0, lastSuccess: 0, failures: 0, published: 0 };
  // Set by stop(): a pass of the release job (the timer's, or one asked for by the demo seed) ends
  // after the period it is building, so a drain waits for one release at most.
  let stopping = false;
  const releaseDue = async (shouldStop?: () => boolean) => {
    jobState.running = true;
    jobState.lastRun = Date.now();
    try {
      const released = await runReleaseJob(releases, { businessDays, shouldStop: () => stopping || !!shouldStop?.() });
      jobState.lastSuccess = Date.now();
      jobState.published += released.length;
      return released;
    } catch (err) {
      // Another process built the same period a moment earlier: nothing to do.
      if (err instanceof DomainError && err.code === 'CONFLICT') {
        jobState.lastSuccess = Date.now();
        return [];
      }
      jobState.failures++;
      throw err;
    } finally {
      jobState.running = false;
    }
  };
  if (deps.metrics) statsMetrics(deps.metrics, deps.database.pool, jobState);
  const job = new Periodic(
    () => releaseDue(),
    deps.releaseInterval ?? 600_000,
    (err) => logger.error({ component: 'release-job', err: describeError(err) }, 'statistics release job failed'),
  );
  const subscriptions: Subscription[] = [];
  const runJob = deps.releaseJob ?? deps.relay !== false;
  return {
    app,
    relay,
    releases,
    catalogue,
    migrations: statsMigrations,
    /** One pass of the release job now (the timer runs it every `releaseInterval`); it ends early once `shouldStop` answers true or the service stops. */
    releaseDue,
    async start() {
      stopping = false;
      // A table added to (or changed in) the catalogue gets its projection built from the rollups.
      const rebuilt = await syncProjections(deps.database.db, catalogue, RELEASE_LOCK);
      if (rebuilt.length > 0) logger.info({ tables: rebuilt }, 'statistics projections built');
      if (deps.relay !== false) await relay.start();
      if (deps.consumers !== false) subscriptions.push(await subscribeStatsProjector({ db: deps.database.db, bus: deps.bus }));
      if (runJob) job.start();
    },
    async stop() {
      stopping = true;
      await job.stop();
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await relay.stop();
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
