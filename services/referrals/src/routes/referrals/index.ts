import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { jsonAnswer } from '@liaison/http';
import { createReferral, getReferral, listInbox, listSent } from '../../domain/referrals.ts';
import { listOverdue } from '../../domain/deadlines.ts';
import { suggest } from '../../domain/routing.ts';
import { changeStatus, listActionNeeded, statusHistory } from '../../domain/status.ts';
import type { ReferralsEnv } from '../../env-types.ts';
import * as ex from './examples.ts';
import {
  ChangeStatusBody,
  CreateReferralBody,
  RoutingSuggestion,
  SuggestRoutingBody,
  ErrorBody,
  IdParam,
  ListQuery,
  OverdueDeadline,
  ReceivedReferral,
  Referral,
  StatusChange,
} from './schema.ts';

const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'No valid token', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Wrong body or role', content: { 'application/json': { schema: ErrorBody } } },
} as const;

const security = [{ bearer: [] }];

/** Mounts the referral routes (`/v1/referrals…`, `/v1/inbox`). */
export function referralRoutes(app: OpenAPIHono<ReferralsEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/referrals',
      summary: 'Refer a case to another member body / 他機関への照会・移送',
      security,
      request: {
        body: { required: true, content: { 'application/json': { schema: CreateReferralBody, example: ex.createReferralExample } } },
      },
      responses: {
        201: {
          description: 'Stored; delivered to the recipient asynchronously',
          content: { 'application/json': { schema: Referral, example: ex.referralExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const referral = await createReferral({ ctx: c.get('ctx'), input: c.req.valid('json') });
      return c.json(referral, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/sent',
      summary: 'Referrals sent by my body / 送信済み',
      security,
      request: { query: ListQuery },
      responses: {
        200: {
          description: 'Newest first',
          content: { 'application/json': { schema: ListOf(Referral), example: { items: [ex.referralExample] } } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listSent({ ctx: c.get('ctx'), limit: c.req.valid('query').limit }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/action-needed',
      summary: 'Referrals where my body has the next move / 要対応',
      security,
      request: { query: ListQuery },
      responses: {
        200: {
          description: 'Urgent first, then oldest first',
          content: { 'application/json': { schema: ListOf(Referral), example: { items: [ex.referralExample] } } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listActionNeeded({ ctx: c.get('ctx'), limit: c.req.valid('query').limit }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/referrals/{id}/status',
      summary: 'Move a referral to another status / 状態の変更',
      security,
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: ChangeStatusBody, example: ex.changeStatusExample } } },
      },
      responses: {
        200: {
          description: 'The referral after the change',
          content: { 'application/json': { schema: Referral, example: ex.referralAtRecipientExample } },
        },
        404: { description: 'No such referral visible to this body', content: { 'application/json': { schema: ErrorBody } } },
        409: {
          description: 'Not allowed from the current status for this side; details.allowed lists what is',
          content: { 'application/json': { schema: ErrorBody } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await changeStatus({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/{id}/history',
      summary: 'Status history of a referral / 状態の履歴',
      security,
      request: { params: IdParam },
      responses: {
        200: { description: 'Oldest first', content: { 'application/json': { schema: ListOf(StatusChange), example: ex.historyExample } } },
        404: { description: 'No such referral visible to this body', content: { 'application/json': { schema: ErrorBody } } },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await statusHistory({ ctx: c.get('ctx'), id: c.req.valid('param').id }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/{id}',
      summary: 'One referral, for its sender or recipient / 照会の詳細',
      security,
      request: { params: IdParam },
      responses: {
        200: { description: 'The referral', content: { 'application/json': { schema: Referral, example: ex.referralAtRecipientExample } } },
        404: { description: 'No such referral visible to this body', content: { 'application/json': { schema: ErrorBody } } },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await getReferral({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/routing/suggestions',
      summary: 'Who should take a case, and why / 担当機関の提案',
      security,
      request: {
        body: { required: true, content: { 'application/json': { schema: SuggestRoutingBody, example: ex.suggestRoutingExample } } },
      },
      responses: {
        200: {
          description: 'In order of the rules',
          content: { 'application/json': { schema: ListOf(RoutingSuggestion), example: ex.suggestionsExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await suggest({ ctx: c.get('ctx'), input: c.req.valid('json') }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/deadlines/overdue',
      summary: 'Overdue clocks / 期限超過の一覧 (secretariat: all bodies; members: their own referrals)',
      security,
      responses: {
        200: {
          description: 'Oldest due first',
          content: { 'application/json': { schema: ListOf(OverdueDeadline), example: ex.overdueExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listOverdue({ ctx: c.get('ctx') }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/inbox',
      summary: "My body's referral inbox / 受信した照会",
      security,
      request: { query: ListQuery },
      responses: {
        200: {
          description: 'Newest first',
          content: { 'application/json': { schema: ListOf(ReceivedReferral), example: ex.inboxExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => jsonAnswer(c, { items: await listInbox({ ctx: c.get('ctx'), limit: c.req.valid('query').limit }) }) as never,
  );
}

function ListOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
