import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import type { Tx } from '@liaison/db';
import { errors } from '@liaison/domain';
import { appendToOutbox, makeEvent } from '@liaison/events';
import { approveReport, buildReport, editSentence, omitSentence, type ReportModel, renderHtml } from '@liaison/report';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { invitations, meetings, outbox, reportVersions } from '../db/schema.ts';
import { requireSecretariat, type SecretariatContext, viewerOf } from './context.ts';
import { meetingTitle } from './meetings.ts';

/**
 * The meeting report's versions: the secretariat builds a draft from published statistics
 * releases (`@liaison/report`, for a fiscal year or quarter it chooses), edits or omits its
 * sentences, and approves it — the approved version is frozen (the model deep-frozen with its
 * digest, the row refused any change by the database). A new draft is the next version.
 * Invited members and observers read approved versions only; the secretariat drafts too.
 */
export interface ReportVersionView {
  reportId: string;
  meetingId: string;
  version: number;
  period: string;
  status: 'draft' | 'approved';
  releaseIds: string[];
  /** The report's digest (sha256 of its content), once approved. */
  contentHash: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  createdAt: string;
  /** The report model (`@liaison/report`): tables and sentences, numbers from releases only. */
  report: ReportModel;
}

type VersionRow = typeof reportVersions.$inferSelect;

const iso = (d: Date | string) => new Date(d).toISOString();
const nowOf = (ctx: SecretariatContext) => ctx.now?.() ?? new Date();

function view(row: VersionRow): ReportVersionView {
  return {
    reportId: row.id,
    meetingId: row.meetingId,
    version: row.version,
    period: row.period,
    status: row.status as 'draft' | 'approved',
    releaseIds: row.releaseIds,
    contentHash: row.contentHash,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt ? iso(row.approvedAt) : null,
    createdAt: iso(row.createdAt),
    report: row.content as ReportModel,
  };
}

/** 404 for a meeting that does not exist or to which a non-secretariat actor's body is not invited. */
async function visibleMeeting(ctx: SecretariatContext, id: string): Promise<{ number: number; secretariat: boolean }> {
  const viewer = viewerOf(ctx.actor);
  const [row] = await ctx.db.select({ number: meetings.number }).from(meetings).where(eq(meetings.id, id));
  if (!row) throw errors.notFound(`meeting ${id}`);
  if (viewer !== 'secretariat') {
    const [invited] = await ctx.db
      .select({ body: invitations.body })
      .from(invitations)
      .where(and(eq(invitations.meetingId, id), eq(invitations.body, ctx.actor.agency)));
    if (!invited) throw errors.notFound(`meeting ${id}`);
  }
  return { number: row.number, secretariat: viewer === 'secretariat' };
}

async function lockVersion(tx: Tx, id: string, version: number): Promise<VersionRow> {
  const [row] = await tx
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.meetingId, id), eq(reportVersions.version, version)))
    .for('update');
  if (!row) throw errors.notFound(`version ${version} of the report of meeting ${id}`);
  return row;
}

const audit = (ctx: SecretariatContext, tx: Tx, meetingId: string, action: string, details: Record<string, unknown>) =>
  appendAudit(tx, [{ agency: ctx.actor.agency, actor: ctx.actor.tokenId, action, subjectType: 'meeting', subjectId: meetingId, details }]);

/**
 * Builds a draft of the meeting's report for a period (`FY2025`, `2025Q3`) from published releases
 * and stores it as the next version. Refused (409, naming the months) when a month of the period
 * has no release or the period's own release is not published.
 */
export async function draftReport({
  ctx,
  id,
  input,
}: {
  ctx: SecretariatContext;
  id: string;
  input: { period: string };
}): Promise<ReportVersionView> {
  requireSecretariat(ctx.actor, 'draft meeting reports');
  const { number } = await visibleMeeting(ctx, id);
  const model = await buildReport(ctx.releases, input.period, { title: meetingTitle(number) });
  const reportId = randomUUID();
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    // The meeting row serializes version numbering (as the other writes lock it).
    await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id)).for('update');
    const last = (
      (await tx.execute(
        sql`select coalesce(max(version), 0)::int as n from secretariat.report_versions where meeting_id = ${id}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0]!.n;
    await tx.insert(reportVersions).values({
      id: reportId,
      meetingId: id,
      version: last + 1,
      period: model.period.id,
      releaseIds: model.releases.map((r) => r.id),
      status: 'draft',
      content: model,
      createdAt: now,
    });
    await audit(ctx, tx, id, 'meeting.report.draft', { reportId, version: last + 1, period: model.period.id });
  });
  const [row] = await ctx.db.select().from(reportVersions).where(eq(reportVersions.id, reportId));
  return view(row!);
}

/**
 * Edits one sentence of a draft (the secretariat's wording, Japanese and/or English) or omits it
 * (or puts it back). Refused (409) once the version is approved.
 */
export async function editReportSentence({
  ctx,
  id,
  version,
  sentenceId,
  input,
}: {
  ctx: SecretariatContext;
  id: string;
  version: number;
  sentenceId: string;
  input: { text?: { ja?: string | undefined; en?: string | undefined } | undefined; omit?: boolean | undefined };
}): Promise<ReportVersionView> {
  requireSecretariat(ctx.actor, 'edit meeting reports');
  await visibleMeeting(ctx, id);
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockVersion(tx, id, version);
    if (row.status === 'approved')
      throw errors.conflict(`version ${version} of the report is approved and frozen (draft a new version to change it)`, { version });
    let model = row.content as ReportModel;
    if (input.text) model = editSentence(model, sentenceId, input.text);
    if (input.omit !== undefined) model = omitSentence(model, sentenceId, input.omit);
    const [next] = await tx.update(reportVersions).set({ content: model }).where(eq(reportVersions.id, row.id)).returning();
    // The audit says which sentence changed, never what it says.
    await audit(ctx, tx, id, 'meeting.report.edit', {
      reportId: row.id,
      version,
      sentence: sentenceId,
      text: input.text !== undefined,
      ...(input.omit !== undefined ? { omit: input.omit } : {}),
    });
    return next!;
  });
  return view(updated);
}

/**
 * Approves a draft: stores `approveReport`'s frozen model, its digest, the approving body and the
 * time, and publishes `meeting.report_approved` (ids only). The database refuses any later change.
 */
export async function approveReportVersion({
  ctx,
  id,
  version,
}: {
  ctx: SecretariatContext;
  id: string;
  version: number;
}): Promise<ReportVersionView> {
  requireSecretariat(ctx.actor, 'approve meeting reports');
  await visibleMeeting(ctx, id);
  const now = nowOf(ctx);
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockVersion(tx, id, version);
    if (row.status === 'approved') throw errors.conflict(`version ${version} of the report is approved already`, { version });
    const approved = approveReport(row.content as ReportModel, { version, approvedBy: ctx.actor.agency, approvedAt: now.toISOString() });
    const digest = approved.approval!.digest;
    const [next] = await tx
      .update(reportVersions)
      .set({ status: 'approved', content: approved, contentHash: digest, approvedBy: ctx.actor.agency, approvedAt: now })
      .where(eq(reportVersions.id, row.id))
      .returning();
    await audit(ctx, tx, id, 'meeting.report.approve', { reportId: row.id, version, digest });
    await appendToOutbox(tx, outbox, [
      makeEvent({
        type: 'jp.liaison.meeting.report_approved.v1',
        source: `/agencies/${ctx.actor.agency}`,
        subject: id,
        time: now,
        data: {
          meetingId: id,
          reportId: row.id,
          version,
          period: row.period,
          releaseIds: row.releaseIds,
          digest,
          approvedAt: now.toISOString(),
        },
      }),
    ]);
    return next!;
  });
  return view(updated);
}

/** The meeting's report versions the actor may see, newest first (members and observers: approved ones). */
export async function listReportVersions({
  ctx,
  id,
}: {
  ctx: SecretariatContext;
  id: string;
}): Promise<Omit<ReportVersionView, 'report'>[]> {
  const { secretariat } = await visibleMeeting(ctx, id);
  const rows = await ctx.db
    .select()
    .from(reportVersions)
    .where(secretariat ? eq(reportVersions.meetingId, id) : and(eq(reportVersions.meetingId, id), eq(reportVersions.status, 'approved')))
    .orderBy(desc(reportVersions.version), asc(reportVersions.id));
  return rows.map((r) => {
    const { report: _report, ...rest } = view(r);
    return rest;
  });
}

/** One version: members and observers of invited bodies see approved versions only (a draft answers 404, as one that does not exist). */
export async function getReportVersion({
  ctx,
  id,
  version,
}: {
  ctx: SecretariatContext;
  id: string;
  version: number;
}): Promise<ReportVersionView> {
  const { secretariat } = await visibleMeeting(ctx, id);
  const [row] = await ctx.db
    .select()
    .from(reportVersions)
    .where(and(eq(reportVersions.meetingId, id), eq(reportVersions.version, version)));
  if (!row || (!secretariat && row.status !== 'approved')) throw errors.notFound(`version ${version} of the report of meeting ${id}`);
  return view(row);
}

/** One version as the report's A4 HTML document (`renderHtml`), under the same rule as the JSON. */
export async function reportVersionHtml(args: { ctx: SecretariatContext; id: string; version: number }): Promise<string> {
  return renderHtml((await getReportVersion(args)).report);
}
