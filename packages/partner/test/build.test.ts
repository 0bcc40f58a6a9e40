import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(root, '.build-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// What would be published: `pnpm build` compiles src to plain JavaScript with declarations, and
// that JavaScript runs on Node without any TypeScript loader.
describe('the partner package builds', () => {
  it('compiles to dist-shaped JavaScript that plain Node imports and runs', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out], { cwd: root, stdio: 'pipe' });
    const script = `
      const m = await import(${JSON.stringify(join(out, 'index.js'))});
      const k = await import(${JSON.stringify(join(out, 'kafka.js'))});
      const key = m.generateKeyPair();
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), kafka: typeof k.startLiaisonConsumer, thumbprint: key.keyId === m.x25519Thumbprint(key.publicKey) }));`;
    const result = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' }));
    expect(result.exports).toEqual(
      expect.arrayContaining(['createLiaisonClient', 'openPackage', 'verifyWebhook', 'decodeKafkaRecord', 'generateKeyPair']),
    );
    expect(result).toMatchObject({ kafka: 'function', thumbprint: true });
  }, 120_000);
});
