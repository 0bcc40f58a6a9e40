import type { Actor, Agency } from '@liaison/auth';
import type { Db, Pool } from '@liaison/db';

/** What every domain function of this service gets: who acts, and the service's dependencies. */
export interface ReferralsContext {
  actor: Actor;
  db: Db;
  /** The same database's pool, for the few hot-path statements prepared by hand. */
  pool: Pool;
  /** Looks a body up in the council registry (injected: the registry is not this service's table). */
  agency: (code: string) => Promise<Agency | undefined>;
}

export interface Referral {
  id: string;
  sender: string;
  recipient: string;
  kind: 'referral' | 'transfer';
  category: string;
  status: string;
  urgent: boolean;
  createdAt: string;
}

export interface ReceivedReferral extends Omit<Referral, 'id' | 'createdAt'> {
  referralId: string;
  sentAt: string;
  receivedAt: string;
}
