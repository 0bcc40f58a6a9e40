/**
 * Referral statuses: FHIR Task's state machine, with who may move a referral where.
 * The sender (Task.requester) drafts, requests and corrects; the recipient (Task.owner) receives,
 * decides and works; either may cancel an unfinished referral.
 */
export const taskStatuses = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Which side of a referral an actor is on. */
export type Side = 'sender' | 'recipient';

/** Japanese first, English beside: what people see for each status. */
export const taskStatusLabels: Record<TaskStatus, { ja: string; en: string }> = {
  draft: { ja: '下書き', en: 'Draft' },
  requested: { ja: '依頼済', en: 'Requested' },
  received: { ja: '受領', en: 'Received' },
  accepted: { ja: '受諾', en: 'Accepted' },
  rejected: { ja: '辞退', en: 'Rejected' },
  ready: { ja: '対応準備完了', en: 'Ready' },
  'in-progress': { ja: '対応中', en: 'In progress' },
  'on-hold': { ja: '保留', en: 'On hold' },
  completed: { ja: '完了', en: 'Completed' },
  failed: { ja: '対応不能', en: 'Failed' },
  cancelled: { ja: '取消', en: 'Cancelled' },
  'entered-in-error': { ja: '誤登録', en: 'Entered in error' },
};

/** Statuses after which nothing happens any more (but a sender may still mark a mistake). */
export const terminalStatuses: readonly TaskStatus[] = ['rejected', 'completed', 'failed', 'cancelled', 'entered-in-error'];

type Rule = { to: TaskStatus; by: Side | 'either' };

const open = (...rules: Rule[]): Rule[] => [...rules, { to: 'cancelled', by: 'either' }, { to: 'entered-in-error', by: 'sender' }];

/**
 * The transitions. `ready` is set by the recipient (FHIR: the owner says the task can be started
 * without further acceptance steps); the issue text lists who sets every other status.
 */
const rules: Record<TaskStatus, Rule[]> = {
  // A draft is the sender's alone: its recipient does not know of it (nor may cancel it) until it is requested.
  draft: [
    { to: 'requested', by: 'sender' },
    { to: 'cancelled', by: 'sender' },
    { to: 'entered-in-error', by: 'sender' },
  ],
  requested: open({ to: 'received', by: 'recipient' }, { to: 'accepted', by: 'recipient' }, { to: 'rejected', by: 'recipient' }),
  received: open({ to: 'accepted', by: 'recipient' }, { to: 'rejected', by: 'recipient' }),
  accepted: open(
    { to: 'ready', by: 'recipient' },
    { to: 'in-progress', by: 'recipient' },
    { to: 'on-hold', by: 'recipient' },
    { to: 'failed', by: 'recipient' },
  ),
  ready: open({ to: 'in-progress', by: 'recipient' }, { to: 'on-hold', by: 'recipient' }, { to: 'failed', by: 'recipient' }),
  'in-progress': open({ to: 'on-hold', by: 'recipient' }, { to: 'completed', by: 'recipient' }, { to: 'failed', by: 'recipient' }),
  'on-hold': open({ to: 'in-progress', by: 'recipient' }, { to: 'completed', by: 'recipient' }, { to: 'failed', by: 'recipient' }),
  // Finished referrals stay finished; only the sender may still declare the whole thing a mistake.
  rejected: [{ to: 'entered-in-error', by: 'sender' }],
  completed: [{ to: 'entered-in-error', by: 'sender' }],
  failed: [{ to: 'entered-in-error', by: 'sender' }],
  cancelled: [{ to: 'entered-in-error', by: 'sender' }],
  'entered-in-error': [],
};

/** The statuses `side` may move a referral to from `from`. */
export function allowedNext(from: TaskStatus, side: Side): TaskStatus[] {
  return rules[from].filter((r) => r.by === side || r.by === 'either').map((r) => r.to);
}

/** Whether `side` may move a referral from `from` to `to`. */
export function canTransition(from: TaskStatus, to: TaskStatus, side: Side): boolean {
  return allowedNext(from, side).includes(to);
}

/** Statuses that need a reason (Task.statusReason) when entered. */
export const statusesNeedingReason: readonly TaskStatus[] = ['rejected', 'failed', 'cancelled', 'entered-in-error'];

/**
 * Japanese sub-states (Task.businessStatus) the bodies use, as data. Code first for programs,
 * Japanese label first for people.
 */
export const businessStatuses = [
  { code: 'deletion-requested', ja: '削除依頼済', en: 'Deletion requested from the platform' },
  { code: 'platform-notified', ja: 'プロバイダへ通知済', en: 'Platform notified under its terms' },
  { code: 'art25-requested', ja: '情報流通プラットフォーム対処法25条申出済', en: 'Art. 25 request made' },
  { code: 'police-informed', ja: '警察へ情報提供済', en: 'Information passed to the police' },
  { code: 'advised', ja: '助言済', en: 'Advice given' },
  { code: 'awaiting-consulter', ja: '相談者の回答待ち', en: 'Waiting for the consulter' },
  { code: 'awaiting-platform', ja: 'プロバイダの回答待ち', en: 'Waiting for the platform' },
  { code: 'unreachable', ja: '連絡不能', en: 'Consulter unreachable' },
  { code: 'deleted', ja: '削除済', en: 'Deleted' },
  { code: 'not-deleted', ja: '削除されず', en: 'Not deleted' },
] as const;
export type BusinessStatus = (typeof businessStatuses)[number]['code'];
export const businessStatusCodes = businessStatuses.map((b) => b.code) as [BusinessStatus, ...BusinessStatus[]];
