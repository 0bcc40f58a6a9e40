import { randomUUID } from 'node:crypto';
import { auditRow } from '@liaison/audit';
import { makeEvent, outboxRow } from '@liaison/events';
import { errors, planDeadlines, requireMemberBody, requireRole, suggestRouting, type TaskStatus } from '@liaison/domain';
import { policyFor } from './deadlines.ts';
import { requireRealPackage } from './packages.ts';
import { and, desc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '@liaison/db';
import { receivedReferrals, referrals } from '../db/schema.ts';
import { caseRoles, type ReceivedReferral, type Referral, type ReferralsContext } from './context.ts';

export interface CreateReferralInput {
  recipient: string;
  kind: 'referral' | 'transfer';
  category: string;
  urgent: boolean;
  /** `draft` keeps it with the sender (the recipient sees nothing yet); default `requested`. */
  status?: 'draft' | 'requested';
  /** A package of the case's personal data already sealed to the recipient (intake service); needs `caseId`. */
  packageId?: string | undefined;
  /** The sender's case the package was sealed for (kept with the referral, shown to the sender only, never on the bus). */
  caseId?: string | undefined;
  /**
   * The case's codes for a routing suggestion: when given, the suggestion is computed and recorded
   * with whether the sender followed it; overriding it needs `overrideReason`.
   */
  routing?: { consulter?: string | undefined; victimUnder18?: boolean | undefined; overrideReason?: string | undefined } | undefined;
}

/** The referral as `viewer` (its sender or its recipient) sees it: the sender's case id is the sender's alone. */
export const toReferral = (row: typeof referrals.$inferSelect, viewer: string): Referral => ({
  id: row.id,
  sender: row.sender,
  recipient: row.recipient,
  kind: row.kind,
  category: row.category,
  status: row.status as TaskStatus,
  businessStatus: row.businessStatus,
  statusReason: row.statusReason,
  packageId: row.packageId,
  caseId: viewer === row.sender ? row.caseId : null,
  routing: row.routingSuggested
    ? { suggested: row.routingSuggested, followed: row.routingFollowed ?? false, overrideReason: row.routingOverrideReason }
    : null,
  urgent: row.urgent,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

/**
 * Which referrals a body may see: those it sent (drafts included), and those addressed to it once
 * they have been sent. A draft — and a draft cancelled unsent — does not exist for its recipient:
 * every route answers it as it answers a random id.
 */
export const visibleTo = (agency: string) =>
  or(eq(referrals.sender, agency), and(eq(referrals.recipient, agency), isNotNull(referrals.sentAt)))!;

/** The announcement of a referral to its recipient, when it is sent (at creation, or when a draft is sent). */
export function referralCreatedEvent(
  referral: Pick<Referral, 'id' | 'sender' | 'recipient' | 'kind' | 'category' | 'urgent' | 'packageId'>,
  sentAt: Date,
) {
  const { id, sender, recipient, kind, category, urgent, packageId } = referral;
  return makeEvent({
    type: 'jp.liaison.referral.created.v1',
    source: `/agencies/${sender}`,
    subject: id,
    time: sentAt,
    // `createdAt` is when the recipient's referral begins: when it was sent, not when a draft was begun.
    data: {
      referralId: id,
      sender,
      recipient,
      kind,
      category,
      status: 'requested',
      urgent,
      createdAt: sentAt.toISOString(),
      ...(packageId ? { packageId } : {}),
    },
  });
}

/**
 * A member body refers a case to another member. The referral row and its `referral.created`
 * event are written in one transaction; the relay publishes the event afterwards, so the referral
 * is accepted even while the broker is down, and never announced without being stored. A draft
 * is not announced at all: nothing about it reaches the bus until it is sent.
 */
export async function createReferral({ ctx, input }: { ctx: ReferralsContext; input: CreateReferralInput }): Promise<Referral> {
  const { actor } = ctx;
  requireMemberBody(actor, 'send referrals');
  requireRole(actor, caseRoles, 'send referrals');
  if (input.recipient === actor.agency) throw errors.validation([{ field: 'recipient', problem: 'must be another body than the sender' }]);
  const recipientBody = await ctx.agency(input.recipient);
  if (!recipientBody) throw errors.validation([{ field: 'recipient', problem: `unknown body ${input.recipient}` }]);
  if (!recipientBody.roles.includes('member')) {
    throw errors.validation([{ field: 'recipient', problem: `${input.recipient} is an observer, not a member that takes cases` }]);
  }
  let routing: { suggested: string[]; followed: boolean; overrideReason: string | null } | undefined;
  if (input.routing) {
    const suggested = suggestRouting({
      category: input.category,
      consulter: input.routing.consulter,
      victimUnder18: input.routing.victimUnder18,
    })
      .filter((s) => s.action === 'refer')
      .map((s) => s.body);
    const followed = suggested.includes(input.recipient);
    const overrideReason = input.routing.overrideReason?.trim() || null;
    if (!followed && !overrideReason) {
      throw errors.validation([
        {
          field: 'routing.overrideReason',
          problem: `needed to refer to ${input.recipient} against the suggestion (${suggested.join(', ') || 'advice only, no referral'})`,
        },
      ]);
    }
    routing = { suggested, followed, overrideReason: followed ? null : overrideReason };
  }
  if (input.packageId && !input.caseId)
    throw errors.validation([{ field: 'caseId', problem: 'required with packageId: the case the package was sealed for' }]);
  if (input.caseId && !input.packageId)
    throw errors.validation([{ field: 'caseId', problem: 'only with packageId: it names the case the package was sealed for' }]);
  if (input.packageId) await requireRealPackage({ ctx, packageId: input.packageId, caseId: input.caseId!, recipient: input.recipient });
  const now = new Date();
  const status = input.status ?? 'requested';
  const referral: Referral = {
    id: randomUUID(),
    sender: actor.agency,
    recipient: input.recipient,
    kind: input.kind,
    category: input.category,
    status,
    businessStatus: null,
    statusReason: null,
    routing: routing ?? null,
    packageId: input.packageId ?? null,
    urgent: input.urgent,
    caseId: input.caseId ?? null,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    sentAt: status === 'requested' ? now.toISOString() : null,
  };
  const { id, recipient, kind, category } = referral;
  const event = status === 'requested' ? referralCreatedEvent(referral, now) : null;
  // The clocks start when the referral is requested (a draft starts them when it is sent).
  const clocks =
    status === 'requested'
      ? planDeadlines(now, await policyFor(ctx.db, recipient, category), ctx.calendar).map((d) => [
          randomUUID(),
          id,
          d.clock,
          d.dueAt,
          d.approachingAt,
        ])
      : [];
  // The referral, its event, its audit entry and its clocks commit together (group commit with
  // other referrals created at the same moment: see ReferralWriter).
  await ctx.writer.write({
    referral: [
      id,
      actor.agency,
      input.recipient,
      input.kind,
      input.category,
      status,
      input.urgent,
      actor.tokenId,
      now,
      now,
      routing?.suggested ?? null,
      routing?.followed ?? null,
      routing?.overrideReason ?? null,
      input.packageId ?? null,
      input.caseId ?? null,
      status === 'requested' ? now : null,
    ],
    outbox: event ? outboxRow(event) : null,
    audit: auditRow({
      agency: actor.agency,
      actor: actor.tokenId,
      action: 'referral.create',
      subjectType: 'referral',
      subjectId: id,
      reason: routing?.overrideReason ?? null,
      details: {
        recipient,
        kind,
        category,
        status,
        ...(input.packageId ? { packageId: input.packageId, caseId: input.caseId } : {}),
        ...(routing ? { routingSuggested: routing.suggested, routingFollowed: routing.followed } : {}),
      },
    }),
    clocks,
  });
  return referral;
}

/** One referral, for its sender, or for its recipient once sent. */
export async function getReferral({ ctx, id }: { ctx: ReferralsContext; id: string }): Promise<Referral> {
  requireMemberBody(ctx.actor, 'see referrals');
  requireRole(ctx.actor, caseRoles, 'see referrals');
  const rows = await ctx.db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), visibleTo(ctx.actor.agency)))
    .limit(1);
  // Another body's referral (or a draft addressed to this one) is "not found", not "forbidden": its existence is not disclosed.
  if (!rows[0]) throw errors.notFound(`referral ${id}`);
  return toReferral(rows[0], ctx.actor.agency);
}

/** Referrals sent by the actor's body, newest first. */
export async function listSent({ ctx, limit }: { ctx: ReferralsContext; limit: number }): Promise<Referral[]> {
  requireMemberBody(ctx.actor, 'see referrals');
  requireRole(ctx.actor, caseRoles, 'see referrals');
  const rows = await ctx.db
    .select()
    .from(referrals)
    .where(eq(referrals.sender, ctx.actor.agency))
    .orderBy(desc(referrals.createdAt))
    .limit(limit);
  return rows.map((r) => toReferral(r, ctx.actor.agency));
}

/**
 * The inbox listing, built once per database handle and prepared (the most frequent read of every
 * member): no query building per request, and Postgres parses and plans it once per connection.
 */
const inboxQueries = new WeakMap<Db, ReturnType<typeof buildInboxQuery>>();
const buildInboxQuery = (db: Db) =>
  db
    .select()
    .from(receivedReferrals)
    .where(and(eq(receivedReferrals.recipient, sql.placeholder('recipient')), ne(receivedReferrals.status, 'draft')))
    .orderBy(desc(receivedReferrals.sentAt))
    .limit(sql.placeholder('limit'))
    .prepare('liaison_referrals_inbox');
function inboxQuery(db: Db) {
  let query = inboxQueries.get(db);
  if (!query) {
    query = buildInboxQuery(db);
    inboxQueries.set(db, query);
  }
  return query;
}

/** The actor's body's referral inbox ("shared with me"), newest first. */
export async function listInbox({ ctx, limit }: { ctx: ReferralsContext; limit: number }): Promise<ReceivedReferral[]> {
  requireMemberBody(ctx.actor, 'see referrals');
  requireRole(ctx.actor, caseRoles, 'see referrals');
  const rows = await inboxQuery(ctx.db).execute({ recipient: ctx.actor.agency, limit });
  return rows.map((r) => ({
    referralId: r.referralId,
    sender: r.sender,
    recipient: r.recipient,
    kind: r.kind,
    category: r.category,
    status: r.status as TaskStatus,
    businessStatus: r.businessStatus,
    version: r.version,
    packageId: r.packageId,
    urgent: r.urgent,
    sentAt: r.sentAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
  }));
}
