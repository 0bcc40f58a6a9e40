import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

// graphql ships both index.mjs and index.js. Node (and so graphql-yoga) loads the CommonJS one;
// Vite would hand our sources the ESM one — two graphql instances, and `instanceof GraphQLError`
// fails between them. Point our imports at the same file Node loads.
const graphqlEntry = createRequire(new URL('./services/gateway/package.json', import.meta.url)).resolve('graphql');

// The image test builds and runs a container: collected only where podman can run one (.ci/run
// installs podman, buildah, runc and debootstrap, so CI always runs it).
const imageTest = 'services/platform/test/image.e2e.test.ts';
function podmanUsable(): boolean {
  try {
    const conf = process.env.CONTAINERS_CONF ?? new URL('./infra/image/containers.conf', import.meta.url).pathname;
    execFileSync('podman', ['info'], { stdio: 'ignore', timeout: 30_000, env: { ...process.env, CONTAINERS_CONF: conf } });
    return true;
  } catch {
    console.warn(`podman cannot run containers here: ${imageTest} is not collected (apt-get install podman buildah runc debootstrap)`);
    return false;
  }
}

// One run for the whole workspace, so that one Kafka broker and one Postgres server (started by
// the global setup when none is given) serve every suite. Test files run one at a time: the
// machine has two cores and the integration suites run real brokers and crash real processes.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(podmanUsable() ? [] : [imageTest])],
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
