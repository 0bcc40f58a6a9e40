import type { AuthVariables, RequestIdVariables } from '@liaison/http';
import type { ReferralsContext } from './domain/context.ts';

/** Hono environment of the referrals app. */
export type ReferralsEnv = { Variables: AuthVariables & RequestIdVariables & { ctx: ReferralsContext } };
