import { randomUUID } from 'node:crypto';
import { auditMigrations } from '@liaison/audit';
import { authMigrations } from '@liaison/auth';
import type { Actor, Agency } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createEventBus, type EventBus, pglogMigrations } from '@liaison/events';
import { createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { inject } from 'vitest';
import type { ReferralsContext } from '../src/domain/context.ts';
import { ReferralWriter, referralsMigrations } from '../src/index.ts';

export type BusKind = 'kafka' | 'pglog';

const members: Record<string, Agency> = {
  center: { code: 'center', nameJa: '違法・有害情報相談センター', nameEn: 'Consultation Center', roles: ['member', 'secretariat'] },
  sia: { code: 'sia', nameJa: 'セーファーインターネット協会', nameEn: 'Safer Internet Association', roles: ['member'] },
};

/** A domain context acting as a caseworker of `agency` (the registry holds center and sia). */
export function caseworkerContext(database: Database, agency = 'center'): ReferralsContext {
  const actor: Actor = { agency, role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] };
  return { actor, db: database.db, writer: new ReferralWriter(database.pool), agency: async (code) => members[code] };
}

export interface ServiceFixture {
  testDb: TestDatabase;
  database: Database;
  prefix: string;
  /** Environment for a worker process on the same database and topics. */
  workerEnv: Record<string, string>;
  bus(overrides?: { brokers?: string[] }): EventBus;
  close(): Promise<void>;
}

/** A migrated database and a unique topic prefix on the run's real Postgres and Kafka. */
export async function serviceFixture(kind: BusKind, options: { brokers?: string[] } = {}): Promise<ServiceFixture> {
  const testDb = await createTestDatabase(inject('pgAdminUrl'), 'svc');
  const database = createDatabase({ url: testDb.url, max: 30 });
  await migrate(database, [authMigrations, auditMigrations, pglogMigrations, referralsMigrations]);
  const prefix = `${uniqueName('svc')}.`;
  const brokers = options.brokers ?? inject('kafkaBrokers');
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
              pollInterval: 200,
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

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i]!);
      }
    }),
  );
  return results;
}
