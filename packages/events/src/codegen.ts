import { compile } from 'json-schema-to-typescript';
import { eventSchemasDir, readEventSchemas } from './catalog.ts';

/** Renders the TypeScript types of every event schema (used by `pnpm gen` and its freshness test). */
export async function renderEventTypes(
  dir = eventSchemasDir,
  banner = '// Generated from schemas/events by `pnpm gen`. Do not edit by hand.',
): Promise<string> {
  const parts: string[] = [banner, '/* eslint-disable */', ''];
  const entries: string[] = [];
  const seen = new Map<string, string>();
  for (const schema of readEventSchemas(dir)) {
    const { 'x-liaison': meta, $id: _id, ...rest } = schema;
    const title = String(rest.title);
    const ts = await compile(rest as Parameters<typeof compile>[0], title, {
      bannerComment: '',
      additionalProperties: false,
      format: true,
      declareExternallyReferenced: true,
      ignoreMinAndMaxItems: true,
    });
    // Schemas share definitions (agencyCode, …): keep each declaration once, and refuse two
    // different definitions under one name.
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
  return parts.join('\n');
}

/** Splits generated TypeScript into its top-level declarations, each with its doc comment. */
export function declarations(ts: string): { name: string; text: string }[] {
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
