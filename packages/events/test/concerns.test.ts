import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concernedBodies, makeEvent } from '../src/index.ts';

const referralId = randomUUID();
const created = (status: 'draft' | 'requested') =>
  makeEvent({
    type: 'jp.liaison.referral.created.v1',
    source: '/agencies/center',
    subject: referralId,
    data: {
      referralId,
      sender: 'center',
      recipient: 'sia',
      kind: 'referral',
      category: 'R01',
      status,
      createdAt: new Date().toISOString(),
    },
  });
const changed = (
  from: 'draft' | 'requested' | 'cancelled',
  to: 'requested' | 'cancelled' | 'entered-in-error' | 'received',
  changedBy = 'center',
) =>
  makeEvent({
    type: 'jp.liaison.referral.status_changed.v1',
    source: `/agencies/${changedBy}`,
    subject: referralId,
    data: { referralId, sender: 'center', recipient: 'sia', from, to, changedBy, version: 2, changedAt: new Date().toISOString() },
  });

// Who is told of an event (webhooks, live subscriptions). Drafts are no longer announced; events
// about drafts written before that may still sit on the topics, and must reach no one.
describe('concerned bodies', () => {
  it('tells the recipient of a referral once it is requested, and the other side of every later change', () => {
    expect(concernedBodies(created('requested'))).toEqual(['sia']);
    expect(concernedBodies(changed('requested', 'received', 'sia'))).toEqual(['center']);
    expect(concernedBodies(changed('requested', 'cancelled'))).toEqual(['sia']);
  });

  it('tells no one of a draft, nor of a draft cancelled or entered in error unsent (events from before drafts stayed off the bus)', () => {
    expect(concernedBodies(created('draft'))).toEqual([]);
    expect(concernedBodies(changed('draft', 'cancelled'))).toEqual([]);
    expect(concernedBodies(changed('draft', 'entered-in-error'))).toEqual([]);
    // Sending a draft was announced as a change from draft: the recipient learnt of it then.
    expect(concernedBodies(changed('draft', 'requested'))).toEqual(['sia']);
  });
});
