import {
  actionOutcomes,
  caseActions,
  categories,
  consulterTypes,
  platformTypes,
  referralKinds,
  requestedActions,
  taskStatusLabels,
  terminalStatuses,
} from '@liaison/domain';
import type { FactKind } from './kinds.ts';
import { fiscalYearOf } from './periods.ts';

/** A code with its labels, Japanese first. */
export interface Label {
  code: string;
  ja: string;
  en: string;
}

const list = (codes: readonly { code: string; ja: string; en: string }[]): Label[] => codes.map(({ code, ja, en }) => ({ code, ja, en }));
const NONE: Label = { code: 'none', ja: '該当なし', en: 'None' };
const yesNo: Label[] = [
  { code: 'yes', ja: 'はい', en: 'Yes' },
  { code: 'no', ja: 'いいえ', en: 'No' },
];

/**
 * The designated large platforms' operators (情報流通プラットフォーム対処法, designations of
 * 2025-04-30); any other name counts as その他. Data: a new designation is a new line here.
 */
export const designatedOperators: Label[] = [
  { code: 'Google (YouTube)', ja: 'Google（YouTube）', en: 'Google (YouTube)' },
  { code: 'LINEヤフー', ja: 'LINEヤフー', en: 'LY Corporation' },
  { code: 'Meta Platforms', ja: 'Meta（Facebook・Instagram・Threads）', en: 'Meta Platforms' },
  { code: 'TikTok', ja: 'TikTok', en: 'TikTok' },
  { code: 'X Corp.', ja: 'X', en: 'X Corp.' },
];

/** The fixed codes of each dimension (per fact kind where a name means different things), in display order. */
export function dimensionCodes(kind: FactKind, dim: string, context: { bodies: Label[]; months: string[] }): Label[] | undefined {
  switch (dim) {
    case 'body':
    case 'sender':
    case 'recipient':
      return context.bodies;
    case 'month':
      return context.months.map((m) => ({ code: m, ja: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, en: m }));
    case 'category':
      return list(categories);
    case 'platform_type':
      return [...list(platformTypes), NONE];
    case 'consulter':
      return list(consulterTypes);
    case 'requested_action':
      return list(requestedActions);
    case 'action':
      return list(caseActions);
    case 'outcome':
      return kind === 'deadline'
        ? [
            { code: 'kept', ja: '期限内', en: 'Kept' },
            { code: 'missed', ja: '期限超過', en: 'Missed' },
          ]
        : list(actionOutcomes);
    case 'designated':
    case 'under18':
      return yesNo;
    case 'within_clock':
      return [
        { code: 'yes', ja: '期限内', en: 'Within the statutory period' },
        { code: 'no', ja: '期限超過', en: 'After the statutory period' },
        NONE,
      ];
    case 'operator':
      return [...designatedOperators, { code: 'other', ja: 'その他', en: 'Other' }, NONE];
    case 'kind':
      return list(referralKinds);
    case 'final_status':
      return terminalStatuses.map((s) => ({ code: s, ja: taskStatusLabels[s].ja, en: taskStatusLabels[s].en }));
    case 'clock':
      return kind === 'clock_missed'
        ? [
            { code: 'art25-decision', ja: '25条の判断・通知（7日）', en: 'Art. 25 decision and notice (7 days)' },
            { code: 'sender-objection', ja: '発信者への意見照会', en: 'Sender objection period (Art. 3(2)(ii))' },
          ]
        : [
            { code: 'acknowledge', ja: '受領', en: 'Acknowledge' },
            { code: 'decide', ja: '受諾・辞退の判断', en: 'Decide' },
            { code: 'complete', ja: '完了', en: 'Complete' },
          ];
    default:
      return undefined;
  }
}

/** The key a stored value is shown under: '' is "none", an operator outside the list is "other". */
export function keyOf(dim: string, value: string): string {
  if (value === '') return 'none';
  if (dim === 'operator' && !designatedOperators.some((o) => o.code === value)) return 'other';
  return value;
}

/** Dimensions any table may use besides its kind's own. */
export const commonDimensions = ['month'] as const;

/** The title of a period, Japanese first. */
export function periodLabel(id: string): { ja: string; en: string } {
  if (id.startsWith('FY')) return { ja: `${id.slice(2)}年度`, en: `Fiscal year ${id.slice(2)} (April–March)` };
  if (id.includes('Q')) {
    const [fy, q] = id.split('Q');
    return { ja: `${fy}年度 第${q}四半期`, en: `FY${fy} Q${q}` };
  }
  return { ja: `${id.slice(0, 4)}年${Number(id.slice(5))}月`, en: id };
}

export { fiscalYearOf };
