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

/** Where the content is: platform types. */
export const platformTypes: readonly Code[] = [
  { code: 'SNS', ja: 'SNS', en: 'Social network' },
  { code: 'VID', ja: '動画共有', en: 'Video sharing' },
  { code: 'BBS', ja: '電子掲示板', en: 'Bulletin board' },
  { code: 'MIR', ja: 'まとめ・転載サイト', en: 'Mirror / aggregation site' },
  { code: 'REV', ja: '口コミ・レビュー', en: 'Reviews' },
  { code: 'BLG', ja: 'ブログ', en: 'Blog' },
  { code: 'MSG', ja: 'メッセージアプリ', en: 'Messaging' },
  { code: 'QA', ja: 'Q&Aサイト', en: 'Q&A site' },
  { code: 'SRC', ja: '検索エンジン', en: 'Search engine' },
  { code: 'EC', ja: 'EC・フリマ', en: 'E-commerce / marketplace' },
  { code: 'MAT', ja: 'マッチング', en: 'Matching / dating' },
  { code: 'GAM', ja: 'オンラインゲーム', en: 'Online game' },
  { code: 'NWS', ja: 'ニュース・コメント欄', en: 'News / comments' },
  { code: 'ADV', ja: '広告', en: 'Advertising' },
  { code: 'OTH', ja: 'その他', en: 'Other' },
];

/** Who consulted. */
export const consulterTypes: readonly Code[] = [
  { code: 'SELF', ja: '本人', en: 'The person concerned' },
  { code: 'GRD', ja: '保護者', en: 'Guardian' },
  { code: 'FAM', ja: '家族', en: 'Family' },
  { code: 'SCH', ja: '学校関係者', en: 'School' },
  { code: 'LAW', ja: '弁護士', en: 'Lawyer' },
  { code: 'ORG', ja: '企業・団体', en: 'Company / organisation' },
  { code: 'AGY', ja: '行政機関', en: 'Public agency' },
  { code: 'PRV', ja: 'プロバイダ', en: 'Provider' },
  { code: 'SND', ja: '発信者側', en: 'Sender side' },
  { code: 'ANO', ja: '匿名', en: 'Anonymous' },
];

/** What the consulter asked for. */
export const requestedActions: readonly Code[] = [
  { code: 'advice', ja: '助言', en: 'Advice' },
  { code: 'self-request', ja: '本人による削除依頼', en: 'Deletion request by the person' },
  { code: 'notice-on-behalf', ja: '代理通知', en: 'Notice on the person’s behalf' },
  { code: 'art25-request', ja: '25条申出', en: 'Art. 25 request to a designated platform' },
  { code: 'disclosure', ja: '発信者情報開示', en: 'Sender information disclosure' },
  { code: 'police', ja: '警察への相談', en: 'Police' },
  { code: 'moj', ja: '法務局', en: 'Legal Affairs Bureau' },
  { code: 'houterasu', ja: '法テラス', en: 'Japan Legal Support Center' },
];

/**
 * Purposes (利用目的) personal data is used for: what a consent names, what a package is sealed
 * for, and why a caseworker opens a case's personal data (the reason in the audit log). A code from
 * this list, never free text: free text could itself carry personal data into the audit log.
 * Grounded in the requested actions of the design (advice, deletion, notice, disclosure, police,
 * 法務局, 法テラス, consumer counselling).
 */
export const purposes: readonly Code[] = [
  { code: 'counseling', ja: '相談対応のため', en: 'To handle the consultation' },
  { code: 'advice', ja: '助言のため', en: 'For advice' },
  { code: 'deletion-request', ja: '削除依頼のため', en: 'To request deletion' },
  { code: 'platform-notice', ja: 'プロバイダへの通知のため', en: 'To notify the platform' },
  { code: 'disclosure-request', ja: '発信者情報開示のため', en: 'For sender information disclosure' },
  { code: 'police-report', ja: '警察への情報提供のため', en: 'To inform the police' },
  { code: 'human-rights-remedy', ja: '法務局による人権救済のため', en: 'For human-rights relief by the Legal Affairs Bureau' },
  { code: 'legal-support', ja: '法的支援のため', en: 'For legal support' },
  { code: 'consumer-support', ja: '消費生活相談のため', en: 'For consumer counselling' },
];

/** APPI Art. 27(1): grounds for providing personal data to a third party without consent. */
export const legalGrounds: readonly Code[] = [
  { code: 'appi-27-1-i', ja: '法令に基づく場合（27条1項1号）', en: 'Required by law (Art. 27(1)(i))' },
  {
    code: 'appi-27-1-ii',
    ja: '人の生命・身体・財産の保護に必要で同意取得が困難（2号）',
    en: 'Protecting life, body or property, consent hard to obtain (ii)',
  },
  {
    code: 'appi-27-1-iii',
    ja: '公衆衛生・児童の健全な育成に特に必要で同意取得が困難（3号）',
    en: 'Public health or the sound upbringing of children (iii)',
  },
  { code: 'appi-27-1-iv', ja: '国の機関等の法令事務への協力（4号）', en: 'Cooperating with a state body performing its legal duties (iv)' },
];

const codesOf = (list: readonly Code[]) => list.map((c) => c.code) as [string, ...string[]];
export const platformTypeCodes = codesOf(platformTypes);
export const consulterCodes = codesOf(consulterTypes);
export const requestedActionCodes = codesOf(requestedActions);
export const purposeCodes = codesOf(purposes);
export const legalGroundCodes = codesOf(legalGrounds);
