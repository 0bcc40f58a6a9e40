import type { AuthVariables, RequestIdVariables } from '@liaison/http';
import type { SecretariatContext } from './domain/context.ts';

/** Hono environment of the secretariat app. */
export type SecretariatEnv = { Variables: AuthVariables & RequestIdVariables & { ctx: SecretariatContext } };
