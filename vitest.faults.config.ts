import { defineConfig } from 'vitest/config';

// `pnpm test:faults`: suites that crash real infrastructure (a Kafka broker SIGKILLed on a
// three-node cluster). Kept out of `pnpm test` for their length; `.ci/run` runs them after it.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.faults.test.ts', 'services/*/test/**/*.faults.test.ts'],
    globalSetup: ['packages/testing/src/global-setup-faults.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 120_000,
    reporters: ['default', './packages/testing/src/summary-reporter.ts'],
  },
});
