import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedDir, renderGenerated } from '../scripts/generate.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe('the partner package', () => {
  it('has its generated types current with schemas/ (pnpm --filter @liaison/partner gen)', async () => {
    const expected = await renderGenerated();
    const committed = files(generatedDir)
      .map((f) => relative(generatedDir, f))
      .sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(readFileSync(join(generatedDir, file), 'utf8'), file).toBe(text);
  });

  it('depends on nothing of the platform: no import from services/ or another @liaison package, only published contracts', () => {
    const sources = files(join(root, 'src')).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(root, file)).not.toMatch(/from ['"](@liaison\/|[./]*services\/|[./]*\.\.\/\.\.\/)/);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((d) => d.startsWith('@liaison/'))).toEqual([]);
  });
});
