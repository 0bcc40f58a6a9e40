import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Actor } from '@liaison/auth';
import type { Db } from '@liaison/db';
import { catalogTopics, eventCatalog } from '@liaison/events';
import { type AuthVariables, authenticate, createApiApp, type RequestIdVariables } from '@liaison/http';
import type { MiddlewareHandler } from 'hono';
import { listDeadLetters, listEndpoints, type NotifierContext, redeliver, registerEndpoint } from './domain/endpoints.ts';
import { webhookSecretKey } from './domain/secrets.ts';
import { assertTargetPolicy, type TargetCheck } from './domain/targets.ts';
import type { LogSink } from '@liaison/observe';

type NotifierEnv = { Variables: AuthVariables & RequestIdVariables & { ctx: NotifierContext } };

const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');
const json = <T>(schema: T, example?: unknown) => ({
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});

// Examples for the OpenAPI document (checked against their schemas by the platform's contract test).
const endpointId = '5d2e8f61-9a3b-4c7d-8e1f-2a4b6c8d0e13';
const registerExample = {
  url: 'https://liaison.sia.example.jp/webhooks/liaison',
  eventTypes: ['jp.liaison.referral.created.v1', 'jp.liaison.referral.status_changed.v1'],
};
const endpointExample = {
  id: endpointId,
  url: registerExample.url,
  eventTypes: registerExample.eventTypes,
  enabled: true,
  disabledReason: null,
};
const deadLetterExample = {
  id: '9c1d3e5f-7a2b-4c6d-8e0f-1a3b5c7d9e2f',
  endpointId,
  eventId: 'e8f2a4c6-1b3d-4e5f-9a7b-2c4d6e8f0a1b',
  eventType: 'jp.liaison.referral.created.v1',
  attempts: 9,
  lastStatusCode: 503,
  lastError: 'answered 503',
  createdAt: '2026-12-05T01:00:00.000Z',
};
const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', ...json(ErrorBody) },
  401: { description: 'No valid token', ...json(ErrorBody) },
  403: { description: 'Wrong body or role', ...json(ErrorBody) },
} as const;
const security = [{ bearer: [] }];
const eventTypes = [...eventCatalog().keys()] as [string, ...string[]];

const RegisterBody = z
  .strictObject({
    url: z.string().max(2048).openapi({
      description:
        'https URL of your receiver, port 443 unless the platform allows others; every address the name resolves to must be public (private, loopback, link-local, reserved and IPv4-embedding IPv6 forms of those are refused)',
    }),
    eventTypes: z
      .array(z.enum(eventTypes, { message: 'must be a catalogued event type' }))
      .max(20)
      .default([]),
  })
  .openapi('RegisterWebhook');
const Endpoint = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
  })
  .openapi('WebhookEndpoint');
const Registered = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    secret: z.string().openapi({ description: 'Standard Webhooks secret; shown once' }),
  })
  .openapi('RegisteredWebhook');
const DeadLetter = z
  .object({
    id: z.string().uuid(),
    endpointId: z.string().uuid(),
    eventId: z.string(),
    eventType: z.string(),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('DeadLetter');

export interface NotifierAppDeps {
  db: Db;
  verifyToken: (token: string) => Promise<Actor | null>;
  targets: TargetCheck;
  /** `WEBHOOK_KEY` (≥ 32 bytes): signing secrets are stored encrypted under a key derived from it. */
  webhookKey: Buffer;
  log?: LogSink | undefined;
}

/** Builds the partner-delivery REST app: webhook endpoints and the dead-letter list of each body. */
export function createNotifierApp(deps: NotifierAppDeps): OpenAPIHono<NotifierEnv> {
  assertTargetPolicy(deps.targets);
  const secretKey = webhookSecretKey(deps.webhookKey);
  const app = createApiApp<NotifierEnv>({
    docPath: '/v1/webhooks/openapi.json',
    title: 'Liaison webhooks / Webhook配信',
    description: `Standard Webhooks deliveries of the events concerning your body (topics: ${catalogTopics().join(', ')}).`,
    log: deps.log,
  });
  const withContext: MiddlewareHandler<NotifierEnv> = async (c, next) => {
    c.set('ctx', { actor: c.get('actor'), db: deps.db, targets: deps.targets, secretKey });
    await next();
  };
  app.use('/v1/webhooks', authenticate(deps.verifyToken), withContext);
  app.use('/v1/webhooks/dead-letters', authenticate(deps.verifyToken), withContext);
  app.use('/v1/webhooks/dead-letters/*', authenticate(deps.verifyToken), withContext);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks',
      summary: 'Register a webhook endpoint / Webhookの登録',
      security,
      request: { body: { required: true, ...json(RegisterBody, registerExample) } },
      responses: {
        201: {
          description: 'Registered',
          ...json(Registered, {
            id: endpointId,
            url: registerExample.url,
            eventTypes: registerExample.eventTypes,
            enabled: true,
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          }),
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await registerEndpoint({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks',
      summary: "My body's endpoints / 登録済みWebhook",
      security,
      responses: {
        200: { description: 'Endpoints', ...json(z.object({ items: z.array(Endpoint) }), { items: [endpointExample] }) },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listEndpoints({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks/dead-letters',
      summary: 'Deliveries that gave up / 配信失敗',
      security,
      responses: {
        200: { description: 'Newest first', ...json(z.object({ items: z.array(DeadLetter) }), { items: [deadLetterExample] }) },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listDeadLetters({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/dead-letters/{id}/redeliver',
      summary: 'Deliver a dead letter again / 再配信',
      security,
      request: { params: z.object({ id: z.string().uuid('must be a delivery id (UUID)') }) },
      responses: {
        200: {
          description: 'Queued',
          ...json(z.object({ id: z.string(), status: z.literal('pending') }), { id: deadLetterExample.id, status: 'pending' }),
        },
        404: { description: 'No such dead letter', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await redeliver({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );
  return app;
}
