import './provided.ts';
import type { TestProject } from 'vitest/node';
import { resolveKafka } from './kafka.ts';
import { resolvePostgresServer } from './postgres.ts';

/**
 * Vitest global setup: finds or starts one Postgres server and one Kafka broker for the whole run
 * (in parallel), hands their addresses to every test file, and stops what it started at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, kafka] = await Promise.all([resolvePostgresServer(), resolveKafka()]);
  project.provide('pgAdminUrl', postgres.adminUrl);
  project.provide('pgSource', postgres.source);
  project.provide('kafkaBrokers', kafka.brokers);
  return async () => {
    await Promise.allSettled([kafka.stop(), postgres.stop()]);
  };
}
