import { createRoute, z } from '@hono/zod-openapi';
import { appendAudit } from '@liaison/audit';
import { type Actor, issueToken, listTokens, revokeToken, roles, tokenAgency } from '@liaison/auth';
import type { Db } from '@liaison/db';
import { type AuthVariables, authenticate, createApiApp, errors, type RequestIdVariables } from '@liaison/http';
import type { LogSink } from '@liaison/observe';

type Env = { Variables: AuthVariables & RequestIdVariables };
const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');
const json = <T>(schema: T, example?: unknown) => ({
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});
const tokenExample = {
  id: '2b4d6f8a-1c3e-4a5b-9c7d-0e2f4a6b8c1d',
  role: 'caseworker',
  label: '相談員 山田 (caseworker Yamada)',
  createdAt: '2026-12-01T00:00:00.000Z',
  expiresAt: '2027-03-01T00:00:00.000Z',
  revokedAt: null,
};
const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', ...json(ErrorBody) },
  401: { description: 'No valid token', ...json(ErrorBody) },
  403: { description: 'Not an administrator of this body', ...json(ErrorBody) },
} as const;
const security = [{ bearer: [] }];

const IssueBody = z
  .strictObject({
    role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
    label: z.string().trim().min(1).max(200).openapi({ description: 'Who the token is for, e.g. a person’s name or desk' }),
    ttlDays: z.number().int().min(1).max(365).default(90),
  })
  .openapi('IssueToken');
const TokenView = z
  .object({
    id: z.string().uuid(),
    role: z.string(),
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw errors.forbidden(`role ${actor.role} may not manage tokens (allowed: admin)`);
}

/**
 * Per-user API tokens of a body: its administrators issue them (the plaintext is shown once; only
 * a hash is kept), list them and revoke them; anyone may revoke their own token.
 */
export function createTokenApp(deps: { db: Db; verifyToken: (token: string) => Promise<Actor | null>; log?: LogSink | undefined }) {
  const app = createApiApp<Env>({ docPath: '/v1/tokens/openapi.json', title: 'Liaison API tokens / APIトークン', log: deps.log });
  app.use('/v1/tokens', authenticate(deps.verifyToken));
  app.use('/v1/tokens/*', authenticate(deps.verifyToken));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/tokens',
      summary: 'Issue a token for a person of my body / トークン発行',
      security,
      request: { body: { required: true, ...json(IssueBody, { role: 'caseworker', label: tokenExample.label, ttlDays: 90 }) } },
      responses: {
        201: {
          description: 'The token, shown once',
          ...json(z.object({ id: z.string().uuid(), token: z.string(), expiresAt: z.string() }), {
            id: tokenExample.id,
            token: 'lia_3pQ0yZr8VwK1xN5cM7bT2hJ9gF4dS6aL',
            expiresAt: tokenExample.expiresAt,
          }),
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireAdmin(actor);
      const input = c.req.valid('json');
      const issued = await issueToken(deps.db, { agency: actor.agency, role: input.role, label: input.label, ttlDays: input.ttlDays });
      await appendAudit(deps.db, [
        {
          agency: actor.agency,
          actor: actor.tokenId,
          action: 'token.issue',
          subjectType: 'token',
          subjectId: issued.id,
          details: { role: input.role },
        },
      ]);
      return c.json({ id: issued.id, token: issued.token, expiresAt: issued.expiresAt.toISOString() }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tokens',
      summary: "My body's tokens / トークン一覧",
      security,
      responses: {
        200: { description: 'Newest first', ...json(z.object({ items: z.array(TokenView) }), { items: [tokenExample] }) },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireAdmin(actor);
      const rows = await listTokens(deps.db, actor.agency);
      return c.json(
        {
          items: rows.map((r) => ({
            ...r,
            createdAt: r.createdAt.toISOString(),
            expiresAt: r.expiresAt.toISOString(),
            revokedAt: r.revokedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/tokens/{id}/revoke',
      summary: 'Revoke a token at once / トークン失効',
      security,
      request: { params: z.object({ id: z.string().uuid('must be a token id (UUID)') }) },
      responses: {
        200: {
          description: 'Revoked',
          ...json(z.object({ id: z.string(), revoked: z.literal(true) }), { id: tokenExample.id, revoked: true }),
        },
        404: { description: 'No such token of this body', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { id } = c.req.valid('param');
      const own = id === actor.tokenId;
      if (!own) {
        requireAdmin(actor);
        if ((await tokenAgency(deps.db, id)) !== actor.agency) throw errors.notFound(`token ${id}`);
      }
      await revokeToken(deps.db, id);
      await appendAudit(deps.db, [
        { agency: actor.agency, actor: actor.tokenId, action: 'token.revoke', subjectType: 'token', subjectId: id },
      ]);
      return c.json({ id, revoked: true as const }, 200);
    },
  );
  return app;
}
