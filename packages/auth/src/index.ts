import { createHash, randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { Batcher, type Db, type MigrationSet } from '@liaison/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { agencies, apiTokens } from './schema.ts';

export {
  type BodyKey,
  bodyKeyRegistry,
  type BodyKeyState,
  currentBodyKey,
  getBodyKey,
  KEY_ID_PATTERN,
  keyState,
  listBodyKeys,
  type PublishResult,
  publishBodyKey,
  revokeBodyKey,
  setAgencyPublicKey,
  x25519Thumbprint,
} from './keys.ts';

export const authMigrations: MigrationSet = {
  schema: 'auth',
  folder: resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle'),
};

/** What a person may do: caseworkers and supervisors work cases; observers see statistics only. */
export const roles = ['caseworker', 'supervisor', 'secretariat', 'observer', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The authenticated caller: which body, which role, which token. */
export interface Actor {
  agency: string;
  role: Role;
  tokenId: string;
  /** The roles of the actor's body in the council (member, observer, secretariat). */
  agencyRoles: string[];
}

export interface Agency {
  code: string;
  nameJa: string;
  nameEn: string;
  roles: string[];
}

/** The council's composition as shipped (shared/DESIGN.md); the registry table is the truth at run time. */
export const councilComposition: Agency[] = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../data/agencies.json'), 'utf8'),
);

/** Inserts the shipped council bodies that the registry does not have yet (never overwrites edits). */
export async function seedAgencies(db: Db, list: Agency[] = councilComposition): Promise<void> {
  await db.insert(agencies).values(list).onConflictDoNothing();
}

/** Every body in the registry. */
export async function listAgencies(db: Db): Promise<Agency[]> {
  return db
    .select({ code: agencies.code, nameJa: agencies.nameJa, nameEn: agencies.nameEn, roles: agencies.roles })
    .from(agencies)
    .orderBy(agencies.code);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Issues a token for a person of `agency` with `role`; returns the plaintext once. Only its hash is
 * stored.
 */
export async function issueToken(
  db: Db,
  input: { agency: string; role: Role; label: string; ttlDays?: number },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = `lia_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + (input.ttlDays ?? 90) * 86_400_000);
  const [row] = await db
    .insert(apiTokens)
    .values({ tokenHash: hashToken(token), agency: input.agency, role: input.role, label: input.label, expiresAt })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token, expiresAt };
}

/** Revokes a token at once. */
export async function revokeToken(db: Db, tokenId: string): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: sql`now()` }).where(eq(apiTokens.id, tokenId));
}

/** Resolves a bearer token to its actor; null when unknown, expired or revoked. */
export async function verifyToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith('lia_') || token.length > 200) return null;
  const rows = await db
    .select({ id: apiTokens.id, agency: apiTokens.agency, role: apiTokens.role, agencyRoles: agencies.roles })
    .from(apiTokens)
    .innerJoin(agencies, eq(agencies.code, apiTokens.agency))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`)))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { agency: row.agency, role: row.role as Role, tokenId: row.id, agencyRoles: row.agencyRoles };
}

/**
 * `verifyToken` for a process serving many requests at once: the tokens asked about while a lookup
 * is on its way are looked up together in the next one (one round trip and one pooled connection
 * for all of them), as a group commit does for writes. Each answer is as fresh as a lookup of its
 * own — nothing is cached, so a revoked or expired token is refused from the next lookup on.
 */
export function tokenVerifier(db: Db): (token: string) => Promise<Actor | null> {
  // Built once and prepared (every request of every service runs it): no query building per request.
  const lookup = db
    .select({ hash: apiTokens.tokenHash, id: apiTokens.id, agency: apiTokens.agency, role: apiTokens.role, agencyRoles: agencies.roles })
    .from(apiTokens)
    .innerJoin(agencies, eq(agencies.code, apiTokens.agency))
    .where(
      and(
        sql`${apiTokens.tokenHash} = any(${sql.placeholder('hashes')})`,
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
      ),
    )
    .prepare('liaison_token_lookup');
  const lookups = new Batcher<string, Actor | null>(async (hashes) => {
    const rows = await lookup.execute({ hashes: [...new Set(hashes)] });
    const byHash = new Map(rows.map((r) => [r.hash, r]));
    return hashes.map((hash) => {
      const row = byHash.get(hash);
      return row ? { agency: row.agency, role: row.role as Role, tokenId: row.id, agencyRoles: row.agencyRoles } : null;
    });
  });
  return async (token) => (!token.startsWith('lia_') || token.length > 200 ? null : lookups.submit(hashToken(token)));
}

/** The tokens of one body (never their hashes), newest first. */
export async function listTokens(db: Db, agency: string) {
  const rows = await db
    .select({
      id: apiTokens.id,
      role: apiTokens.role,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.agency, agency))
    .orderBy(sql`${apiTokens.createdAt} desc`);
  return rows;
}

/** The body a token belongs to, or undefined. */
export async function tokenAgency(db: Db, tokenId: string): Promise<string | undefined> {
  const [row] = await db.select({ agency: apiTokens.agency }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  return row?.agency;
}
