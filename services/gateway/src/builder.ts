import SchemaBuilder from '@pothos/core';
import type { Actor } from '@liaison/auth';
import type { EventFeed } from './feed.ts';

/** Calls the referrals service's REST API on behalf of the caller (in-process or over HTTP). */
export type ServiceFetch = (request: Request) => Promise<Response>;

export interface GatewayContext {
  /** Null for anonymous requests; fields needing a body refuse them. */
  actor: Actor | null;
  /** The caller's own bearer token, forwarded so each service checks it itself. */
  token: string | null;
  referrals: ServiceFetch;
  /** Live events for subscriptions (absent on a gateway without a bus). */
  feed?: EventFeed | undefined;
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: string; Output: string } };
}>({ defaultFieldNullability: false });

builder.scalarType('DateTime', {
  description: 'ISO 8601 timestamp with offset',
  serialize: (v) => v,
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new TypeError('DateTime must be an ISO 8601 string');
    return v;
  },
});
