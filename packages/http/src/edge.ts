import type { Pool } from '@liaison/db';
import type { MiddlewareHandler } from 'hono';
import { limitBody, REST_BODY_LIMIT } from './guards.ts';
import { idempotency } from './idempotency.ts';
import { AuthThrottle, throttleAuth } from './throttle.ts';

export interface EdgeOptions {
  /** Where idempotency keys are kept (schema `idempotency`, see `idempotencyMigrations`). */
  pool: Pool;
  /** One per process, shared by every app it serves; default: a new one with the default limits. */
  throttle?: AuthThrottle;
  /** Take the client address from `X-Forwarded-For` (only behind a proxy that sets it). */
  trustProxy?: boolean;
}

/**
 * What sits in front of every app a process serves (the embedded platform, or one service alone):
 * throttling of failed authentication on every path, and, on the REST paths, the body limit and
 * then idempotency keys — in that order, so an oversized body is refused before anything reads it.
 */
export function edge(options: EdgeOptions): { path: string; handler: MiddlewareHandler }[] {
  return [
    { path: '*', handler: throttleAuth(options.throttle ?? new AuthThrottle(), { trustProxy: options.trustProxy ?? false }) },
    { path: '/v1/*', handler: limitBody(REST_BODY_LIMIT) },
    { path: '/v1/*', handler: idempotency(options.pool) },
  ];
}
