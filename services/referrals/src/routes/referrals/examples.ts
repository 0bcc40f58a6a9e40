// Examples for the OpenAPI document: one per request body and success answer, each checked against
// its schema by the platform's contract test. The same ids recur so that they read as one story:
// the Center refers a child's defamation case to SIA with a sealed package.

const referralId = '3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15';
const packageId = '7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c';
const caseId = '0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90';

export const createReferralExample = {
  recipient: 'sia',
  kind: 'referral',
  category: 'R01',
  urgent: false,
  routing: { consulter: 'GRD', victimUnder18: true },
  packageId,
  caseId,
};

/** The referral as its sender sees it (the case id is the sender's only). */
export const referralExample = {
  id: referralId,
  sender: 'center',
  recipient: 'sia',
  kind: 'referral',
  category: 'R01',
  status: 'requested',
  businessStatus: null,
  statusReason: null,
  routing: { suggested: ['sia'], followed: true, overrideReason: null },
  packageId,
  caseId,
  urgent: false,
  version: 1,
  createdAt: '2026-12-01T01:00:00.000Z',
  updatedAt: '2026-12-01T01:00:00.000Z',
  sentAt: '2026-12-01T01:00:00.000Z',
};

/** The same referral as its recipient sees it after accepting it. */
export const referralAtRecipientExample = {
  ...referralExample,
  caseId: null,
  status: 'accepted',
  version: 3,
  updatedAt: '2026-12-01T02:10:00.000Z',
};

export const changeStatusExample = { status: 'accepted', expectedVersion: 2 };

export const historyExample = {
  items: [
    {
      version: 2,
      from: 'requested',
      to: 'received',
      businessStatus: null,
      statusReason: null,
      changedBy: 'sia',
      changedAt: '2026-12-01T02:00:00.000Z',
    },
    {
      version: 3,
      from: 'received',
      to: 'accepted',
      businessStatus: null,
      statusReason: null,
      changedBy: 'sia',
      changedAt: '2026-12-01T02:10:00.000Z',
    },
  ],
};

export const suggestRoutingExample = { category: 'R01', consulter: 'GRD', victimUnder18: true };

export const suggestionsExample = {
  items: [
    {
      body: 'sia',
      nameJa: 'セーファーインターネット協会',
      nameEn: 'Safer Internet Association',
      action: 'refer',
      rule: 'child-harm-to-sia',
      reasonJa:
        '被害者が児童の誹謗中傷・いじめ等は、保護者・学校からも受け付けるセーファーインターネット協会へ（青少年の相談連携 2017年〜）',
      reasonEn:
        'Child victims of defamation, bullying and the like: SIA accepts reports from guardians and schools (youth referral scheme since 2017)',
    },
  ],
};

export const overdueExample = {
  items: [
    {
      referralId,
      clock: 'acknowledge',
      dueAt: '2026-12-03T14:59:59.999Z',
      sender: 'center',
      recipient: 'sia',
      category: 'R01',
      status: 'requested',
    },
  ],
};

export const inboxExample = {
  items: [
    {
      referralId,
      sender: 'center',
      recipient: 'sia',
      kind: 'referral',
      category: 'R01',
      status: 'requested',
      businessStatus: null,
      version: 1,
      packageId,
      urgent: false,
      sentAt: '2026-12-01T01:00:00.000Z',
      receivedAt: '2026-12-01T01:00:00.412Z',
    },
  ],
};
