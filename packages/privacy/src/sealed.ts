import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sealed packages: personal data encrypted to one body's public key, so that the bus, the gateway,
 * the statistics and every other body only ever hold ciphertext. An anonymous sealed box (ECIES):
 * X25519 with a fresh ephemeral key per package, HKDF-SHA256, AES-256-GCM; the ephemeral public
 * key and both parties' public keys are bound into the key derivation and the AEAD's associated data.
 */

const VERSION = 1;
const INFO = Buffer.from('liaison sealed package v1');

export interface BodyKeyPair {
  /** Raw 32-byte X25519 public key, base64. Published in the registry. */
  publicKey: string;
  /** PKCS#8 DER, base64. Kept by the body only — never by the platform. */
  privateKey: string;
}

/** A new X25519 key pair for a body. */
export function generateBodyKeyPair(): BodyKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function publicKeyObject(raw: string) {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: bytes.toString('base64url') }, format: 'jwk' });
}

function deriveKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/**
 * Seals `plaintext` to the body whose public key is `recipientPublicKey`. `context` (e.g. the
 * referral and package ids) is authenticated but not encrypted: a package cannot be replayed under
 * another referral. Output: version ‖ ephemeral public key ‖ nonce ‖ ciphertext ‖ tag.
 */
export function seal(recipientPublicKey: string, plaintext: Buffer, context = ''): Buffer {
  const recipient = Buffer.from(recipientPublicKey, 'base64');
  const { publicKey: ephPub, privateKey: ephPriv } = generateKeyPairSync('x25519');
  const ephemeral = Buffer.from(ephPub.export({ format: 'jwk' }).x!, 'base64url');
  const shared = diffieHellman({ privateKey: ephPriv, publicKey: publicKeyObject(recipientPublicKey) });
  const key = deriveKey(shared, ephemeral, recipient);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([Buffer.from([VERSION]), ephemeral, Buffer.from(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), ephemeral, nonce, body, cipher.getAuthTag()]);
}

/** Opens a sealed package with the recipient body's key pair; throws if it was sealed to anyone else or altered. */
export function open(keys: BodyKeyPair, sealed: Buffer, context = ''): Buffer {
  if (sealed.length < 1 + 32 + 12 + 16 || sealed[0] !== VERSION) throw new Error('not a sealed package of a known version');
  const ephemeral = sealed.subarray(1, 33);
  const nonce = sealed.subarray(33, 45);
  const tag = sealed.subarray(sealed.length - 16);
  const body = sealed.subarray(45, sealed.length - 16);
  const privateKey = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(ephemeral.toString('base64')) });
  const key = deriveKey(shared, ephemeral, Buffer.from(keys.publicKey, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([Buffer.from([VERSION]), ephemeral, Buffer.from(context)]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new Error('this package cannot be opened with this key (sealed to another body, or altered)');
  }
}
