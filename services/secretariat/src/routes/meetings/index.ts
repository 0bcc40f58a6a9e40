import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  addActionItem,
  addAgendaItem,
  approveMinutes,
  closeActionItem,
  getMeeting,
  listMeetings,
  recordAttendance,
  saveMinutes,
  scheduleMeeting,
  updateMeeting,
} from '../../domain/meetings.ts';
import {
  approveReportVersion,
  draftReport,
  editReportSentence,
  getReportVersion,
  listReportVersions,
  reportVersionHtml,
} from '../../domain/reports.ts';
import type { SecretariatEnv } from '../../env-types.ts';
import {
  actionItemCreatedExample,
  actionItemExample,
  agendaExample,
  agendaItemExample,
  attendanceExample,
  draftReportExample,
  editSentenceExample,
  meetingExample,
  meetingListExample,
  minutesExample,
  reportHtmlExample,
  reportVersionExample,
  reportVersionListExample,
  scheduleExample,
  updateExample,
} from './examples.ts';
import {
  ActionItem,
  ActionItemBody,
  AgendaItem,
  ActionItemParams,
  AgendaItemBody,
  AttendanceBody,
  ErrorBody,
  Meeting,
  MeetingIdParam,
  MeetingSummary,
  MinutesBody,
  DraftReportBody,
  EditSentenceBody,
  ReportSentenceParams,
  ReportVersion,
  ReportVersionParams,
  ReportVersionSummary,
  ScheduleMeetingBody,
  UpdateMeetingBody,
} from './schema.ts';

const errorResponses = {
  400: { description: 'Invalid input; details.problems names each field', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'No valid token', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Wrong body or role (changes are the secretariat’s)', content: { 'application/json': { schema: ErrorBody } } },
} as const;
const notFound = {
  404: { description: 'No such meeting (or your body is not invited to it)', content: { 'application/json': { schema: ErrorBody } } },
} as const;
const conflict = {
  409: {
    description: 'Not possible in the meeting’s state (approved minutes are frozen; an item closed already)',
    content: { 'application/json': { schema: ErrorBody } },
  },
} as const;
const security = [{ bearer: [] }];
const meetingAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: Meeting, example: meetingExample } },
});
const json = <T extends z.ZodType>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});

/** Mounts the meeting routes (`/v1/meetings/…`). */
export function meetingRoutes(app: OpenAPIHono<SecretariatEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings',
      summary: 'Council meetings, newest first / 連絡会の一覧',
      description: 'The secretariat sees every meeting; members and observers those their body is invited to.',
      security,
      responses: {
        200: {
          description: 'Meetings',
          content: { 'application/json': { schema: z.object({ items: z.array(MeetingSummary) }), example: meetingListExample } },
        },
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listMeetings({ ctx: c.get('ctx') }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings',
      summary: 'Schedule a meeting (secretariat) / 連絡会の開催予定',
      security,
      request: { body: json(ScheduleMeetingBody, scheduleExample) },
      responses: { 201: meetingAnswer('Scheduled; invitations from the registry'), ...errorResponses },
    }),
    async (c) => c.json(await scheduleMeeting({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings/{id}',
      summary: 'One meeting as your role may see it / 連絡会',
      description:
        'Observers: the agenda, approved minutes and the report. Members: also their own body’s action items (raised here, and carried from earlier meetings until done). The secretariat: everything, the draft minutes included.',
      security,
      request: { params: MeetingIdParam },
      responses: { 200: meetingAnswer('The meeting'), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await getMeeting({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/meetings/{id}',
      summary: 'Change a meeting’s particulars or invitations (secretariat) / 開催情報の変更',
      security,
      request: { params: MeetingIdParam, body: json(UpdateMeetingBody, updateExample) },
      responses: { 200: meetingAnswer('Changed'), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await updateMeeting({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/agenda-items',
      summary: 'Add an agenda item (secretariat) / 議題の追加',
      security,
      request: { params: MeetingIdParam, body: json(AgendaItemBody, agendaExample) },
      responses: {
        201: { description: 'Added', content: { 'application/json': { schema: AgendaItem, example: agendaItemExample } } },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await addAgendaItem({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/meetings/{id}/attendance',
      summary: 'Record attendance of invited bodies (secretariat) / 出席の記録',
      security,
      request: { params: MeetingIdParam, body: json(AttendanceBody, attendanceExample) },
      responses: { 200: meetingAnswer('Recorded'), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await recordAttendance({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/meetings/{id}/minutes',
      summary: 'Save the draft minutes (secretariat) / 議事録案の保存',
      security,
      request: { params: MeetingIdParam, body: json(MinutesBody, minutesExample) },
      responses: { 200: meetingAnswer('Saved (seen by the secretariat only until approved)'), ...notFound, ...conflict, ...errorResponses },
    }),
    async (c) => c.json(await saveMinutes({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/minutes/approve',
      summary: 'Approve the minutes (secretariat) / 議事録の承認',
      security,
      request: { params: MeetingIdParam },
      responses: { 200: meetingAnswer('Approved: frozen, and visible to every invited body'), ...notFound, ...conflict, ...errorResponses },
    }),
    async (c) => c.json(await approveMinutes({ ctx: c.get('ctx'), id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/action-items',
      summary: 'Raise an action item (secretariat) / 対応事項の追加',
      security,
      request: { params: MeetingIdParam, body: json(ActionItemBody, actionItemExample) },
      responses: {
        201: {
          description: 'Raised; carried to later meetings until closed',
          content: { 'application/json': { schema: ActionItem, example: actionItemCreatedExample } },
        },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => c.json(await addActionItem({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/action-items/{itemId}/close',
      summary: 'Close an action item at this meeting (secretariat) / 対応事項の完了',
      description: 'The item may have been raised at this meeting or an earlier one; the meeting that closed it is recorded.',
      security,
      request: { params: ActionItemParams },
      responses: { 200: meetingAnswer('Closed'), ...notFound, ...conflict, ...errorResponses },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return c.json(await closeActionItem({ ctx: c.get('ctx'), id, itemId }), 200);
    },
  );

  // ——— The meeting report: drafts from published releases, edited, approved (frozen, versioned). ———
  const reportAnswer = (description: string) => ({
    description,
    content: { 'application/json': { schema: ReportVersion, example: reportVersionExample } },
  });
  const reportConflict = {
    409: {
      description:
        'Not possible: a month of the period (named) or the period itself is not released yet; or the version is approved and frozen',
      content: { 'application/json': { schema: ErrorBody } },
    },
  } as const;
  const versionOf = (c: { req: { valid(t: 'param'): { id: string; version: string } } }) => {
    const p = c.req.valid('param');
    return { id: p.id, version: Number(p.version) };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings/{id}/report',
      summary: 'The meeting report’s versions, newest first / 会議報告の版',
      description: 'Members and observers of invited bodies: approved versions only. The secretariat: drafts too.',
      security,
      request: { params: MeetingIdParam },
      responses: {
        200: {
          description: 'Versions (without their content)',
          content: {
            'application/json': { schema: z.object({ items: z.array(ReportVersionSummary) }), example: reportVersionListExample },
          },
        },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await listReportVersions({ ctx: c.get('ctx'), id: c.req.valid('param').id }) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/report',
      summary: 'Draft the meeting report from published releases (secretariat) / 会議報告案の作成',
      description:
        'Builds the report of a fiscal year or quarter from published statistics releases only and stores it as the next version (a draft). Refused (409) when a month of the period, or the period itself, is not released — the message names the months.',
      security,
      request: { params: MeetingIdParam, body: json(DraftReportBody, draftReportExample) },
      responses: { 201: reportAnswer('Drafted: the next version'), ...notFound, ...reportConflict, ...errorResponses },
    }),
    async (c) => c.json(await draftReport({ ctx: c.get('ctx'), id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings/{id}/report/{version}',
      summary: 'One version of the meeting report / 会議報告',
      description: 'Members and observers of invited bodies: approved versions only (a draft answers 404). The secretariat: drafts too.',
      security,
      request: { params: ReportVersionParams },
      responses: { 200: reportAnswer('The version, with its report model'), ...notFound, ...errorResponses },
    }),
    async (c) => c.json(await getReportVersion({ ctx: c.get('ctx'), ...versionOf(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/meetings/{id}/report/{version}/html',
      summary: 'One version of the meeting report as an A4 HTML document / 会議報告（HTML）',
      description: 'The report printed as one self-contained HTML document (no script, nothing fetched). Who may read it: as for the JSON.',
      security,
      request: { params: ReportVersionParams },
      responses: {
        200: { description: 'The HTML document', content: { 'text/html': { schema: z.string(), example: reportHtmlExample } } },
        ...notFound,
        ...errorResponses,
      },
    }),
    async (c) => c.html(await reportVersionHtml({ ctx: c.get('ctx'), ...versionOf(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/meetings/{id}/report/{version}/sentences/{sentenceId}',
      summary: 'Edit or omit a sentence of a draft report (secretariat) / 会議報告案の文の編集',
      description: 'The rule’s own text and its cells are kept beside the wording. Refused (409) once the version is approved.',
      security,
      request: { params: ReportSentenceParams, body: json(EditSentenceBody, editSentenceExample) },
      responses: { 200: reportAnswer('Edited'), ...notFound, ...reportConflict, ...errorResponses },
    }),
    async (c) => {
      const { sentenceId } = c.req.valid('param');
      return c.json(await editReportSentence({ ctx: c.get('ctx'), ...versionOf(c), sentenceId, input: c.req.valid('json') }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/meetings/{id}/report/{version}/approve',
      summary: 'Approve a draft report (secretariat) / 会議報告の承認',
      description:
        'Freezes the version (its content, digest, approving body and time never change) and makes it visible to every invited body.',
      security,
      request: { params: ReportVersionParams },
      responses: { 200: reportAnswer('Approved and frozen'), ...notFound, ...reportConflict, ...errorResponses },
    }),
    async (c) => c.json(await approveReportVersion({ ctx: c.get('ctx'), ...versionOf(c) }), 200),
  );
}
