import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@liaison/auth';
import type { Db } from '@liaison/db';
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { preferences, sessions } from './db/schema.ts';

export interface SessionPolicy {
  /** A session ends this long after sign-in, whatever happens (default 8 hours: a working day). */
  absoluteMs: number;
  /** …or after this long without a page (default 30 minutes). */
  idleMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { absoluteMs: 8 * 3600_000, idleMs: 30 * 60_000 };

/** A live session: who, with which token (decrypted for this request only), and its CSRF token. */
export interface Session {
  idHash: string;
  token: string;
  tokenId: string;
  csrf: string;
  expiresAt: Date;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

/** The key the token is sealed under: derived from the cookie's id, which only the browser holds. */
const sealKey = (id: string) => Buffer.from(hkdfSync('sha256', Buffer.from(id, 'base64url'), 'liaison/web', 'session token', 32));

function seal(id: string, idHash: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(id), iv);
  cipher.setAAD(Buffer.from(idHash));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(id: string, idHash: string, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(id), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(idHash));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Whether the cookie id has the shape we issue (32 random bytes, base64url); anything else is not looked up. */
const wellFormed = (id: string | undefined): id is string => !!id && /^[A-Za-z0-9_-]{43}$/.test(id);

/**
 * Opens a session for a person who proved their API token (`actor` is what it verified to).
 * Returns the cookie's value (the random id); the table keeps its hash and the sealed token.
 */
export async function openSession({
  db,
  policy,
  token,
  actor,
}: {
  db: Db;
  policy: SessionPolicy;
  token: string;
  actor: Actor;
}): Promise<{ id: string; session: Session }> {
  const id = randomBytes(32).toString('base64url');
  const idHash = hashId(id);
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.absoluteMs);
  await db.insert(sessions).values({
    idHash,
    tokenSealed: seal(id, idHash, token),
    tokenId: actor.tokenId,
    agency: actor.agency,
    role: actor.role,
    csrf,
    expiresAt,
  });
  // Expired sessions are cleared as new ones open: no separate sweeper needed.
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - ${`${policy.idleMs} milliseconds`}::interval`)));
  return { id, session: { idHash, token, tokenId: actor.tokenId, csrf, expiresAt } };
}

/**
 * The session a cookie names, when it exists, has not expired and has been used within the idle
 * limit; it is marked used (at most once a minute, to keep pages from writing on every view).
 */
export async function findSession({
  db,
  policy,
  id,
}: {
  db: Db;
  policy: SessionPolicy;
  id: string | undefined;
}): Promise<Session | undefined> {
  if (!wellFormed(id)) return undefined;
  const idHash = hashId(id);
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.idHash, idHash),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - ${`${policy.idleMs} milliseconds`}::interval`),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const token = unseal(id, idHash, row.tokenSealed);
  if (!token) return undefined;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000)
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
  return { idHash, token, tokenId: row.tokenId, csrf: row.csrf, expiresAt: row.expiresAt };
}

/** Ends one session (sign-out, or a token found revoked). */
export async function closeSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Ends every session opened with a token (the token was revoked, or the person asks). Returns how many. */
export async function closeSessionsOfToken(db: Db, tokenId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.tokenId, tokenId)).returning({ idHash: sessions.idHash });
  return gone.length;
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The person's remembered language, if they chose one. */
export async function preferredLang(db: Db, tokenId: string): Promise<'ja' | 'en' | undefined> {
  const [row] = await db.select({ lang: preferences.lang }).from(preferences).where(eq(preferences.tokenId, tokenId)).limit(1);
  return row?.lang;
}

/** Remembers the person's language for their next sessions. */
export async function rememberLang(db: Db, tokenId: string, lang: 'ja' | 'en'): Promise<void> {
  await db
    .insert(preferences)
    .values({ tokenId, lang })
    .onConflictDoUpdate({ target: preferences.tokenId, set: { lang, updatedAt: sql`now()` } });
}
