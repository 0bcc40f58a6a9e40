import type { Db } from '@liaison/db';
import { type CloudEvent, consumerTopics, type EventBus, idempotentHandler, type Subscription } from '@liaison/events';
import { and, eq, lt, sql } from 'drizzle-orm';
import { inbox, receivedReferrals } from '../db/schema.ts';

export const INBOX_PROJECTOR_GROUP = 'referrals.inbox-projector';

/**
 * Builds each recipient body's referral inbox from `referral.created` events, once per event
 * (inbox-deduplicated, in the same transaction as the insert).
 */
export function subscribeInboxProjector(deps: { db: Db; bus: EventBus }): Promise<Subscription> {
  const handler = idempotentHandler({
    db: deps.db,
    inbox,
    consumer: INBOX_PROJECTOR_GROUP,
    apply: async (events, tx) => {
      // Drafts are no longer announced; one announced before that (status draft) is not the recipient's
      // business: it arrives, as requested, when it is sent.
      const created = events
        .filter((e): e is CloudEvent<'jp.liaison.referral.created.v1'> => e.type === 'jp.liaison.referral.created.v1')
        .filter((e) => e.data.status !== 'draft');
      if (created.length > 0)
        await tx
          .insert(receivedReferrals)
          .values(
            created.map((e) => ({
              referralId: e.data.referralId,
              recipient: e.data.recipient,
              sender: e.data.sender,
              kind: e.data.kind,
              category: e.data.category,
              status: e.data.status,
              urgent: e.data.urgent ?? false,
              packageId: e.data.packageId ?? null,
              sentAt: new Date(e.data.createdAt),
            })),
          )
          .onConflictDoUpdate({ target: receivedReferrals.referralId, set: { applyCount: sql`${receivedReferrals.applyCount} + 1` } });
      // Events of one referral arrive in order (same key, same partition), and the version guard
      // keeps a redelivered older change from overwriting a newer one.
      for (const e of events) {
        if (e.type !== 'jp.liaison.referral.status_changed.v1') continue;
        const change = (e as CloudEvent<'jp.liaison.referral.status_changed.v1'>).data;
        await tx
          .update(receivedReferrals)
          .set({ status: change.to, businessStatus: change.businessStatus ?? null, version: change.version })
          .where(and(eq(receivedReferrals.referralId, change.referralId), lt(receivedReferrals.version, change.version)));
      }
    },
  });
  return deps.bus.subscribe({ group: INBOX_PROJECTOR_GROUP, topics: consumerTopics(INBOX_PROJECTOR_GROUP), handler });
}
