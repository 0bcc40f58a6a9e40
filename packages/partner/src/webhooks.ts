import { Webhook } from 'standardwebhooks';
import { checkEvent, type LiaisonEvent } from './events.ts';

/** A webhook that must not be acted on: bad or old signature, or not a valid Liaison event. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly code: 'BAD_SIGNATURE' | 'INVALID_EVENT',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function headerRecord(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, string | string[] | undefined][] = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [k, v] of entries) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * Verifies a webhook from Liaison (Standard Webhooks: `webhook-id`, `webhook-timestamp` within 5
 * minutes, `webhook-signature` an HMAC-SHA256 under your endpoint's `whsec_…` secret) and checks
 * the body, a structured-mode CloudEvent, against the published event schemas. Pass the raw body
 * exactly as received. `webhookId` is the delivery's id (the same on a retry); deduplicate on the
 * event's `id`, which a redelivery also keeps.
 */
export function verifyWebhook(input: { secret: string; body: string | Buffer; headers: HeaderBag }): {
  webhookId: string;
  event: LiaisonEvent;
} {
  const headers = headerRecord(input.headers);
  const body = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  let payload: unknown;
  try {
    payload = new Webhook(input.secret).verify(body, headers);
  } catch (err) {
    throw new WebhookVerificationError('BAD_SIGNATURE', `webhook refused: ${(err as Error).message}`);
  }
  const checked = checkEvent(payload);
  if (!checked.ok) throw new WebhookVerificationError('INVALID_EVENT', `webhook signed but not a valid Liaison event: ${checked.reason}`);
  return { webhookId: headers['webhook-id']!, event: checked.event };
}
