import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import type { Db } from '@liaison/db';
import { errors, requireMemberBody, requireRole, statutoryClock } from '@liaison/domain';
import { appendToOutbox, type CloudEvent, makeEvent } from '@liaison/events';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { caseActions, cases, outbox } from '../db/schema.ts';
import { caseFact, ownCase } from './cases.ts';
import { caseRoles, type IntakeContext } from './context.ts';

export interface ActionInput {
  action: string;
  requestedAt?: string | undefined;
  /** Overrides the case's flag for this action (a request to another platform). */
  designatedPlatform?: boolean | undefined;
  /** Sender inquiry about an election candidate: 2 days instead of 7. */
  electionCandidate?: boolean | undefined;
}

const view = (r: typeof caseActions.$inferSelect) => ({
  id: r.id,
  caseId: r.caseId,
  action: r.action,
  designatedPlatform: r.designatedPlatform,
  requestedAt: r.requestedAt.toISOString(),
  clock: r.clock,
  dueAt: r.dueAt?.toISOString() ?? null,
  outcome: r.outcome,
  extensionGround: r.extensionGround,
  outcomeAt: r.outcomeAt?.toISOString() ?? null,
});

/** Records an action taken on a case; a deletion request to a designated platform or a sender inquiry starts its statutory clock. */
export async function recordAction({ ctx, caseId, input }: { ctx: IntakeContext; caseId: string; input: ActionInput }) {
  const row = await ownCase(ctx, caseId);
  const requestedAt = input.requestedAt ? new Date(input.requestedAt) : new Date();
  const designated = input.designatedPlatform ?? row.designatedPlatform;
  const clock = statutoryClock({
    action: input.action,
    requestedAt,
    designatedPlatform: designated,
    category: row.category,
    electionCandidate: input.electionCandidate,
  });
  const id = randomUUID();
  const [action] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(caseActions)
      .values({
        id,
        caseId,
        agency: row.agency,
        action: input.action,
        designatedPlatform: designated,
        requestedAt,
        clock: clock?.clock ?? null,
        dueAt: clock?.dueAt ?? null,
        recordedBy: ctx.actor.tokenId,
      })
      .returning();
    await appendAudit(tx, [
      {
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'case.action',
        subjectType: 'case',
        subjectId: caseId,
        details: { actionId: id, action: input.action, clock: clock?.clock ?? null },
      },
    ]);
    return inserted;
  });
  return view(action!);
}

/** Records an action's outcome (Art. 25(2) extensions need their ground); stops its clock and refreshes the case fact. */
export async function recordOutcome({
  ctx,
  caseId,
  actionId,
  input,
}: {
  ctx: IntakeContext;
  caseId: string;
  actionId: string;
  input: { outcome: string; extensionGround?: string | undefined };
}) {
  await ownCase(ctx, caseId);
  if (input.outcome === 'extended' && !input.extensionGround)
    throw errors.validation([{ field: 'extensionGround', problem: 'an extension needs its Art. 25(2) ground' }]);
  return ctx.db.transaction(async (tx) => {
    const [action] = await tx
      .select()
      .from(caseActions)
      .where(and(eq(caseActions.id, actionId), eq(caseActions.caseId, caseId)))
      .for('update');
    if (!action) throw errors.notFound(`action ${actionId}`);
    const now = new Date();
    // An extension keeps the clock running with the ground recorded; any other outcome stops it.
    const [updated] = await tx
      .update(caseActions)
      .set({ outcome: input.outcome, extensionGround: input.extensionGround ?? null, outcomeAt: input.outcome === 'extended' ? null : now })
      .where(eq(caseActions.id, actionId))
      .returning();
    const [caseRow] = await tx
      .update(cases)
      .set({ outcome: input.outcome, version: sql`${cases.version} + 1` })
      .where(eq(cases.id, caseId))
      .returning();
    await appendAudit(tx, [
      {
        agency: ctx.actor.agency,
        actor: ctx.actor.tokenId,
        action: 'case.outcome',
        subjectType: 'case',
        subjectId: caseId,
        details: { actionId, outcome: input.outcome },
      },
    ]);
    await appendToOutbox(tx, outbox, [caseFact(caseRow!), actionOutcomeEvent(updated!, caseRow!, now)]);
    return view(updated!);
  });
}

/** The anonymized outcome of an action, for statistics (Art. 25 decisions within 7 days and the like). */
function actionOutcomeEvent(action: typeof caseActions.$inferSelect, caseRow: typeof cases.$inferSelect, decidedAt: Date) {
  return makeEvent({
    type: 'jp.liaison.case.action_outcome.v1',
    source: `/agencies/${action.agency}`,
    subject: action.caseId,
    time: decidedAt,
    data: {
      caseId: action.caseId,
      actionId: action.id,
      agency: action.agency,
      action: action.action,
      outcome: action.outcome!,
      category: caseRow.category,
      designatedPlatform: action.designatedPlatform,
      // The case's operator only when the case's own platform is designated (an action overriding the
      // flag went to another platform, whose operator the case does not record).
      ...(action.designatedPlatform && caseRow.designatedPlatform && caseRow.operator ? { operator: caseRow.operator } : {}),
      ...(action.clock
        ? { clock: action.clock as 'art25-decision' | 'sender-objection', withinClock: !action.dueAt || decidedAt <= action.dueAt }
        : {}),
      requestedAt: action.requestedAt.toISOString(),
      decidedAt: decidedAt.toISOString(),
    },
  });
}

/** The body's actions whose statutory clock ran out with no outcome. */
export async function listOverdueActions({ ctx, now = new Date() }: { ctx: IntakeContext; now?: Date }) {
  requireMemberBody(ctx.actor, 'see cases');
  requireRole(ctx.actor, caseRoles, 'see cases');
  const rows = await ctx.db
    .select()
    .from(caseActions)
    .where(and(eq(caseActions.agency, ctx.actor.agency), isNull(caseActions.outcomeAt), sql`${caseActions.dueAt} <= ${now}`))
    .orderBy(caseActions.dueAt);
  return rows.map(view);
}

/** Emits `case.clock_missed` once per action whose statutory clock ran out (claimed SKIP LOCKED, marked with its outbox row). */
export async function emitMissedClocks(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      select id, case_id, agency, action, clock, designated_platform, due_at from intake.case_actions
      where outcome_at is null and missed_emitted_at is null and due_at <= ${now}
      order by due_at limit 500 for update skip locked`);
    const rows = (
      result as unknown as {
        rows: {
          id: string;
          case_id: string;
          agency: string;
          action: string;
          clock: 'art25-decision' | 'sender-objection';
          designated_platform: boolean;
          due_at: Date;
        }[];
      }
    ).rows;
    if (rows.length === 0) return 0;
    const events: CloudEvent[] = rows.map((r) =>
      makeEvent({
        type: 'jp.liaison.case.clock_missed.v1',
        source: `/agencies/${r.agency}`,
        subject: r.case_id,
        time: now,
        data: {
          caseId: r.case_id,
          actionId: r.id,
          agency: r.agency,
          action: r.action,
          clock: r.clock,
          designatedPlatform: r.designated_platform,
          dueAt: new Date(r.due_at).toISOString(),
        },
      }),
    );
    await appendToOutbox(tx, outbox, events);
    await tx
      .update(caseActions)
      .set({ missedEmittedAt: now })
      .where(
        inArray(
          caseActions.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.length;
  });
}
