import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dimensionCodes } from './dimensions.ts';
import { type FactKind, factKindNames, factKinds } from './kinds.ts';
import { grains } from './periods.ts';

/** Where the catalogue of published tables lives: data, not code. */
export const catalogueFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/tables.json');

const TableSpec = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be lower-case letters, digits and dashes'),
  titleJa: z.string().min(1),
  titleEn: z.string().min(1),
  kind: z.enum(factKindNames as [FactKind, ...FactKind[]]),
  rows: z.string(),
  /** Absent: a one-column table. */
  cols: z.string().optional(),
  filter: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  measure: z.enum(['count', 'median-days']),
  margins: z.strictObject({ rows: z.boolean(), cols: z.boolean(), total: z.boolean() }),
  grains: z.array(z.enum(grains as unknown as ['month', 'quarter', 'fiscal-year'])).min(1),
  /** Counts 1..k−1 are never published. */
  k: z.number().int().min(2),
  /** How wide a hidden cell's feasibility interval must be (default k). */
  protectionLevel: z.number().positive().optional(),
  /** A stricter k for the cells of some codes (children, intimate images, CSAM: 20). */
  stricter: z.strictObject({ k: z.number().int().min(2), codes: z.record(z.string(), z.array(z.string()).min(1)) }).optional(),
});

export type TableSpec = z.infer<typeof TableSpec>;

export class CatalogueError extends Error {
  constructor(message: string) {
    super(`statistics catalogue: ${message}`);
    this.name = 'CatalogueError';
  }
}

/**
 * Reads and checks the catalogue of published tables: every table's dimensions must belong to its
 * fact kind (a table is a 2-D projection of one kind's rollup), filters must name known codes, ids
 * must be unique. Anything wrong stops the start, naming the table and field.
 */
export function loadCatalogue(json: unknown = JSON.parse(readFileSync(catalogueFile, 'utf8'))): TableSpec[] {
  const parsed = z.strictObject({ tables: z.array(z.unknown()).min(1) }).safeParse(json);
  if (!parsed.success) throw new CatalogueError('must be { "tables": [ … ] } with at least one table');
  const seen = new Set<string>();
  return parsed.data.tables.map((raw, i) => {
    const name = typeof raw === 'object' && raw && 'id' in raw ? String((raw as { id: unknown }).id) : `#${i + 1}`;
    const result = TableSpec.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new CatalogueError(`table "${name}": field "${issue.path.join('.') || '(table)'}": ${issue.message}`);
    }
    const t = result.data;
    if (seen.has(t.id)) throw new CatalogueError(`table "${t.id}": field "id": appears twice`);
    seen.add(t.id);
    const dims = new Set<string>(['month', ...(factKinds[t.kind] as readonly string[])]);
    const check = (field: string, dim: string) => {
      if (!dims.has(dim))
        throw new CatalogueError(
          `table "${t.id}": field "${field}": unknown dimension "${dim}" for kind ${t.kind} (has ${[...dims].join(', ')})`,
        );
    };
    check('rows', t.rows);
    if (t.cols !== undefined) check('cols', t.cols);
    if (t.cols === t.rows) throw new CatalogueError(`table "${t.id}": field "cols": same dimension as rows`);
    for (const [dim, values] of Object.entries(t.filter ?? {})) {
      check(`filter.${dim}`, dim);
      const codes = dimensionCodes(t.kind, dim, { bodies: [], months: [] });
      for (const v of values) {
        if (codes && codes.length > 0 && !codes.some((c) => c.code === v))
          throw new CatalogueError(`table "${t.id}": field "filter.${dim}": unknown code "${v}"`);
      }
    }
    for (const [dim, values] of Object.entries(t.stricter?.codes ?? {})) {
      if (dim !== t.rows && dim !== t.cols)
        throw new CatalogueError(`table "${t.id}": field "stricter.codes.${dim}": not a dimension of the table`);
      const codes = dimensionCodes(t.kind, dim, { bodies: [], months: [] });
      for (const v of values) {
        if (codes && codes.length > 0 && !codes.some((c) => c.code === v))
          throw new CatalogueError(`table "${t.id}": field "stricter.codes.${dim}": unknown code "${v}"`);
      }
    }
    if (t.stricter && t.stricter.k < t.k) throw new CatalogueError(`table "${t.id}": field "stricter.k": must not be below the table's k`);
    if (t.measure === 'median-days') {
      if (!dims.has('days'))
        throw new CatalogueError(`table "${t.id}": field "measure": median-days needs a kind with days (referral_days)`);
      if (t.margins.total || t.margins.rows)
        throw new CatalogueError(`table "${t.id}": field "margins": a median table publishes column medians only`);
    } else if (t.rows === 'days' || t.cols === 'days') {
      throw new CatalogueError(`table "${t.id}": field "rows": days is a measure, not a dimension to count by`);
    }
    return t;
  });
}
