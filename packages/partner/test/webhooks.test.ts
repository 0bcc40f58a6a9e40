import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/index.ts';

const secret = `whsec_${Buffer.from('a partner test secret of 24 bytes').toString('base64')}`;
const event = {
  specversion: '1.0',
  id: randomUUID(),
  source: '/agencies/center',
  type: 'jp.liaison.referral.created.v1',
  subject: '3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15',
  time: '2026-12-01T01:00:00.000Z',
  datacontenttype: 'application/json',
  partitionkey: '3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15',
  data: {
    referralId: '3f0e9c1a-7b2d-4c58-9e61-0a4d2b7c8e15',
    sender: 'center',
    recipient: 'sia',
    kind: 'referral',
    category: 'R01',
    status: 'requested',
    createdAt: '2026-12-01T01:00:00.000Z',
  },
};

/** What the platform's notifier sends: the structured CloudEvent, signed the Standard Webhooks way. */
function delivery(body: string, at = new Date(), id = randomUUID()) {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    body,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
      'content-type': 'application/cloudevents+json',
    },
  };
}

describe('verifyWebhook', () => {
  it('accepts a signed delivery and returns the checked event', () => {
    const d = delivery(JSON.stringify(event));
    const verified = verifyWebhook({ secret, ...d });
    expect(verified.webhookId).toBe(d.headers['webhook-id']);
    expect(verified.event).toMatchObject({ id: event.id, type: event.type, data: { recipient: 'sia' } });
    // Headers as a fetch Headers object work the same.
    expect(verifyWebhook({ secret, body: Buffer.from(d.body), headers: new Headers(d.headers) }).event.id).toBe(event.id);
  });

  it('refuses an altered body, another secret, an old timestamp', () => {
    const d = delivery(JSON.stringify(event));
    const refused = (input: Parameters<typeof verifyWebhook>[0]) => {
      try {
        verifyWebhook(input);
      } catch (err) {
        expect(err).toBeInstanceOf(WebhookVerificationError);
        return (err as WebhookVerificationError).code;
      }
      throw new Error('accepted');
    };
    expect(refused({ secret, headers: d.headers, body: d.body.replace('sia', 'tokyo') })).toBe('BAD_SIGNATURE');
    expect(refused({ secret: `whsec_${Buffer.from('another secret of 24 bytes..').toString('base64')}`, ...d })).toBe('BAD_SIGNATURE');
    expect(refused({ secret, ...delivery(JSON.stringify(event), new Date(Date.now() - 10 * 60_000)) })).toBe('BAD_SIGNATURE');
    expect(refused({ secret, headers: { ...d.headers, 'webhook-signature': undefined }, body: d.body })).toBe('BAD_SIGNATURE');
  });

  it('refuses a signed body that is not a valid event of the published schemas', () => {
    for (const bad of [
      { ...event, data: { ...event.data, category: 'bogus' } },
      { ...event, type: 'jp.liaison.unknown.v1' },
      { ...event, source: 'center' },
    ]) {
      expect(() => verifyWebhook({ secret, ...delivery(JSON.stringify(bad)) })).toThrow(/not a valid Liaison event/);
    }
  });
});
