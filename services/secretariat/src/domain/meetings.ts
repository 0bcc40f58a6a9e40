import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import type { Agency } from '@liaison/auth';
import type { Tx } from '@liaison/db';
import { appendToOutbox, type CloudEvent, makeEvent } from '@liaison/events';
import { errors, type FieldProblem } from '@liaison/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { actionItems, agendaItems, invitations, meetings, outbox, reportVersions } from '../db/schema.ts';
import { requireSecretariat, type SecretariatContext, type Viewer, viewerOf } from './context.ts';

export type Attendance = 'present' | 'online' | 'absent';

export interface MeetingFields {
  number: number;
  heldOn: string;
  startTime: string | null;
  place: string | null;
  onlineLink: string | null;
  reviewFrom: string;
  reviewTo: string;
}

export interface MeetingSummary extends MeetingFields {
  id: string;
  titleJa: string;
  titleEn: string;
  minutesApproved: boolean;
}

export interface ActionItemView {
  id: string;
  title: string;
  owner: string;
  dueOn: string;
  /** The meeting that raised it (id and 第N回). */
  raisedAt: { meetingId: string; number: number };
  status: 'open' | 'closed';
  /** The meeting that closed it, when closed. */
  closedAt: { meetingId: string; number: number; at: string } | null;
}

export interface MeetingView extends MeetingSummary {
  invitations: { body: string; role: 'member' | 'observer'; attendance: Attendance | null }[];
  agenda: { id: string; position: number; title: string; presenter: string }[];
  /** Approved minutes (frozen); null until approved — for everyone, the secretariat included. */
  minutes: { text: string; approvedAt: string } | null;
  /** The secretariat only: the draft of the minutes while not approved. */
  draftMinutes?: { text: string; updatedAt: string } | null;
  /**
   * Members and the secretariat only (members: their own body's). `actionItems`: raised at this
   * meeting; `carriedActionItems`: raised at earlier meetings and still open when this one met
   * (closed at this meeting or later, or not yet).
   */
  actionItems?: ActionItemView[];
  carriedActionItems?: ActionItemView[];
  /** The latest approved version of the meeting report; null until one is approved. */
  report: { reportId: string; version: number; approvedAt: string; releaseIds: string[] } | null;
}

/** The meeting's name, Japanese first. */
export function meetingTitle(number: number): { ja: string; en: string } {
  return {
    ja: `第${number}回 違法・有害情報相談機関連絡会`,
    en: `Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. ${number}`,
  };
}

type MeetingRow = typeof meetings.$inferSelect;

function summary(row: MeetingRow): MeetingSummary {
  const title = meetingTitle(row.number);
  return {
    id: row.id,
    number: row.number,
    titleJa: title.ja,
    titleEn: title.en,
    heldOn: row.heldOn,
    startTime: row.startTime,
    place: row.place,
    onlineLink: row.onlineLink,
    reviewFrom: row.reviewFrom,
    reviewTo: row.reviewTo,
    minutesApproved: row.minutesApprovedAt !== null,
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Meetings an actor may see, newest first: the secretariat all, others those their body is invited to. */
export async function listMeetings({ ctx }: { ctx: SecretariatContext }): Promise<MeetingSummary[]> {
  const viewer = viewerOf(ctx.actor);
  const rows =
    viewer === 'secretariat'
      ? await ctx.db.select().from(meetings).orderBy(desc(meetings.number))
      : await ctx.db
          .select({ m: meetings })
          .from(meetings)
          .innerJoin(invitations, and(eq(invitations.meetingId, meetings.id), eq(invitations.body, ctx.actor.agency)))
          .orderBy(desc(meetings.number))
          .then((r) => r.map((x) => x.m));
  return rows.map(summary);
}

/** One meeting as the actor may see it (404 when their body is not invited, as for a meeting that does not exist). */
export async function getMeeting({ ctx, id }: { ctx: SecretariatContext; id: string }): Promise<MeetingView> {
  const viewer = viewerOf(ctx.actor);
  return readMeeting(ctx.db as unknown as Tx, id, viewer, ctx.actor.agency);
}

async function readMeeting(db: Tx, id: string, viewer: Viewer, agency: string): Promise<MeetingView> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!row) throw errors.notFound(`meeting ${id}`);
  const invited = await db.select().from(invitations).where(eq(invitations.meetingId, id)).orderBy(asc(invitations.body));
  if (viewer !== 'secretariat' && !invited.some((i) => i.body === agency)) throw errors.notFound(`meeting ${id}`);
  const agenda = await db.select().from(agendaItems).where(eq(agendaItems.meetingId, id)).orderBy(asc(agendaItems.position));
  const [report] = await db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.meetingId, id), eq(reportVersions.status, 'approved')))
    .orderBy(desc(reportVersions.version))
    .limit(1);
  const view: MeetingView = {
    ...summary(row),
    invitations: invited.map((i) => ({
      body: i.body,
      role: i.role as 'member' | 'observer',
      attendance: (i.attendance as Attendance | null) ?? null,
    })),
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, presenter: a.presenter })),
    minutes: row.minutesApprovedAt && row.minutes !== null ? { text: row.minutes, approvedAt: iso(row.minutesApprovedAt) } : null,
    report: report?.approvedAt
      ? { reportId: report.id, version: report.version, approvedAt: iso(report.approvedAt), releaseIds: report.releaseIds }
      : null,
  };
  if (viewer === 'secretariat') {
    view.draftMinutes =
      !row.minutesApprovedAt && row.minutes !== null && row.minutesUpdatedAt
        ? { text: row.minutes, updatedAt: iso(row.minutesUpdatedAt) }
        : null;
  }
  if (viewer !== 'observer') {
    const owner = viewer === 'member' ? agency : undefined;
    const items = await actionItemsOf(db, row, owner);
    view.actionItems = items.filter((i) => i.raisedAt.meetingId === row.id);
    view.carriedActionItems = items.filter((i) => i.raisedAt.meetingId !== row.id);
  }
  return view;
}

/**
 * The action items a meeting shows: those it raised, and those raised at earlier meetings that were
 * still open when it met — not closed, or closed at this meeting or a later one. Oldest first.
 */
async function actionItemsOf(db: Tx, meeting: MeetingRow, owner: string | undefined): Promise<ActionItemView[]> {
  const { rows } = (await db.execute(sql`
    select a.id, a.title, a.owner, a.due_on::text as due_on, r.id as raised_id, r.number as raised_number,
           c.id as closed_id, c.number as closed_number, a.closed_at
      from secretariat.action_items a
      join secretariat.meetings r on r.id = a.meeting_id
      left join secretariat.meetings c on c.id = a.closed_at_meeting
     where (a.meeting_id = ${meeting.id} or (r.number < ${meeting.number} and (c.id is null or c.number >= ${meeting.number})))
       ${owner === undefined ? sql`` : sql`and a.owner = ${owner}`}
     order by r.number, a.due_on, a.created_at, a.id`)) as unknown as {
    rows: {
      id: string;
      title: string;
      owner: string;
      due_on: string;
      raised_id: string;
      raised_number: number;
      closed_id: string | null;
      closed_number: number | null;
      closed_at: Date | string | null;
    }[];
  };
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner,
    dueOn: r.due_on,
    raisedAt: { meetingId: r.raised_id, number: r.raised_number },
    status: r.closed_id ? 'closed' : 'open',
    closedAt: r.closed_id && r.closed_at ? { meetingId: r.closed_id, number: r.closed_number!, at: iso(r.closed_at) } : null,
  }));
}

// ——— Writes (the secretariat only). Each change, its audit entry and its event commit together. ———

export interface ScheduleInput {
  number?: number | undefined;
  heldOn: string;
  startTime?: string | undefined;
  place?: string | undefined;
  onlineLink?: string | undefined;
  reviewFrom: string;
  reviewTo: string;
  /** Registry codes; by default every member and observer body. */
  invited?: string[] | undefined;
}

export type UpdateInput = Partial<Omit<ScheduleInput, 'startTime' | 'place' | 'onlineLink'>> & {
  startTime?: string | null | undefined;
  place?: string | null | undefined;
  onlineLink?: string | null | undefined;
};

/** The body's role in the council for an invitation, or undefined for a body that is neither member nor observer. */
function councilRole(agency: Agency): 'member' | 'observer' | undefined {
  if (agency.roles.includes('member')) return 'member';
  if (agency.roles.includes('observer')) return 'observer';
  return undefined;
}

/** Checks registry codes; the problems name each field (`invited.2`, `presenter`, …). */
async function registryProblems(
  ctx: SecretariatContext,
  codes: { field: string; code: string }[],
): Promise<{ problems: FieldProblem[]; byCode: Map<string, Agency> }> {
  const byCode = new Map((await ctx.registry()).map((a) => [a.code, a]));
  const problems: FieldProblem[] = [];
  for (const { field, code } of codes) {
    const agency = byCode.get(code);
    if (!agency) problems.push({ field, problem: `unknown body ${code} (not in the council registry)` });
    else if (!councilRole(agency)) problems.push({ field, problem: `body ${code} is neither a member nor an observer of the council` });
  }
  return { problems, byCode };
}

/** What must hold of a meeting's fields together, whichever were given (field named). */
function fieldProblems(f: MeetingFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (f.place === null && f.onlineLink === null)
    problems.push({ field: 'place', problem: 'a place or an online link (onlineLink) is required' });
  if (f.reviewFrom > f.reviewTo) problems.push({ field: 'reviewTo', problem: `must not be before reviewFrom (${f.reviewFrom})` });
  return problems;
}

const source = (ctx: SecretariatContext) => `/agencies/${ctx.actor.agency}`;
const nowOf = (ctx: SecretariatContext) => ctx.now?.() ?? new Date();

/** Serializes meeting numbering (schedule, renumber) across processes. */
const numberingLock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('secretariat.meetings.number'))`);

async function lockMeeting(tx: Tx, id: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
  if (!row) throw errors.notFound(`meeting ${id}`);
  return row;
}

async function commit(
  ctx: SecretariatContext,
  tx: Tx,
  meetingId: string,
  action: string,
  details: Record<string, unknown>,
  events: CloudEvent[],
) {
  await appendAudit(tx, [
    { agency: ctx.actor.agency, actor: ctx.actor.tokenId, action, subjectType: 'meeting', subjectId: meetingId, details },
  ]);
  await appendToOutbox(tx, outbox, events);
}

/** Schedules a meeting (第N回: the next number unless given), inviting the registry's members and observers by default. */
export async function scheduleMeeting({ ctx, input }: { ctx: SecretariatContext; input: ScheduleInput }): Promise<MeetingView> {
  requireSecretariat(ctx.actor, 'schedule meetings');
  const fields: MeetingFields = {
    number: input.number ?? 0,
    heldOn: input.heldOn,
    startTime: input.startTime ?? null,
    place: input.place ?? null,
    onlineLink: input.onlineLink ?? null,
    reviewFrom: input.reviewFrom,
    reviewTo: input.reviewTo,
  };
  const given = input.invited?.map((code, i) => ({ field: `invited.${i}`, code })) ?? [];
  const { problems, byCode } = await registryProblems(ctx, given);
  problems.push(...fieldProblems(fields));
  if (problems.length > 0) throw errors.validation(problems);
  const invited = input.invited ? [...new Set(input.invited)] : [...byCode.values()].filter((a) => councilRole(a)).map((a) => a.code);
  const id = randomUUID();
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await numberingLock(tx);
    const last = (
      (await tx.execute(sql`select coalesce(max(number), 0)::int as n from secretariat.meetings`)) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;
    const number = input.number ?? last + 1;
    const [taken] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.number, number));
    if (taken) throw errors.validation([{ field: 'number', problem: `第${number}回 exists already (next free: ${last + 1})` }]);
    fields.number = number;
    await tx.insert(meetings).values({ id, ...fields, createdBy: ctx.actor.agency, createdAt: now, updatedAt: now });
    if (invited.length > 0)
      await tx.insert(invitations).values(invited.map((body) => ({ meetingId: id, body, role: councilRole(byCode.get(body)!)! })));
    await commit(ctx, tx, id, 'meeting.schedule', { number, invited: invited.length }, [
      makeEvent({
        type: 'jp.liaison.meeting.scheduled.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: {
          meetingId: id,
          number,
          heldOn: fields.heldOn,
          reviewFrom: fields.reviewFrom,
          reviewTo: fields.reviewTo,
          invited,
          online: fields.onlineLink !== null,
          inPerson: fields.place !== null,
        },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}

const updatable = ['number', 'heldOn', 'startTime', 'place', 'onlineLink', 'reviewFrom', 'reviewTo', 'invited'] as const;

/** Changes a meeting's particulars or its invitations; the event names the fields that changed. */
export async function updateMeeting({ ctx, id, input }: { ctx: SecretariatContext; id: string; input: UpdateInput }): Promise<MeetingView> {
  requireSecretariat(ctx.actor, 'edit meetings');
  const given = input.invited?.map((code, i) => ({ field: `invited.${i}`, code })) ?? [];
  const { problems: registry, byCode } = await registryProblems(ctx, given);
  if (registry.length > 0) throw errors.validation(registry);
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    if (input.number !== undefined) await numberingLock(tx);
    const row = await lockMeeting(tx, id);
    const next: MeetingFields = {
      number: input.number ?? row.number,
      heldOn: input.heldOn ?? row.heldOn,
      startTime: input.startTime === undefined ? row.startTime : input.startTime,
      place: input.place === undefined ? row.place : input.place,
      onlineLink: input.onlineLink === undefined ? row.onlineLink : input.onlineLink,
      reviewFrom: input.reviewFrom ?? row.reviewFrom,
      reviewTo: input.reviewTo ?? row.reviewTo,
    };
    const problems = fieldProblems(next);
    if (problems.length > 0) throw errors.validation(problems);
    const changed: (typeof updatable)[number][] = [];
    for (const f of updatable) if (f !== 'invited' && next[f] !== row[f]) changed.push(f);
    if (next.number !== row.number) {
      const [taken] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.number, next.number));
      if (taken) throw errors.validation([{ field: 'number', problem: `第${next.number}回 exists already` }]);
    }
    let invited: string[] | undefined;
    if (input.invited) {
      const before = (await tx.select({ body: invitations.body }).from(invitations).where(eq(invitations.meetingId, id)))
        .map((r) => r.body)
        .sort();
      invited = [...new Set(input.invited)].sort();
      if (before.join() !== invited.join()) {
        changed.push('invited');
        const gone = before.filter((b) => !invited!.includes(b));
        const added = invited.filter((b) => !before.includes(b));
        if (gone.length > 0) await tx.delete(invitations).where(and(eq(invitations.meetingId, id), inArray(invitations.body, gone)));
        if (added.length > 0)
          await tx.insert(invitations).values(added.map((body) => ({ meetingId: id, body, role: councilRole(byCode.get(body)!)! })));
      }
    }
    if (changed.length === 0) return;
    await tx
      .update(meetings)
      .set({ ...next, updatedAt: now })
      .where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.update', { changed }, [
      makeEvent({
        type: 'jp.liaison.meeting.updated.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: {
          meetingId: id,
          changed,
          ...(changed.includes('number') ? { number: next.number } : {}),
          ...(changed.includes('heldOn') ? { heldOn: next.heldOn } : {}),
          ...(changed.includes('invited') ? { invited: invited! } : {}),
        },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}

/** Adds an agenda item (at the end unless a free position is given), presented by a registry body. */
export async function addAgendaItem({
  ctx,
  id,
  input,
}: {
  ctx: SecretariatContext;
  id: string;
  input: { title: string; presenter: string; position?: number | undefined };
}): Promise<MeetingView['agenda'][number] & { meetingId: string }> {
  requireSecretariat(ctx.actor, 'edit meetings');
  const { problems } = await registryProblems(ctx, [{ field: 'presenter', code: input.presenter }]);
  if (problems.length > 0) throw errors.validation(problems);
  const itemId = randomUUID();
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const existing = await tx.select({ position: agendaItems.position }).from(agendaItems).where(eq(agendaItems.meetingId, id));
    const position = input.position ?? existing.reduce((m, r) => Math.max(m, r.position), 0) + 1;
    if (existing.some((r) => r.position === position))
      throw errors.validation([{ field: 'position', problem: `position ${position} is taken on this agenda` }]);
    await tx
      .insert(agendaItems)
      .values({ id: itemId, meetingId: id, position, title: input.title, presenter: input.presenter, createdAt: now });
    await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.agenda.add', { agendaItemId: itemId, position, presenter: input.presenter }, [
      makeEvent({
        type: 'jp.liaison.meeting.agenda_item_added.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, agendaItemId: itemId, position, presenter: input.presenter },
      }),
    ]);
    return { id: itemId, meetingId: id, position, title: input.title, presenter: input.presenter };
  });
}

/** Records attendance of invited bodies (bodies, never persons). */
export async function recordAttendance({
  ctx,
  id,
  input,
}: {
  ctx: SecretariatContext;
  id: string;
  input: { attendance: { body: string; status: Attendance }[] };
}) {
  requireSecretariat(ctx.actor, 'record attendance');
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, id);
    const invited = new Set(
      (await tx.select({ body: invitations.body }).from(invitations).where(eq(invitations.meetingId, id))).map((r) => r.body),
    );
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    input.attendance.forEach((a, i) => {
      if (!invited.has(a.body)) problems.push({ field: `attendance.${i}.body`, problem: `body ${a.body} is not invited to this meeting` });
      else if (seen.has(a.body)) problems.push({ field: `attendance.${i}.body`, problem: `body ${a.body} is listed twice` });
      seen.add(a.body);
    });
    if (problems.length > 0) throw errors.validation(problems);
    for (const a of input.attendance) {
      await tx
        .update(invitations)
        .set({ attendance: a.status })
        .where(and(eq(invitations.meetingId, id), eq(invitations.body, a.body)));
    }
    await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.attendance', { bodies: input.attendance.length }, [
      makeEvent({
        type: 'jp.liaison.meeting.attendance_recorded.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, attendance: input.attendance },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}

/** Saves the draft minutes (free text; the secretariat's only until approved). Approved minutes are frozen. */
export async function saveMinutes({ ctx, id, input }: { ctx: SecretariatContext; id: string; input: { text: string } }) {
  requireSecretariat(ctx.actor, 'write minutes');
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id);
    if (row.minutesApprovedAt) throw errors.conflict(`the minutes of 第${row.number}回 are approved and frozen`);
    await tx.update(meetings).set({ minutes: input.text, minutesUpdatedAt: now, updatedAt: now }).where(eq(meetings.id, id));
    // The audit and the event say that the minutes changed, never what they say.
    await commit(ctx, tx, id, 'meeting.minutes.draft', { length: input.text.length }, [
      makeEvent({
        type: 'jp.liaison.meeting.minutes_drafted.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, draftedAt: now.toISOString() },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}

/** Approves the draft minutes: from now on every invited body sees them, and they never change. */
export async function approveMinutes({ ctx, id }: { ctx: SecretariatContext; id: string }) {
  requireSecretariat(ctx.actor, 'approve minutes');
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id);
    if (row.minutesApprovedAt) throw errors.conflict(`the minutes of 第${row.number}回 are approved already`);
    if (row.minutes === null || row.minutes.trim() === '')
      throw errors.validation([{ field: 'minutes', problem: 'there is no draft to approve (save the minutes first)' }]);
    await tx.update(meetings).set({ minutesApprovedAt: now, updatedAt: now }).where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.minutes.approve', {}, [
      makeEvent({
        type: 'jp.liaison.meeting.minutes_approved.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, approvedAt: now.toISOString() },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}

/** Raises an action item at a meeting, owned by a registry body, with a due date. */
export async function addActionItem({
  ctx,
  id,
  input,
}: {
  ctx: SecretariatContext;
  id: string;
  input: { title: string; owner: string; dueOn: string };
}): Promise<ActionItemView> {
  requireSecretariat(ctx.actor, 'raise action items');
  const { problems } = await registryProblems(ctx, [{ field: 'owner', code: input.owner }]);
  if (problems.length > 0) throw errors.validation(problems);
  const itemId = randomUUID();
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id);
    await tx
      .insert(actionItems)
      .values({ id: itemId, meetingId: id, title: input.title, owner: input.owner, dueOn: input.dueOn, createdAt: now });
    await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.action.add', { actionItemId: itemId, owner: input.owner, dueOn: input.dueOn }, [
      makeEvent({
        type: 'jp.liaison.meeting.action_item_added.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, actionItemId: itemId, owner: input.owner, dueOn: input.dueOn },
      }),
    ]);
    return {
      id: itemId,
      title: input.title,
      owner: input.owner,
      dueOn: input.dueOn,
      raisedAt: { meetingId: id, number: row.number },
      status: 'open' as const,
      closedAt: null,
    };
  });
}

/**
 * Closes an open action item at meeting `id` (the one that raised it, or a later one): from then on
 * later meetings no longer carry it, and it records which meeting closed it.
 */
export async function closeActionItem({ ctx, id, itemId }: { ctx: SecretariatContext; id: string; itemId: string }) {
  requireSecretariat(ctx.actor, 'close action items');
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const closing = await lockMeeting(tx, id);
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, itemId)).for('update');
    if (!item) throw errors.notFound(`action item ${itemId}`);
    const [raised] = await tx.select({ number: meetings.number }).from(meetings).where(eq(meetings.id, item.meetingId));
    if (item.closedAtMeeting) {
      const [by] = await tx.select({ number: meetings.number }).from(meetings).where(eq(meetings.id, item.closedAtMeeting));
      throw errors.conflict(`action item ${itemId} was closed already at 第${by?.number}回`);
    }
    if (raised!.number > closing.number) {
      throw errors.conflict(
        `action item ${itemId} was raised at 第${raised!.number}回 and cannot be closed at an earlier meeting (第${closing.number}回)`,
      );
    }
    await tx.update(actionItems).set({ closedAtMeeting: id, closedAt: now }).where(eq(actionItems.id, itemId));
    await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, id));
    await commit(ctx, tx, id, 'meeting.action.close', { actionItemId: itemId, raisedAt: item.meetingId }, [
      makeEvent({
        type: 'jp.liaison.meeting.action_item_closed.v1',
        source: source(ctx),
        subject: id,
        time: now,
        data: { meetingId: id, actionItemId: itemId, raisedAt: item.meetingId, owner: item.owner, closedAt: now.toISOString() },
      }),
    ]);
  });
  return readMeeting(ctx.db as unknown as Tx, id, 'secretariat', ctx.actor.agency);
}
