import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import { DomainError, errors, legalGrounds, requireMemberBody, requireRole } from '@liaison/domain';
import { appendToOutbox, makeEvent } from '@liaison/events';
import { PACKAGE_FORMAT_HPKE, PACKAGE_FORMAT_LEGACY, packageInfo, sealPackage as sealTo } from '@liaison/privacy';
import { and, arrayContains, eq, isNull } from 'drizzle-orm';
import { consents, outbox, packages } from '../db/schema.ts';
import { decryptPersonal, ownCase } from './cases.ts';
import { caseRoles, type IntakeContext } from './context.ts';

const notAMember = (code: string) => `${code} is an observer, not a member body: personal data is shared only with member bodies`;

export interface ConsentInput {
  givenBy: 'person' | 'guardian';
  recipients: string[];
  purposes: string[];
  givenAt?: string | undefined;
}

/** Records a consent to share a case's personal data with named recipients for named purposes. */
export async function recordConsent({ ctx, caseId, input }: { ctx: IntakeContext; caseId: string; input: ConsentInput }) {
  const row = await ownCase(ctx, caseId);
  // A consent for a child's case is given by the guardian.
  if (row.victimUnder18 && input.givenBy !== 'guardian') {
    throw errors.validation([{ field: 'givenBy', problem: 'the person concerned is under 18: consent is given by a guardian' }]);
  }
  // Personal data goes only to member bodies: an observer (a ministry, a public body) is never a recipient.
  const problems = [];
  for (const [i, code] of input.recipients.entries()) {
    const body = await ctx.agency(code);
    if (!body) problems.push({ field: `recipients.${i}`, problem: `unknown body ${code}` });
    else if (!body.roles.includes('member')) problems.push({ field: `recipients.${i}`, problem: notAMember(code) });
  }
  if (problems.length > 0) throw errors.validation(problems);
  const id = randomUUID();
  const givenAt = input.givenAt ? new Date(input.givenAt) : new Date();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(consents).values({
      id,
      caseId,
      givenBy: input.givenBy,
      recipients: input.recipients,
      purposes: input.purposes,
      givenAt,
      recordedBy: ctx.actor.tokenId,
    });
    await appendAudit(tx, [
      {
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'consent.record',
        subjectType: 'case',
        subjectId: caseId,
        details: { consentId: id, givenBy: input.givenBy, recipients: input.recipients, purposes: input.purposes },
      },
    ]);
  });
  return {
    id,
    caseId,
    givenBy: input.givenBy,
    recipients: input.recipients,
    purposes: input.purposes,
    givenAt: givenAt.toISOString(),
    revokedAt: null,
  };
}

export interface PackageInput {
  recipient: string;
  purpose: string;
  legalGround?: string | undefined;
  legalReason?: string | undefined;
}

/**
 * Seals a case's personal data to the recipient body's public key. Allowed only under a live
 * consent covering that recipient and purpose, or under an APPI Art. 27(1) ground recorded with its
 * reason; otherwise refused (403, saying what is missing). The platform keeps only the ciphertext.
 */
export async function sealPackage({ ctx, caseId, input }: { ctx: IntakeContext; caseId: string; input: PackageInput }) {
  // The case, the recipient and its current key are independent reads: made together.
  const [row, recipient, key] = await Promise.all([
    ownCase(ctx, caseId),
    ctx.agency(input.recipient),
    ctx.bodyKeys.current(input.recipient),
  ]);
  if (!recipient) throw errors.validation([{ field: 'recipient', problem: `unknown body ${input.recipient}` }]);
  if (!recipient.roles.includes('member')) throw errors.validation([{ field: 'recipient', problem: notAMember(input.recipient) }]);
  if (input.recipient === ctx.actor.agency) throw errors.validation([{ field: 'recipient', problem: 'must be another body' }]);
  if (!key) {
    throw new DomainError(
      'NO_CURRENT_KEY',
      'conflict',
      `${input.recipient} has no current public key (none published, or every key expired or was revoked); nothing can be sealed to it until its administrator publishes one (POST /v1/keys)`,
      { recipient: input.recipient },
    );
  }
  if (input.legalGround && !input.legalReason?.trim())
    throw errors.validation([{ field: 'legalReason', problem: 'a legal ground needs its reason recorded' }]);
  const id = randomUUID();
  const consentId = await ctx.db.transaction(async (tx) => {
    let consentId: string | null = null;
    if (!input.legalGround) {
      // The covering consent stays locked (FOR SHARE) until the package is stored. A revocation
      // (FOR UPDATE) racing this either goes first — then this finds no live consent — or waits
      // for this commit and then purges this package with the others: none is left behind.
      const [covering] = await tx
        .select({ id: consents.id })
        .from(consents)
        .where(
          and(
            eq(consents.caseId, caseId),
            isNull(consents.revokedAt),
            arrayContains(consents.recipients, [input.recipient]),
            arrayContains(consents.purposes, [input.purpose]),
          ),
        )
        .orderBy(consents.givenAt)
        .limit(1)
        .for('share');
      if (!covering) {
        throw new DomainError(
          'CONSENT_REQUIRED',
          'forbidden',
          `no consent covers sharing this case's personal data with ${input.recipient} for ${input.purpose}; record one, or give an APPI Art. 27(1) ground (${legalGrounds.map((g) => g.code).join(', ')}) with its reason`,
          { recipient: input.recipient, purpose: input.purpose },
        );
      }
      consentId = covering.id;
    }
    const personal = decryptPersonal(ctx, row);
    const content = Buffer.from(JSON.stringify({ caseId, category: row.category, ...personal }));
    const sealed = await sealTo(key.publicKey, content, { packageId: id, caseId, recipient: input.recipient, keyId: key.keyId });
    await tx.insert(packages).values({
      id,
      caseId,
      owner: ctx.actor.agency,
      recipient: input.recipient,
      purpose: input.purpose,
      consentId,
      legalGround: input.legalGround ?? null,
      legalReason: input.legalReason?.trim() ?? null,
      sealed,
      format: PACKAGE_FORMAT_HPKE,
      keyId: key.keyId,
      createdBy: ctx.actor.tokenId,
    });
    await appendAudit(tx, [
      {
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'pii.share',
        subjectType: 'case',
        subjectId: caseId,
        reason: input.legalGround ? `${input.legalGround}: ${input.legalReason?.trim()}` : `consent ${consentId}`,
        details: { packageId: id, recipient: input.recipient, purpose: input.purpose, keyId: key.keyId },
      },
    ]);
    return consentId;
  });
  return {
    id,
    caseId,
    recipient: input.recipient,
    purpose: input.purpose,
    consentId,
    legalGround: input.legalGround ?? null,
    format: PACKAGE_FORMAT_HPKE,
    keyId: key.keyId,
  };
}

/**
 * The recipient fetches its package (ciphertext only; it opens it with its own key). Every fetch
 * is audited. A package sealed to a key that has since expired or been revoked is no longer handed
 * out (410): a revoked key may be in other hands, and an expired one is retired — the sender seals
 * the case again to the current key.
 */
export async function fetchPackage({ ctx, id }: { ctx: IntakeContext; id: string }) {
  requireMemberBody(ctx.actor, 'fetch packages');
  requireRole(ctx.actor, caseRoles, 'fetch packages');
  const [row] = await ctx.db.select().from(packages).where(eq(packages.id, id));
  if (!row || row.recipient !== ctx.actor.agency) throw errors.notFound(`package ${id}`);
  if (!row.sealed || row.purgedAt) {
    throw new DomainError('GONE', 'gone', `package ${id} was purged (${row.purgeReason ?? 'withdrawn'}) at ${row.purgedAt?.toISOString()}`);
  }
  const keyId = row.keyId ?? 'legacy';
  const key = await ctx.bodyKeys.state(row.recipient, keyId);
  if (key.state !== 'valid' && key.state !== 'scheduled') {
    const when = key.at ? ` at ${key.at.toISOString()}` : '';
    const what = key.state === 'unknown' ? 'is no longer in the registry' : `${key.state === 'revoked' ? 'was revoked' : 'expired'}${when}`;
    throw new DomainError(
      'KEY_RETIRED',
      'gone',
      `package ${id} was sealed to key ${keyId} of ${row.recipient}, which ${what}; ask ${row.owner} to seal it again to your current key`,
      { keyId, keyState: key.state },
    );
  }
  await appendAudit(ctx.db, [
    {
      agency: ctx.actor.agency,
      actor: ctx.actor.tokenId,
      action: 'pii.read',
      subjectType: 'package',
      subjectId: id,
      reason: row.purpose,
      details: { owner: row.owner, keyId },
    },
  ]);
  const context =
    row.format === PACKAGE_FORMAT_LEGACY
      ? `package:${id}`
      : packageInfo({ packageId: id, caseId: row.caseId, recipient: row.recipient, keyId });
  return {
    id,
    caseId: row.caseId,
    owner: row.owner,
    recipient: row.recipient,
    purpose: row.purpose,
    format: row.format,
    keyId,
    context,
    sealed: row.sealed.toString('base64'),
  };
}

/**
 * What the sealing body may know of a package it sealed — for whom, for which case, whether it was
 * purged — so that a referral carries only a real package (the referrals service asks, with the
 * caller's token). Ids and codes only; no personal data, no ciphertext, nothing audited. Another
 * body's package, even the recipient's, is "not found".
 */
export async function sealInfo({ ctx, id }: { ctx: IntakeContext; id: string }) {
  requireMemberBody(ctx.actor, 'see packages');
  requireRole(ctx.actor, caseRoles, 'see packages');
  const [row] = await ctx.db
    .select({
      id: packages.id,
      caseId: packages.caseId,
      owner: packages.owner,
      recipient: packages.recipient,
      purpose: packages.purpose,
      createdAt: packages.createdAt,
      purgedAt: packages.purgedAt,
    })
    .from(packages)
    .where(and(eq(packages.id, id), eq(packages.owner, ctx.actor.agency)));
  if (!row) throw errors.notFound(`package ${id}`);
  return { ...row, createdAt: row.createdAt.toISOString(), purgedAt: row.purgedAt?.toISOString() ?? null };
}

/**
 * Revokes a consent: every package it covered is purged (ciphertext dropped, purge recorded and
 * audited), and `consent.revoked` tells the recipients to delete any copy they opened.
 */
export async function revokeConsent({ ctx, caseId, consentId }: { ctx: IntakeContext; caseId: string; consentId: string }) {
  requireRole(ctx.actor, caseRoles, 'revoke consents');
  await ownCase(ctx, caseId);
  return ctx.db.transaction(async (tx) => {
    const [consent] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.id, consentId), eq(consents.caseId, caseId)))
      .for('update');
    if (!consent) throw errors.notFound(`consent ${consentId}`);
    if (consent.revokedAt) throw errors.conflict(`consent ${consentId} was already revoked at ${consent.revokedAt.toISOString()}`);
    const now = new Date();
    await tx.update(consents).set({ revokedAt: now, revokedBy: ctx.actor.tokenId }).where(eq(consents.id, consentId));
    const purged = await tx
      .update(packages)
      .set({ sealed: null, purgedAt: now, purgeReason: 'consent revoked' })
      .where(and(eq(packages.consentId, consentId), isNull(packages.purgedAt)))
      .returning({ id: packages.id, recipient: packages.recipient });
    await appendAudit(tx, [
      {
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'consent.revoke',
        subjectType: 'case',
        subjectId: caseId,
        details: { consentId },
      },
      ...purged.map((p) => ({
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'pii.purge',
        subjectType: 'package',
        subjectId: p.id,
        reason: 'consent revoked',
        details: { recipient: p.recipient, consentId },
      })),
    ]);
    await appendToOutbox(tx, outbox, [
      makeEvent({
        type: 'jp.liaison.consent.revoked.v1',
        source: `/agencies/${ctx.actor.agency}`,
        subject: caseId,
        time: now,
        data: {
          caseId,
          consentId,
          owner: ctx.actor.agency,
          recipients: consent.recipients,
          purgedPackages: purged.map((p) => p.id),
          revokedAt: now.toISOString(),
        },
      }),
    ]);
    return { consentId, revokedAt: now.toISOString(), purgedPackages: purged.map((p) => p.id) };
  });
}
