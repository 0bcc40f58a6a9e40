import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Actor } from '@liaison/auth';
import { GraphQLError } from 'graphql';
import type { EventFeed } from './feed.ts';

/** Calls the referrals service's REST API on behalf of the caller (in-process or over HTTP). */
export type ServiceFetch = (request: Request) => Promise<Response>;

export interface GatewayContext {
  /** Null for anonymous requests; fields needing a body refuse them. */
  actor: Actor | null;
  /** The caller's own bearer token, forwarded so each service checks it itself. */
  token: string | null;
  referrals: ServiceFetch;
  /** The statistics service (absent on a gateway without one: its fields answer UNAVAILABLE). */
  stats?: ServiceFetch | undefined;
  /** The secretariat service (council meetings; absent: its fields answer UNAVAILABLE). */
  secretariat?: ServiceFetch | undefined;
  /** Live events for subscriptions (absent on a gateway without a bus). */
  feed?: EventFeed | undefined;
  /** What this request's answer was made of, for answers built only from immutable service answers (see immutable.ts). */
  answer?: AnswerRecord | undefined;
}

/** One service answer an execution used: which service and path, and its ETag (null: not an immutable answer). */
export interface ServiceCall {
  fetcher: ServiceFetch;
  path: string;
  etag: string | null;
}

/** Per request: the service answers its execution used, and answers already fetched while revalidating a kept one. */
export interface AnswerRecord {
  calls: ServiceCall[];
  /** A query (not a mutation or subscription) whose root fields may be kept. */
  keepable: boolean;
  /** Answers the revalidation already received (each read is asked for, and logged, once), by path. */
  early: Map<string, { etag: string; res: Response }>;
  /** The kept-answer key of this request's parameters; unset when the answer came from the kept text. */
  key?: string;
}

/**
 * Who may reach a field (Pothos scope auth; every query field names its scopes):
 * - `authenticated`: any valid token;
 * - `releaseReader`: observers, and member bodies' caseworkers, supervisors and secretariat (statistics releases);
 * - `memberCaseworker`: caseworkers and supervisors of member bodies (cases, referrals);
 * - `memberStatistics`: people of member bodies who may see their own body's live statistics;
 * - `meetingReader`: observers and member bodies' caseworkers, supervisors and secretariat (council meetings);
 * - `meetingActionItems`: members and the secretariat (action items; members see their own body's);
 * - `councilSecretariat`: the secretariat role of the council's secretariat body (draft minutes).
 */
export interface AuthScopes {
  authenticated: boolean;
  releaseReader: boolean;
  memberCaseworker: boolean;
  memberStatistics: boolean;
  meetingReader: boolean;
  meetingActionItems: boolean;
  councilSecretariat: boolean;
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: string; Output: string } };
  AuthScopes: AuthScopes;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin],
  scopeAuth: {
    authScopes: (ctx) => {
      const a = ctx.actor;
      const member = !!a && a.agencyRoles.includes('member');
      return {
        authenticated: !!a,
        releaseReader: !!a && ['observer', 'caseworker', 'supervisor', 'secretariat'].includes(a.role),
        memberCaseworker: member && ['caseworker', 'supervisor'].includes(a!.role),
        memberStatistics: member && ['caseworker', 'supervisor', 'secretariat'].includes(a!.role),
        meetingReader: !!a && (a.role === 'observer' || (member && ['caseworker', 'supervisor', 'secretariat'].includes(a.role))),
        meetingActionItems: member && ['caseworker', 'supervisor', 'secretariat'].includes(a!.role),
        councilSecretariat: !!a && a.role === 'secretariat' && a.agencyRoles.includes('secretariat'),
      };
    },
    // Anonymous callers are told to authenticate; everyone else that the field is not theirs.
    unauthorizedError: (_parent, ctx) =>
      ctx.actor
        ? new GraphQLError('this field is not available to your body or role', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } })
        : new GraphQLError('a valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }),
  },
});

builder.scalarType('DateTime', {
  description: 'ISO 8601 timestamp with offset',
  serialize: (v) => v,
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new TypeError('DateTime must be an ISO 8601 string');
    return v;
  },
});
