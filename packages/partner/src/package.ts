import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { PackageContentV1 } from './generated/package-content.ts';
import { asPrivateJwk, type KeyRing, type PrivateJwk } from './keys.ts';

export type { PackageContentV1 } from './generated/package-content.ts';

/** A sealed package as `GET /v1/packages/{id}` answers it. */
export interface SealedPackage {
  id: string;
  caseId: string;
  recipient: string;
  owner?: string;
  purpose?: string;
  /** 2: HPKE (RFC 9180); 1: the legacy framing of older packages. */
  format: number;
  /** The recipient's key it was sealed to ("legacy" for format 1). */
  keyId: string;
  /** Informational: recomputed from the ids here, never trusted. */
  context?: string;
  /** base64. */
  sealed: string;
}

/** Why a package did not open; `code` for programs, the message for people. */
export class PackageOpenError extends Error {
  constructor(
    readonly code: 'WRONG_RECIPIENT' | 'WRONG_PACKAGE' | 'NO_SUCH_KEY' | 'NOT_OPENED' | 'UNKNOWN_FORMAT' | 'NOT_CONTENT',
    message: string,
  ) {
    super(message);
    this.name = 'PackageOpenError';
  }
}

/** The HPKE suite of format 2: base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. */
const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

/**
 * The HPKE `info` of a format-2 package, as UTF-8:
 * `liaison-package/2;id=<package id>;case=<case id>;to=<recipient>;kid=<key id>`. The AAD is empty.
 */
export function packageInfo(ids: { packageId: string; caseId: string; recipient: string; keyId: string }): string {
  return `liaison-package/2;id=${ids.packageId};case=${ids.caseId};to=${ids.recipient};kid=${ids.keyId}`;
}

function keyList(keys: PrivateJwk | PrivateJwk[] | KeyRing): (PrivateJwk & { kid: string })[] {
  const list = keys instanceof Map ? [...keys.values()] : Array.isArray(keys) ? keys : [keys];
  return list.map((k, i) => asPrivateJwk(k, `key ${i + 1}`));
}

async function openHpke(pkg: SealedPackage, sealed: Buffer, jwk: PrivateJwk): Promise<Buffer> {
  const recipientKey = await suite.kem.importKey('jwk', { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d }, false);
  const info = new TextEncoder().encode(packageInfo({ packageId: pkg.id, caseId: pkg.caseId, recipient: pkg.recipient, keyId: pkg.keyId }));
  return Buffer.from(await suite.open({ recipientKey, enc: sealed.subarray(1, 33), info }, sealed.subarray(33)));
}

// Format 1 (legacy): 0x01 ‖ ephemeral X25519 key ‖ 12-byte nonce ‖ AES-256-GCM ciphertext ‖ tag;
// key = HKDF-SHA256(ikm = X25519 shared secret, salt = ephemeral ‖ recipient public key,
// info = "liaison sealed package v1"); AAD = 0x01 ‖ ephemeral ‖ "package:<id>".
function openLegacy(pkg: SealedPackage, sealed: Buffer, jwk: PrivateJwk): Buffer {
  const ephemeral = sealed.subarray(1, 33);
  const nonce = sealed.subarray(33, 45);
  const body = sealed.subarray(45, sealed.length - 16);
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
  const peer = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(ephemeral).toString('base64url') }, format: 'jwk' });
  const shared = diffieHellman({ privateKey, publicKey: peer });
  const salt = Buffer.concat([ephemeral, Buffer.from(jwk.x, 'base64url')]);
  const key = Buffer.from(hkdfSync('sha256', shared, salt, Buffer.from('liaison sealed package v1'), 32));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([Buffer.from([1]), ephemeral, Buffer.from(`package:${pkg.id}`)]));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/**
 * Opens a package sealed to your body with your private key(s): the one whose key id the package
 * names (format 2, HPKE), or each in turn (format 1). With `expect`, refuses a package that is not
 * the one you asked for or not addressed to your body, before trying any key.
 * Throws {@link PackageOpenError} saying which key was needed and what went wrong.
 */
export async function openPackage(
  pkg: SealedPackage,
  keys: PrivateJwk | PrivateJwk[] | KeyRing,
  expect: { recipient?: string; packageId?: string } = {},
): Promise<{ content: PackageContentV1; keyId: string; format: number }> {
  if (expect.packageId !== undefined && pkg.id !== expect.packageId) {
    throw new PackageOpenError('WRONG_PACKAGE', `this is package ${pkg.id}, not ${expect.packageId}`);
  }
  if (expect.recipient !== undefined && pkg.recipient !== expect.recipient) {
    throw new PackageOpenError(
      'WRONG_RECIPIENT',
      `package ${pkg.id} was sealed to ${pkg.recipient}, not to ${expect.recipient}: only ${pkg.recipient}'s private key opens it`,
    );
  }
  const sealed = Buffer.from(pkg.sealed, 'base64');
  const ring = keyList(keys);
  let plaintext: Buffer | undefined;
  let keyId = pkg.keyId;
  if (pkg.format === 2 && sealed[0] === 2 && sealed.length >= 1 + 32 + 16) {
    const key = ring.find((k) => k.kid === pkg.keyId);
    if (!key) {
      throw new PackageOpenError(
        'NO_SUCH_KEY',
        `package ${pkg.id} was sealed to key ${pkg.keyId} of ${pkg.recipient}; the keys given are ${ring.map((k) => k.kid).join(', ') || 'none'} — keep every private key your body published until the packages sealed to it have expired`,
      );
    }
    plaintext = await openHpke(pkg, sealed, key).catch(() => undefined);
    if (!plaintext) {
      throw new PackageOpenError(
        'NOT_OPENED',
        `package ${pkg.id} does not open with key ${key.kid}: it was sealed to another key, bound to other ids, or altered`,
      );
    }
  } else if (pkg.format === 1 && sealed[0] === 1 && sealed.length >= 1 + 32 + 12 + 16) {
    for (const key of ring) {
      try {
        plaintext = openLegacy(pkg, sealed, key);
        keyId = key.kid;
        break;
      } catch {
        // not this key
      }
    }
    if (!plaintext)
      throw new PackageOpenError(
        'NOT_OPENED',
        `package ${pkg.id} (format 1) opens with none of the keys given (${ring.map((k) => k.kid).join(', ') || 'none'})`,
      );
  } else {
    throw new PackageOpenError(
      'UNKNOWN_FORMAT',
      `package ${pkg.id} is of format ${pkg.format}, which this version does not know (format byte ${sealed[0]})`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new PackageOpenError('NOT_CONTENT', `package ${pkg.id} opened, but its content is not JSON`);
  }
  return { content: content as PackageContentV1, keyId, format: pkg.format };
}
