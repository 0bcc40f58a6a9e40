import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEventTypes } from '@liaison/events/codegen';
import { compile } from 'json-schema-to-typescript';
import openapiTS, { astToString } from 'openapi-typescript';

/**
 * What `pnpm --filter @liaison/partner gen` writes into src/generated, from the published
 * contracts in schemas/ only (never from the platform's code): the TypeScript types of the REST API
 * (openapi-typescript, one file per OpenAPI document), the event schemas (for validation at run
 * time) and the event types. The test `generated.test.ts` fails when the committed files are stale.
 */
export const schemasDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../schemas');
export const generatedDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/generated');

const banner = (from: string) => `// Generated from ${from} by \`pnpm --filter @liaison/partner gen\`. Do not edit by hand.\n`;

/** Every generated file: path under src/generated → its text. */
export async function renderGenerated(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const docs = readdirSync(resolve(schemasDir, 'openapi'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of docs) {
    const doc = JSON.parse(readFileSync(resolve(schemasDir, 'openapi', file), 'utf8'));
    // A default is what the server fills in: the field stays optional for callers.
    const ast = await openapiTS(doc, { alphabetize: true, defaultNonNullable: false });
    files.set(`openapi/${file.replace(/\.json$/, '.ts')}`, `${banner(`schemas/openapi/${file}`)}/* eslint-disable */\n${astToString(ast)}`);
  }

  const events = readdirSync(resolve(schemasDir, 'events'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map(
      (f) =>
        JSON.parse(readFileSync(resolve(schemasDir, 'events', f), 'utf8')) as Record<string, unknown> & {
          'x-liaison': { type: string; topic: string };
        },
    );
  files.set(
    'event-schemas.ts',
    `${banner('schemas/events')}\n/** The JSON Schema (2020-12) of every event type, as published in schemas/events. */\nexport const eventSchemas = ${JSON.stringify(events, null, 2)} as const;\n`,
  );

  // The same types the platform's own code uses, from the same renderer, under the kit's banner.
  files.set('events.ts', await renderEventTypes(resolve(schemasDir, 'events'), banner('schemas/events').trimEnd()));

  const content = JSON.parse(readFileSync(resolve(schemasDir, 'packages', 'package-content.v1.json'), 'utf8'));
  const contentTs = await compile(content, 'PackageContentV1', { bannerComment: '', additionalProperties: false, format: true });
  files.set('package-content.ts', `${banner('schemas/packages/package-content.v1.json')}/* eslint-disable */\n\n${contentTs}`);
  return files;
}
