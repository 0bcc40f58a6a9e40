import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const docs = readdirSync(resolve(schemasDir, 'openapi')).filter((f) => f.endsWith('.json')).sort();
  for (const file of docs) {
    const doc = JSON.parse(readFileSync(resolve(schemasDir, 'openapi', file), 'utf8'));
    // A default is what the server fills in: the field stays optional for callers.
    const ast = await openapiTS(doc, { alphabetize: true, defaultNonNullable: false });
    files.set(`openapi/${file.replace(/\.json$/, '.ts')}`, `${banner(`schemas/openapi/${file}`)}/* eslint-disable */\n${astToString(ast)}`);
  }

  const events = readdirSync(resolve(schemasDir, 'events'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(resolve(schemasDir, 'events', f), 'utf8')) as Record<string, unknown> & { 'x-liaison': { type: string; topic: string } });
  files.set('event-schemas.ts', `${banner('schemas/events')}\n/** The JSON Schema (2020-12) of every event type, as published in schemas/events. */\nexport const eventSchemas = ${JSON.stringify(events, null, 2)} as const;\n`);

  const parts = [banner('schemas/events'), '/* eslint-disable */', ''];
  const seen = new Map<string, string>();
  const entries: string[] = [];
  for (const schema of events) {
    const { 'x-liaison': meta, $id: _id, ...rest } = schema;
    const title = String(rest.title);
    const ts = await compile(rest as Parameters<typeof compile>[0], title, { bannerComment: '', additionalProperties: false, format: true, declareExternallyReferenced: true, ignoreMinAndMaxItems: true });
    // Schemas share definitions (agencyCode, …): each declaration once.
    for (const { name, text } of declarations(ts)) {
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        if (earlier !== text) throw new Error(`two different definitions of ${name} in schemas/events`);
        continue;
      }
      seen.set(name, text);
      parts.push(text, '');
    }
    entries.push(`  '${meta.type}': ${title};`);
  }
  parts.push('/** Event data by CloudEvents `type`. */', 'export interface EventDataByType {', ...entries, '}', '');
  files.set('events.ts', parts.join('\n'));

  const content = JSON.parse(readFileSync(resolve(schemasDir, 'packages', 'package-content.v1.json'), 'utf8'));
  const contentTs = await compile(content, 'PackageContentV1', { bannerComment: '', additionalProperties: false, format: true });
  files.set('package-content.ts', `${banner('schemas/packages/package-content.v1.json')}/* eslint-disable */\n\n${contentTs}`);
  return files;
}

/** Splits generated TypeScript into its top-level declarations, each with its doc comment. */
function declarations(ts: string): { name: string; text: string }[] {
  const chunks = ts.trim().split(/\n(?=\/\*\*\n|export )/);
  const out: { name: string; text: string }[] = [];
  let pending = '';
  for (const chunk of chunks) {
    const text = (pending ? `${pending}\n` : '') + chunk.trim();
    const name = /export (?:type|interface) (\w+)/.exec(text)?.[1];
    if (!name) {
      pending = text;
      continue;
    }
    pending = '';
    out.push({ name, text });
  }
  return out;
}
