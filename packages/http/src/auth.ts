import type { Actor, Role } from '@liaison/auth';
import type { MiddlewareHandler } from 'hono';
import { errors } from './errors.ts';

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

/** Refuses actors whose role is not among `allowed`. */
export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) throw errors.forbidden(`role ${actor.role} may not ${what} (allowed: ${allowed.join(', ')})`);
}

/** Refuses actors whose body is not a council member (observers see statistics only). */
export function requireMemberBody(actor: Actor, what: string): void {
  if (!actor.agencyRoles.includes('member')) throw errors.forbidden(`body ${actor.agency} is not a council member and may not ${what}`);
}
