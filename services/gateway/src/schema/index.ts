import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from '../builder.ts';
import './me.ts';
import './referral.ts';
import './live.ts';
import './statistics.ts';
import './meeting.ts';

/** The gateway's GraphQL schema, built once. */
export const schema = builder.toSchema();

/** The SDL committed at schemas/graphql/schema.graphql (sorted, so diffs are stable). */
export function printSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
