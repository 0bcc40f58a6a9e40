import { compile } from 'json-schema-to-typescript';
import { eventSchemasDir, readEventSchemas } from './catalog.ts';

/** Renders the TypeScript types of every event schema (used by `pnpm gen` and its freshness test). */
export async function renderEventTypes(dir = eventSchemasDir): Promise<string> {
  const parts: string[] = [
    '// Generated from schemas/events by `pnpm gen`. Do not edit by hand.',
    '/* eslint-disable */',
    '',
  ];
  const entries: string[] = [];
  for (const schema of readEventSchemas(dir)) {
    const { 'x-liaison': meta, $id: _id, ...rest } = schema;
    const title = String(rest.title);
    const ts = await compile(rest as Parameters<typeof compile>[0], title, {
      bannerComment: '',
      additionalProperties: false,
      format: false,
      declareExternallyReferenced: true,
    });
    parts.push(ts.trim(), '');
    entries.push(`  '${meta.type}': ${title};`);
  }
  parts.push('/** Event data by CloudEvents `type`. */', 'export interface EventDataByType {', ...entries, '}', '');
  return parts.join('\n');
}
