import type { Db } from '@liaison/db';
import { consumerTopics, type EventBus, idempotentHandler, type Subscription } from '@liaison/events';
import { inbox } from '../db/schema.ts';
import { applyEvents } from '../domain/facts.ts';

export const STATS_PROJECTOR_GROUP = 'stats.projector';

/** The topics statistics count from: case facts and outcomes, referrals, referral deadlines. */
/** The topics it reads, as declared once in schemas/asyncapi.json. */
export const STATS_TOPICS = consumerTopics(STATS_PROJECTOR_GROUP);

/**
 * Counts facts into the rollups, once per event: the inbox row and the effect commit together, so
 * a redelivered batch (a crash, a relay republishing, a replay from the start) changes nothing.
 */
export function subscribeStatsProjector(deps: {
  db: Db;
  bus: EventBus;
  group?: string;
  fromBeginning?: boolean;
  /** Told how many events each committed batch carried (applied or recognised as seen). */
  onBatch?: (events: number) => void;
}): Promise<Subscription> {
  const group = deps.group ?? STATS_PROJECTOR_GROUP;
  const handler = idempotentHandler({
    db: deps.db,
    inbox,
    // The inbox is keyed by the projector, not the group: a second group replaying the same
    // topics into the same schema is recognised and changes nothing.
    consumer: STATS_PROJECTOR_GROUP,
    apply: (events, tx) => applyEvents(tx, events),
  });
  const counted = async (received: Parameters<typeof handler>[0]) => {
    await handler(received);
    deps.onBatch?.(received.length);
  };
  return deps.bus.subscribe({
    group,
    topics: STATS_TOPICS,
    handler: counted,
    ...(deps.fromBeginning !== undefined ? { fromBeginning: deps.fromBeginning } : {}),
  });
}
