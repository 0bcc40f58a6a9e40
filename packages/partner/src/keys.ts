import { createHash, generateKeyPairSync } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An X25519 private key as a JWK (RFC 8037), with its key id: how a body keeps each of its keys. */
export interface PrivateJwk {
  kty: 'OKP';
  crv: 'X25519';
  /** The public key, base64url. */
  x: string;
  /** The private key, base64url. Never leaves your body's systems. */
  d: string;
  /** The key id published with it (default: its RFC 7638 thumbprint). */
  kid?: string;
}

/** A key pair of your body: the id you publish it under, the public half (raw, base64), the private JWK. */
export interface PartnerKey {
  keyId: string;
  publicKey: string;
  privateJwk: PrivateJwk & { kid: string };
}

/** Your body's private keys by key id (old ones too, until the packages sealed to them expire). */
export type KeyRing = Map<string, PrivateJwk>;

/**
 * The RFC 7638 JWK thumbprint of an X25519 public key given raw in base64: the default key id, the
 * one any JOSE library computes (SHA-256 over `{"crv":"X25519","kty":"OKP","x":"…"}`, base64url).
 */
export function x25519Thumbprint(publicKey: string): string {
  const x = Buffer.from(publicKey, 'base64').toString('base64url');
  return createHash('sha256').update(`{"crv":"X25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

/** Makes a new X25519 key pair for your body, named by its thumbprint unless `keyId` is given. */
export function generateKeyPair(keyId?: string): PartnerKey {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const publicKey = Buffer.from(jwk.x, 'base64url').toString('base64');
  const kid = keyId ?? x25519Thumbprint(publicKey);
  return { keyId: kid, publicKey, privateJwk: { kty: 'OKP', crv: 'X25519', x: jwk.x, d: jwk.d, kid } };
}

/** The raw public key (base64) of a private JWK — what you publish. */
export function publicKeyOf(jwk: PrivateJwk): string {
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Checks that `value` is an X25519 private JWK and gives it its key id (the thumbprint when it has none). */
export function asPrivateJwk(value: unknown, where = 'key'): PrivateJwk & { kid: string } {
  const v = value as Partial<PrivateJwk> | null;
  const b64url32 = (s: unknown) => typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);
  if (v?.kty !== 'OKP' || v.crv !== 'X25519' || !b64url32(v.x) || !b64url32(v.d)) {
    throw new Error(`${where} is not an X25519 private key in JWK form ({"kty":"OKP","crv":"X25519","x":…,"d":…})`);
  }
  return { kty: 'OKP', crv: 'X25519', x: v.x!, d: v.d!, kid: v.kid ?? x25519Thumbprint(publicKeyOf(v as PrivateJwk)) };
}

/** Writes a private key to `file` readable by its owner only (mode 0600). */
export function writePrivateKey(file: string, jwk: PrivateJwk): void {
  writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Reads one private key file (a JWK). */
export function readPrivateKey(file: string): PrivateJwk & { kid: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read key file ${file}: ${(err as Error).message}`);
  }
  return asPrivateJwk(parsed, `key file ${file}`);
}

/**
 * Reads your body's private keys from files and folders (every `*.json` in a folder) into a key
 * ring by key id. Keep retired keys there until the packages sealed to them have expired.
 */
export function readKeyRing(paths: string[]): KeyRing {
  const ring: KeyRing = new Map();
  for (const path of paths) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(path, f))
      : [path];
    for (const file of files) {
      const jwk = readPrivateKey(file);
      ring.set(jwk.kid, jwk);
    }
  }
  return ring;
}
