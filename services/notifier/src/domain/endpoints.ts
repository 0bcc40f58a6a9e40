import { errors, requireMemberBody, requireRole } from '@liaison/domain';
import { randomUUID } from 'node:crypto';
import { appendAudit } from '@liaison/audit';
import type { Actor } from '@liaison/auth';
import type { Db } from '@liaison/db';
import { and, desc, eq } from 'drizzle-orm';
import { deliveries, endpoints } from '../db/schema.ts';
import { newSigningSecret, sealSecret } from './secrets.ts';
import { refuseTarget, type TargetCheck } from './targets.ts';

export interface NotifierContext {
  actor: Actor;
  db: Db;
  targets: TargetCheck;
  /** Key signing secrets are encrypted under (see `webhookSecretKey`). */
  secretKey: Buffer;
}

/** Webhooks are set up by a body's supervisors (or caseworkers); never by observers. */
const manageRoles = ['supervisor', 'caseworker'] as const;

function guard(ctx: NotifierContext, what: string) {
  requireMemberBody(ctx.actor, what);
  requireRole(ctx.actor, manageRoles, what);
}

/**
 * Registers a webhook endpoint for the actor's body. The signing secret is returned once and
 * stored only encrypted.
 */
export async function registerEndpoint({ ctx, input }: { ctx: NotifierContext; input: { url: string; eventTypes: string[] } }) {
  guard(ctx, 'register webhooks');
  const refused = await refuseTarget(input.url, ctx.targets);
  if (refused) throw errors.validation([{ field: 'url', problem: refused }]);
  const id = randomUUID();
  const secret = newSigningSecret();
  await ctx.db
    .insert(endpoints)
    .values({ id, agency: ctx.actor.agency, url: input.url, secret: sealSecret(ctx.secretKey, id, secret), eventTypes: input.eventTypes });
  await appendAudit(ctx.db, [
    {
      agency: ctx.actor.agency,
      actor: ctx.actor.tokenId,
      action: 'webhook.register',
      subjectType: 'webhook',
      subjectId: id,
      details: { eventTypes: input.eventTypes },
    },
  ]);
  return { id, url: input.url, eventTypes: input.eventTypes, enabled: true, secret };
}

/** The body's endpoints (without secrets). */
export async function listEndpoints({ ctx }: { ctx: NotifierContext }) {
  guard(ctx, 'see webhooks');
  const rows = await ctx.db.select().from(endpoints).where(eq(endpoints.agency, ctx.actor.agency));
  return rows.map((r) => ({ id: r.id, url: r.url, eventTypes: r.eventTypes, enabled: r.enabled, disabledReason: r.disabledReason }));
}

/** Deliveries that gave up (the dead-letter list) for the body. */
export async function listDeadLetters({ ctx }: { ctx: NotifierContext }) {
  guard(ctx, 'see webhook dead letters');
  const rows = await ctx.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.agency, ctx.actor.agency), eq(deliveries.status, 'failed')))
    .orderBy(desc(deliveries.createdAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpointId,
    eventId: r.eventId,
    eventType: r.eventType,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Puts a dead letter back in the queue, due now, with a fresh retry budget. */
export async function redeliver({ ctx, id }: { ctx: NotifierContext; id: string }) {
  guard(ctx, 'redeliver webhooks');
  const [row] = await ctx.db
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date() })
    .where(and(eq(deliveries.id, id), eq(deliveries.agency, ctx.actor.agency), eq(deliveries.status, 'failed')))
    .returning({ id: deliveries.id });
  if (!row) throw errors.notFound(`dead letter ${id}`);
  return { id, status: 'pending' as const };
}
