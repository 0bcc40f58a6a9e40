import { randomUUID } from 'node:crypto';
import { contextOf, inSpan, SpanKind } from '@liaison/observe';
import { trace } from '@opentelemetry/api';
import { type Db, Periodic } from '@liaison/db';
import {
  appendToOutbox,
  type CloudEvent,
  concernedBodies,
  type EventData,
  idempotentHandler,
  type InboxTable,
  makeEvent,
  type ReceivedEvent,
} from '@liaison/events';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { deliveries, endpoints, outbox } from '../db/schema.ts';
import { openSecret, webhookSecretKey } from './secrets.ts';
import { assertTargetPolicy, checkTarget, type TargetCheck } from './targets.ts';
import { NoAnswer, pinnedTransport, retryAfterMs, type Transport } from './transport.ts';

/**
 * Delays before each retry after a failed attempt (then jittered ±20 %): 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 14 h, 20 h, 24 h, 24 h — eleven attempts over about 4 days, then the dead-letter list.
 */
export const retrySchedule = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400, 86400].map((s) => s * 1000);

/** How long the dispatcher waits for a receiver's answer (ms). */
export const REQUEST_TIMEOUT_MS = 15_000;

/** The longest `Retry-After` honoured (ms): a receiver cannot park a delivery beyond the schedule's longest step. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/** The event type announcing a dead letter. */
export const DEAD_LETTERED = 'jp.liaison.webhook.dead_lettered.v1';

/**
 * Fans events out to the endpoints of the bodies they concern, once per (endpoint, event). A batch
 * whose bodies have no enabled endpoint (most bodies, most of the time) is looked at with one
 * statement and nothing else: there is nothing to deliver, so nothing to record as done either
 * (no transaction, no inbox rows). An endpoint created meanwhile gets the events from then on, as
 * it would have had it been created a moment later.
 */
export function fanOut(db: Db, inbox: InboxTable): (received: ReceivedEvent[]) => Promise<void> {
  const deliver = fanOutHandler(db, inbox);
  const anyEndpoint = db
    .select({ id: endpoints.id })
    .from(endpoints)
    .where(and(sql`${endpoints.agency} = any(${sql.placeholder('bodies')})`, eq(endpoints.enabled, true)))
    .limit(1)
    .prepare('liaison_notifier_any_endpoint');
  return async (received) => {
    const bodies = [...new Set(received.flatMap((r) => concernedBodies(r.event)))];
    if (bodies.length === 0) return;
    const found = await anyEndpoint.execute({ bodies });
    if (found.length > 0) await deliver(received);
  };
}

function fanOutHandler(db: Db, inbox: InboxTable) {
  return idempotentHandler({
    db,
    inbox,
    consumer: 'notifier.fan-out',
    apply: async (events, tx, received) => {
      const wanted = events
        .map((e, i) => ({ e, traceparent: received[i]?.traceparent ?? null, bodies: concernedBodies(e) }))
        .filter((x) => x.bodies.length > 0);
      if (wanted.length === 0) return;
      const bodies = [...new Set(wanted.flatMap((x) => x.bodies))];
      const targets = await tx
        .select()
        .from(endpoints)
        .where(and(inArray(endpoints.agency, bodies), eq(endpoints.enabled, true)));
      const rows = wanted.flatMap(({ e, traceparent, bodies: concerned }) =>
        targets
          .filter((t) => concerned.includes(t.agency) && (t.eventTypes.length === 0 || t.eventTypes.includes(e.type)))
          // A dead-letter notice is never sent to the endpoint that could not be reached.
          .filter((t) => !(e.type === DEAD_LETTERED && (e.data as EventData<typeof DEAD_LETTERED>).endpointId === t.id))
          .map((t) => ({
            id: randomUUID(),
            endpointId: t.id,
            agency: t.agency,
            eventId: e.id,
            eventType: e.type,
            payload: e,
            status: 'pending' as const,
            nextAttemptAt: new Date(),
            // The fan-out's trace: every attempt at this delivery is a span in it.
            traceparent,
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

/** Counters of the dispatcher since the process started, for a later `/metrics` (prom-client). */
export interface DispatcherStats {
  /** Requests sent to receivers (attempts that reached the network). */
  attempts: number;
  delivered: number;
  /** Attempts that failed and were scheduled again. */
  retried: number;
  /** Deliveries that gave up and joined the dead-letter list (each announced by an event, but for dead-letter notices themselves). */
  deadLettered: number;
  /** Endpoints disabled by a 410 Gone. */
  endpointsDisabled: number;
  /** Attempts not sent because the target was refused at the time of sending. */
  targetsRefused: number;
}

export interface DispatcherOptions {
  db: Db;
  targets: TargetCheck;
  /** `WEBHOOK_KEY`: signing secrets are stored encrypted under a key derived from it. */
  webhookKey: Buffer;
  /** The secretariat, told of every dead letter beside the endpoint's owner. */
  secretariat?: string | undefined;
  /** Per-request timeout (ms); default {@link REQUEST_TIMEOUT_MS}. */
  timeout?: number;
  interval?: number;
  /** Deliveries in flight at once (default 32); one slow receiver occupies one slot. */
  concurrency?: number;
  /** How long a claimed delivery stays the dispatcher's before another may take it (ms); default 5 min. */
  lease?: number;
  random?: () => number;
  transport?: Transport;
  onError?: (err: unknown) => void;
}

interface Due {
  id: string;
  endpoint_id: string;
  agency: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  lease: string;
  url: string;
  secret: string;
  traceparent: string | null;
}

/** What a receiver answered (`retryAfter` in ms, read on 429 and 503 only). */
type Answered = { answered: true; status: number; retryAfter?: number };
/** Why an attempt failed: a reason code for the dead-letter notice, a message for the owner (never an address). */
type Failure = {
  answered?: false;
  reason: 'status' | 'timeout' | 'no-answer' | 'target-refused' | 'secret-unreadable';
  message: string;
  status?: number;
  retryAfter?: number;
};

/**
 * Sends due deliveries: signed POSTs of the CloudEvent (structured JSON). 2xx delivered; 410 Gone
 * disables the endpoint; anything else (or no answer) is retried on {@link retrySchedule} with
 * jitter — later if a 429 or 503 asks so with `Retry-After` — then lands in the dead-letter list,
 * announced by a `jp.liaison.webhook.dead_lettered.v1` event to the owner and the secretariat.
 *
 * No database lock or transaction is held while a receiver is called: a short statement claims due
 * rows (`FOR UPDATE SKIP LOCKED`, then a lease: due again later, a lease id), the request goes out,
 * and the result is written under that lease. Several dispatchers share the work; one that dies
 * leaves its leased rows to be retried when the lease runs out.
 */
export class Dispatcher {
  private readonly job: Periodic;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counters: DispatcherStats = {
    attempts: 0,
    delivered: 0,
    retried: 0,
    deadLettered: 0,
    endpointsDisabled: 0,
    targetsRefused: 0,
  };

  private readonly secretKey: Buffer;

  constructor(private readonly options: DispatcherOptions) {
    assertTargetPolicy(options.targets);
    this.secretKey = webhookSecretKey(options.webhookKey);
    this.job = new Periodic(() => this.pump(), options.interval ?? 500, options.onError);
  }

  start(): void {
    this.job.start();
  }

  /** Stops claiming and waits for the requests in flight. */
  async stop(): Promise<void> {
    await this.job.stop();
    await Promise.all([...this.inFlight]);
  }

  /** A copy of the counters (see {@link DispatcherStats}). */
  stats(): DispatcherStats {
    return { ...this.counters };
  }

  /**
   * Sends what is due at `now` and waits for all those attempts (then throws the first error, if
   * any); returns how many were made.
   */
  async tick(now: Date): Promise<number> {
    const due = await this.claim(now, this.options.concurrency ?? 32);
    const failed = (await Promise.allSettled(due.map((d) => this.attempt(d, now)))).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return due.length;
  }

  /** The periodic runner: claims what free slots allow and leaves the attempts running. */
  private async pump(): Promise<void> {
    const free = (this.options.concurrency ?? 32) - this.inFlight.size;
    if (free <= 0) return;
    const now = new Date();
    for (const d of await this.claim(now, free)) {
      const running: Promise<void> = this.attempt(d, now)
        .catch((err) => this.options.onError?.(err))
        .finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    }
  }

  /** One statement, so its row locks last only as long as it does. */
  private async claim(now: Date, limit: number): Promise<Due[]> {
    const lease = randomUUID();
    const until = new Date(now.getTime() + (this.options.lease ?? 300_000));
    const result = await this.options.db.execute(sql`
      with due as (
        select id from notifier.deliveries
        where status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at limit ${limit} for update skip locked)
      update notifier.deliveries d set next_attempt_at = ${until}, lease = ${lease}
      from due, notifier.endpoints e
      where d.id = due.id and e.id = d.endpoint_id
      returning d.id, d.endpoint_id, d.agency, d.event_id, d.event_type, d.payload, d.attempts, d.lease, d.traceparent, e.url, e.secret`);
    return (result as unknown as { rows: Due[] }).rows;
  }

  private async attempt(d: Due, now: Date): Promise<void> {
    if (!d.traceparent) return this.attemptTraced(d, now);
    // A client span per attempt in the fan-out's trace: status code and outcome, never the URL.
    return inSpan(
      `webhook POST ${d.event_type}`,
      {
        kind: SpanKind.CLIENT,
        parent: contextOf(d.traceparent),
        attributes: { 'liaison.webhook.delivery': d.id, 'liaison.webhook.attempt': d.attempts + 1 },
      },
      () => this.attemptTraced(d, now),
    );
  }

  private async attemptTraced(d: Due, now: Date): Promise<void> {
    const attempts = d.attempts + 1;
    const outcome = await this.send(d, now);
    const span = trace.getActiveSpan();
    if (span && outcome.answered) span.setAttribute('http.response.status_code', outcome.status);
    if (span && !outcome.answered) span.setAttribute('liaison.webhook.failure', outcome.reason);
    const { db } = this.options;
    const mine = and(eq(deliveries.id, d.id), eq(deliveries.lease, d.lease), eq(deliveries.status, 'pending'));
    if (outcome.answered && outcome.status >= 200 && outcome.status < 300) {
      await db
        .update(deliveries)
        .set({ status: 'delivered', attempts, lastStatusCode: outcome.status, lastError: null, deliveredAt: now, lease: null })
        .where(mine);
      this.counters.delivered++;
      return;
    }
    if (outcome.answered && outcome.status === 410) {
      await db.transaction(async (tx) => {
        await tx
          .update(endpoints)
          .set({ enabled: false, disabledReason: `410 Gone at ${now.toISOString()}` })
          .where(eq(endpoints.id, d.endpoint_id));
        await tx.update(deliveries).set({ attempts, lastStatusCode: 410 }).where(mine);
        await tx
          .update(deliveries)
          .set({ status: 'disabled', lastError: 'endpoint answered 410 Gone; disabled', lease: null })
          .where(and(eq(deliveries.endpointId, d.endpoint_id), eq(deliveries.status, 'pending')));
      });
      this.counters.endpointsDisabled++;
      return;
    }
    const failure: Failure = outcome.answered
      ? {
          reason: 'status',
          message: `answered ${outcome.status}`,
          status: outcome.status,
          ...(outcome.retryAfter !== undefined ? { retryAfter: outcome.retryAfter } : {}),
        }
      : outcome;
    const delay = retrySchedule[attempts - 1];
    const lastStatusCode = failure.status ?? null;
    if (delay === undefined) {
      await this.deadLetter(d, attempts, failure, now);
      return;
    }
    const jittered = Math.round(delay * (1 + ((this.options.random ?? Math.random)() * 0.4 - 0.2)));
    const wait = failure.retryAfter === undefined ? jittered : Math.max(jittered, Math.min(failure.retryAfter, MAX_RETRY_AFTER_MS));
    await db
      .update(deliveries)
      .set({ attempts, lastStatusCode, lastError: failure.message, nextAttemptAt: new Date(now.getTime() + wait), lease: null })
      .where(mine);
    this.counters.retried++;
  }

  /**
   * Sends one delivery: what the receiver answered, or why nothing was answered. The
   * target is checked again at every attempt — a name may resolve elsewhere since registration —
   * and the request is pinned to the address that check approved.
   */
  private async send(d: Due, now: Date): Promise<Answered | Failure> {
    const verdict = await checkTarget(d.url, this.options.targets);
    if (verdict.refused !== undefined) {
      this.counters.targetsRefused++;
      return { reason: 'target-refused', message: `target refused: ${verdict.refused}` };
    }
    let secret: string;
    try {
      secret = openSecret(this.secretKey, d.endpoint_id, d.secret);
    } catch {
      return { reason: 'secret-unreadable', message: 'signing secret cannot be opened (WEBHOOK_KEY changed?)' };
    }
    const body = JSON.stringify(d.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    this.counters.attempts++;
    try {
      const answer = await (this.options.transport ?? pinnedTransport)(verdict.target, {
        headers: {
          'content-type': 'application/cloudevents+json',
          'webhook-id': d.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature(secret, d.id, timestamp, body),
        },
        body,
        timeout: this.options.timeout ?? REQUEST_TIMEOUT_MS,
      });
      const retryAfter = answer.status === 429 || answer.status === 503 ? retryAfterMs(answer.retryAfter, now) : undefined;
      return { answered: true, status: answer.status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    } catch (err) {
      if (err instanceof NoAnswer) return { reason: err.reason, message: err.message };
      throw err;
    }
  }

  /**
   * Moves a delivery to the dead-letter list and, in the same transaction, writes the notice for
   * the owner and the secretariat to the outbox. A notice that itself dead-letters is not announced
   * again (two unreachable endpoints would otherwise tell each other forever).
   */
  private async deadLetter(d: Due, attempts: number, failure: Failure, now: Date): Promise<void> {
    const announced = await this.options.db.transaction(async (tx) => {
      const moved = await tx
        .update(deliveries)
        .set({ status: 'failed', attempts, lastStatusCode: failure.status ?? null, lastError: failure.message, lease: null })
        .where(and(eq(deliveries.id, d.id), eq(deliveries.lease, d.lease), eq(deliveries.status, 'pending')))
        .returning({ id: deliveries.id });
      if (moved.length === 0) return false;
      if (d.event_type === DEAD_LETTERED) return true;
      const secretariat = this.options.secretariat;
      const notice = makeEvent({
        type: DEAD_LETTERED,
        source: `/agencies/${d.agency}`,
        subject: d.endpoint_id,
        data: {
          deliveryId: d.id,
          endpointId: d.endpoint_id,
          owner: d.agency,
          ...(secretariat ? { secretariat } : {}),
          eventId: d.event_id,
          eventType: d.event_type,
          attempts,
          ...(failure.status !== undefined ? { lastStatusCode: failure.status } : {}),
          reason: failure.reason,
          deadLetteredAt: now.toISOString(),
        },
      });
      await appendToOutbox(tx, outbox, [notice as CloudEvent]);
      return true;
    });
    if (announced) this.counters.deadLettered++;
  }
}
