import { randomUUID } from 'node:crypto';
import { type Db, Periodic } from '@liaison/db';
import { type CloudEvent, concernedBodies, idempotentHandler, type InboxTable } from '@liaison/events';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { deliveries, endpoints } from '../db/schema.ts';
import { openSecret, webhookSecretKey } from './secrets.ts';
import { assertTargetPolicy, checkTarget, type TargetCheck } from './targets.ts';
import { NoAnswer, pinnedTransport, type Transport } from './transport.ts';

/**
 * Delays before each retry after a failed attempt (then jittered ±20 %): 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 14 h, 20 h, 24 h, 24 h — eleven attempts over about 4 days, then the dead-letter list.
 */
export const retrySchedule = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400, 86400].map((s) => s * 1000);

/** Fans events out to the endpoints of the bodies they concern, once per (endpoint, event). */
export function fanOut(db: Db, inbox: InboxTable) {
  return idempotentHandler({
    db,
    inbox,
    consumer: 'notifier.fan-out',
    apply: async (events, tx) => {
      const wanted = events.map((e) => ({ e, bodies: concernedBodies(e) })).filter((x) => x.bodies.length > 0);
      if (wanted.length === 0) return;
      const bodies = [...new Set(wanted.flatMap((x) => x.bodies))];
      const targets = await tx.select().from(endpoints).where(and(inArray(endpoints.agency, bodies), eq(endpoints.enabled, true)));
      const rows = wanted.flatMap(({ e, bodies: concerned }) =>
        targets
          .filter((t) => concerned.includes(t.agency) && (t.eventTypes.length === 0 || t.eventTypes.includes(e.type)))
          .map((t) => ({
            id: randomUUID(),
            endpointId: t.id,
            agency: t.agency,
            eventId: e.id,
            eventType: e.type,
            payload: e,
            status: 'pending' as const,
            nextAttemptAt: new Date(),
          })),
      );
      if (rows.length > 0) await tx.insert(deliveries).values(rows).onConflictDoNothing();
    },
  });
}

/** Standard Webhooks signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`), made by the `standardwebhooks` package. */
export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
}

export interface DispatcherOptions {
  db: Db;
  targets: TargetCheck;
  /** `WEBHOOK_KEY`: signing secrets are stored encrypted under a key derived from it. */
  webhookKey: Buffer;
  /** Per-request timeout (ms). */
  timeout?: number;
  interval?: number;
  random?: () => number;
  transport?: Transport;
  onError?: (err: unknown) => void;
}

interface Due {
  id: string;
  endpoint_id: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Sends due deliveries: signed POSTs of the CloudEvent (structured JSON). 2xx delivered; 410 Gone
 * disables the endpoint; anything else (or no answer) is retried on {@link retrySchedule} with
 * jitter, then lands in the dead-letter list. Rows are claimed FOR UPDATE SKIP LOCKED, so several
 * dispatchers share the work.
 */
export class Dispatcher {
  private readonly job: Periodic;

  private readonly secretKey: Buffer;

  constructor(private readonly options: DispatcherOptions) {
    assertTargetPolicy(options.targets);
    this.secretKey = webhookSecretKey(options.webhookKey);
    this.job = new Periodic(() => this.tick(new Date()), options.interval ?? 500, options.onError);
  }

  start(): void {
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** Sends what is due at `now`; returns how many attempts were made. */
  async tick(now: Date): Promise<number> {
    const { db } = this.options;
    return db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        select d.id, d.endpoint_id, d.payload, d.attempts, e.url, e.secret
        from notifier.deliveries d join notifier.endpoints e on e.id = d.endpoint_id
        where d.status = 'pending' and d.next_attempt_at <= ${now}
        order by d.next_attempt_at limit 50 for update of d skip locked`);
      const due = (result as unknown as { rows: Due[] }).rows;
      await Promise.all(due.map((d) => this.attempt(tx as unknown as Db, d, now)));
      return due.length;
    });
  }

  private async attempt(db: Db, d: Due, now: Date): Promise<void> {
    const attempts = d.attempts + 1;
    // Checked again at every attempt: a name may resolve elsewhere since it was registered. The
    // request is pinned to the address this check approved.
    const verdict = await checkTarget(d.url, this.options.targets);
    let status: number | undefined;
    let error: string | undefined;
    let secret: string | undefined;
    if (verdict.refused === undefined) {
      try {
        secret = openSecret(this.secretKey, d.endpoint_id, d.secret);
      } catch {
        error = 'signing secret cannot be opened (WEBHOOK_KEY changed?)';
      }
    }
    if (verdict.refused !== undefined) {
      error = `target refused: ${verdict.refused}`;
    } else if (secret !== undefined) {
      const body = JSON.stringify(d.payload);
      const timestamp = Math.floor(now.getTime() / 1000);
      try {
        const answer = await (this.options.transport ?? pinnedTransport)(verdict.target, {
          headers: {
            'content-type': 'application/cloudevents+json',
            'webhook-id': d.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signature(secret, d.id, timestamp, body),
          },
          body,
          timeout: this.options.timeout ?? 10_000,
        });
        status = answer.status;
      } catch (err) {
        if (!(err instanceof NoAnswer)) throw err;
        error = err.message;
      }
    }
    if (status !== undefined && status >= 200 && status < 300) {
      await db.update(deliveries).set({ status: 'delivered', attempts, lastStatusCode: status, lastError: null, deliveredAt: now }).where(eq(deliveries.id, d.id));
      return;
    }
    if (status === 410) {
      await db.update(endpoints).set({ enabled: false, disabledReason: `410 Gone at ${now.toISOString()}` }).where(eq(endpoints.id, d.endpoint_id));
      await db
        .update(deliveries)
        .set({ status: 'disabled', attempts, lastStatusCode: 410, lastError: 'endpoint answered 410 Gone; disabled' })
        .where(and(eq(deliveries.endpointId, d.endpoint_id), eq(deliveries.status, 'pending')));
      return;
    }
    const delay = retrySchedule[attempts - 1];
    const lastError = error ?? `answered ${status}`;
    if (delay === undefined) {
      await db.update(deliveries).set({ status: 'failed', attempts, lastStatusCode: status ?? null, lastError }).where(eq(deliveries.id, d.id));
      return;
    }
    const jitter = 1 + ((this.options.random ?? Math.random)() * 0.4 - 0.2);
    await db
      .update(deliveries)
      .set({ attempts, lastStatusCode: status ?? null, lastError, nextAttemptAt: new Date(now.getTime() + Math.round(delay * jitter)) })
      .where(eq(deliveries.id, d.id));
  }
}
