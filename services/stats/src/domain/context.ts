import { errors, requireMemberBody, requireRole } from '@liaison/domain';
import type { Actor } from '@liaison/auth';
import type { Db } from '@liaison/db';
import type { ReleaseDeps } from './releases.ts';

/** What every domain function of this service gets: who acts, and the service's dependencies. */
export interface StatsContext {
  actor: Actor;
  db: Db;
  releases: ReleaseDeps;
}

/** Who may read releases: observers, and the people of member bodies who work cases or run the council (not administrators). */
export const releaseReaders = ['observer', 'caseworker', 'supervisor', 'secretariat'] as const;

/** Refuses anyone who may not read releases. */
export function requireReleaseReader(actor: Actor): void {
  requireRole(actor, releaseReaders, 'read statistics releases');
}

/** Members see exact live counts, of their own body only. */
export function requireOwnBodyReader(actor: Actor): void {
  requireMemberBody(actor, 'see live statistics');
  requireRole(actor, ['caseworker', 'supervisor', 'secretariat'], 'see live statistics of their body');
}

/** Releases on demand are the secretariat's (a person in the secretariat role of the secretariat body). */
export function requireSecretariat(actor: Actor): void {
  requireRole(actor, ['secretariat'], 'request a statistics release');
  if (!actor.agencyRoles.includes('secretariat')) throw errors.forbidden(`body ${actor.agency} is not the council's secretariat`);
}
