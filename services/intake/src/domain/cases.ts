import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import { errors, jstDate, requireMemberBody, requireRole } from '@liaison/domain';
import { appendToOutbox, makeEvent } from '@liaison/events';
import { decryptField, encryptField, urlHash } from '@liaison/privacy';
import { eq } from 'drizzle-orm';
import { cases, outbox } from '../db/schema.ts';
import { caseRoles, type IntakeContext } from './context.ts';

export interface PersonalData {
  name?: string | undefined;
  contact?: string | undefined;
  school?: string | undefined;
}

export interface RecordCaseInput {
  category: string;
  platformType?: string | undefined;
  operator?: string | undefined;
  designatedPlatform?: boolean | undefined;
  consulter: string;
  victimUnder18: boolean;
  requestedActions: string[];
  urls: string[];
  summary?: string | undefined;
  person?: PersonalData | undefined;
}

type CaseRow = typeof cases.$inferSelect;

const bind = (id: string, column: string) => `intake.cases/${id}/${column}`;

/** The case as its owner sees it; personal data only when asked for with a purpose (and audited). */
function view(row: CaseRow, personal?: { urls: string[]; summary: string | null; person: PersonalData }) {
  return {
    id: row.id,
    agency: row.agency,
    month: row.month,
    category: row.category,
    platformType: row.platformType,
    operator: row.operator,
    designatedPlatform: row.designatedPlatform,
    consulter: row.consulter,
    victimUnder18: row.victimUnder18,
    requestedActions: row.requestedActions,
    outcome: row.outcome,
    urlHashes: row.urlHashes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    ...(personal ? { personal } : {}),
  };
}

/** The anonymized fact of a case (what statistics may know). */
export function caseFact(row: CaseRow) {
  return makeEvent({
    type: 'jp.liaison.case.fact.v1',
    source: `/agencies/${row.agency}`,
    subject: row.id,
    data: {
      caseId: row.id,
      agency: row.agency,
      month: row.month,
      category: row.category,
      ...(row.platformType ? { platformType: row.platformType } : {}),
      designatedPlatform: row.designatedPlatform,
      // Only a designated large platform's operator is named: a small operator could point to a person.
      ...(row.designatedPlatform && row.operator ? { operator: row.operator } : {}),
      consulter: row.consulter,
      victimUnder18: row.victimUnder18,
      requestedActions: row.requestedActions,
      ...(row.outcome ? { outcome: row.outcome } : {}),
      urlHashes: row.urlHashes,
      ...(row.closedAt ? { daysToClose: Math.floor((row.closedAt.getTime() - row.createdAt.getTime()) / 86_400_000) } : {}),
      version: row.version,
    },
  });
}

/**
 * A member body records a consultation. Codes in the clear; URLs, free text and personal data
 * encrypted field by field under the body's data key; the anonymized case fact (codes, month, keyed
 * URL hashes) goes to the outbox in the same transaction.
 */
export async function recordCase({ ctx, input }: { ctx: IntakeContext; input: RecordCaseInput }) {
  const { actor } = ctx;
  requireMemberBody(actor, 'record cases');
  requireRole(actor, caseRoles, 'record cases');
  const id = randomUUID();
  const key = ctx.dataKey(actor.agency);
  const now = new Date();
  const enc = (column: string, value: string | undefined) => (value ? encryptField(key, value, bind(id, column)) : null);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cases)
      .values({
        id,
        agency: actor.agency,
        month: jstDate(now).slice(0, 7),
        category: input.category,
        platformType: input.platformType ?? null,
        operator: input.operator ?? null,
        designatedPlatform: input.designatedPlatform ?? false,
        consulter: input.consulter,
        victimUnder18: input.victimUnder18,
        requestedActions: input.requestedActions,
        urlHashes: [...new Set(input.urls.map((u) => urlHash(ctx.councilKey, u)))],
        urlsEnc: input.urls.length ? encryptField(key, JSON.stringify(input.urls), bind(id, 'urls')) : null,
        summaryEnc: enc('summary', input.summary),
        nameEnc: enc('name', input.person?.name),
        contactEnc: enc('contact', input.person?.contact),
        schoolEnc: enc('school', input.person?.school),
        createdBy: actor.tokenId,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, [
      {
        agency: actor.agency,
        actor: actor.tokenId,
        action: 'case.record',
        subjectType: 'case',
        subjectId: id,
        details: { category: input.category },
      },
    ]);
    await appendToOutbox(tx, outbox, [caseFact(row!)]);
    return view(row!);
  });
}

/** Loads a case of the actor's own body (others' cases do not exist for it). */
export async function ownCase(ctx: IntakeContext, id: string): Promise<CaseRow> {
  requireMemberBody(ctx.actor, 'see cases');
  requireRole(ctx.actor, caseRoles, 'see cases');
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, id));
  if (!row || row.agency !== ctx.actor.agency) throw errors.notFound(`case ${id}`);
  return row;
}

/** Decrypts a case's personal data (callers audit the read). */
export function decryptPersonal(ctx: IntakeContext, row: CaseRow): { urls: string[]; summary: string | null; person: PersonalData } {
  const key = ctx.dataKey(row.agency);
  const dec = (column: string, value: string | null) => (value ? decryptField(key, value, bind(row.id, column)) : undefined);
  return {
    urls: row.urlsEnc ? (JSON.parse(decryptField(key, row.urlsEnc, bind(row.id, 'urls'))) as string[]) : [],
    summary: dec('summary', row.summaryEnc) ?? null,
    person: { name: dec('name', row.nameEnc), contact: dec('contact', row.contactEnc), school: dec('school', row.schoolEnc) },
  };
}

/** A case for its owner; with `purpose` (a purpose code), its personal data too — and the read goes to the audit log. */
export async function getCase({ ctx, id, purpose }: { ctx: IntakeContext; id: string; purpose?: string | undefined }) {
  const row = await ownCase(ctx, id);
  if (!purpose) return view(row);
  await appendAudit(ctx.db, [
    { agency: ctx.actor.agency, actor: ctx.actor.tokenId, action: 'pii.read', subjectType: 'case', subjectId: id, reason: purpose },
  ]);
  return view(row, decryptPersonal(ctx, row));
}
