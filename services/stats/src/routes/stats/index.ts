import { manifestExample, ownStatisticsExample, releaseExample, releaseListExample, requestReleaseExample } from './examples.ts';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { appendAudit } from '@liaison/audit';
import { errors, jsonAnswer } from '@liaison/http';
import { requireReleaseReader, requireSecretariat } from '../../domain/context.ts';
import { ownBodyStatistics } from '../../domain/own-body.ts';
import { getManifest, getRelease, listReleases, type Release as ReleaseView, requestRelease } from '../../domain/releases.ts';
import type { StatsEnv } from '../../env-types.ts';
import { ErrorBody, OwnQuery, OwnStatistics, Release, ReleaseIdParam, ReleaseQuery, ReleaseSummary, RequestReleaseBody } from './schema.ts';

const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'No valid token', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Wrong body or role', content: { 'application/json': { schema: ErrorBody } } },
} as const;
const security = [{ bearer: [] }];

/** Rendered answers of releases (immutable), per release object and table. */
const rendered = new WeakMap<ReleaseView, Map<string, string>>();

function renderedRelease(release: ReleaseView, only: string | undefined, tables: ReleaseView['tables']): string {
  const byTable = rendered.get(release) ?? new Map<string, string>();
  rendered.set(release, byTable);
  const text = byTable.get(only ?? '') ?? JSON.stringify({ ...release, tables });
  byTable.set(only ?? '', text);
  return text;
}

/** Mounts the statistics routes (`/v1/stats/…`). */
export function statsRoutes(app: OpenAPIHono<StatsEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats/releases',
      summary: 'Statistics releases, newest first / 統計の公表一覧',
      security,
      responses: {
        200: {
          description: 'Immutable snapshots of closed periods',
          content: { 'application/json': { schema: z.object({ items: z.array(ReleaseSummary) }), example: releaseListExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { actor, db } = c.get('ctx');
      requireReleaseReader(actor);
      return c.json({ items: await listReleases(db) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats/releases/{id}',
      summary: 'One release: its tables (秘匿 cells without a value) and its audit manifest / 統計の公表',
      security,
      request: { params: ReleaseIdParam, query: ReleaseQuery },
      responses: {
        200: {
          description: 'The release (every read is logged: who, which release and table, when)',
          content: { 'application/json': { schema: Release, example: releaseExample } },
        },
        304: {
          description: 'Not modified: If-None-Match named this answer (its ETag; a release never changes). The read is logged all the same',
        },
        404: { description: 'No such release', content: { 'application/json': { schema: ErrorBody } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { actor, db, releases } = c.get('ctx');
      requireReleaseReader(actor);
      const release = await getRelease(db, c.req.valid('param').id, releases.cache);
      if (!release) throw errors.notFound(`release ${c.req.valid('param').id}`);
      const only = c.req.valid('query').table;
      const tables = only ? release.tables.filter((t) => t.id === only) : release.tables;
      if (only && tables.length === 0) throw errors.notFound(`table ${only} in release ${release.period}`);
      await appendAudit(db, [
        {
          agency: actor.agency,
          actor: actor.tokenId,
          action: 'stats.release.read',
          subjectType: 'stats-release',
          subjectId: release.id,
          details: { period: release.period, tables: tables.map((t) => t.id) },
        },
      ]);
      // A release never changes: its answer is rendered once, and a client that holds it (the
      // gateway) is told so with 304 — after the read is authorized and logged, as any other.
      const etag = `"${release.id}${only ? `/${only}` : ''}"`;
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag }) as never;
      return c.body(renderedRelease(release, only, tables), 200, { 'content-type': 'application/json', etag }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats/releases/{id}/manifest',
      summary: 'The audit manifest of a release / 秘匿処理の監査マニフェスト',
      security,
      request: { params: ReleaseIdParam },
      responses: {
        200: {
          description:
            'Every cell (value or null), every constraint and the feasibility interval of each suppressed cell: re-check the release from the published numbers alone',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()), example: manifestExample } },
        },
        404: { description: 'No such release', content: { 'application/json': { schema: ErrorBody } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { actor, db, releases } = c.get('ctx');
      requireReleaseReader(actor);
      const release = await getRelease(db, c.req.valid('param').id, releases.cache);
      const manifest = release && (await getManifest(db, release.id));
      if (!release || !manifest) throw errors.notFound(`release ${c.req.valid('param').id}`);
      await appendAudit(db, [
        {
          agency: actor.agency,
          actor: actor.tokenId,
          action: 'stats.manifest.read',
          subjectType: 'stats-release',
          subjectId: release.id,
          details: { period: release.period },
        },
      ]);
      return c.json(manifest as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/stats/releases',
      summary: 'Release a closed period now (secretariat) / 統計の公表（臨時）',
      security,
      request: {
        body: { required: true, content: { 'application/json': { schema: RequestReleaseBody, example: requestReleaseExample } } },
      },
      responses: {
        201: {
          description: 'Released (with its months and quarters first, when missing)',
          content: { 'application/json': { schema: Release, example: releaseExample } },
        },
        409: { description: 'The period has not closed, or is released already', content: { 'application/json': { schema: ErrorBody } } },
        422: {
          description: 'Disclosure control could not protect the release; nothing was published',
          content: { 'application/json': { schema: ErrorBody } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireSecretariat(ctx.actor);
      const release = await requestRelease(ctx.releases, {
        period: c.req.valid('json').period,
        requestedBy: `${ctx.actor.agency}/${ctx.actor.tokenId}`,
      });
      await appendAudit(ctx.db, [
        {
          agency: ctx.actor.agency,
          actor: ctx.actor.tokenId,
          action: 'stats.release.request',
          subjectType: 'stats-release',
          subjectId: release.id,
          details: { period: release.period },
        },
      ]);
      return c.json(release, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats/own',
      summary: "My body's exact live statistics / 自機関の統計（速報・実数）",
      security,
      request: { query: OwnQuery },
      responses: {
        200: {
          description: "Exact counts of the caller's body only (open periods included)",
          content: { 'application/json': { schema: OwnStatistics, example: ownStatisticsExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => jsonAnswer(c, await ownBodyStatistics({ ctx: c.get('ctx'), period: c.req.valid('query').period })) as never,
  );
}
