import { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Agency } from '@liaison/auth';
import type { Database } from '@liaison/db';
import type { CalendarOptions } from '@liaison/domain';
import type { MiddlewareHandler } from 'hono';
import { authenticate, errors, notFound, onError, requestId, zodProblems } from '@liaison/http';
import { ReferralWriter } from './domain/writer.ts';
import type { ReferralsEnv } from './env-types.ts';
import { referralRoutes } from './routes/referrals/index.ts';

export interface ReferralsAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  agency: (code: string) => Promise<Agency | undefined>;
  /** Business-day calendar for deadlines (New Year closure); default 12-29 to 01-03. */
  calendar?: CalendarOptions;
  log?: (message: string) => void;
}

/** Builds the referrals REST app from its dependencies; it opens nothing itself. */
export function createReferralsApp(deps: ReferralsAppDeps): OpenAPIHono<ReferralsEnv> {
  const app = new OpenAPIHono<ReferralsEnv>({
    // Every validation failure becomes one 400 naming the fields.
    defaultHook: (result) => {
      if (!result.success) throw errors.validation(zodProblems(result.error, result.target === 'json' ? '' : result.target));
    },
  });
  app.onError(onError(deps.log));
  app.notFound(notFound);
  app.use('*', requestId);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Liaison API token (lia_…)' });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Liaison referrals API / 照会API', version: '1.0.0', description: 'Referrals between the member bodies of 違法・有害情報相談機関連絡会.' },
  });
  const writer = new ReferralWriter(deps.database.pool);
  const withContext: MiddlewareHandler<ReferralsEnv> = async (c, next) => {
    c.set('ctx', { actor: c.get('actor'), db: deps.database.db, pool: deps.database.pool, writer, agency: deps.agency, calendar: deps.calendar });
    await next();
  };
  for (const path of ['/v1/referrals', '/v1/referrals/*', '/v1/inbox', '/v1/deadlines/*', '/v1/routing/*']) app.use(path, authenticate(deps.verifyToken), withContext);
  referralRoutes(app);
  return app;
}
