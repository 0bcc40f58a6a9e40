import { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Agency } from '@liaison/auth';
import type { Database } from '@liaison/db';
import { authenticate, errors, notFound, onError, requestId, zodProblems } from '@liaison/http';
import type { MiddlewareHandler } from 'hono';
import type { IntakeEnv } from './env-types.ts';
import { intakeRoutes } from './routes/index.ts';

export interface IntakeAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  agency: (code: string) => Promise<Agency | undefined>;
  dataKey: (agency: string) => Buffer;
  councilKey: Buffer;
  log?: (message: string) => void;
}

/** Builds the intake REST app (cases, consents, sealed packages) from its dependencies. */
export function createIntakeApp(deps: IntakeAppDeps): OpenAPIHono<IntakeEnv> {
  const app = new OpenAPIHono<IntakeEnv>({
    defaultHook: (result) => {
      if (!result.success) throw errors.validation(zodProblems(result.error, result.target === 'json' ? '' : result.target));
    },
  });
  app.onError(onError(deps.log));
  app.notFound(notFound);
  app.use('*', requestId);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Liaison API token (lia_…)' });
  app.doc31('/v1/intake/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Liaison intake API / 相談受付API', version: '1.0.0', description: 'Cases, consents and sealed packages of each member body.' },
  });
  const withContext: MiddlewareHandler<IntakeEnv> = async (c, next) => {
    c.set('ctx', { actor: c.get('actor'), db: deps.database.db, pool: deps.database.pool, agency: deps.agency, dataKey: deps.dataKey, councilKey: deps.councilKey });
    await next();
  };
  for (const path of ['/v1/cases', '/v1/cases/*', '/v1/packages/*']) app.use(path, authenticate(deps.verifyToken), withContext);
  intakeRoutes(app);
  return app;
}
