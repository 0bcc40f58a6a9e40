import type { Actor } from '@liaison/auth';
import { errors } from '@liaison/domain';
import type { MiddlewareHandler } from 'hono';

export type AuthVariables = { actor: Actor };

/** Reads the bearer token from an Authorization header value; undefined when absent or malformed. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/** Requires a valid token; puts the actor on the context. */
export function authenticate(verify: (token: string) => Promise<Actor | null>): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const actor = token ? await verify(token) : null;
    if (!actor) throw errors.unauthenticated();
    c.set('actor', actor);
    await next();
  };
}
