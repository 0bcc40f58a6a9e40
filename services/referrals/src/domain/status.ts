import {
  allowedNext,
  type BusinessStatus,
  canTransition,
  errors,
  requireMemberBody,
  requireRole,
  type Side,
  statusesNeedingReason,
  type TaskStatus,
  taskStatusLabels,
} from '@liaison/domain';
import { appendAudit } from '@liaison/audit';
import { appendToOutbox, makeEvent } from '@liaison/events';
import { and, eq, sql } from 'drizzle-orm';
import { outbox, referralStatusHistory, referrals } from '../db/schema.ts';
import { caseRoles, type Referral, type ReferralsContext } from './context.ts';
import { startClocks, stopClocks } from './deadlines.ts';
import { packageProblem } from './packages.ts';
import { referralCreatedEvent, toReferral, visibleTo } from './referrals.ts';

export interface ChangeStatusInput {
  status: TaskStatus;
  businessStatus?: BusinessStatus | undefined;
  statusReason?: string | undefined;
  /** When given, the change applies only if the referral is still at this version (else 409). */
  expectedVersion?: number | undefined;
}

/**
 * Moves a referral to another status, as its sender or its recipient, under FHIR Task's rules.
 * The row, its history entry and the `status_changed` event are written in one transaction, with
 * the row locked so that two people acting at once are put in order. The recipient may also change
 * only the business status (削除依頼済 …) by giving the current status again.
 */
export async function changeStatus({ ctx, id, input }: { ctx: ReferralsContext; id: string; input: ChangeStatusInput }): Promise<Referral> {
  const { actor } = ctx;
  requireMemberBody(actor, 'change referrals');
  requireRole(actor, caseRoles, 'change referrals');
  const reason = input.statusReason?.trim() || undefined;
  if (statusesNeedingReason.includes(input.status) && !reason) {
    throw errors.validation([
      { field: 'statusReason', problem: `a reason is required to set ${input.status} (${taskStatusLabels[input.status].ja})` },
    ]);
  }
  // A draft carrying a package is sent only while the package is still real (not purged meanwhile).
  // Asked before the transaction: the row lock is not held across a call to another service.
  if (input.status === 'requested') {
    const [draft] = await ctx.db
      .select({ packageId: referrals.packageId, caseId: referrals.caseId, recipient: referrals.recipient })
      .from(referrals)
      .where(and(eq(referrals.id, id), eq(referrals.sender, actor.agency), eq(referrals.status, 'draft')));
    if (draft?.packageId && draft.caseId) {
      const problem = await packageProblem({ ctx, packageId: draft.packageId, caseId: draft.caseId, recipient: draft.recipient });
      if (problem)
        throw errors.conflict(`this draft cannot be sent: ${problem}; cancel it and refer again with a new package`, {
          packageId: draft.packageId,
        });
    }
  }
  return ctx.db.transaction(async (tx) => {
    // A draft is not found by its recipient: no status, no allowed moves, no version leak out of it.
    const [row] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.id, id), visibleTo(actor.agency)))
      .for('update');
    if (!row) throw errors.notFound(`referral ${id}`);
    const side: Side = row.sender === actor.agency ? 'sender' : 'recipient';
    const from = row.status as TaskStatus;
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw errors.conflict(`referral ${id} changed meanwhile (version ${row.version}, expected ${input.expectedVersion}); reload it`, {
        currentVersion: row.version,
        currentStatus: from,
      });
    }
    const sameStatus = input.status === from;
    if (
      sameStatus
        ? !(side === 'recipient' && input.businessStatus && allowedNext(from, side).length > 0)
        : !canTransition(from, input.status, side)
    ) {
      const allowed = allowedNext(from, side);
      throw errors.conflict(
        `the ${side} may not move a referral from ${from} to ${input.status}; allowed next: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
        { from, to: input.status, side, allowed },
      );
    }
    const now = new Date();
    const version = row.version + 1;
    const businessStatus = input.businessStatus ?? (sameStatus ? row.businessStatus : null);
    const sending = from === 'draft' && input.status === 'requested';
    const [updated] = await tx
      .update(referrals)
      .set({
        status: input.status,
        businessStatus,
        statusReason: reason ?? (sameStatus ? row.statusReason : null),
        version,
        updatedAt: now,
        ...(sending ? { sentAt: now } : {}),
      })
      .where(eq(referrals.id, id))
      .returning();
    if (sending) await startClocks(tx, row, now, ctx.calendar);
    await stopClocks(tx, id, input.status, now);
    await tx.insert(referralStatusHistory).values({
      referralId: id,
      version,
      fromStatus: from,
      toStatus: input.status,
      businessStatus,
      statusReason: reason ?? null,
      changedBy: actor.agency,
      changedByToken: actor.tokenId,
      changedAt: now,
    });
    await appendAudit(tx, [
      {
        agency: actor.agency,
        actor: actor.tokenId,
        action: 'referral.status',
        subjectType: 'referral',
        subjectId: id,
        reason: reason ?? null,
        details: { from, to: input.status, version, ...(businessStatus ? { businessStatus } : {}) },
      },
    ]);
    // Sending a draft announces the referral (as new, to its recipient); a referral never sent stays
    // off the bus whatever becomes of it (cancelled, entered in error): its recipient never learns it existed.
    if (sending) await appendToOutbox(tx, outbox, [referralCreatedEvent(toReferral(updated!, actor.agency), now)]);
    else if (row.sentAt)
      await appendToOutbox(tx, outbox, [
        makeEvent({
          type: 'jp.liaison.referral.status_changed.v1',
          source: `/agencies/${actor.agency}`,
          subject: id,
          time: now,
          data: {
            referralId: id,
            sender: row.sender,
            recipient: row.recipient,
            from,
            to: input.status,
            ...(businessStatus ? { businessStatus } : {}),
            changedBy: actor.agency,
            version,
            changedAt: now.toISOString(),
          },
        }),
      ]);
    return toReferral(updated!, actor.agency);
  });
}

/** The status history of a referral, oldest first, for its sender, or for its recipient once sent. */
export async function statusHistory({ ctx, id }: { ctx: ReferralsContext; id: string }) {
  requireMemberBody(ctx.actor, 'see referrals');
  requireRole(ctx.actor, caseRoles, 'see referrals');
  const [row] = await ctx.db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.id, id), visibleTo(ctx.actor.agency)));
  if (!row) throw errors.notFound(`referral ${id}`);
  const rows = await ctx.db
    .select()
    .from(referralStatusHistory)
    .where(eq(referralStatusHistory.referralId, id))
    .orderBy(referralStatusHistory.version);
  return rows.map((r) => ({
    version: r.version,
    from: r.fromStatus as TaskStatus,
    to: r.toStatus as TaskStatus,
    businessStatus: r.businessStatus,
    statusReason: r.statusReason,
    changedBy: r.changedBy,
    changedAt: r.changedAt.toISOString(),
  }));
}

/** Statuses in which the recipient has the next move, and in which the sender has. */
const recipientMoves: TaskStatus[] = ['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];
const senderMoves: TaskStatus[] = ['draft'];

/** "Action needed": referrals where the actor's body has the next move, oldest first. */
export async function listActionNeeded({ ctx, limit }: { ctx: ReferralsContext; limit: number }): Promise<Referral[]> {
  requireMemberBody(ctx.actor, 'see referrals');
  requireRole(ctx.actor, caseRoles, 'see referrals');
  const me = ctx.actor.agency;
  const rows = await ctx.db
    .select()
    .from(referrals)
    .where(
      sql`(${referrals.recipient} = ${me} and ${referrals.sentAt} is not null and ${referrals.status} in ${recipientMoves}) or (${referrals.sender} = ${me} and ${referrals.status} in ${senderMoves})`,
    )
    .orderBy(sql`${referrals.urgent} desc`, referrals.createdAt)
    .limit(limit);
  return rows.map((r) => toReferral(r, me));
}
