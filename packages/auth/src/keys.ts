import { createHash } from 'node:crypto';
import type { Db } from '@liaison/db';
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { bodyKeys } from './schema.ts';

/** A body's published public key (X25519, raw, base64) with its validity. */
export interface BodyKey {
  agency: string;
  keyId: string;
  publicKey: string;
  notBefore: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

/** Where a key stands at a moment: what a package sealed to it may still do. */
export type BodyKeyState = 'scheduled' | 'valid' | 'expired' | 'revoked' | 'unknown';

/** A key id: letters, digits, `.`, `_`, `-` (a JWK thumbprint fits). */
export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The RFC 7638 JWK thumbprint of an X25519 public key (raw, base64): the key id used when none is
 * given, the same one `liaison-partner keys generate` and any JOSE library compute.
 */
export function x25519Thumbprint(publicKey: string): string {
  const x = Buffer.from(publicKey, 'base64').toString('base64url');
  return createHash('sha256').update(`{"crv":"X25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

const columns = {
  agency: bodyKeys.agency,
  keyId: bodyKeys.keyId,
  publicKey: bodyKeys.publicKey,
  notBefore: bodyKeys.notBefore,
  expiresAt: bodyKeys.expiresAt,
  revokedAt: bodyKeys.revokedAt,
  createdAt: bodyKeys.createdAt,
};

/** The state of `key` at `now`. */
export function keyState(key: Pick<BodyKey, 'notBefore' | 'expiresAt' | 'revokedAt'> | undefined, now = new Date()): BodyKeyState {
  if (!key) return 'unknown';
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt <= now) return 'expired';
  if (key.notBefore > now) return 'scheduled';
  return 'valid';
}

export type PublishResult = { ok: true; key: BodyKey } | { ok: false; reason: 'key-id-taken' | 'public-key-taken' };

/**
 * Publishes a public key of `agency`. A key is never replaced: a key id already used by this body
 * (even revoked), or a public key already in the registry (any body's), is refused.
 */
export async function publishBodyKey(
  db: Db,
  input: { agency: string; keyId: string; publicKey: string; notBefore: Date; expiresAt: Date; createdBy?: string | null },
): Promise<PublishResult> {
  const rows = await db
    .insert(bodyKeys)
    .values({
      agency: input.agency,
      keyId: input.keyId,
      publicKey: input.publicKey,
      notBefore: input.notBefore,
      expiresAt: input.expiresAt,
      createdBy: input.createdBy ?? null,
    })
    .onConflictDoNothing()
    .returning(columns);
  if (rows[0]) return { ok: true, key: rows[0] };
  const [sameId] = await db
    .select({ keyId: bodyKeys.keyId })
    .from(bodyKeys)
    .where(and(eq(bodyKeys.agency, input.agency), eq(bodyKeys.keyId, input.keyId)));
  return { ok: false, reason: sameId ? 'key-id-taken' : 'public-key-taken' };
}

/** The keys of one body, latest first. */
export async function listBodyKeys(db: Db, agency: string): Promise<BodyKey[]> {
  return db.select(columns).from(bodyKeys).where(eq(bodyKeys.agency, agency)).orderBy(desc(bodyKeys.notBefore), desc(bodyKeys.createdAt));
}

/** One key of one body (another body's key id is simply not found). */
export async function getBodyKey(db: Db, agency: string, keyId: string): Promise<BodyKey | undefined> {
  const [row] = await db
    .select(columns)
    .from(bodyKeys)
    .where(and(eq(bodyKeys.agency, agency), eq(bodyKeys.keyId, keyId)));
  return row;
}

/**
 * The key new packages for `agency` are sealed to: valid at `now` (not before its start, not
 * expired, not revoked), the latest to have become valid. Undefined when the body has none.
 */
export async function currentBodyKey(db: Db, agency: string, now = new Date()): Promise<BodyKey | undefined> {
  const [row] = await db
    .select(columns)
    .from(bodyKeys)
    .where(and(eq(bodyKeys.agency, agency), isNull(bodyKeys.revokedAt), lte(bodyKeys.notBefore, now), gt(bodyKeys.expiresAt, now)))
    .orderBy(desc(bodyKeys.notBefore), desc(bodyKeys.createdAt))
    .limit(1);
  return row;
}

/** Revokes a key of `agency` at once; returns it (revoked now or before), or undefined when the body has no such key. */
export async function revokeBodyKey(
  db: Db,
  input: { agency: string; keyId: string; revokedBy?: string | null },
): Promise<BodyKey | undefined> {
  const [revoked] = await db
    .update(bodyKeys)
    .set({ revokedAt: sql`now()`, revokedBy: input.revokedBy ?? null })
    .where(and(eq(bodyKeys.agency, input.agency), eq(bodyKeys.keyId, input.keyId), isNull(bodyKeys.revokedAt)))
    .returning(columns);
  return revoked ?? (await getBodyKey(db, input.agency, input.keyId));
}

/**
 * Publishes `publicKey` for `code` at once (key id: its thumbprint), valid `days` days — for the
 * embedded demo and tests. Bodies publish their own keys through `POST /v1/keys`.
 */
export async function setAgencyPublicKey(db: Db, code: string, publicKey: string, days = 365): Promise<string> {
  if (Buffer.from(publicKey, 'base64').length !== 32) throw new Error('publicKey must be a raw X25519 key (32 bytes, base64)');
  const keyId = x25519Thumbprint(publicKey);
  const now = new Date();
  const result = await publishBodyKey(db, {
    agency: code,
    keyId,
    publicKey,
    notBefore: now,
    expiresAt: new Date(now.getTime() + days * 86_400_000),
  });
  if (!result.ok && result.reason === 'public-key-taken') throw new Error('this public key is already published');
  return keyId;
}

/**
 * The registry of bodies' keys as the services use it: the current key to seal to, and where an
 * older key stands (with when it was revoked or expired). Every call reads the table: a revocation
 * counts at once.
 */
export function bodyKeyRegistry(db: Db) {
  return {
    async current(agency: string) {
      const key = await currentBodyKey(db, agency);
      return key ? { keyId: key.keyId, publicKey: key.publicKey } : undefined;
    },
    async state(agency: string, keyId: string) {
      const key = await getBodyKey(db, agency, keyId);
      const state = keyState(key);
      return { state, at: state === 'revoked' ? (key?.revokedAt ?? undefined) : state === 'expired' ? key?.expiresAt : undefined };
    },
  };
}
