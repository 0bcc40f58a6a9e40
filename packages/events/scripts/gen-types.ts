// Writes src/generated/events.ts from schemas/events/*.json — TypeScript types from the single source.
// Run `pnpm gen`; a test fails when the committed file is not what this script would write.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEventTypes } from '../src/codegen.ts';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../src/generated/events.ts');
writeFileSync(out, await renderEventTypes());
console.log(`wrote ${out}`);
