import { createRoute, z } from '@hono/zod-openapi';
import { appendAudit } from '@liaison/audit';
import {
  type Actor,
  type BodyKey,
  currentBodyKey,
  KEY_ID_PATTERN,
  keyState,
  listBodyKeys,
  publishBodyKey,
  revokeBodyKey,
  x25519Thumbprint,
} from '@liaison/auth';
import type { Db } from '@liaison/db';
import {
  type AuthVariables,
  authenticate,
  createApiApp,
  DomainError,
  errors,
  type RequestIdVariables,
  requireMemberBody,
  TIMESTAMP_BOUNDS,
} from '@liaison/http';
import { isUsablePublicKey } from '@liaison/privacy';
import type { LogSink } from '@liaison/observe';

type Env = { Variables: AuthVariables & RequestIdVariables };
const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');
const json = <T>(schema: T, example?: unknown) => ({
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});
const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', ...json(ErrorBody) },
  401: { description: 'No valid token', ...json(ErrorBody) },
  403: { description: 'Not an administrator of a member body', ...json(ErrorBody) },
} as const;
const security = [{ bearer: [] }];

/** The longest a key may be published for: rotating at least every two years keeps a stolen key's reach short. */
export const MAX_KEY_DAYS = 730;
const DAY = 86_400_000;

/** Furthest ahead a key's not-before may be: a rotation is scheduled, not a key parked for years. */
export const MAX_NOT_BEFORE_DAYS = 365;
const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 timestamp with offset, e.g. 2027-04-01T00:00:00+09:00', abort: true })
  .refine((v) => Date.parse(v) >= Date.parse(TIMESTAMP_BOUNDS.earliest), { message: 'must not be before 2000-01-01' });
const PublishKeyBody = z
  .strictObject({
    keyId: z.string().regex(KEY_ID_PATTERN, 'must be 1–64 letters, digits, ".", "_" or "-"').optional().openapi({
      description:
        "Your name for the key; default its RFC 7638 JWK thumbprint. Never reused: a body's key ids are unique for good, revoked ones included.",
    }),
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be a raw X25519 public key: 32 bytes in base64 (44 characters)', abort: true })
      .refine(isUsablePublicKey, 'is not a usable X25519 public key (a low-order point)')
      .openapi({ description: 'Raw X25519 public key (32 bytes), base64. The private half stays with your body.' }),
    notBefore: timestamp
      .refine((v) => Date.parse(v) <= Date.now() + MAX_NOT_BEFORE_DAYS * DAY, {
        message: `must be at most ${MAX_NOT_BEFORE_DAYS} days ahead`,
      })
      .optional()
      .openapi({
        description: `From when packages are sealed to it; default now. A later time (at most ${MAX_NOT_BEFORE_DAYS} days ahead) schedules a rotation.`,
      }),
    expiresAt: timestamp.openapi({
      description: `Until when: packages sealed to it are handed out until then. At most ${MAX_KEY_DAYS} days after notBefore.`,
    }),
  })
  .openapi('PublishKey');

const KeyView = z
  .object({
    keyId: z.string(),
    publicKey: z.string(),
    notBefore: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    state: z
      .enum(['scheduled', 'valid', 'expired', 'revoked'])
      .openapi({ description: 'scheduled: not valid yet; valid; expired; revoked' }),
    current: z.boolean().openapi({ description: 'Whether new packages for your body are sealed to this key now' }),
  })
  .openapi('BodyKey');

const exampleKey = {
  keyId: 'giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8',
  publicKey: '3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=',
  notBefore: '2026-12-01T00:00:00.000Z',
  expiresAt: '2027-12-01T00:00:00.000Z',
  revokedAt: null,
  state: 'valid',
  current: true,
};

function requireKeyAdmin(actor: Actor) {
  requireMemberBody(actor, 'publish keys (packages are sealed to member bodies only)');
  if (actor.role !== 'admin') throw errors.forbidden(`role ${actor.role} may not manage keys (allowed: admin)`);
}

function view(key: BodyKey, current: string | undefined, now: Date) {
  const state = keyState(key, now);
  return {
    keyId: key.keyId,
    publicKey: key.publicKey,
    notBefore: key.notBefore.toISOString(),
    expiresAt: key.expiresAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
    state: state === 'unknown' ? ('revoked' as const) : state,
    current: key.keyId === current,
  };
}

/**
 * A body's public keys for sealed packages, managed by its administrators: publish (with a key id,
 * not-before and expiry), list, revoke. Rotation is publishing the next key: new packages are
 * sealed to it from its not-before, and packages sealed to the older key stay fetchable until that
 * key expires or is revoked. Keys are never replaced, and a body manages only its own.
 */
export function createBodyKeyApp(deps: { db: Db; verifyToken: (token: string) => Promise<Actor | null>; log?: LogSink | undefined }) {
  const app = createApiApp<Env>({
    docPath: '/v1/keys/openapi.json',
    title: 'Liaison body keys / 公開鍵の管理',
    description:
      'The X25519 public keys your body publishes; packages of personal data are sealed to the current one (HPKE, RFC 9180; see docs/partners.md).',
    log: deps.log,
  });
  app.use('/v1/keys', authenticate(deps.verifyToken));
  app.use('/v1/keys/*', authenticate(deps.verifyToken));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys',
      summary: 'Publish a public key of my body / 公開鍵の登録 (rotation: publish the next one)',
      security,
      request: {
        body: {
          required: true,
          ...json(PublishKeyBody, {
            publicKey: exampleKey.publicKey,
            notBefore: '2026-12-01T09:00:00+09:00',
            expiresAt: '2027-12-01T09:00:00+09:00',
          }),
        },
      },
      responses: {
        201: { description: 'Published', ...json(KeyView, exampleKey) },
        409: {
          description: 'Key id already used by your body (KEY_ID_TAKEN), or this public key already published (PUBLIC_KEY_TAKEN)',
          ...json(ErrorBody),
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireKeyAdmin(actor);
      const input = c.req.valid('json');
      const now = new Date();
      const notBefore = input.notBefore ? new Date(input.notBefore) : now;
      const expiresAt = new Date(input.expiresAt);
      if (expiresAt <= now) throw errors.validation([{ field: 'expiresAt', problem: 'must be in the future' }]);
      if (expiresAt <= notBefore) throw errors.validation([{ field: 'expiresAt', problem: 'must be after notBefore' }]);
      if (expiresAt.getTime() - notBefore.getTime() > MAX_KEY_DAYS * DAY)
        throw errors.validation([{ field: 'expiresAt', problem: `must be at most ${MAX_KEY_DAYS} days after notBefore` }]);
      const keyId = input.keyId ?? x25519Thumbprint(input.publicKey);
      const result = await publishBodyKey(deps.db, {
        agency: actor.agency,
        keyId,
        publicKey: input.publicKey,
        notBefore,
        expiresAt,
        createdBy: actor.tokenId,
      });
      if (!result.ok) {
        throw result.reason === 'key-id-taken'
          ? new DomainError(
              'KEY_ID_TAKEN',
              'conflict',
              `your body already has a key ${keyId}; keys are never replaced: publish the new key under a new id`,
              { keyId },
            )
          : new DomainError('PUBLIC_KEY_TAKEN', 'conflict', 'this public key is already published; make a new key pair for each key', {});
      }
      await appendAudit(deps.db, [
        {
          agency: actor.agency,
          actor: actor.tokenId,
          action: 'key.publish',
          subjectType: 'body-key',
          subjectId: keyId,
          details: { notBefore: notBefore.toISOString(), expiresAt: expiresAt.toISOString() },
        },
      ]);
      const current = await currentBodyKey(deps.db, actor.agency, now);
      return c.json(view(result.key, current?.keyId, now), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/keys',
      summary: "My body's public keys / 公開鍵一覧",
      security,
      responses: {
        200: { description: 'Latest first', ...json(z.object({ items: z.array(KeyView) }), { items: [exampleKey] }) },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireKeyAdmin(actor);
      const now = new Date();
      const [keys, current] = await Promise.all([listBodyKeys(deps.db, actor.agency), currentBodyKey(deps.db, actor.agency, now)]);
      return c.json({ items: keys.map((k) => view(k, current?.keyId, now)) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys/{keyId}/revoke',
      summary: 'Revoke a key of my body at once / 公開鍵の失効',
      description:
        'Nothing more is sealed to it, and packages sealed to it are no longer handed out (410 KEY_RETIRED): their senders seal them again to your current key.',
      security,
      request: { params: z.object({ keyId: z.string().regex(KEY_ID_PATTERN, 'must be a key id') }) },
      responses: {
        200: {
          description: 'Revoked (or already revoked)',
          ...json(KeyView, { ...exampleKey, revokedAt: '2027-03-01T02:00:00.000Z', state: 'revoked', current: false }),
        },
        404: { description: 'No such key of your body', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireKeyAdmin(actor);
      const { keyId } = c.req.valid('param');
      const revoked = await revokeBodyKey(deps.db, { agency: actor.agency, keyId, revokedBy: actor.tokenId });
      if (!revoked) throw errors.notFound(`key ${keyId}`);
      await appendAudit(deps.db, [
        { agency: actor.agency, actor: actor.tokenId, action: 'key.revoke', subjectType: 'body-key', subjectId: keyId },
      ]);
      const now = new Date();
      const current = await currentBodyKey(deps.db, actor.agency, now);
      return c.json(view(revoked, current?.keyId, now), 200);
    },
  );
  return app;
}
