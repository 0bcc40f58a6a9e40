import type { Actor } from '@liaison/auth';
import { errors } from '@liaison/domain';
import type { MiddlewareHandler } from 'hono';

export type AuthVariables = { actor: Actor };

/** Context key of the token already verified for this request, with its actor. */
const VERIFIED = 'authenticated' as never;

/** Reads the bearer token from an Authorization header value; undefined when absent or malformed. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/** Requests made in this process on behalf of a caller whose token was verified for the same request. */
const vouched = new WeakMap<Request, { actor: Actor; token: string }>();

/**
 * Marks `request` (built in this process, carrying `caller.token` as its bearer token) as made for a
 * caller already authenticated by the request it serves — the gateway calling a service mounted in
 * the same process — so the service takes the actor instead of looking the token up a second
 * time. Only code in this process can vouch: a request that arrives over the network never is,
 * and a request forwarded across the network is verified by the service that receives it.
 */
export function vouchFor(request: Request, caller: { actor: Actor; token: string }): Request {
  vouched.set(request, { actor: caller.actor, token: caller.token });
  return request;
}

/**
 * Requires a valid token; puts the actor on the context. The token is looked up once per request:
 * when another `authenticate` already ran for the same request (two patterns of one app, such as
 * `/v1/referrals` and `/v1/referrals/*`, both match it), or the request is vouched for (see
 * {@link vouchFor}), the actor found then is kept.
 */
export function authenticate(verify: (token: string) => Promise<Actor | null>): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw errors.unauthenticated();
    const known = c.get(VERIFIED) as { actor: Actor; token: string } | undefined;
    const voucher = vouched.get(c.req.raw);
    const actor = known?.token === token ? known.actor : voucher?.token === token ? voucher.actor : await verify(token);
    if (!actor) throw errors.unauthenticated();
    c.set(VERIFIED, { actor, token } as never);
    c.set('actor', actor);
    await next();
  };
}
