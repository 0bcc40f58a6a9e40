import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Agency } from '@liaison/auth';
import type { Database } from '@liaison/db';
import { authenticate, createApiApp } from '@liaison/http';
import type { ReleaseSource } from '@liaison/report';
import { statsReleaseSource } from '@liaison/report/stats';
import type { MiddlewareHandler } from 'hono';
import type { SecretariatEnv } from './env-types.ts';
import { meetingRoutes } from './routes/meetings/index.ts';

export interface SecretariatAppDeps {
  database: Database;
  verifyToken: (token: string) => Promise<Actor | null>;
  /** The council registry (every body, with its roles). */
  registry: () => Promise<Agency[]>;
  /**
   * The published statistics releases the meeting report reads. By default the stats schema of the
   * same database (`statsReleaseSource`): true embedded, and in the compose/k8s shape, where every
   * service shares one Postgres; a secretariat on a database without the stats schema needs another source.
   */
  releases?: ReleaseSource;
  now?: () => Date;
  log?: (message: string) => void;
}

/** Builds the secretariat's REST app (council meetings) from its dependencies; it opens nothing itself. */
export function createSecretariatApp(deps: SecretariatAppDeps): OpenAPIHono<SecretariatEnv> {
  const app = createApiApp<SecretariatEnv>({
    docPath: '/v1/secretariat/openapi.json',
    title: 'Liaison council meetings API / 連絡会API',
    description:
      'Meetings of 違法・有害情報相談機関連絡会 run by the secretariat: invitations from the registry, agenda, attendance, minutes (the secretariat’s until approved) and action items carried from meeting to meeting until done.',
    log: deps.log,
  });
  const releases = deps.releases ?? statsReleaseSource(deps.database.db);
  const withContext: MiddlewareHandler<SecretariatEnv> = async (c, next) => {
    c.set('ctx', {
      actor: c.get('actor'),
      db: deps.database.db,
      registry: deps.registry,
      releases,
      ...(deps.now ? { now: deps.now } : {}),
    });
    await next();
  };
  app.use('/v1/meetings', authenticate(deps.verifyToken), withContext);
  app.use('/v1/meetings/*', authenticate(deps.verifyToken), withContext);
  meetingRoutes(app);
  return app;
}
