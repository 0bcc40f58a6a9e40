import { type CloudEvent, concernedBodies, consumerTopics, type EventBus, type Subscription } from '@liaison/events';
import { createPubSub } from 'graphql-yoga';
import { randomUUID } from 'node:crypto';

/** Live events by body: what the gateway's subscriptions read. */
export type EventFeed = ReturnType<typeof createEventFeed>;

/** The consumer declared in schemas/asyncapi.json; each gateway process's group is this name and a random suffix. */
export const LIVE_FEED_CONSUMER = 'gateway.live';

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
        group: `${LIVE_FEED_CONSUMER}.${randomUUID()}`,
        topics: consumerTopics(LIVE_FEED_CONSUMER),
        fromBeginning: false,
        handler: async (events) => {
          for (const e of events) this.publish(e.event);
        },
      });
    },
  };
}
