import { z } from '@hono/zod-openapi';
import { businessStatusCodes, categoryCodes, taskStatuses } from '@liaison/domain';

export const AgencyCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a council body code such as "sia"')
  .openapi({ example: 'sia' });

export const ConsulterCode = z.enum(['SELF', 'GRD', 'FAM', 'SCH', 'LAW', 'ORG', 'AGY', 'PRV', 'SND', 'ANO'], {
  message: 'must be a consulter code (SELF, GRD, FAM, SCH, LAW, ORG, AGY, PRV, SND, ANO)',
});

export const RoutingBasis = z.strictObject({
  consulter: ConsulterCode.optional(),
  victimUnder18: z.boolean().optional(),
  overrideReason: z.string().trim().min(1).max(2000).optional(),
});

export const TaskStatus = z.enum(taskStatuses).openapi({ description: 'FHIR Task status' });

export const CreateReferralBody = z
  .strictObject({
    recipient: AgencyCode,
    kind: z
      .enum(['referral', 'transfer'])
      .default('referral')
      .openapi({ description: 'referral 照会: the sender keeps the case; transfer 移送: ownership moves' }),
    category: z
      .enum(categoryCodes, { message: `must be a taxonomy category code (${categoryCodes.slice(0, 3).join(', ')}, …)` })
      .openapi({ example: 'R01' }),
    urgent: z.boolean().default(false),
    status: z
      .enum(['draft', 'requested'])
      .default('requested')
      .openapi({ description: 'draft 下書き: not yet sent; requested 依頼済: sent' }),
    routing: RoutingBasis.optional().openapi({
      description: 'The case codes for a routing suggestion; recorded with whether it was followed',
    }),
    packageId: z.string().uuid('must be a package id (UUID)').optional().openapi({
      description: 'A package of personal data your body sealed to the recipient for caseId (POST /v1/cases/{id}/packages), not purged',
    }),
    caseId: z
      .string()
      .uuid('must be a case id (UUID)')
      .optional()
      .openapi({ description: 'Your case the package was sealed for; required with packageId, only with it' }),
  })
  .superRefine((body, ctx) => {
    if (body.packageId && !body.caseId)
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'required with packageId: the case the package was sealed for' });
    if (body.caseId && !body.packageId)
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'only with packageId: it names the case the package was sealed for' });
  })
  .openapi('CreateReferral');

export const SuggestRoutingBody = z
  .strictObject({
    category: z.enum(categoryCodes, { message: 'must be a taxonomy category code' }),
    consulter: ConsulterCode.optional(),
    victimUnder18: z.boolean().optional(),
  })
  .openapi('SuggestRouting');

export const RoutingSuggestion = z
  .object({
    body: AgencyCode,
    nameJa: z.string(),
    nameEn: z.string(),
    action: z.enum(['refer', 'advise']).openapi({ description: 'refer 照会: pass the case; advise 案内: point the person there' }),
    rule: z.string(),
    reasonJa: z.string(),
    reasonEn: z.string(),
  })
  .openapi('RoutingSuggestion');

export const ChangeStatusBody = z
  .strictObject({
    status: TaskStatus,
    businessStatus: z
      .enum(businessStatusCodes, { message: `must be a business status code (${businessStatusCodes.slice(0, 3).join(', ')}, …)` })
      .optional(),
    statusReason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: 'Required for rejected, failed, cancelled, entered-in-error' }),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .openapi('ChangeStatus');

export const StatusChange = z
  .object({
    version: z.number().int(),
    from: TaskStatus,
    to: TaskStatus,
    businessStatus: z.string().nullable(),
    statusReason: z.string().nullable(),
    changedBy: AgencyCode,
    changedAt: z.string().datetime(),
  })
  .openapi('StatusChange');

export const Referral = z
  .object({
    id: z.string().uuid(),
    sender: AgencyCode,
    recipient: AgencyCode,
    kind: z.enum(['referral', 'transfer']),
    category: z.string(),
    status: TaskStatus,
    businessStatus: z.string().nullable(),
    statusReason: z.string().nullable(),
    routing: z.object({ suggested: z.array(AgencyCode), followed: z.boolean(), overrideReason: z.string().nullable() }).nullable(),
    packageId: z.string().uuid().nullable(),
    caseId: z.string().uuid().nullable().openapi({ description: "The sender's case the package was sealed for; shown to the sender only" }),
    urgent: z.boolean(),
    version: z.number().int(),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
    sentAt: z
      .string()
      .datetime()
      .nullable()
      .openapi({ description: 'When it was sent (requested 依頼済); null for a draft, which only its sender sees' }),
  })
  .openapi('Referral');

export const ReceivedReferral = Referral.pick({
  sender: true,
  recipient: true,
  kind: true,
  category: true,
  status: true,
  businessStatus: true,
  version: true,
  packageId: true,
  urgent: true,
})
  .extend({ referralId: z.string().uuid(), sentAt: z.string().datetime(), receivedAt: z.string().datetime() })
  .openapi('ReceivedReferral');

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const IdParam = z.object({ id: z.string().uuid('must be a referral id (UUID)') });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().nullable(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const OverdueDeadline = z
  .object({
    referralId: z.string().uuid(),
    clock: z.enum(['acknowledge', 'decide', 'complete']).openapi({ description: 'acknowledge 受領 / decide 受諾・辞退 / complete 完了' }),
    dueAt: z.string().datetime(),
    sender: AgencyCode,
    recipient: AgencyCode,
    category: z.string(),
    status: z.string(),
  })
  .openapi('OverdueDeadline');
