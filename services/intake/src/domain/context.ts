import type { Actor, Agency, BodyKeyState } from '@liaison/auth';
import type { Db } from '@liaison/db';

/** What every intake domain function gets. */
export interface IntakeContext {
  actor: Actor;
  db: Db;
  /** Registry look-up (names, roles, public keys). */
  agency: (code: string) => Promise<Agency | undefined>;
  /** The owning body's key for personal-data fields at rest. */
  dataKey: (agency: string) => Buffer;
  /** The council key for keyed URL hashes. */
  councilKey: Buffer;
  /** The public keys bodies publish (read fresh: a revocation counts at once). */
  bodyKeys: BodyKeys;
}

/** What intake needs of the registry of bodies' public keys. */
export interface BodyKeys {
  /** The key new packages for `agency` are sealed to (valid now, latest), or undefined when it has none. */
  current(agency: string): Promise<{ keyId: string; publicKey: string } | undefined>;
  /** Where key `keyId` of `agency` stands now. */
  state(agency: string, keyId: string): Promise<{ state: BodyKeyState; at?: Date | undefined }>;
}

/** Case work is for caseworkers and supervisors of member bodies. */
export const caseRoles = ['caseworker', 'supervisor'] as const;
