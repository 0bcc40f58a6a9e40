import type { Actor, Agency } from '@liaison/auth';
import type { Db } from '@liaison/db';
import type { CalendarOptions, TaskStatus } from '@liaison/domain';
import type { PackageLookup } from './packages.ts';
import type { ReferralWriter } from './writer.ts';

/** What every domain function of this service gets: who acts, and the service's dependencies. */
export interface ReferralsContext {
  actor: Actor;
  db: Db;
  /** Group commit of new referrals. */
  writer: ReferralWriter;
  /** The business-day calendar of deadlines (New Year closure). */
  calendar?: CalendarOptions | undefined;
  /** Looks a body up in the council registry (injected: the registry is not this service's table). */
  agency: (code: string) => Promise<Agency | undefined>;
  /** Asks the intake service, as the actor, about a package its body sealed; absent when no intake service is configured. */
  packages?: PackageLookup | undefined;
}

export interface Referral {
  id: string;
  sender: string;
  recipient: string;
  kind: 'referral' | 'transfer';
  category: string;
  status: TaskStatus;
  businessStatus: string | null;
  statusReason: string | null;
  /** The routing suggestion recorded at creation, and whether it was followed. */
  routing: { suggested: string[]; followed: boolean; overrideReason: string | null } | null;
  /** The sealed package of personal data for the recipient, if the referral carries any. */
  packageId: string | null;
  /** The sender's case the package was sealed for; shown to the sender only (null for the recipient). */
  caseId: string | null;
  urgent: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When it was sent (became requested); null while it is a draft. */
  sentAt: string | null;
}

export interface ReceivedReferral
  extends Omit<Referral, 'id' | 'createdAt' | 'updatedAt' | 'statusReason' | 'routing' | 'caseId' | 'sentAt'> {
  referralId: string;
  sentAt: string;
  receivedAt: string;
}

/** Case work — referrals and their statuses — is for caseworkers and supervisors of member bodies. */
export const caseRoles = ['caseworker', 'supervisor'] as const;
