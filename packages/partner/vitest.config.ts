import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// `pnpm --filter @liaison/partner test`: this package's tests on their own. The global setup (a
// test-only dependency) finds a Kafka broker (KAFKA_BROKERS) or starts one, as the workspace run does.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: [createRequire(import.meta.url).resolve('@liaison/testing/global-setup')],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
