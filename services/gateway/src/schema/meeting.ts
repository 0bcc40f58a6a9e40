import type { ActionItemView, MeetingSummary as MeetingSummaryView, MeetingView } from '@liaison/secretariat';
import { GraphQLError } from 'graphql';
import { builder, type GatewayContext } from '../builder.ts';
import { callService, requireActor } from './errors.ts';

// Council meetings, read from the secretariat service as the caller: the service scopes what each
// role gets (observers: agenda, approved minutes, report; members: also their own body's action
// items; the secretariat: everything). The fields only observers may not have say so themselves
// (scope auth), so a query for them is refused rather than answered empty.

// The shapes the secretariat's REST API answers.
type MeetingRefShape = ActionItemView['raisedAt'];
type ActionItemShape = ActionItemView;
type SummaryShape = MeetingSummaryView;
type MeetingShape = MeetingView;

function secretariat(ctx: GatewayContext) {
  if (!ctx.secretariat)
    throw new GraphQLError('council meetings are not available on this gateway', { extensions: { code: 'UNAVAILABLE' } });
  return ctx.secretariat;
}

const InvitedRole = builder.enumType('MeetingInvitedRole', {
  values: { member: { description: '構成員' }, observer: { description: 'オブザーバー' } } as const,
});
const Attendance = builder.enumType('MeetingAttendance', {
  values: { present: { description: '出席' }, online: { description: 'オンライン出席' }, absent: { description: '欠席' } } as const,
});
const ActionStatus = builder.enumType('MeetingActionItemStatus', {
  values: { open: { description: '対応中' }, closed: { description: '完了' } } as const,
});

const MeetingRef = builder.objectRef<MeetingRefShape & { at?: string }>('MeetingReference').implement({
  description: 'A meeting by id and number (第N回)',
  fields: (t) => ({
    meetingId: t.exposeID('meetingId'),
    number: t.exposeInt('number'),
    at: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was closed (for the closing meeting)',
      resolve: (r) => r.at ?? null,
    }),
  }),
});

const Invitation = builder.objectRef<MeetingShape['invitations'][number]>('MeetingInvitation').implement({
  description: 'A body invited from the registry, and its attendance (bodies, never persons) / 出席機関',
  fields: (t) => ({
    body: t.exposeString('body', { description: 'Registry code' }),
    role: t.field({ type: InvitedRole, resolve: (i) => i.role }),
    attendance: t.field({ type: Attendance, nullable: true, resolve: (i) => i.attendance }),
  }),
});

const AgendaItem = builder.objectRef<MeetingShape['agenda'][number]>('MeetingAgendaItem').implement({
  description: 'An agenda item with the body that presents it / 議題',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeInt('position'),
    title: t.exposeString('title'),
    presenter: t.exposeString('presenter', { description: 'Registry code of the presenting body' }),
  }),
});

const Minutes = builder.objectRef<{ text: string; approvedAt: string }>('MeetingMinutes').implement({
  description: 'Approved minutes: frozen, seen by every invited body / 議事録（承認済み）',
  fields: (t) => ({ text: t.exposeString('text'), approvedAt: t.field({ type: 'DateTime', resolve: (m) => m.approvedAt }) }),
});

const DraftMinutes = builder.objectRef<{ text: string; updatedAt: string }>('MeetingDraftMinutes').implement({
  description: 'The draft of the minutes, the secretariat’s only until approved / 議事録案',
  fields: (t) => ({ text: t.exposeString('text'), updatedAt: t.field({ type: 'DateTime', resolve: (m) => m.updatedAt }) }),
});

const ActionItem = builder.objectRef<ActionItemShape>('MeetingActionItem').implement({
  description: 'An action item: raised at a meeting, owned by a body, carried until a meeting closes it / 対応事項',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    owner: t.exposeString('owner', { description: 'Registry code of the owning body' }),
    dueOn: t.exposeString('dueOn', { description: 'YYYY-MM-DD' }),
    status: t.field({ type: ActionStatus, resolve: (a) => a.status }),
    raisedAt: t.field({ type: MeetingRef, resolve: (a) => a.raisedAt }),
    closedAt: t.field({ type: MeetingRef, nullable: true, description: 'The meeting that closed it', resolve: (a) => a.closedAt }),
  }),
});

const Report = builder.objectRef<NonNullable<MeetingShape['report']>>('MeetingReportReference').implement({
  description: 'The approved meeting report (built from published statistics releases only) / 連絡会報告',
  fields: (t) => ({
    reportId: t.exposeID('reportId'),
    version: t.exposeInt('version'),
    approvedAt: t.field({ type: 'DateTime', resolve: (r) => r.approvedAt }),
    releaseIds: t.exposeIDList('releaseIds', { description: 'The statistics releases it was built from' }),
  }),
});

const MeetingSummary = builder.objectRef<SummaryShape>('MeetingSummary').implement({
  description: 'A council meeting (第N回 違法・有害情報相談機関連絡会) in a list',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number', { description: '第N回' }),
    titleJa: t.exposeString('titleJa'),
    titleEn: t.exposeString('titleEn'),
    heldOn: t.exposeString('heldOn', { description: 'YYYY-MM-DD' }),
    reviewFrom: t.exposeString('reviewFrom', { description: 'First month reviewed (YYYY-MM)' }),
    reviewTo: t.exposeString('reviewTo', { description: 'Last month reviewed (YYYY-MM)' }),
    minutesApproved: t.exposeBoolean('minutesApproved'),
  }),
});

const Meeting = builder.objectRef<MeetingShape>('Meeting').implement({
  description: 'A council meeting as your role may see it / 連絡会',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number', { description: '第N回' }),
    titleJa: t.exposeString('titleJa'),
    titleEn: t.exposeString('titleEn'),
    heldOn: t.exposeString('heldOn', { description: 'YYYY-MM-DD' }),
    startTime: t.exposeString('startTime', { nullable: true, description: 'HH:MM, Japan time' }),
    place: t.exposeString('place', { nullable: true }),
    onlineLink: t.exposeString('onlineLink', { nullable: true, description: 'Where invited bodies join online' }),
    reviewFrom: t.exposeString('reviewFrom', { description: 'First month reviewed (YYYY-MM)' }),
    reviewTo: t.exposeString('reviewTo', { description: 'Last month reviewed (YYYY-MM)' }),
    minutesApproved: t.exposeBoolean('minutesApproved'),
    invitations: t.field({ type: [Invitation], resolve: (m) => m.invitations }),
    agenda: t.field({ type: [AgendaItem], resolve: (m) => m.agenda }),
    minutes: t.field({
      type: Minutes,
      nullable: true,
      description: 'Approved minutes; null until approved (for everyone)',
      resolve: (m) => m.minutes,
    }),
    draftMinutes: t.field({
      type: DraftMinutes,
      nullable: true,
      description: 'The secretariat only: the draft while not approved',
      authScopes: { councilSecretariat: true },
      resolve: (m) => m.draftMinutes ?? null,
    }),
    actionItems: t.field({
      type: [ActionItem],
      nullable: true,
      description: 'Raised at this meeting (members: their own body’s; not for observers)',
      authScopes: { meetingActionItems: true },
      resolve: (m) => m.actionItems ?? null,
    }),
    carriedActionItems: t.field({
      type: [ActionItem],
      nullable: true,
      description: 'Raised at earlier meetings and still open when this one met (members: their own body’s; not for observers)',
      authScopes: { meetingActionItems: true },
      resolve: (m) => m.carriedActionItems ?? null,
    }),
    report: t.field({
      type: Report,
      nullable: true,
      description: 'The latest approved meeting report; null until approved',
      resolve: (m) => m.report,
    }),
  }),
});

builder.queryFields((t) => ({
  meetings: t.field({
    description: 'Council meetings your body is invited to (the secretariat: all), newest first / 連絡会の一覧',
    type: [MeetingSummary],
    authScopes: { meetingReader: true },
    resolve: async (_root, _args, ctx) => {
      const caller = requireActor(ctx);
      return (await callService<{ items: SummaryShape[] }>(ctx, secretariat(ctx), caller, '/v1/meetings')).items;
    },
  }),
  meeting: t.field({
    description: 'One council meeting as your role may see it / 連絡会',
    type: Meeting,
    authScopes: { meetingReader: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const caller = requireActor(ctx);
      return callService<MeetingShape>(ctx, secretariat(ctx), caller, `/v1/meetings/${encodeURIComponent(String(args.id))}`);
    },
  }),
}));
