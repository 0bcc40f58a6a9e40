// `pnpm --filter @liaison/platform gen:openapi`: writes the REST API's OpenAPI documents to
// schemas/openapi/ (the contract partners build clients from). A test fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiDocuments } from './api-documents.ts';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/openapi');
mkdirSync(out, { recursive: true });
for (const [name, doc] of Object.entries(await buildApiDocuments())) {
  writeFileSync(resolve(out, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`schemas/openapi/${name}.json`);
}
