import './provided.ts';
import type { TestProject } from 'vitest/node';
import { resolvePostgresServer } from './postgres.ts';

/**
 * Vitest global setup of the fault suites (`pnpm test:faults`): one Postgres server for the run, as
 * in the main suite. No shared Kafka: each fault suite starts the cluster it breaks (kafkaBrokers is
 * empty; a suite that needs a broker starts its own).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await resolvePostgresServer();
  project.provide('pgAdminUrl', postgres.adminUrl);
  project.provide('pgSource', postgres.source);
  project.provide('kafkaBrokers', []);
  return async () => {
    await postgres.stop();
  };
}
