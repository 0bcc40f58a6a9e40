export { createLiaisonClient, type LiaisonClient, LiaisonApiError, type LiaisonClientOptions, unwrap } from './client.ts';
export type { IntakePaths, KeyPaths, ReferralPaths, TokenPaths, WebhookPaths } from './client.ts';
export {
  checkEvent,
  concernedBodies,
  decodeKafkaRecord,
  type EventCheck,
  type EventType,
  eventTopics,
  type KafkaRecord,
  type LiaisonEvent,
  type LiaisonEventOf,
} from './events.ts';
export type * from './generated/events.ts';
export {
  asPrivateJwk,
  generateKeyPair,
  type KeyRing,
  type PartnerKey,
  type PrivateJwk,
  publicKeyOf,
  readKeyRing,
  readPrivateKey,
  writePrivateKey,
  x25519Thumbprint,
} from './keys.ts';
export { openPackage, type PackageContentV1, PackageOpenError, packageInfo, type SealedPackage } from './package.ts';
export { verifyWebhook, WebhookVerificationError } from './webhooks.ts';
