/** Columns of one table for a hand-written multi-row insert, with an optional cast per column. */
export interface InsertShape {
  table: string;
  columns: string[];
  casts?: (string | undefined)[];
}

/**
 * A multi-row `insert` as SQL text with numbered parameters from `$first`, and the flat values:
 * for hot paths that write many rows of several tables in one statement.
 */
export function multiInsert(shape: InsertShape, rows: unknown[][], first: number): { text: string; values: unknown[] } {
  const width = shape.columns.length;
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    if (row.length !== width) throw new Error(`${shape.table}: a row has ${row.length} values for ${width} columns`);
    const start = first + values.length;
    values.push(...row);
    return `(${row.map((_, i) => `$${start + i}${shape.casts?.[i] ?? ''}`).join(', ')})`;
  });
  return { text: `insert into ${shape.table} (${shape.columns.join(', ')}) values ${tuples.join(', ')}`, values };
}
