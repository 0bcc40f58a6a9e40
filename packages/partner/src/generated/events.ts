// Generated from schemas/events by `pnpm --filter @liaison/partner gen`. Do not edit by hand.
/* eslint-disable */

/**
 * A signed checkpoint of the audit log's hash chain: the sealed position, the hash at that position and when (UTC). Kept outside Postgres (this topic, a file, the log stream) so that a chain cut off and its head moved back is still found by `audit:verify --checkpoint`. No entry contents.
 */
export interface AuditCheckpointV1 {
  /**
   * The chain's name (main).
   */
  chain: string;
  position: number;
  hash: string;
  /**
   * When the checkpoint was made, UTC.
   */
  at: string;
  /**
   * Which signing key (derived from the audit key): the first bytes of its public key's SHA-256.
   */
  keyId: string;
  /**
   * Ed25519 over `liaison-audit-checkpoint/v1|chain|position|hash|at`, base64url.
   */
  signature: string;
}

/**
 * The outcome of an action on a case (e.g. a platform's answer to an Art. 25 request), for statistics: codes, times and whether the statutory clock was kept. Ids and codes only.
 */
export interface CaseActionOutcomeV1 {
  caseId: string;
  actionId: string;
  agency: string;
  action: string;
  outcome: string;
  category: string;
  designatedPlatform: boolean;
  /**
   * Operator of a designated large platform only.
   */
  operator?: string;
  /**
   * The statutory clock the action started, if any.
   */
  clock?: "art25-decision" | "sender-objection";
  requestedAt: string;
  /**
   * When the outcome was recorded.
   */
  decidedAt: string;
  /**
   * With a clock: whether the outcome came before it ran out.
   */
  withinClock?: boolean;
}

/**
 * A statutory clock on an action towards a platform ran out without an outcome (e.g. no Art. 25 decision notice within 7 days). Emitted once per action. Ids and codes only.
 */
export interface CaseClockMissedV1 {
  caseId: string;
  actionId: string;
  agency: string;
  action: string;
  clock: "art25-decision" | "sender-objection";
  designatedPlatform?: boolean;
  dueAt: string;
}

/**
 * Registry code of a council body, e.g. center, sia.
 */
export type AgencyCode = string;

/**
 * The anonymized facts of a consultation case, for statistics: codes, month, body, durations and keyed hashes of normalised URLs. Never personal data, free text or a raw URL. Replaces the earlier fact of the same case (higher version wins).
 */
export interface CaseFactV1 {
  caseId: string;
  agency: AgencyCode;
  /**
   * Month the consultation was received (JST).
   */
  month: string;
  category: string;
  /**
   * Platform type code (SNS, VID, QA, EC, …).
   */
  platformType?: string;
  designatedPlatform?: boolean;
  /**
   * The operator of a designated large platform (a published company name, e.g. X, LINEヤフー). Only for designated platforms: a small operator could point to a person.
   */
  operator?: string;
  consulter: string;
  victimUnder18: boolean;
  /**
   * @maxItems 20
   */
  requestedActions: string[];
  outcome?: string;
  /**
   * HMAC-SHA256 (base64url) of each normalised URL under the council key.
   *
   * @maxItems 50
   */
  urlHashes: string[];
  daysToClose?: number;
  version: number;
}

/**
 * A person (or their guardian) withdrew consent to sharing: the packages it covered were purged. Recipients must delete any copy they opened. Ids and codes only.
 */
export interface ConsentRevokedV1 {
  caseId: string;
  consentId: string;
  owner: AgencyCode;
  recipients: AgencyCode[];
  purgedPackages: string[];
  revokedAt: string;
}

/**
 * A referral deadline falls due within a day (期限接近). Emitted once per deadline.
 */
export interface DeadlineApproachingV1 {
  deadlineId: string;
  referralId: string;
  sender: AgencyCode;
  recipient: AgencyCode;
  /**
   * acknowledge 受領, decide 受諾・辞退の判断, complete 完了
   */
  clock: "acknowledge" | "decide" | "complete";
  dueAt: string;
  escalatedTo?: AgencyCode;
}

/**
 * A referral deadline passed unmet (期限超過); escalated to the secretariat. Emitted once per deadline.
 */
export interface DeadlineMissedV1 {
  deadlineId: string;
  referralId: string;
  sender: AgencyCode;
  recipient: AgencyCode;
  /**
   * acknowledge 受領, decide 受諾・辞退の判断, complete 完了
   */
  clock: "acknowledge" | "decide" | "complete";
  dueAt: string;
  escalatedTo?: AgencyCode;
}

/**
 * An action item was raised at a meeting, owned by a body, with a due date. Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingActionItemAddedV1 {
  meetingId: string;
  actionItemId: string;
  /**
   * Registry code of a council body.
   */
  owner: string;
  /**
   * Japan calendar date (YYYY-MM-DD).
   */
  dueOn: string;
}

/**
 * An action item was closed at a meeting (`meetingId`: the meeting that closed it; `raisedAt`: the one that raised it). Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingActionItemClosedV1 {
  meetingId: string;
  actionItemId: string;
  raisedAt: string;
  /**
   * Registry code of a council body.
   */
  owner: string;
  closedAt: string;
}

/**
 * An agenda item was added to a meeting. Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingAgendaItemAddedV1 {
  meetingId: string;
  agendaItemId: string;
  position: number;
  /**
   * Registry code of a council body.
   */
  presenter: string;
}

/**
 * Attendance of invited bodies was recorded (bodies, never persons). Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingAttendanceRecordedV1 {
  meetingId: string;
  /**
   * @minItems 1
   * @maxItems 200
   */
  attendance: {
    /**
     * Registry code of a council body.
     */
    body: string;
    status: "present" | "online" | "absent";
  }[];
}

/**
 * A meeting's minutes were approved: frozen, and visible to every invited body. Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingMinutesApprovedV1 {
  meetingId: string;
  approvedAt: string;
}

/**
 * The secretariat saved a draft of a meeting's minutes (the text is never on the bus, and not visible to members or observers until approved). Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingMinutesDraftedV1 {
  meetingId: string;
  draftedAt: string;
}

/**
 * A version of a meeting's report was approved: frozen (its digest never changes), and visible to every invited body. Ids and codes only: no titles or sentences; read the version at /v1/meetings/{meetingId}/report/{version}.
 */
export interface MeetingReportApprovedV1 {
  meetingId: string;
  reportId: string;
  version: number;
  /**
   * The report's period: a fiscal year (FY2025) or a fiscal quarter (2025Q3)
   */
  period: string;
  /**
   * The published statistics releases it was built from
   */
  releaseIds: string[];
  /**
   * sha256 of the approved report's content
   */
  digest: string;
  approvedAt: string;
}

/**
 * A council meeting (第N回) was scheduled by the secretariat. Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingScheduledV1 {
  meetingId: string;
  number: number;
  /**
   * Japan calendar date (YYYY-MM-DD).
   */
  heldOn: string;
  reviewFrom: string;
  reviewTo: string;
  /**
   * @maxItems 200
   */
  invited: string[];
  /**
   * An online link is given.
   */
  online: boolean;
  /**
   * A place is given.
   */
  inPerson: boolean;
}

/**
 * A meeting's particulars changed; `changed` names the fields (their new values are fetched from the API, with the reader's credentials). Ids and codes only: no titles, minutes or other free text.
 */
export interface MeetingUpdatedV1 {
  meetingId: string;
  /**
   * @minItems 1
   */
  changed: ("number" | "heldOn" | "startTime" | "place" | "onlineLink" | "reviewFrom" | "reviewTo" | "invited")[];
  number?: number;
  /**
   * Japan calendar date (YYYY-MM-DD).
   */
  heldOn?: string;
  /**
   * @maxItems 200
   */
  invited?: string[];
}

/**
 * A member body referred (or transferred) a case to another member. Ids and codes only: no personal data, no free text, no URL.
 */
export interface ReferralCreatedV1 {
  /**
   * The referral (FHIR Task) id; also the event subject and partition key.
   */
  referralId: string;
  sender: AgencyCode;
  recipient: AgencyCode;
  /**
   * referral: the sender keeps the case; transfer: ownership moves.
   */
  kind: "referral" | "transfer";
  /**
   * Taxonomy category code, e.g. R01.
   */
  category: string;
  status: "draft" | "requested";
  urgent?: boolean;
  createdAt: string;
  /**
   * A sealed package of personal data for the recipient (fetched with its own credentials), when the referral carries any.
   */
  packageId?: string;
}

export type TaskStatus =
  | "draft"
  | "requested"
  | "received"
  | "accepted"
  | "rejected"
  | "ready"
  | "in-progress"
  | "on-hold"
  | "completed"
  | "failed"
  | "cancelled"
  | "entered-in-error";

/**
 * A referral moved to another FHIR Task status (or its business status changed). Codes only: the free-text reason stays with the referral, never on the bus.
 */
export interface ReferralStatusChangedV1 {
  referralId: string;
  sender: AgencyCode;
  recipient: AgencyCode;
  from: TaskStatus;
  to: TaskStatus;
  /**
   * Code of the Japanese sub-state (e.g. deletion-requested = 削除依頼済).
   */
  businessStatus?: string;
  changedBy: AgencyCode;
  /**
   * The referral's version after the change; consumers ignore older versions.
   */
  version: number;
  changedAt: string;
}

/**
 * A statistics release (an immutable snapshot of the published tables for a closed period, disclosure-controlled) was published. Ids and codes only.
 */
export interface StatsReleasePublishedV1 {
  releaseId: string;
  /**
   * 2026-10 (month), 2026Q3 (fiscal quarter: Q1 = April–June), FY2026 (April 2026 – March 2027).
   */
  period: string;
  grain: "month" | "quarter" | "fiscal-year";
  /**
   * @maxItems 200
   */
  tables: string[];
  suppressedCells?: number;
  publishedAt: string;
}

/**
 * A webhook delivery gave up after its last retry and joined the dead-letter list (配信失敗); the endpoint's owner can redeliver it. Told to the owner and the secretariat. Ids and codes only: no URL, no error text, no payload.
 */
export interface WebhookDeadLetteredV1 {
  /**
   * The delivery (also its webhook-id); redeliver with POST /v1/webhooks/dead-letters/{deliveryId}/redeliver.
   */
  deliveryId: string;
  /**
   * The webhook endpoint; also the event subject and partition key.
   */
  endpointId: string;
  /**
   * The body that registered the endpoint.
   */
  owner: string;
  /**
   * The council's secretariat, told as well.
   */
  secretariat?: string;
  /**
   * The CloudEvent that was not delivered.
   */
  eventId: string;
  eventType: string;
  attempts: number;
  /**
   * The receiver's last HTTP status, when it answered.
   */
  lastStatusCode?: number;
  /**
   * status 応答ステータス異常, timeout 応答なし（時間切れ）, no-answer 接続不能, target-refused 宛先拒否（SSRF防止）, secret-unreadable 署名鍵を復号できない
   */
  reason: "status" | "timeout" | "no-answer" | "target-refused" | "secret-unreadable";
  deadLetteredAt: string;
}

/** Event data by CloudEvents `type`. */
export interface EventDataByType {
  'jp.liaison.audit.checkpoint.v1': AuditCheckpointV1;
  'jp.liaison.case.action_outcome.v1': CaseActionOutcomeV1;
  'jp.liaison.case.clock_missed.v1': CaseClockMissedV1;
  'jp.liaison.case.fact.v1': CaseFactV1;
  'jp.liaison.consent.revoked.v1': ConsentRevokedV1;
  'jp.liaison.deadline.approaching.v1': DeadlineApproachingV1;
  'jp.liaison.deadline.missed.v1': DeadlineMissedV1;
  'jp.liaison.meeting.action_item_added.v1': MeetingActionItemAddedV1;
  'jp.liaison.meeting.action_item_closed.v1': MeetingActionItemClosedV1;
  'jp.liaison.meeting.agenda_item_added.v1': MeetingAgendaItemAddedV1;
  'jp.liaison.meeting.attendance_recorded.v1': MeetingAttendanceRecordedV1;
  'jp.liaison.meeting.minutes_approved.v1': MeetingMinutesApprovedV1;
  'jp.liaison.meeting.minutes_drafted.v1': MeetingMinutesDraftedV1;
  'jp.liaison.meeting.report_approved.v1': MeetingReportApprovedV1;
  'jp.liaison.meeting.scheduled.v1': MeetingScheduledV1;
  'jp.liaison.meeting.updated.v1': MeetingUpdatedV1;
  'jp.liaison.referral.created.v1': ReferralCreatedV1;
  'jp.liaison.referral.status_changed.v1': ReferralStatusChangedV1;
  'jp.liaison.stats.release_published.v1': StatsReleasePublishedV1;
  'jp.liaison.webhook.dead_lettered.v1': WebhookDeadLetteredV1;
}
