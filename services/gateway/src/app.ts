import type { Actor } from '@liaison/auth';
import { apiHeaders, bearerToken, notFound, onError, requestId } from '@liaison/http';
import { bodyLimit } from 'hono/body-limit';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST } from 'graphql';
import { createLRUCache, createYoga } from 'graphql-yoga';
import { Hono } from 'hono';
import type { GatewayContext, ServiceFetch } from './builder.ts';
import type { EventFeed } from './feed.ts';
import { useImmutableAnswers } from './immutable.ts';
import { defaultGraphqlLimits, type GraphqlLimits, limitPlugins } from './limits.ts';
import { schema } from './schema/index.ts';
import type { LogSink } from '@liaison/observe';

export interface GatewayDeps {
  verifyToken: (token: string) => Promise<Actor | null>;
  /** The referrals service: its app's `fetch` when embedded, an HTTP client when distributed. */
  referrals: ServiceFetch;
  /** The statistics service, like `referrals` (without it the statistics fields answer UNAVAILABLE). */
  stats?: ServiceFetch;
  /** The secretariat service (council meetings), like `referrals` (without it the meeting fields answer UNAVAILABLE). */
  secretariat?: ServiceFetch;
  /** Live events for GraphQL subscriptions (SSE). */
  feed?: EventFeed;
  log?: LogSink | undefined;
  /** Answer introspection queries (development); production turns it off unless configured. Default true. */
  introspection?: boolean;
  limits?: Partial<GraphqlLimits>;
}

/**
 * `Response`, resolved at each construction. Yoga copies its fetch classes when it is created, which
 * is before the server starts; `@hono/node-server` replaces the global `Response` when it starts with
 * a lighter one whose string body it writes straight to the socket. Built through this, a GraphQL
 * answer (a whole statistics release is ~0.3 MB) is neither checked for lone surrogates, encoded nor
 * streamed in chunks by undici on the way out.
 */
const currentResponse = new Proxy(Response, {
  construct: (_target, args) => Reflect.construct(globalThis.Response, args),
}) as typeof Response;

/** A GraphQL-shaped refusal at the HTTP level, before any GraphQL work. */
function refusal(status: 401 | 413, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="liaison"' } : {}),
    },
  });
}

/**
 * Builds the gateway: GraphQL (Yoga + Pothos) at /graphql, mounted in Hono. Before any GraphQL
 * work a request must fit the body limit (413, read no further) and carry a valid token (401);
 * then graphql-armor and the list-size cost rule refuse abusive documents (400 with a code).
 */
export function createGatewayApp(deps: GatewayDeps): Hono {
  const limits = { ...defaultGraphqlLimits, ...deps.limits };
  const yoga = createYoga<{ gatewayContext: GatewayContext }>({
    schema,
    graphqlEndpoint: '/graphql',
    // Errors we raise keep their message and code; anything unexpected is masked.
    maskedErrors: true,
    landingPage: false,
    // Node's own fetch classes rather than Yoga's ponyfills: no conversion of every request and
    // answer between the two (≈ 1 ms CPU per request). The answer class is looked up when each
    // answer is made ({@link currentResponse}), not now: once the HTTP server runs, that is Hono's
    // lighter Response, which the server writes out as a string instead of streaming it.
    fetchAPI: { Request, Response: currentResponse, Headers, ReadableStream, URL, TextEncoder, TextDecoder },
    // Parsed documents by text, without Yoga's default one-hour expiry: with an expiry every look-up
    // reads the clock and re-arms a timer (3 % of a `{ me }`); the 1,024 most recent stay either way.
    // The body limit is Hono's (`bodyLimit` below, 100 KB, chunked bodies counted as they come);
    // Yoga's own 25 MB one would pipe every request body through a second counting stream.
    maxRequestBodySize: false,
    parserAndValidationCache: { documentCache: createLRUCache({ max: 1024, ttl: 0 }), errorCache: createLRUCache({ max: 1024, ttl: 0 }) },
    plugins: [
      ...limitPlugins(limits, { introspection: deps.introspection ?? true }),
      // Queries and mutations run compiled (graphql-jit: one function per document, kept with the
      // parsed document), several times faster than the interpreter on big answers such as a whole
      // statistics release; subscriptions stay on the reference executor.
      useGraphQlJit({}, { enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation !== 'subscription' }),
      // A release read again is answered from the kept text once the service has authorized and logged it.
      useImmutableAnswers(),
    ],
    context: ({ gatewayContext }) => gatewayContext,
  });
  const app = new Hono();
  app.onError(onError(deps.log));
  app.notFound(notFound);
  app.use('*', requestId);
  app.use(
    '/graphql',
    ...apiHeaders(),
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: () => refusal(413, 'PAYLOAD_TOO_LARGE', `request body larger than ${limits.bodyBytes} bytes`),
    }),
  );
  app.on(['GET', 'POST'], '/graphql', async (c) => {
    const token = bearerToken(c.req.header('authorization')) ?? null;
    const actor = token ? await deps.verifyToken(token) : null;
    if (!actor) return refusal(401, 'UNAUTHENTICATED', 'a valid bearer token is required (Authorization: Bearer lia_…)');
    c.set('actor' as never, actor as never);
    return yoga.fetch(c.req.raw, {
      gatewayContext: {
        actor,
        token,
        referrals: deps.referrals,
        stats: deps.stats,
        secretariat: deps.secretariat,
        feed: deps.feed,
        answer: { calls: [], keepable: false, early: new Map() },
      },
    });
  });
  return app;
}
