import type { Actor } from '@liaison/auth';
import { bearerToken, notFound, onError, requestId } from '@liaison/http';
import { createYoga } from 'graphql-yoga';
import { Hono } from 'hono';
import type { GatewayContext, ServiceFetch } from './builder.ts';
import type { EventFeed } from './feed.ts';
import { schema } from './schema/index.ts';

export interface GatewayDeps {
  verifyToken: (token: string) => Promise<Actor | null>;
  /** The referrals service: its app's `fetch` when embedded, an HTTP client when distributed. */
  referrals: ServiceFetch;
  /** The statistics service, like `referrals` (without it the statistics fields answer UNAVAILABLE). */
  stats?: ServiceFetch;
  /** Live events for GraphQL subscriptions (SSE). */
  feed?: EventFeed;
  log?: (message: string) => void;
}

/** Builds the gateway: GraphQL (Yoga + Pothos) at /graphql, mounted in Hono. */
export function createGatewayApp(deps: GatewayDeps): Hono {
  const yoga = createYoga<{ gatewayContext: GatewayContext }>({
    schema,
    graphqlEndpoint: '/graphql',
    // Errors we raise keep their message and code; anything unexpected is masked.
    maskedErrors: true,
    landingPage: false,
    context: ({ gatewayContext }) => gatewayContext,
  });
  const app = new Hono();
  app.onError(onError(deps.log));
  app.notFound(notFound);
  app.use('*', requestId);
  app.on(['GET', 'POST'], '/graphql', async (c) => {
    const token = bearerToken(c.req.header('authorization')) ?? null;
    const actor = token ? await deps.verifyToken(token) : null;
    return yoga.fetch(c.req.raw, { gatewayContext: { actor, token: actor ? token : null, referrals: deps.referrals, stats: deps.stats, feed: deps.feed } });
  });
  return app;
}
