export { decryptField, encryptField, normaliseUrl, urlHash } from './fields.ts';
export { type BodyKeyPair, generateBodyKeyPair, open, seal } from './sealed.ts';
