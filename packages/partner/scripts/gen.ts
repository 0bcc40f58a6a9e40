// `pnpm --filter @liaison/partner gen`: regenerates src/generated from schemas/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generatedDir, renderGenerated } from './generate.ts';

rmSync(generatedDir, { recursive: true, force: true });
for (const [file, text] of await renderGenerated()) {
  const path = resolve(generatedDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`src/generated/${file}`);
}
