import type { Actor } from '@liaison/auth';
import { vouchFor } from '@liaison/http';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../builder.ts';

/** The caller's actor, or an UNAUTHENTICATED error. */
export function requireActor(ctx: GatewayContext) {
  if (!ctx.actor || !ctx.token) {
    throw new GraphQLError('a valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { actor: ctx.actor, token: ctx.token };
}

/**
 * Calls a service with the caller's own token and turns its `{ error }` replies into GraphQL errors
 * with the same code. The request is vouched for (the gateway verified this token for this very
 * request): a service in the same process takes the actor without looking the token up again; a
 * service across the network verifies it itself.
 */
export async function callService<T>(fetcher: GatewayContext['referrals'], caller: { actor: Actor; token: string }, path: string): Promise<T> {
  const res = await fetcher(vouchFor(new Request(`http://referrals${path}`, { headers: { authorization: `Bearer ${caller.token}` } }), caller));
  const body = (await res.json()) as { error?: { code: string; message: string } } & T;
  if (!res.ok) {
    throw new GraphQLError(body.error?.message ?? `service answered ${res.status}`, {
      extensions: { code: body.error?.code ?? 'UPSTREAM_ERROR' },
    });
  }
  return body;
}
