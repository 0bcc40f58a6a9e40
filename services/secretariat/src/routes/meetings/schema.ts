import { z } from '@hono/zod-openapi';

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable(), details: z.unknown().optional() }) })
  .openapi('Error');

const Month = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-04')
  .openapi({ example: '2026-04' });
const Day = (what: string) =>
  z.iso
    .date({ message: 'must be a date such as 2026-12-10 (YYYY-MM-DD)', abort: true })
    .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { message: 'must be between 2000-01-01 and 2099-12-31' })
    .openapi({ example: '2026-12-10', description: what });
const BodyCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be a registry code such as sia')
  .openapi({ example: 'sia', description: 'Registry code of a council body' });
const Text = (max: number, what: string) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).openapi({ description: what });
const StartTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time such as 14:00 (HH:MM, Japan time)')
  .openapi({ example: '14:00', description: 'Start time, Japan time' });
const OnlineLink = z
  .url({ protocol: /^https$/, message: 'must be an https URL' })
  .max(500, 'must be at most 500 characters')
  .openapi({ example: 'https://meet.example.jp/liaison-12', description: 'Where invited bodies join online (https)' });
const Place = Text(200, 'Where the meeting is held');

export const MeetingIdParam = z.object({
  id: z.uuid('must be a meeting id (UUID)').openapi({ param: { name: 'id', in: 'path' }, example: '7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }),
});
export const ActionItemParams = MeetingIdParam.extend({
  itemId: z
    .uuid('must be an action item id (UUID)')
    .openapi({ param: { name: 'itemId', in: 'path' }, example: '0f1e2d3c-4b5a-4697-8877-665544332211' }),
});

export const ScheduleMeetingBody = z
  .strictObject({
    number: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(10_000)
      .optional()
      .openapi({ description: '第N回; by default the next number' }),
    heldOn: Day('The day of the meeting'),
    startTime: StartTime.optional(),
    place: Place.optional(),
    onlineLink: OnlineLink.optional(),
    reviewFrom: Month.openapi({ description: 'First month the meeting reviews' }),
    reviewTo: Month.openapi({ description: 'Last month the meeting reviews (inclusive)' }),
    invited: z
      .array(BodyCode)
      .min(1, 'must invite at least one body')
      .max(200)
      .optional()
      .openapi({ description: 'Bodies invited; by default every member and observer in the registry' }),
  })
  .openapi('ScheduleMeeting');

export const UpdateMeetingBody = z
  .strictObject({
    number: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000).optional(),
    heldOn: Day('The day of the meeting').optional(),
    startTime: StartTime.nullable().optional(),
    place: Place.nullable().optional(),
    onlineLink: OnlineLink.nullable().optional(),
    reviewFrom: Month.optional(),
    reviewTo: Month.optional(),
    invited: z.array(BodyCode).min(1, 'must invite at least one body').max(200).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change', path: ['(body)'] })
  .openapi('UpdateMeeting');

export const AgendaItemBody = z
  .strictObject({
    title: Text(300, 'The agenda item, as the agenda prints it'),
    presenter: BodyCode.openapi({ description: 'The body that presents it' }),
    position: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Place on the agenda; by default the end' }),
  })
  .openapi('AddAgendaItem');

export const AttendanceBody = z
  .strictObject({
    attendance: z
      .array(
        z.strictObject({
          body: BodyCode,
          status: z.enum(['present', 'online', 'absent'], { message: 'must be present, online or absent' }),
        }),
      )
      .min(1, 'must list at least one body')
      .max(200),
  })
  .openapi('RecordAttendance');

export const MinutesBody = z
  .strictObject({ text: Text(100_000, 'The minutes (free text); seen by the secretariat only until approved') })
  .openapi('SaveMinutes');

export const ActionItemBody = z
  .strictObject({
    title: Text(500, 'What is to be done'),
    owner: BodyCode.openapi({ description: 'The body that owns it' }),
    dueOn: Day('When it is due'),
  })
  .openapi('AddActionItem');

const MeetingNumberRef = z.object({ meetingId: z.uuid(), number: z.number().int() });

export const ActionItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    owner: z.string(),
    dueOn: z.string(),
    raisedAt: MeetingNumberRef,
    status: z.enum(['open', 'closed']),
    closedAt: MeetingNumberRef.extend({ at: z.string() }).nullable(),
  })
  .openapi('MeetingActionItem');

const SummaryFields = {
  id: z.uuid(),
  number: z.number().int(),
  titleJa: z.string(),
  titleEn: z.string(),
  heldOn: z.string(),
  startTime: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  reviewFrom: z.string(),
  reviewTo: z.string(),
  minutesApproved: z.boolean(),
};

export const AgendaItem = z
  .object({ id: z.uuid(), meetingId: z.uuid(), position: z.number().int(), title: z.string(), presenter: z.string() })
  .openapi('MeetingAgendaItem');

export const MeetingSummary = z.object(SummaryFields).openapi('MeetingSummary');

export const Meeting = z
  .object({
    ...SummaryFields,
    invitations: z.array(
      z.object({ body: z.string(), role: z.enum(['member', 'observer']), attendance: z.enum(['present', 'online', 'absent']).nullable() }),
    ),
    agenda: z.array(z.object({ id: z.uuid(), position: z.number().int(), title: z.string(), presenter: z.string() })),
    minutes: z
      .object({ text: z.string(), approvedAt: z.string() })
      .nullable()
      .openapi({ description: 'Approved minutes; null until approved' }),
    draftMinutes: z
      .object({ text: z.string(), updatedAt: z.string() })
      .nullable()
      .optional()
      .openapi({ description: 'The secretariat only: the draft while not approved' }),
    actionItems: z
      .array(ActionItem)
      .optional()
      .openapi({ description: 'Members (their own body’s) and the secretariat: raised at this meeting' }),
    carriedActionItems: z
      .array(ActionItem)
      .optional()
      .openapi({ description: 'Members (their own body’s) and the secretariat: raised earlier, still open when this meeting met' }),
    report: z
      .object({ reportId: z.uuid(), version: z.number().int(), approvedAt: z.string(), releaseIds: z.array(z.uuid()) })
      .nullable()
      .openapi({
        description: 'The latest approved version of the meeting report (built from published releases only); null until one is approved',
      }),
  })
  .openapi('Meeting');

export const ReportVersionParams = MeetingIdParam.extend({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, 'must be a report version number (1, 2, …)')
    .openapi({ param: { name: 'version', in: 'path' }, example: '1', description: 'The report version (1 is the first draft)' }),
});
export const ReportSentenceParams = ReportVersionParams.extend({
  sentenceId: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a sentence id of the report such as total')
    .openapi({ param: { name: 'sentenceId', in: 'path' }, example: 'total', description: 'The sentence (its rule id, docs/report.md)' }),
});

export const DraftReportBody = z
  .strictObject({
    period: z
      .string()
      .regex(/^(FY[0-9]{4}|[0-9]{4}Q[1-4])$/, 'must be a fiscal year such as FY2025 or a fiscal quarter such as 2025Q3')
      .openapi({
        example: 'FY2025',
        description: 'The report’s period: a fiscal year (April–March) or a fiscal quarter (Q1 = April–June)',
      }),
  })
  .openapi('DraftMeetingReport');

const SentenceText = (what: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty (omit the sentence instead)')
    .max(2000, 'must be at most 2000 characters')
    .openapi({ description: what });

export const EditSentenceBody = z
  .strictObject({
    text: z
      .strictObject({ ja: SentenceText('The Japanese wording').optional(), en: SentenceText('The English wording').optional() })
      .refine((t) => t.ja !== undefined || t.en !== undefined, { message: 'give ja, en or both' })
      .optional()
      .openapi({ description: 'The secretariat’s wording (the rule’s own text is kept beside it)' }),
    omit: z.boolean().optional().openapi({ description: 'true: leave the sentence out of the report; false: put it back' }),
  })
  .refine((b) => b.text !== undefined || b.omit !== undefined, { message: 'give text or omit', path: ['(body)'] })
  .openapi('EditMeetingReportSentence');

const ReportVersionFields = {
  reportId: z.uuid(),
  meetingId: z.uuid(),
  version: z.number().int(),
  period: z.string(),
  status: z.enum(['draft', 'approved']),
  releaseIds: z.array(z.uuid()),
  contentHash: z.string().nullable().openapi({ description: 'sha256 digest of the approved content; null for a draft' }),
  approvedBy: z.string().nullable().openapi({ description: 'The approving body (registry code)' }),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
};

export const ReportVersionSummary = z.object(ReportVersionFields).openapi('MeetingReportVersionSummary');

export const ReportVersion = z
  .object({
    ...ReportVersionFields,
    report: z.record(z.string(), z.unknown()).openapi({
      description:
        'The report model (format liaison.meeting-report/1, docs/report.md): sections, tables, sentences; every number a published release’s',
    }),
  })
  .openapi('MeetingReportVersion');
