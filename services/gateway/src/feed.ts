import { type CloudEvent, concernedBodies, type EventBus, type Subscription } from '@liaison/events';
import { createPubSub } from 'graphql-yoga';
import { randomUUID } from 'node:crypto';

/** Live events by body: what the gateway's subscriptions read. */
export type EventFeed = ReturnType<typeof createEventFeed>;

export function createEventFeed() {
  const pubsub = createPubSub<{ body: [agency: string, event: CloudEvent] }>();
  return {
    pubsub,
    /** Hands an event to the live subscriptions of every body it concerns. */
    publish(event: CloudEvent): void {
      for (const agency of concernedBodies(event)) pubsub.publish('body', agency, event);
    },
    /**
     * Feeds from the bus: a consumer group of this gateway process alone (each instance must see
     * every event), starting at the newest event — a live view, not a replay.
     */
    connect(bus: EventBus): Promise<Subscription> {
      return bus.subscribe({
        group: `gateway.live.${randomUUID()}`,
        topics: ['liaison.referrals', 'liaison.deadlines', 'liaison.cases'],
        fromBeginning: false,
        handler: async (events) => {
          for (const e of events) this.publish(e.event);
        },
      });
    },
  };
}
