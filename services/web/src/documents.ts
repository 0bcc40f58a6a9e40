import type { Messages } from './i18n.ts';

/** An API document the platform serves, and the token a caller of it needs. */
export interface ApiDocument {
  /** Short id used in the reference page's address (`/developers/api/{id}`). */
  id: string;
  path: string;
  title: keyof Messages;
  token: keyof Messages;
}

/** The OpenAPI documents of the platform's REST APIs (one per service that has routes). */
export const apiDocuments: ApiDocument[] = [
  { id: 'referrals', path: '/v1/openapi.json', title: 'docReferrals', token: 'tokenMember' },
  { id: 'intake', path: '/v1/intake/openapi.json', title: 'docIntake', token: 'tokenMember' },
  { id: 'webhooks', path: '/v1/webhooks/openapi.json', title: 'docWebhooks', token: 'tokenMember' },
  { id: 'tokens', path: '/v1/tokens/openapi.json', title: 'docTokens', token: 'tokenAdmin' },
  { id: 'keys', path: '/v1/keys/openapi.json', title: 'docKeys', token: 'tokenMemberAdmin' },
  { id: 'stats', path: '/v1/stats/openapi.json', title: 'docStats', token: 'tokenReaders' },
  { id: 'meetings', path: '/v1/secretariat/openapi.json', title: 'docMeetings', token: 'tokenReaders' },
];
