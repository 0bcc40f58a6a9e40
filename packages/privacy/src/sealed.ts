import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

/**
 * Sealed packages: personal data encrypted to one body's public key, so that the bus, the gateway,
 * the statistics and every other body only ever hold ciphertext.
 *
 * Format 2 (current) is HPKE (RFC 9180), base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, single shot: `0x02 ‖ enc (32 bytes) ‖ ciphertext ‖ tag (16 bytes)`, with
 * `info` = the package's binding line ({@link packageInfo}) and an empty AAD — so any RFC 9180
 * library opens it (docs/partners.md). Format 1 (`0x01`, our own X25519 + HKDF + AES-GCM framing)
 * is no longer written; packages of that format still open until they are purged or their key expires.
 */

export const PACKAGE_FORMAT_LEGACY = 1;
export const PACKAGE_FORMAT_HPKE = 2;

/** The HPKE suite of format 2, named as RFC 9180 names it; the identifiers are its registry values. */
export const HPKE_SUITE = {
  mode: 0x00,
  kem: 0x0020,
  kdf: 0x0001,
  aead: 0x0002,
  name: 'DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM',
} as const;

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

/** What a format-2 package is bound to: it opens only under these exact values. */
export interface PackageBinding {
  packageId: string;
  caseId: string;
  /** The recipient body's code. */
  recipient: string;
  /** The id of the recipient's key the package was sealed to. */
  keyId: string;
}

/**
 * The HPKE `info` of a format-2 package, as UTF-8 text:
 * `liaison-package/2;id=<package id>;case=<case id>;to=<recipient code>;kid=<key id>`.
 * Binding the ids into the key schedule means a package cannot be passed off as another one, as
 * another case's, as sealed to another body, or to another of the recipient's keys.
 */
export function packageInfo(binding: PackageBinding): string {
  return `liaison-package/2;id=${binding.packageId};case=${binding.caseId};to=${binding.recipient};kid=${binding.keyId}`;
}

function rawPublicKey(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 32) throw new Error('an X25519 public key is 32 bytes (raw, base64)');
  return new Uint8Array(bytes);
}

/** Seals `plaintext` (format 2, HPKE) to the recipient key `recipientPublicKey` (raw X25519, base64). */
export async function sealPackage(recipientPublicKey: string, plaintext: Uint8Array, binding: PackageBinding): Promise<Buffer> {
  const info = new TextEncoder().encode(packageInfo(binding));
  const { ct, enc } = await suite.seal(
    { recipientPublicKey: await suite.kem.deserializePublicKey(rawPublicKey(recipientPublicKey)), info },
    plaintext,
  );
  return Buffer.concat([Buffer.from([PACKAGE_FORMAT_HPKE]), Buffer.from(enc), Buffer.from(ct)]);
}

/** An X25519 private key as a JWK (RFC 8037): how bodies keep theirs. */
export interface PrivateJwk {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  d: string;
  kid?: string;
}

/**
 * Opens a format-2 package with the recipient's private key; throws if it was sealed to another
 * key, bound to other ids, or altered. The platform never calls this (it holds no private key):
 * tests and the embedded demo do.
 */
export async function openSealedPackage(privateKey: PrivateJwk, sealed: Uint8Array, binding: PackageBinding): Promise<Buffer> {
  if (sealed.length < 1 + 32 + 16 || sealed[0] !== PACKAGE_FORMAT_HPKE) throw new Error('not a format-2 (HPKE) sealed package');
  const recipientKey = await suite.kem.importKey(
    'jwk',
    { kty: privateKey.kty, crv: privateKey.crv, x: privateKey.x, d: privateKey.d },
    false,
  );
  try {
    const pt = await suite.open(
      { recipientKey, enc: sealed.slice(1, 33), info: new TextEncoder().encode(packageInfo(binding)) },
      sealed.slice(33),
    );
    return Buffer.from(pt);
  } catch {
    throw new Error('this package cannot be opened with this key (sealed to another key or body, bound to other ids, or altered)');
  }
}

/**
 * The RFC 7638 JWK thumbprint of an X25519 public key (base64url SHA-256 of
 * `{"crv":"X25519","kty":"OKP","x":"…"}`): the default key id, the same in every language.
 */
export function keyThumbprint(publicKey: string): string {
  const x = Buffer.from(rawPublicKey(publicKey)).toString('base64url');
  return createHash('sha256').update(`{"crv":"X25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** A body's key pair as a body keeps it: key id, raw public key (base64) and the private JWK. */
export interface BodyKey {
  keyId: string;
  publicKey: string;
  privateJwk: PrivateJwk;
}

/** A new X25519 key pair with its thumbprint as key id (tests and the embedded demo; bodies make their own). */
export function generateBodyKey(): BodyKey {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const publicKey = Buffer.from(jwk.x, 'base64url').toString('base64');
  const keyId = keyThumbprint(publicKey);
  return { keyId, publicKey, privateJwk: { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d, kid: keyId } };
}

/** Whether `publicKey` is a usable X25519 key: 32 bytes, and not one of the low-order points that make every shared secret zero. */
export function isUsablePublicKey(publicKey: string): boolean {
  try {
    const peer = createPublicKey({
      key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(rawPublicKey(publicKey)).toString('base64url') },
      format: 'jwk',
    });
    const shared = diffieHellman({ privateKey: generateKeyPairSync('x25519').privateKey, publicKey: peer });
    return shared.some((b) => b !== 0);
  } catch {
    return false;
  }
}

// ——— Format 1 (legacy): still opened, no longer written by the platform ———

const LEGACY_INFO = Buffer.from('liaison sealed package v1');

export interface BodyKeyPair {
  /** Raw 32-byte X25519 public key, base64. */
  publicKey: string;
  /** PKCS#8 DER, base64. Kept by the body only — never by the platform. */
  privateKey: string;
}

/** A new X25519 key pair in the format-1 shape (raw public key, PKCS#8 private key). */
export function generateBodyKeyPair(): BodyKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function publicKeyObject(raw: string) {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(rawPublicKey(raw)).toString('base64url') }, format: 'jwk' });
}

function deriveLegacyKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), LEGACY_INFO, 32));
}

/**
 * Seals in format 1: `0x01 ‖ ephemeral public key ‖ nonce ‖ ciphertext ‖ tag`. Legacy — kept so
 * that tests can make the packages older platforms stored; new packages are sealed with {@link sealPackage}.
 */
export function seal(recipientPublicKey: string, plaintext: Buffer, context = ''): Buffer {
  const recipient = Buffer.from(recipientPublicKey, 'base64');
  const { publicKey: ephPub, privateKey: ephPriv } = generateKeyPairSync('x25519');
  const ephemeral = Buffer.from(ephPub.export({ format: 'jwk' }).x!, 'base64url');
  const shared = diffieHellman({ privateKey: ephPriv, publicKey: publicKeyObject(recipientPublicKey) });
  const key = deriveLegacyKey(shared, ephemeral, recipient);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([Buffer.from([PACKAGE_FORMAT_LEGACY]), ephemeral, Buffer.from(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([PACKAGE_FORMAT_LEGACY]), ephemeral, nonce, body, cipher.getAuthTag()]);
}

/** Opens a format-1 package with the recipient body's key pair; throws if it was sealed to anyone else or altered. */
export function open(keys: BodyKeyPair, sealed: Buffer, context = ''): Buffer {
  if (sealed.length < 1 + 32 + 12 + 16 || sealed[0] !== PACKAGE_FORMAT_LEGACY) throw new Error('not a sealed package of a known version');
  const ephemeral = sealed.subarray(1, 33);
  const nonce = sealed.subarray(33, 45);
  const tag = sealed.subarray(sealed.length - 16);
  const body = sealed.subarray(45, sealed.length - 16);
  const privateKey = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(ephemeral.toString('base64')) });
  const key = deriveLegacyKey(shared, ephemeral, Buffer.from(keys.publicKey, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([Buffer.from([PACKAGE_FORMAT_LEGACY]), ephemeral, Buffer.from(context)]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new Error('this package cannot be opened with this key (sealed to another body, or altered)');
  }
}
