import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiDocuments, buildApiDocuments } from '../src/api-documents.ts';

const schemasDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas/openapi');
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

type Media = { schema?: unknown; example?: unknown };
type Operation = { requestBody?: { content?: Record<string, Media> }; responses: Record<string, { content?: Record<string, Media> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: Record<string, unknown> };

// The OpenAPI documents are the contract other languages build clients from: committed under
// schemas/openapi/, current, and with an example for every operation that its own schema accepts.
describe('the OpenAPI documents (schemas/openapi)', () => {
  let built: Record<string, unknown>;
  beforeAll(async () => {
    built = await buildApiDocuments();
  });

  it.each(apiDocuments)('$name ($path) is committed and current (pnpm --filter @liaison/platform gen:openapi)', ({ name }) => {
    const committed = JSON.parse(readFileSync(resolve(schemasDir, `${name}.json`), 'utf8'));
    expect(committed).toEqual(built[name]);
  });

  it.each(apiDocuments)('$name has an example for every request body and success answer, each valid against its schema', ({ name }) => {
    const doc = built[name] as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // Every schema is checked as part of the whole document, so that its $refs resolve.
    ajv.addSchema({ $id: 'doc', components: doc.components ?? {} });
    const check = (where: string, media: Media | undefined) => {
      expect(media, where).toBeDefined();
      expect(media!.example, `${where}: example`).toBeDefined();
      const schema = JSON.parse(JSON.stringify(media!.schema).replaceAll('"#/components/', '"doc#/components/'));
      const validate = ajv.compile(schema);
      expect(validate(media!.example), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const label = `${method.toUpperCase()} ${path}`;
        if (op.requestBody) check(`${label} request`, op.requestBody.content?.['application/json']);
        const success = Object.keys(op.responses)
          .filter((s) => s.startsWith('2'))
          .sort()[0];
        expect(success, `${label}: a success answer`).toBeDefined();
        // JSON, or the one document type a route answers otherwise (a meeting report's text/html).
        const content = op.responses[success!]!.content;
        check(
          `${label} ${success}`,
          content?.['application/json'] ?? (content && Object.keys(content).length === 1 ? Object.values(content)[0] : undefined),
        );
      }
    }
    expect(operations).toBeGreaterThan(0);
  });
});
