import { defineConfig } from 'vitest/config';

// One run for the whole workspace, so that one Kafka broker and one Postgres server (started by
// the global setup when none is given) serve every suite. Test files run one at a time: the
// machine has two cores and the integration suites run real brokers and crash real processes.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
