import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../builder.ts';

/** The caller's actor, or an UNAUTHENTICATED error. */
export function requireActor(ctx: GatewayContext) {
  if (!ctx.actor || !ctx.token) {
    throw new GraphQLError('a valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { actor: ctx.actor, token: ctx.token };
}

/** Calls a service and turns its `{ error }` replies into GraphQL errors with the same code. */
export async function callService<T>(fetcher: GatewayContext['referrals'], token: string, path: string): Promise<T> {
  const res = await fetcher(new Request(`http://referrals${path}`, { headers: { authorization: `Bearer ${token}` } }));
  const body = (await res.json()) as { error?: { code: string; message: string } } & T;
  if (!res.ok) {
    throw new GraphQLError(body.error?.message ?? `service answered ${res.status}`, {
      extensions: { code: body.error?.code ?? 'UPSTREAM_ERROR' },
    });
  }
  return body;
}
