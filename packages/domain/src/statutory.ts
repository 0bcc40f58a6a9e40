import { addCalendarDays, endOfJstDay, jstDate } from './calendar.ts';

/** Actions taken on a case (towards platforms, police, legal help). */
export const caseActions = [
  { code: 'advice', ja: '助言', en: 'Advice given' },
  { code: 'deletion-request', ja: '削除依頼', en: 'Deletion request to the platform' },
  { code: 'notice-on-behalf', ja: '代理通知', en: 'Notice on the person’s behalf' },
  { code: 'art25-request', ja: '25条申出（大規模プラットフォーム）', en: 'Art. 25 request to a designated platform' },
  { code: 'sender-inquiry', ja: '発信者への意見照会', en: 'Inquiry to the sender (Art. 3(2)(ii))' },
  { code: 'disclosure-request', ja: '発信者情報開示請求', en: 'Sender disclosure request (Art. 5)' },
  { code: 'disclosure-order', ja: '発信者情報開示命令の申立て', en: 'Disclosure order petition (Art. 8)' },
  { code: 'police', ja: '警察へ情報提供', en: 'Information to the police' },
  { code: 'moj', ja: '法務局へ案内', en: 'Referred to the Legal Affairs Bureau' },
  { code: 'houterasu', ja: '法テラスへ案内', en: 'Referred to the Japan Legal Support Center' },
] as const;
export const caseActionCodes = caseActions.map((a) => a.code) as [string, ...string[]];

/** Outcomes of an action. */
export const actionOutcomes = [
  { code: 'deleted', ja: '削除', en: 'Deleted' },
  { code: 'partly-deleted', ja: '一部削除', en: 'Partly deleted' },
  { code: 'restricted', ja: '表示制限', en: 'Restricted' },
  { code: 'not-deleted', ja: '削除されず', en: 'Not deleted' },
  { code: 'notified-within-7-days', ja: '7日以内に通知あり', en: 'Decision notified within 7 days' },
  { code: 'extended', ja: '期間延長', en: 'Period extended (Art. 25(2))' },
  { code: 'disclosed', ja: '開示', en: 'Disclosed' },
  { code: 'rejected', ja: '拒否', en: 'Rejected' },
  { code: 'withdrawn', ja: '取下げ', en: 'Withdrawn' },
  { code: 'out-of-scope', ja: '対象外', en: 'Out of scope' },
  { code: 'referred', ja: '他機関へ引継ぎ', en: 'Referred' },
  { code: 'no-response', ja: '応答なし', en: 'No response' },
] as const;
export const actionOutcomeCodes = actionOutcomes.map((a) => a.code) as [string, ...string[]];

/** Art. 25(2): grounds on which a designated platform may extend its 7 days. */
export const extensionGrounds = [
  { code: 'sender-inquiry', ja: '発信者への照会を行う場合', en: 'The sender is being consulted' },
  { code: 'expert-review', ja: '専門員の意見を聴く場合', en: 'An expert reviewer is being heard' },
  { code: 'unavoidable', ja: 'その他やむを得ない理由', en: 'Other unavoidable reasons' },
] as const;
export const extensionGroundCodes = extensionGrounds.map((g) => g.code) as [string, ...string[]];

export type StatutoryClock = 'art25-decision' | 'sender-objection';

/**
 * The statutory clock an action starts, if any (情報流通プラットフォーム対処法):
 * - a deletion request (Art. 25 request) to a designated large platform: decision and notice within 7 days;
 * - an inquiry to the sender (Art. 3(2)(ii)): 7 days to object, 2 for election candidates and
 *   non-consensual intimate images (私事性的画像, R05).
 * Days are calendar days, ending at the end of the day in Japan time.
 */
export function statutoryClock(input: {
  action: string;
  requestedAt: Date;
  designatedPlatform: boolean;
  category: string;
  electionCandidate?: boolean | undefined;
}): { clock: StatutoryClock; days: number; dueAt: Date } | undefined {
  const day = jstDate(input.requestedAt);
  const due = (days: number) => endOfJstDay(addCalendarDays(day, days));
  if ((input.action === 'art25-request' || input.action === 'deletion-request') && input.designatedPlatform) {
    return { clock: 'art25-decision', days: 7, dueAt: due(7) };
  }
  if (input.action === 'sender-inquiry') {
    const days = input.electionCandidate || input.category === 'R05' ? 2 : 7;
    return { clock: 'sender-objection', days, dueAt: due(days) };
  }
  return undefined;
}
