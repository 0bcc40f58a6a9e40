import type { Db } from '@liaison/db';
import { sql } from 'drizzle-orm';
import { factKindNames } from './kinds.ts';

/**
 * The months among `months` for which any fact was counted (any kind's rollup has a non-zero cell).
 * A release of a closed period with none would publish only zeros; the operator command asks first.
 */
export async function monthsWithFacts(db: Db, months: string[]): Promise<string[]> {
  if (months.length === 0) return [];
  const union = sql.join(
    factKindNames.map(
      (kind) =>
        sql`select distinct month from ${sql.identifier('stats')}.${sql.identifier(`r_${kind}`)} where n <> 0 and month in ${months}`,
    ),
    sql` union `,
  );
  const result = (await db.execute(sql`select month from (${union}) m order by month`)) as unknown as { rows: { month: string }[] };
  return result.rows.map((r) => r.month);
}
