import type { Actor, Agency } from '@liaison/auth';
import type { Db } from '@liaison/db';
import { errors } from '@liaison/domain';
import type { ReleaseSource } from '@liaison/report';

/** What every domain function of this service gets: who acts, and the service's dependencies. */
export interface SecretariatContext {
  actor: Actor;
  db: Db;
  /** The council registry (injected: the registry is not this service's table). */
  registry: () => Promise<Agency[]>;
  /** Published statistics releases, which the meeting report is built from (never facts). */
  releases: ReleaseSource;
  now?: () => Date;
}

/**
 * How a person sees meetings:
 * - `secretariat`: the secretariat role of the council's secretariat body — everything, drafts included;
 * - `member`: caseworkers, supervisors (and a secretariat role elsewhere) of member bodies — the
 *   agenda, approved minutes, the report, and their own body's action items;
 * - `observer`: observer bodies — the agenda, approved minutes and the report.
 * Administrators manage tokens and keys, not meetings.
 */
export type Viewer = 'secretariat' | 'member' | 'observer';

/** Whether the actor runs the council's meetings (secretariat role in the secretariat body). */
export function isSecretariat(actor: Actor): boolean {
  return actor.role === 'secretariat' && actor.agencyRoles.includes('secretariat');
}

/** The view an actor gets of meetings; refuses those who get none. */
export function viewerOf(actor: Actor): Viewer {
  if (isSecretariat(actor)) return 'secretariat';
  if (actor.role === 'observer') return 'observer';
  if (actor.agencyRoles.includes('member') && ['caseworker', 'supervisor', 'secretariat'].includes(actor.role)) return 'member';
  throw errors.forbidden(
    `role ${actor.role} of body ${actor.agency} may not see council meetings (allowed: observers, members' caseworkers, supervisors and secretariat)`,
  );
}

/** Refuses anyone but the secretariat: only it creates and edits meetings. */
export function requireSecretariat(actor: Actor, what: string): void {
  if (actor.role !== 'secretariat') throw errors.forbidden(`role ${actor.role} may not ${what} (allowed: secretariat)`);
  if (!actor.agencyRoles.includes('secretariat'))
    throw errors.forbidden(`body ${actor.agency} is not the council's secretariat and may not ${what}`);
}
