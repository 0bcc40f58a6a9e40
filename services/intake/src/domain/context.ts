import type { Actor, Agency } from '@liaison/auth';
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
}

/** Case work is for caseworkers and supervisors of member bodies. */
export const caseRoles = ['caseworker', 'supervisor'] as const;
