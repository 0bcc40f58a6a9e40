// Examples for the OpenAPI document: one per request body and success answer, each checked against
// its schema by the platform's contract test. One story: the Center records a child's defamation
// case, the guardian consents, the personal data is sealed to SIA.

const caseId = '0e7c9a53-3b8f-4d4b-9d8e-2a6c5f1b7e90';
const consentId = 'c4d9e2f1-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const packageId = '7b0c1f0e-4a57-4c47-9a4e-0d7f8a1e2b3c';
const actionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const siaKeyId = 'giQqigT_IKcuzHl0FVJ3k5ts3_TWNAxvsC08UZsfcM8';

export const recordCaseExample = {
  category: 'R01',
  platformType: 'SNS',
  operator: 'Example SNS',
  designatedPlatform: true,
  consulter: 'GRD',
  victimUnder18: true,
  requestedActions: ['notice-on-behalf'],
  urls: ['https://sns.example.com/u/abc/status/1'],
  summary: '同級生によるなりすまし投稿と悪口',
  person: { name: '佐藤さくら', contact: '保護者 080-0000-1111', school: '○○市立第一中学校' },
};

export const caseExample = {
  id: caseId,
  agency: 'center',
  month: '2026-12',
  category: 'R01',
  platformType: 'SNS',
  operator: 'Example SNS',
  designatedPlatform: true,
  consulter: 'GRD',
  victimUnder18: true,
  requestedActions: ['notice-on-behalf'],
  outcome: null,
  urlHashes: ['q1Vb0mXgIuT3Zc5aK7yRwE2nP9sLdH4fJ6oA8tB0cDe'],
  version: 1,
  createdAt: '2026-12-01T00:55:00.000Z',
};

/** With `?purpose=…`: the personal data too (the read is audited). */
export const caseWithPersonalExample = {
  ...caseExample,
  personal: { urls: recordCaseExample.urls, summary: recordCaseExample.summary, person: recordCaseExample.person },
};

export const consentExample = {
  givenBy: 'guardian',
  recipients: ['sia'],
  purposes: ['deletion-request'],
  givenAt: '2026-12-01T09:50:00+09:00',
};
export const consentRecordExample = {
  id: consentId,
  caseId,
  givenBy: 'guardian',
  recipients: ['sia'],
  purposes: ['deletion-request'],
  givenAt: '2026-12-01T00:50:00.000Z',
  revokedAt: null,
};
export const revocationExample = { consentId, revokedAt: '2026-12-05T03:00:00.000Z', purgedPackages: [packageId] };

export const sealPackageExample = { recipient: 'sia', purpose: 'deletion-request' };
export const packageExample = {
  id: packageId,
  caseId,
  recipient: 'sia',
  purpose: 'deletion-request',
  consentId,
  legalGround: null,
  format: 2,
  keyId: siaKeyId,
};

export const sealedPackageExample = {
  id: packageId,
  caseId,
  owner: 'center',
  recipient: 'sia',
  purpose: 'deletion-request',
  format: 2,
  keyId: siaKeyId,
  context: `liaison-package/2;id=${packageId};case=${caseId};to=sia;kid=${siaKeyId}`,
  // The test vector of schemas/packages/test-vector.json: sealed to Bob's key of RFC 7748 §6.1, whose
  // private half is public — open it with that key to check your implementation.
  sealed:
    'Au8kCNIG9oIqRtTMruJWjnTTQxkaYNRl+wsI2RfHsH5rw4vtNhLWp3+xZ3QrtmR1yycnJzWo9cPxAq/R5Z3GWyTF2q0dlT1U5N5FMV0Ts2OYKzlzZLd3Zo8Urnwm32LmpUmc4TdDNUHDF4fxZ7FuxNTrGFLeWwY+xuY6zOU7vmTtzw2a0d1OJaqyJ7TPPTH5nXNMB0zAdXtWos29ZOaRAkPEm2aBvOtl0pTPIzYsZPXEFIRD+ChTOJmk2QcIuZpye+qldDpObim2ioITMrijvo9XiQpE0PhHOZH7n42jEFcy+omXTx+leJascWabRbVwa4EtmovvXSEBRor5aDaAhlehoO9BHZGixZDLB9TdCLFtUb0mfcln8llTzOrDvF3iMb99RSIo1EaHrxTGYapK+YRB4UOEelFW/SG2fgiIVrsRW+Cj5F5MLvYaIiQ/EqNIXQ==',
};

export const sealInfoExample = {
  id: packageId,
  caseId,
  owner: 'center',
  recipient: 'sia',
  purpose: 'deletion-request',
  createdAt: '2026-12-01T00:58:00.000Z',
  purgedAt: null,
};

export const actionExample = { action: 'art25-request', requestedAt: '2026-12-01T10:00:00+09:00', designatedPlatform: true };
export const actionViewExample = {
  id: actionId,
  caseId,
  action: 'art25-request',
  designatedPlatform: true,
  requestedAt: '2026-12-01T01:00:00.000Z',
  clock: 'art25-decision',
  dueAt: '2026-12-08T14:59:59.999Z',
  outcome: null,
  extensionGround: null,
  outcomeAt: null,
};
export const outcomeExample = { outcome: 'deleted' };
export const decidedActionExample = { ...actionViewExample, outcome: 'deleted', outcomeAt: '2026-12-04T05:00:00.000Z' };
