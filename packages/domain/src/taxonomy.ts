/**
 * The council's consultation taxonomy (shared/DESIGN.md), Japanese label first, English beside.
 * Pure data: statistics, routing and screens all read it from here.
 */
export interface Code {
  code: string;
  ja: string;
  en: string;
  /** Urgent categories (threats of crime) jump every queue. */
  urgent?: boolean;
}

export const categories: readonly Code[] = [
  { code: 'R01', ja: '名誉毀損・誹謗中傷', en: 'Defamation / slander' },
  { code: 'R02', ja: '侮辱', en: 'Insult' },
  { code: 'R03', ja: 'プライバシー侵害・晒し', en: 'Privacy violation / doxxing' },
  { code: 'R04', ja: '肖像権・画像無断掲載', en: 'Portrait rights / unauthorised images' },
  { code: 'R05', ja: '私事性的画像', en: 'Non-consensual intimate images (NCII)' },
  { code: 'R06', ja: 'なりすまし', en: 'Impersonation' },
  { code: 'R07', ja: '著作権・商標', en: 'Copyright / trademark' },
  { code: 'R08', ja: '信用毀損・業務妨害', en: 'Damage to credit / obstruction of business' },
  { code: 'R09', ja: '差別的言動', en: 'Discriminatory speech' },
  { code: 'I01', ja: 'わいせつ', en: 'Obscenity' },
  { code: 'I02', ja: '児童ポルノ', en: 'Child sexual abuse material' },
  { code: 'I03', ja: '薬物', en: 'Drugs' },
  { code: 'I04', ja: '口座・携帯売買', en: 'Sale of bank accounts / phones' },
  { code: 'I05', ja: 'フィッシング・不正アクセス', en: 'Phishing / unauthorised access' },
  { code: 'I06', ja: '売春・出会い系誘引', en: 'Solicitation of prostitution / dating lures' },
  { code: 'I07', ja: 'ヤミ金', en: 'Illegal money lending' },
  { code: 'I08', ja: '銃砲', en: 'Firearms' },
  { code: 'H01', ja: '重要犯罪密接関連・闇バイト', en: 'Information tied to serious crime / "dark part-time jobs"' },
  { code: 'H02', ja: '自殺誘引', en: 'Inducement to suicide' },
  { code: 'H03', ja: '犯行予告', en: 'Crime announcement', urgent: true },
  { code: 'B01', ja: 'ネットいじめ', en: 'Online bullying' },
  { code: 'C01', ja: '消費者トラブル', en: 'Consumer trouble' },
  { code: 'P01', ja: '削除方法', en: 'How to request deletion' },
  { code: 'P02', ja: '発信者特定', en: 'Identifying the sender' },
  { code: 'P03', ja: '照会・請求を受けた', en: 'Received an inquiry or claim' },
  { code: 'Z99', ja: 'その他', en: 'Other' },
];

const byCode = new Map(categories.map((c) => [c.code, c]));

/** The category for a code, or undefined. */
export function category(code: string): Code | undefined {
  return byCode.get(code);
}

/** All category codes, for validation (e.g. a zod enum). */
export const categoryCodes = categories.map((c) => c.code) as [string, ...string[]];

/** Referral kinds: the sender keeps the case (referral) or hands it over (transfer). */
export const referralKinds = [
  { code: 'referral', ja: '照会', en: 'Referral (sender keeps the case)' },
  { code: 'transfer', ja: '移送', en: 'Transfer (ownership moves)' },
] as const;
