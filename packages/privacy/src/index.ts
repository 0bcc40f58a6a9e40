export { decryptField, encryptField, normaliseUrl, urlHash } from './fields.ts';
export {
  type BodyKey,
  type BodyKeyPair,
  generateBodyKey,
  generateBodyKeyPair,
  HPKE_SUITE,
  isUsablePublicKey,
  keyThumbprint,
  open,
  openSealedPackage,
  PACKAGE_FORMAT_HPKE,
  PACKAGE_FORMAT_LEGACY,
  type PackageBinding,
  packageInfo,
  type PrivateJwk,
  seal,
  sealPackage,
} from './sealed.ts';
