import { z } from '@hono/zod-openapi';
import { pastTimestamp } from '@liaison/http';
import {
  actionOutcomeCodes,
  caseActionCodes,
  categoryCodes,
  consulterCodes,
  extensionGroundCodes,
  legalGroundCodes,
  platformTypeCodes,
  purposeCodes,
  purposes,
  requestedActionCodes,
} from '@liaison/domain';

const code = (codes: [string, ...string[]], what: string) =>
  z.enum(codes, { message: `must be a ${what} code (${codes.slice(0, 3).join(', ')}, …)` });
/** A purpose code (利用目的), never free text; the documents list each with its labels, Japanese first. */
const purposeList = purposes.map((p) => `${p.code} ${p.ja} (${p.en})`).join('; ');
const purpose = code(purposeCodes, 'purpose').openapi({ description: purposeList });
export const AgencyCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a council body code such as "sia"');
const httpUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      return ['http:', 'https:'].includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const RecordCaseBody = z
  .strictObject({
    category: code(categoryCodes, 'taxonomy category'),
    platformType: code(platformTypeCodes, 'platform type').optional(),
    operator: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'The platform operator (a company), e.g. X, LINEヤフー' }),
    designatedPlatform: z.boolean().optional().openapi({ description: '大規模特定電気通信役務提供者 (designated large platform)' }),
    consulter: code(consulterCodes, 'consulter'),
    victimUnder18: z.boolean(),
    requestedActions: z.array(code(requestedActionCodes, 'requested action')).max(20).default([]),
    urls: z.array(httpUrl).max(50).default([]),
    summary: z
      .string()
      .trim()
      .max(10000)
      .optional()
      .openapi({ description: 'Free text; encrypted at rest, never leaves this body unsealed' }),
    person: z
      .strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        contact: z.string().trim().min(1).max(200).optional(),
        school: z.string().trim().min(1).max(200).optional(),
      })
      .optional()
      .openapi({ description: 'Personal data; encrypted field by field at rest' }),
  })
  .openapi('RecordCase');

export const CaseView = z
  .object({
    id: z.string().uuid(),
    agency: AgencyCode,
    month: z.string(),
    category: z.string(),
    platformType: z.string().nullable(),
    operator: z.string().nullable(),
    designatedPlatform: z.boolean(),
    consulter: z.string(),
    victimUnder18: z.boolean(),
    requestedActions: z.array(z.string()),
    outcome: z.string().nullable(),
    urlHashes: z.array(z.string()),
    version: z.number().int(),
    createdAt: z.string(),
    personal: z
      .object({
        urls: z.array(z.string()),
        summary: z.string().nullable(),
        person: z.object({ name: z.string().optional(), contact: z.string().optional(), school: z.string().optional() }),
      })
      .optional(),
  })
  .openapi('Case');

export const ConsentBody = z
  .strictObject({
    givenBy: z.enum(['person', 'guardian'], { message: 'must be person (本人) or guardian (保護者)' }),
    recipients: z.array(AgencyCode).min(1).max(20),
    purposes: z.array(purpose).min(1).max(10),
    givenAt: pastTimestamp().optional(),
  })
  .openapi('Consent');

export const ConsentView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    givenBy: z.string(),
    recipients: z.array(z.string()),
    purposes: z.array(z.string()),
    givenAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ConsentRecord');

export const PackageBody = z
  .strictObject({
    recipient: AgencyCode,
    purpose,
    legalGround: code(legalGroundCodes, 'APPI Art. 27(1) ground').optional(),
    legalReason: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi('SealPackage');

const format = z.number().int().openapi({
  description:
    '2: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; 1: legacy framing (older packages only)',
});

export const PackageView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    recipient: z.string(),
    purpose: z.string(),
    consentId: z.string().nullable(),
    legalGround: z.string().nullable(),
    format,
    keyId: z.string().openapi({ description: "The recipient's key it was sealed to (its current key at sealing)" }),
  })
  .openapi('Package');

export const SealedPackage = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid().openapi({ description: 'The sending body’s case; bound into the package' }),
    owner: z.string(),
    recipient: z.string(),
    purpose: z.string(),
    format,
    keyId: z.string().openapi({ description: 'Which of your keys opens it ("legacy" for format 1: the key your body had before key ids)' }),
    context: z.string().openapi({
      description:
        'Format 2: the HPKE info, as UTF-8 — liaison-package/2;id=<id>;case=<caseId>;to=<recipient>;kid=<keyId> (AAD empty). Format 1: the associated-data suffix. Recompute it from the ids rather than trusting it.',
    }),
    sealed: z
      .string()
      .openapi({ description: 'base64. Format 2: 0x02 ‖ enc (32 bytes) ‖ HPKE ciphertext (with its 16-byte tag); see docs/partners.md' }),
  })
  .openapi('SealedPackage');

export const SealInfo = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    owner: AgencyCode,
    recipient: AgencyCode,
    purpose: z.string(),
    createdAt: z.string(),
    purgedAt: z.string().nullable().openapi({ description: 'When it was purged (consent revoked); null while it can be fetched' }),
  })
  .openapi('SealInfo');

export const Revocation = z
  .object({ consentId: z.string().uuid(), revokedAt: z.string(), purgedPackages: z.array(z.string().uuid()) })
  .openapi('Revocation');

export const CaseIdParam = z.object({ id: z.string().uuid('must be a case id (UUID)') });
export const ConsentParams = z.object({
  id: z.string().uuid('must be a case id (UUID)'),
  consentId: z.string().uuid('must be a consent id (UUID)'),
});
export const PackageIdParam = z.object({ id: z.string().uuid('must be a package id (UUID)') });
export const PurposeQuery = z.object({
  purpose: purpose.optional().openapi({
    description: `Why personal data is read (a purpose code, recorded in the audit log); without it, codes only. ${purposeList}`,
  }),
});
export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');

export const ActionBody = z
  .strictObject({
    action: code(caseActionCodes, 'case action'),
    requestedAt: pastTimestamp().optional(),
    designatedPlatform: z.boolean().optional(),
    electionCandidate: z.boolean().optional(),
  })
  .openapi('RecordAction');
export const OutcomeBody = z
  .strictObject({
    outcome: code(actionOutcomeCodes, 'outcome'),
    extensionGround: code(extensionGroundCodes, 'Art. 25(2) extension ground').optional(),
  })
  .openapi('RecordOutcome');
export const ActionView = z
  .object({
    id: z.string().uuid(),
    caseId: z.string().uuid(),
    action: z.string(),
    designatedPlatform: z.boolean(),
    requestedAt: z.string(),
    clock: z.string().nullable().openapi({ description: 'art25-decision (7 days) or sender-objection (7 or 2 days)' }),
    dueAt: z.string().nullable(),
    outcome: z.string().nullable(),
    extensionGround: z.string().nullable(),
    outcomeAt: z.string().nullable(),
  })
  .openapi('CaseAction');
export const ActionParams = z.object({
  id: z.string().uuid('must be a case id (UUID)'),
  actionId: z.string().uuid('must be an action id (UUID)'),
});
