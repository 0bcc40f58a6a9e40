// Writes schemas/graphql/schema.graphql from the Pothos schema. A test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSdl } from '../src/index.ts';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/graphql/schema.graphql');
writeFileSync(out, printSdl());
console.log(`wrote ${out}`);
