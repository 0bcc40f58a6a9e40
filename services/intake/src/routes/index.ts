import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listOverdueActions, recordAction, recordOutcome } from '../domain/actions.ts';
import { getCase, recordCase } from '../domain/cases.ts';
import { fetchPackage, recordConsent, revokeConsent, sealInfo, sealPackage } from '../domain/sharing.ts';
import type { IntakeEnv } from '../env-types.ts';
import * as ex from './examples.ts';
import {
  ActionBody,
  ActionParams,
  ActionView,
  CaseIdParam,
  CaseView,
  ConsentBody,
  ConsentParams,
  ConsentView,
  ErrorBody,
  PackageBody,
  PackageIdParam,
  OutcomeBody,
  PackageView,
  PurposeQuery,
  RecordCaseBody,
  Revocation,
  SealedPackage,
  SealInfo,
} from './schema.ts';

const json = <T>(schema: T, example?: unknown) => ({
  content: { 'application/json': { schema, ...(example !== undefined ? { example } : {}) } },
});
const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', ...json(ErrorBody) },
  401: { description: 'No valid token', ...json(ErrorBody) },
  403: { description: 'Wrong body or role, or no consent or legal ground', ...json(ErrorBody) },
  404: { description: 'Not found for this body', ...json(ErrorBody) },
} as const;
const security = [{ bearer: [] }];

/** Mounts the intake routes: cases, consents, sealed packages. */
export function intakeRoutes(app: OpenAPIHono<IntakeEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases/actions/overdue',
      summary: 'Actions whose statutory clock ran out / 法定期限を過ぎた対応',
      security,
      responses: {
        200: {
          description: 'Oldest due first',
          ...json(z.object({ items: z.array(ActionView) }), { items: [{ ...ex.actionViewExample, dueAt: '2026-12-08T14:59:59.999Z' }] }),
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listOverdueActions({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/actions',
      summary: 'Record an action taken / 対応の記録 (starts statutory clocks)',
      security,
      request: { params: CaseIdParam, body: { required: true, ...json(ActionBody, ex.actionExample) } },
      responses: { 201: { description: 'Recorded', ...json(ActionView, ex.actionViewExample) }, ...errorResponses },
    }),
    async (c) => c.json(await recordAction({ ctx: c.get('ctx'), caseId: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/actions/{actionId}/outcome',
      summary: 'Record the outcome of an action / 結果の記録',
      security,
      request: { params: ActionParams, body: { required: true, ...json(OutcomeBody, ex.outcomeExample) } },
      responses: { 200: { description: 'Recorded', ...json(ActionView, ex.decidedActionExample) }, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordOutcome({
          ctx: c.get('ctx'),
          caseId: c.req.valid('param').id,
          actionId: c.req.valid('param').actionId,
          input: c.req.valid('json'),
        }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases',
      summary: 'Record a consultation / 相談の登録',
      security,
      request: { body: { required: true, ...json(RecordCaseBody, ex.recordCaseExample) } },
      responses: { 201: { description: 'Recorded', ...json(CaseView, ex.caseExample) }, ...errorResponses },
    }),
    async (c) => c.json(await recordCase({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases/{id}',
      summary: 'A case of my body / 相談の詳細 (personal data only with a purpose, audited)',
      security,
      request: { params: CaseIdParam, query: PurposeQuery },
      responses: { 200: { description: 'The case', ...json(CaseView, ex.caseWithPersonalExample) }, ...errorResponses },
    }),
    async (c) => c.json(await getCase({ ctx: c.get('ctx'), id: c.req.valid('param').id, purpose: c.req.valid('query').purpose }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/consents',
      summary: 'Record a consent to share / 同意の記録',
      security,
      request: { params: CaseIdParam, body: { required: true, ...json(ConsentBody, ex.consentExample) } },
      responses: { 201: { description: 'Recorded', ...json(ConsentView, ex.consentRecordExample) }, ...errorResponses },
    }),
    async (c) => c.json(await recordConsent({ ctx: c.get('ctx'), caseId: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/consents/{consentId}/revoke',
      summary: 'Revoke a consent; purges what it covered / 同意の撤回',
      security,
      request: { params: ConsentParams },
      responses: {
        200: { description: 'Revoked and purged', ...json(Revocation, ex.revocationExample) },
        409: { description: 'Already revoked', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await revokeConsent({ ctx: c.get('ctx'), caseId: c.req.valid('param').id, consentId: c.req.valid('param').consentId }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/packages',
      summary: 'Seal personal data to a recipient body / 個人情報の封緘',
      security,
      request: { params: CaseIdParam, body: { required: true, ...json(PackageBody, ex.sealPackageExample) } },
      responses: {
        201: { description: 'Sealed', ...json(PackageView, ex.packageExample) },
        409: { description: 'The recipient has no current public key (NO_CURRENT_KEY)', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await sealPackage({ ctx: c.get('ctx'), caseId: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/packages/{id}',
      summary: 'Fetch a package sealed to my body / 封緘パッケージの取得',
      security,
      request: { params: PackageIdParam },
      responses: {
        200: { description: 'Ciphertext; open it with your own key', ...json(SealedPackage, ex.sealedPackageExample) },
        410: { description: 'Purged (GONE), or sealed to a key since expired or revoked (KEY_RETIRED)', ...json(ErrorBody) },
        ...errorResponses,
      },
    }),
    async (c) => c.json(await fetchPackage({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/packages/{id}/seal-info',
      summary: 'What my body sealed: recipient, case, purge / 封緘の確認 (sealing body only; no personal data)',
      security,
      request: { params: PackageIdParam },
      responses: { 200: { description: 'Ids and codes only', ...json(SealInfo, ex.sealInfoExample) }, ...errorResponses },
    }),
    async (c) => c.json(await sealInfo({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );
}
