import type { Actor } from '@liaison/auth';
import { readAnswer, vouchFor } from '@liaison/http';
import { GraphQLError } from 'graphql';
import type { GatewayContext, ServiceFetch } from '../builder.ts';

/** The caller's actor, or an UNAUTHENTICATED error. */
export function requireActor(ctx: GatewayContext) {
  if (!ctx.actor || !ctx.token) {
    throw new GraphQLError('a valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  return { actor: ctx.actor, token: ctx.token };
}

/** Answers kept by ETag, per service and path (a few dozen at most: the releases being read). */
const held = new WeakMap<ServiceFetch, Map<string, { etag: string; body: unknown }>>();

/** Asks a service for `path` as the caller (vouched: see {@link callService}), conditionally when `etag` is given. */
export function askService(fetcher: ServiceFetch, caller: { actor: Actor; token: string }, path: string, etag?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${caller.token}`, ...(etag ? { 'if-none-match': etag } : {}) };
  return fetcher(vouchFor(new Request(`http://service${path}`, { headers }), caller));
}

/**
 * Calls a service with the caller's own token and turns its `{ error }` replies into GraphQL errors
 * with the same code. The request is vouched for (the gateway verified this token for this very
 * request): a service in the same process takes the actor without looking the token up again; a
 * service across the network verifies it itself. Each call is noted in the request's answer record.
 */
export async function callService<T>(
  ctx: GatewayContext,
  fetcher: ServiceFetch,
  caller: { actor: Actor; token: string },
  path: string,
): Promise<T> {
  // Answers a service marks with an ETag (immutable ones: statistics releases) are kept, parsed, and
  // asked for again with If-None-Match: the service still authorizes and logs the read, and answers
  // 304 instead of the body.
  const kept = held.get(fetcher) ?? new Map<string, { etag: string; body: unknown }>();
  held.set(fetcher, kept);
  const known = kept.get(path);
  // Asked already while a kept GraphQL answer was revalidated (immutable.ts): not asked (nor logged) twice.
  const early = ctx.answer?.early.get(path);
  if (early) ctx.answer!.early.delete(path);
  const res =
    early && (early.res.status !== 304 || early.etag === known?.etag) ? early.res : await askService(fetcher, caller, path, known?.etag);
  if (res.status === 304 && known) {
    await res.body?.cancel();
    ctx.answer?.calls.push({ fetcher, path, etag: known.etag });
    return known.body as T;
  }
  const body = (await readAnswer(res)) as { error?: { code: string; message: string } } & T;
  const etag = res.headers.get('etag');
  ctx.answer?.calls.push({ fetcher, path, etag: res.ok ? etag : null });
  if (res.ok && etag) {
    if (kept.size >= 64) kept.delete(kept.keys().next().value!);
    kept.set(path, { etag, body });
  }
  if (!res.ok) {
    throw new GraphQLError(body.error?.message ?? `service answered ${res.status}`, {
      extensions: { code: body.error?.code ?? 'UPSTREAM_ERROR' },
    });
  }
  return body;
}
