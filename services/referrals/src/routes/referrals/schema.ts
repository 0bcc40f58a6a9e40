import { z } from '@hono/zod-openapi';
import { categoryCodes } from '@liaison/domain';

export const AgencyCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a council body code such as "sia"')
  .openapi({ example: 'sia' });

export const CreateReferralBody = z
  .strictObject({
    recipient: AgencyCode,
    kind: z.enum(['referral', 'transfer']).default('referral').openapi({ description: 'referral 照会: the sender keeps the case; transfer 移送: ownership moves' }),
    category: z.enum(categoryCodes, { message: `must be a taxonomy category code (${categoryCodes.slice(0, 3).join(', ')}, …)` }).openapi({ example: 'R01' }),
    urgent: z.boolean().default(false),
  })
  .openapi('CreateReferral');

export const Referral = z
  .object({
    id: z.string().uuid(),
    sender: AgencyCode,
    recipient: AgencyCode,
    kind: z.enum(['referral', 'transfer']),
    category: z.string(),
    status: z.string().openapi({ description: 'FHIR Task status' }),
    urgent: z.boolean(),
    createdAt: z.string().datetime(),
  })
  .openapi('Referral');

export const ReceivedReferral = z
  .object({
    referralId: z.string().uuid(),
    sender: AgencyCode,
    recipient: AgencyCode,
    kind: z.enum(['referral', 'transfer']),
    category: z.string(),
    status: z.string(),
    urgent: z.boolean(),
    sentAt: z.string().datetime(),
    receivedAt: z.string().datetime(),
  })
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
