import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Agency } from '@liaison/auth';
import type { Database } from '@liaison/db';
import { authenticate, createApiApp } from '@liaison/http';
import type { MiddlewareHandler } from 'hono';
import type { BodyKeys } from './domain/context.ts';
import type { IntakeEnv } from './env-types.ts';
import { intakeRoutes } from './routes/index.ts';
import type { LogSink } from '@liaison/observe';

export interface IntakeAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  agency: (code: string) => Promise<Agency | undefined>;
  dataKey: (agency: string) => Buffer;
  councilKey: Buffer;
  /** Bodies' published public keys: the current one to seal to, and whether an older one still counts. */
  bodyKeys: BodyKeys;
  log?: LogSink | undefined;
}

/** Builds the intake REST app (cases, consents, sealed packages) from its dependencies. */
export function createIntakeApp(deps: IntakeAppDeps): OpenAPIHono<IntakeEnv> {
  const app = createApiApp<IntakeEnv>({
    docPath: '/v1/intake/openapi.json',
    title: 'Liaison intake API / 相談受付API',
    description: 'Cases, consents and sealed packages of each member body.',
    log: deps.log,
  });
  const withContext: MiddlewareHandler<IntakeEnv> = async (c, next) => {
    c.set('ctx', {
      actor: c.get('actor'),
      db: deps.database.db,
      agency: deps.agency,
      dataKey: deps.dataKey,
      councilKey: deps.councilKey,
      bodyKeys: deps.bodyKeys,
    });
    await next();
  };
  for (const path of ['/v1/cases', '/v1/cases/*', '/v1/packages/*']) app.use(path, authenticate(deps.verifyToken), withContext);
  intakeRoutes(app);
  return app;
}
