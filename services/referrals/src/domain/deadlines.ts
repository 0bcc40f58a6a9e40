import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import { type Db, Periodic, type Tx } from '@liaison/db';
import {
  type CalendarOptions,
  type Clock,
  clocksStoppedBy,
  type DeadlinePolicy,
  errors,
  planDeadlines,
  requireMemberBody,
  type TaskStatus,
} from '@liaison/domain';
import { appendToOutbox, type CloudEvent, makeEvent } from '@liaison/events';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { deadlinePolicies, deadlines, outbox, referrals } from '../db/schema.ts';
import type { ReferralsContext } from './context.ts';

let policyCache: { at: number; rows: (typeof deadlinePolicies.$inferSelect)[] } | undefined;

/** The clocks for a recipient and category: the most specific policy row (recipient+category, recipient, category, default). */
export async function policyFor(db: Db, recipient: string, category: string): Promise<DeadlinePolicy> {
  if (!policyCache || Date.now() - policyCache.at > 30_000)
    policyCache = { at: Date.now(), rows: await db.select().from(deadlinePolicies) };
  const score = (r: { recipient: string | null; category: string | null }) =>
    (r.recipient === recipient ? 2 : r.recipient === null ? 0 : -10) + (r.category === category ? 1 : r.category === null ? 0 : -10);
  const best = [...policyCache.rows].filter((r) => score(r) >= 0).sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error('no deadline policy applies (the default row of referrals.deadline_policies is missing)');
  return best;
}

/** Forgets cached policies (after an edit, and in tests). */
export function forgetPolicies(): void {
  policyCache = undefined;
}

/** Starts the clocks of a referral that becomes requested later (a draft sent). */
export async function startClocks(
  tx: Tx,
  referral: { id: string; recipient: string; category: string },
  start: Date,
  calendar?: CalendarOptions,
): Promise<void> {
  const plan = planDeadlines(start, await policyFor(tx, referral.recipient, referral.category), calendar);
  await tx
    .insert(deadlines)
    .values(
      plan.map((d) => ({ id: randomUUID(), referralId: referral.id, clock: d.clock, dueAt: d.dueAt, approachingAt: d.approachingAt })),
    )
    .onConflictDoNothing();
}

/** Marks the clocks a status stops as met. */
export async function stopClocks(tx: Tx, referralId: string, status: TaskStatus, now: Date): Promise<void> {
  const stopped = clocksStoppedBy(status);
  if (stopped.length === 0) return;
  await tx
    .update(deadlines)
    .set({ metAt: now })
    .where(and(eq(deadlines.referralId, referralId), inArray(deadlines.clock, stopped), isNull(deadlines.metAt)));
}

interface DueRow {
  id: string;
  referral_id: string;
  clock: Clock;
  due_at: Date;
  sender: string;
  recipient: string;
}

/**
 * Emits `deadline.approaching` and `deadline.missed`, each exactly once per deadline: the event is
 * written to the outbox in the same transaction that records it as emitted, and rows are claimed
 * `FOR UPDATE SKIP LOCKED`, so restarts and several schedulers at once change nothing. Missed
 * deadlines are escalated to the secretariat.
 */
export class DeadlineScheduler {
  private readonly job: Periodic;

  constructor(private readonly options: { db: Db; secretariat: string; interval?: number; onError?: (err: unknown) => void }) {
    this.job = new Periodic(() => this.tick(new Date()), options.interval ?? 30_000, options.onError);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass at time `now`; returns how many events it emitted. */
  async tick(now: Date): Promise<{ approaching: number; missed: number }> {
    const approaching = await this.emit(now, 'approaching');
    const missed = await this.emit(now, 'missed');
    return { approaching, missed };
  }

  private async emit(now: Date, kind: 'approaching' | 'missed'): Promise<number> {
    const { db, secretariat } = this.options;
    return db.transaction(async (tx) => {
      const due =
        kind === 'approaching'
          ? sql`d.approaching_emitted_at is null and d.approaching_at <= ${now} and d.due_at > ${now}`
          : sql`d.missed_emitted_at is null and d.due_at <= ${now}`;
      const result = await tx.execute(
        sql`select d.id, d.referral_id, d.clock, d.due_at, r.sender, r.recipient
            from referrals.deadlines d join referrals.referrals r on r.id = d.referral_id
            where d.met_at is null and ${due}
            order by d.due_at limit 500 for update of d skip locked`,
      );
      const rows = (result as unknown as { rows: DueRow[] }).rows;
      if (rows.length === 0) return 0;
      const events: CloudEvent[] = rows.map((r) => {
        const data = {
          deadlineId: r.id,
          referralId: r.referral_id,
          sender: r.sender,
          recipient: r.recipient,
          clock: r.clock,
          dueAt: new Date(r.due_at).toISOString(),
        };
        return kind === 'approaching'
          ? makeEvent({
              type: 'jp.liaison.deadline.approaching.v1',
              source: `/agencies/${secretariat}`,
              subject: r.referral_id,
              time: now,
              data,
            })
          : makeEvent({
              type: 'jp.liaison.deadline.missed.v1',
              source: `/agencies/${secretariat}`,
              subject: r.referral_id,
              time: now,
              data: { ...data, escalatedTo: secretariat },
            });
      });
      await appendToOutbox(tx, outbox, events);
      const ids = rows.map((r) => r.id);
      await tx
        .update(deadlines)
        .set(kind === 'approaching' ? { approachingEmittedAt: now } : { missedEmittedAt: now })
        .where(inArray(deadlines.id, ids));
      if (kind === 'missed') {
        await appendAudit(
          tx,
          rows.map((r) => ({
            agency: secretariat,
            actor: null,
            action: 'deadline.missed',
            subjectType: 'referral',
            subjectId: r.referral_id,
            details: { clock: r.clock, recipient: r.recipient, dueAt: new Date(r.due_at).toISOString(), escalatedTo: secretariat },
          })),
        );
      }
      return rows.length;
    });
  }
}

/**
 * Overdue clocks (期限超過): the secretariat sees every body's; a member body's caseworkers see those
 * of referrals it sent or received. Ids and codes only.
 */
export async function listOverdue({ ctx, now = new Date() }: { ctx: ReferralsContext; now?: Date }) {
  const { actor } = ctx;
  const secretariat = actor.role === 'secretariat' && actor.agencyRoles.includes('secretariat');
  if (!secretariat) {
    requireMemberBody(actor, 'see deadlines');
    if (!['caseworker', 'supervisor'].includes(actor.role)) throw errors.forbidden(`role ${actor.role} may not see deadlines`);
  }
  const rows = await ctx.db
    .select({
      referralId: deadlines.referralId,
      clock: deadlines.clock,
      dueAt: deadlines.dueAt,
      sender: referrals.sender,
      recipient: referrals.recipient,
      category: referrals.category,
      status: referrals.status,
    })
    .from(deadlines)
    .innerJoin(referrals, eq(referrals.id, deadlines.referralId))
    .where(
      and(
        isNull(deadlines.metAt),
        // Past due now, or already declared missed by the scheduler.
        sql`(${deadlines.dueAt} <= ${now} or ${deadlines.missedEmittedAt} is not null)`,
        secretariat
          ? undefined
          : sql`(${referrals.sender} = ${actor.agency} or (${referrals.recipient} = ${actor.agency} and ${referrals.sentAt} is not null))`,
      ),
    )
    .orderBy(deadlines.dueAt)
    .limit(1000);
  return rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString() }));
}
