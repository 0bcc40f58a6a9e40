import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { createTestDatabase, type TestDatabase, uniqueName } from '@liaison/testing';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { type CloudEvent, createEventBus, type EventBus, makeEvent, pglogMigrations } from '../src/index.ts';

export type BusKind = 'kafka' | 'pglog';

export interface BusFixture {
  kind: BusKind;
  database: Database;
  testDb: TestDatabase;
  prefix: string;
  /** Builds a bus on the fixture (a new adapter: its own producer and consumers). */
  bus(options?: { sessionTimeout?: number }): EventBus;
  close(): Promise<void>;
}

/**
 * A fresh database (with the Postgres-log schema) and a unique topic prefix, on the run's real Kafka
 * or Postgres. With `beside`, another prefix on that fixture's database: a second platform beside it.
 * `prefix` replaces the unique one (the bus adds the separating dot when it has none).
 */
export async function busFixture(kind: BusKind, options: { beside?: BusFixture; prefix?: string } = {}): Promise<BusFixture> {
  const shared = options.beside;
  const testDb = shared ? { ...shared.testDb, drop: async () => {} } : await createTestDatabase(inject('pgAdminUrl'), 'bus');
  const database = createDatabase({ url: testDb.url, max: 20 });
  if (!shared) await migrate(database, [pglogMigrations]);
  const prefix = options.prefix ?? `${uniqueName('t')}.`;
  const buses: EventBus[] = [];
  return {
    kind,
    database,
    testDb,
    prefix,
    bus(options = {}) {
      const sessionTimeout = options.sessionTimeout ?? 6000;
      const bus =
        kind === 'kafka'
          ? createEventBus({ kind, brokers: inject('kafkaBrokers'), topicPrefix: prefix, sessionTimeout, log: () => {} })
          : createEventBus({ kind, pool: database.pool, topicPrefix: prefix, sessionTimeout, heartbeatInterval: 300, pollInterval: 200 });
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

/** A valid referral-created event; `key` is its subject (the partition key) and its referral id. */
export function referralEvent(key: string = randomUUID()): CloudEvent<'jp.liaison.referral.created.v1'> {
  return makeEvent({
    type: 'jp.liaison.referral.created.v1',
    source: '/agencies/center',
    subject: key,
    data: {
      referralId: key,
      sender: 'center',
      recipient: 'sia',
      kind: 'referral',
      category: 'R01',
      status: 'requested',
      createdAt: new Date().toISOString(),
    },
  });
}
