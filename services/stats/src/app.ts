import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor } from '@liaison/auth';
import type { Database } from '@liaison/db';
import { authenticate, createApiApp } from '@liaison/http';
import type { MiddlewareHandler } from 'hono';
import type { ReleaseDeps } from './domain/releases.ts';
import type { StatsEnv } from './env-types.ts';
import { statsRoutes } from './routes/stats/index.ts';
import type { LogSink } from '@liaison/observe';

export interface StatsAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  releases: ReleaseDeps;
  log?: LogSink | undefined;
}

/** Builds the statistics REST app from its dependencies; it opens nothing itself. */
export function createStatsApp(deps: StatsAppDeps): OpenAPIHono<StatsEnv> {
  const app = createApiApp<StatsEnv>({
    docPath: '/v1/stats/openapi.json',
    title: 'Liaison statistics API / 統計API',
    description: 'Releases of anonymized statistics (observers) and live own-body figures (members) of 違法・有害情報相談機関連絡会.',
    log: deps.log,
  });
  const withContext: MiddlewareHandler<StatsEnv> = async (c, next) => {
    c.set('ctx', { actor: c.get('actor'), db: deps.database.db, releases: deps.releases });
    await next();
  };
  app.use('/v1/stats/releases', authenticate(deps.verifyToken), withContext);
  app.use('/v1/stats/releases/*', authenticate(deps.verifyToken), withContext);
  app.use('/v1/stats/own', authenticate(deps.verifyToken), withContext);
  statsRoutes(app);
  return app;
}
