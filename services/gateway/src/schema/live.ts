import type { CloudEvent } from '@liaison/events';
import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';
import { requireActor } from './errors.ts';

const LiveEvent = builder.objectRef<CloudEvent>('LiveEvent').implement({
  description: 'An event concerning your body, as it happens / リアルタイム通知 (ids and codes only)',
  fields: (t) => {
    const data = (e: CloudEvent) => e.data as unknown as Record<string, unknown>;
    const text = (e: CloudEvent, key: string) => (typeof data(e)[key] === 'string' ? (data(e)[key] as string) : null);
    return {
      id: t.exposeID('id'),
      type: t.exposeString('type'),
      time: t.field({ type: 'DateTime', resolve: (e) => e.time }),
      referralId: t.string({ nullable: true, resolve: (e) => text(e, 'referralId') }),
      status: t.string({
        nullable: true,
        description: 'New status (status changes) or initial status (new referrals)',
        resolve: (e) => text(e, 'to') ?? text(e, 'status'),
      }),
      businessStatus: t.string({ nullable: true, resolve: (e) => text(e, 'businessStatus') }),
      packageId: t.string({ nullable: true, resolve: (e) => text(e, 'packageId') }),
      clock: t.string({
        nullable: true,
        description: 'Deadline events: acknowledge, decide or complete',
        resolve: (e) => text(e, 'clock'),
      }),
      from: t.string({
        nullable: true,
        description: 'The other body',
        resolve: (e) => text(e, 'changedBy') ?? text(e, 'sender') ?? text(e, 'owner'),
      }),
    };
  },
});

builder.subscriptionType({});
builder.subscriptionFields((t) => ({
  liveEvents: t.field({
    description: 'Referral, deadline and consent events concerning your body, over SSE / 自機関あての通知',
    type: LiveEvent,
    subscribe: (_root, _args, ctx) => {
      const { actor } = requireActor(ctx);
      if (!actor.agencyRoles.includes('member') || !['caseworker', 'supervisor'].includes(actor.role)) {
        throw new GraphQLError('live events are for caseworkers and supervisors of member bodies', { extensions: { code: 'FORBIDDEN' } });
      }
      if (!ctx.feed) throw new GraphQLError('live events are not available on this gateway', { extensions: { code: 'UNAVAILABLE' } });
      return ctx.feed.pubsub.subscribe('body', actor.agency);
    },
    resolve: (event) => event,
  }),
}));
