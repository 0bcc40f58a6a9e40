import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships both index.mjs and index.js. Node (and so graphql-yoga) loads the CommonJS one;
// Vite would hand our sources the ESM one — two graphql instances, and `instanceof GraphQLError`
// fails between them. Point our imports at the same file Node loads.
const graphqlEntry = createRequire(new URL('./services/gateway/package.json', import.meta.url)).resolve('graphql');

// One run for the whole workspace, so that one Kafka broker and one Postgres server (started by
// the global setup when none is given) serve every suite. Test files run one at a time: the
// machine has two cores and the integration suites run real brokers and crash real processes.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Fault suites (*.faults.test.ts: a broker SIGKILLed on a three-node cluster) are part of the
    // run; `pnpm test:faults` runs them alone.
    globalSetup: ['packages/testing/src/global-setup.ts'],
    fileParallelism: false,
    // Generous: tests wait on positive signals, so this only bounds a stuck test — and a shared
    // machine under load (five runs in a row beside other work) can take minutes for a browser test.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ['default', './packages/testing/src/summary-reporter.ts'],
  },
});
