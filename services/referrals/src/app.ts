import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Agency } from '@liaison/auth';
import type { Database } from '@liaison/db';
import type { CalendarOptions } from '@liaison/domain';
import type { MiddlewareHandler } from 'hono';
import { authenticate, createApiApp } from '@liaison/http';
import { intakePackageLookup, type ServiceFetch } from './domain/packages.ts';
import { ReferralWriter } from './domain/writer.ts';
import type { ReferralsEnv } from './env-types.ts';
import { referralRoutes } from './routes/referrals/index.ts';
import type { LogSink } from '@liaison/observe';

export interface ReferralsAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  agency: (code: string) => Promise<Agency | undefined>;
  /** Business-day calendar for deadlines (New Year closure); default 12-29 to 01-03. */
  calendar?: CalendarOptions;
  /**
   * The intake service, which answers whether a package is real (sealed by the caller's body, to
   * whom, for which case, purged or not): its app's `fetch` when embedded, an HTTP client when
   * distributed. Without it, referrals carrying a package are refused (503).
   */
  intake?: ServiceFetch | undefined;
  log?: LogSink | undefined;
}

/** Builds the referrals REST app from its dependencies; it opens nothing itself. */
export function createReferralsApp(deps: ReferralsAppDeps): OpenAPIHono<ReferralsEnv> {
  const app = createApiApp<ReferralsEnv>({
    docPath: '/v1/openapi.json',
    title: 'Liaison referrals API / 照会API',
    description: 'Referrals between the member bodies of 違法・有害情報相談機関連絡会.',
    log: deps.log,
  });
  const writer = new ReferralWriter(deps.database.pool);
  const withContext: MiddlewareHandler<ReferralsEnv> = async (c, next) => {
    const { intake } = deps;
    // The caller's own token goes to intake: it answers only about packages of the caller's body.
    const packages = intake ? intakePackageLookup(intake, c.req.header('authorization') ?? '', c.get('requestId')) : undefined;
    c.set('ctx', { actor: c.get('actor'), db: deps.database.db, writer, agency: deps.agency, calendar: deps.calendar, packages });
    await next();
  };
  for (const path of ['/v1/referrals', '/v1/referrals/*', '/v1/inbox', '/v1/deadlines/*', '/v1/routing/*'])
    app.use(path, authenticate(deps.verifyToken), withContext);
  referralRoutes(app);
  return app;
}
