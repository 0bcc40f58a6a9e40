import type { AuthVariables, RequestIdVariables } from '@liaison/http';
import type { StatsContext } from './domain/context.ts';

/** Hono environment of the statistics app. */
export type StatsEnv = { Variables: AuthVariables & RequestIdVariables & { ctx: StatsContext } };
