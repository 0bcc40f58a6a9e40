import { auditMigrations } from '@liaison/audit';
import { authMigrations } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { type CloudEvent, createEventBus, type EventBus, pglogMigrations } from '@liaison/events';
import { createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { inject } from 'vitest';
import { applyEvents, factKindNames, factKinds, loadCatalogue, RELEASE_LOCK, statsMigrations, syncProjections } from '../src/index.ts';
import { type SyntheticOptions, syntheticEvents } from '../src/seed/synthetic.ts';

export type BusKind = 'kafka' | 'pglog';

export interface StatsFixture {
  testDb: TestDatabase;
  database: Database;
  prefix: string;
  workerEnv: Record<string, string>;
  bus(): EventBus;
  close(): Promise<void>;
}

/** A migrated database (auth, audit, event log, stats) and a unique topic prefix on the run's Postgres and Kafka. */
export async function statsFixture(kind: BusKind, name = 'stats'): Promise<StatsFixture> {
  const testDb = await createTestDatabase(inject('pgAdminUrl'), name);
  const database = createDatabase({ url: testDb.url, max: 20 });
  await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
  await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
  const prefix = `${uniqueName(name)}.`;
  const brokers = inject('kafkaBrokers');
  const buses: EventBus[] = [];
  return {
    testDb,
    database,
    prefix,
    workerEnv: { BUS_KIND: kind, DATABASE_URL: testDb.url, KAFKA_BROKERS: brokers.join(','), TOPIC_PREFIX: prefix },
    bus() {
      const bus =
        kind === 'kafka'
          ? createEventBus({ kind, brokers, topicPrefix: prefix, sessionTimeout: 6000, log: () => {} })
          : createEventBus({
              kind,
              pool: database.pool,
              topicPrefix: prefix,
              sessionTimeout: 6000,
              heartbeatInterval: 300,
              pollInterval: 100,
            });
      buses.push(bus);
      return bus;
    },
    async close() {
      await Promise.allSettled(buses.map((b) => b.close()));
      await database.close();
      await testDb.drop();
    },
  };
}

/** A small sample with every fact kind: the small bodies in full, the Hotline Center scaled down, many referrals. */
export const sampleOptions: SyntheticOptions = {
  seed: 11,
  from: '2026-04',
  to: '2026-06',
  scale: 0.1,
  bodyScale: { hotline: 0.02 },
  referralBoost: 8,
};

export function sampleEvents(options: SyntheticOptions = sampleOptions): CloudEvent[] {
  return [...syntheticEvents(options, 1000)].flat();
}

/** Every non-zero rollup cell, as sorted text lines: two databases agree when these are equal. */
export async function rollupSnapshot(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const kind of factKindNames) {
    const cols = ['month', ...(factKinds[kind] as readonly string[])].map((c) => `"${c}"`).join(', ');
    const { rows } = await database.pool.query(`select concat_ws('|', ${cols}, n) as line from stats.r_${kind} where n <> 0 order by 1`);
    out[kind] = rows.map((r) => r.line as string);
  }
  const { rows } = await database.pool.query(
    `select concat_ws('|', table_id, month, b1, b2, r, c, d, n) as line from stats.table_cells where n <> 0 order by 1`,
  );
  out.table_cells = rows.map((r) => r.line as string);
  return out;
}

/** Applies events straight to a database, in batches, as the consumer would (no bus, no inbox). */
export async function applyDirectly(database: Database, events: CloudEvent[], batch = 500): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    await database.db.transaction((tx) => applyEvents(tx, events.slice(i, i + batch)));
  }
}
