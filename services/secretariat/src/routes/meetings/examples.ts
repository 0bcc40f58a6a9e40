// Examples for the OpenAPI document: one per request body and success answer, each checked against
// its schema by the platform's contract test. The 12th meeting, reviewing the first half of FY2026.

const meetingId = '7d1c2a3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const earlier = '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

export const scheduleExample = {
  heldOn: '2026-12-10',
  startTime: '14:00',
  place: '総務省 第1会議室',
  onlineLink: 'https://meet.example.jp/liaison-12',
  reviewFrom: '2026-04',
  reviewTo: '2026-09',
};

export const updateExample = { heldOn: '2026-12-11', place: null };
export const agendaExample = { title: '上半期の相談状況について', presenter: 'center' };
export const attendanceExample = {
  attendance: [
    { body: 'sia', status: 'present' },
    { body: 'mic', status: 'online' },
  ],
};
export const minutesExample = { text: '1. 上半期の相談状況について、事務局から報告があった。' };
export const actionItemExample = { title: '削除依頼の対応期限の集計方法を整理する', owner: 'sia', dueOn: '2027-03-31' };

const summary = {
  id: meetingId,
  number: 12,
  titleJa: '第12回 違法・有害情報相談機関連絡会',
  titleEn: 'Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12',
  heldOn: '2026-12-10',
  startTime: '14:00',
  place: '総務省 第1会議室',
  onlineLink: 'https://meet.example.jp/liaison-12',
  reviewFrom: '2026-04',
  reviewTo: '2026-09',
  minutesApproved: false,
};

export const agendaItemExample = {
  id: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b',
  meetingId,
  position: 1,
  title: '上半期の相談状況について',
  presenter: 'center',
};

export const actionItemCreatedExample = {
  id: '0f1e2d3c-4b5a-4697-8877-665544332211',
  title: '削除依頼の対応期限の集計方法を整理する',
  owner: 'sia',
  dueOn: '2027-03-31',
  raisedAt: { meetingId, number: 12 },
  status: 'open',
  closedAt: null,
};

export const meetingListExample = { items: [summary] };

export const meetingExample = {
  ...summary,
  invitations: [
    { body: 'center', role: 'member', attendance: 'present' },
    { body: 'mic', role: 'observer', attendance: 'online' },
    { body: 'sia', role: 'member', attendance: 'present' },
  ],
  agenda: [{ id: '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b', position: 1, title: '上半期の相談状況について', presenter: 'center' }],
  minutes: null,
  draftMinutes: { text: '1. 上半期の相談状況について、事務局から報告があった。', updatedAt: '2026-12-10T08:00:00.000Z' },
  actionItems: [
    {
      id: '0f1e2d3c-4b5a-4697-8877-665544332211',
      title: '削除依頼の対応期限の集計方法を整理する',
      owner: 'sia',
      dueOn: '2027-03-31',
      raisedAt: { meetingId, number: 12 },
      status: 'open',
      closedAt: null,
    },
  ],
  carriedActionItems: [
    {
      id: '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d',
      title: '照会様式の改訂案を作成する',
      owner: 'hotline',
      dueOn: '2026-11-30',
      raisedAt: { meetingId: earlier, number: 11 },
      status: 'closed',
      closedAt: { meetingId, number: 12, at: '2026-12-10T07:30:00.000Z' },
    },
  ],
  report: null,
};

const reportId = '5c4b3a29-1807-4f6e-9d5c-4b3a29180706';
const releaseIds = ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e'];
export const draftReportExample = { period: 'FY2025' };
export const editSentenceExample = { text: { ja: '2025年度の相談件数は合計1,234件でした。' } };
const reportVersionSummary = {
  reportId,
  meetingId,
  version: 1,
  period: 'FY2025',
  status: 'approved',
  releaseIds,
  contentHash: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184',
  approvedBy: 'center',
  approvedAt: '2026-12-10T06:00:00.000Z',
  createdAt: '2026-12-01T01:00:00.000Z',
};
export const reportVersionListExample = { items: [reportVersionSummary] };
export const reportVersionExample = {
  ...reportVersionSummary,
  report: {
    format: 'liaison.meeting-report/1',
    title: {
      ja: '第12回 違法・有害情報相談機関連絡会',
      en: 'Liaison Council of Consultation Bodies on Illegal and Harmful Online Information, meeting No. 12',
    },
    period: { id: 'FY2025', grain: 'fiscal-year', labelJa: '2025年度', labelEn: 'FY2025', months: ['2025-04', '…', '2026-03'] },
    comparison: { id: 'FY2024', labelJa: '2024年度', labelEn: 'FY2024' },
    releases: [
      { id: releaseIds[0], period: 'FY2025' },
      { id: releaseIds[1], period: 'FY2024' },
    ],
    empty: false,
    sections: [],
    tables: [],
    sentences: [],
    status: 'approved',
    approval: {
      version: 1,
      approvedBy: 'center',
      approvedAt: '2026-12-10T06:00:00.000Z',
      digest: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184',
    },
  },
};
export const reportHtmlExample =
  '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>第12回 違法・有害情報相談機関連絡会</title></head><body>…</body></html>';
