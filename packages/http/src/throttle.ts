import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bearerToken } from './auth.ts';
import { errors } from '@liaison/domain';
import { errorResponse } from './errors.ts';

export interface AuthThrottleOptions {
  /** Failed authentications allowed per key within `windowMs` before answers become 429. Default 20. */
  limit?: number;
  /** Default one minute. */
  windowMs?: number;
  /** How long a token that authenticated stays known-good (it passes even from a throttled address). Default 15 min. */
  goodForMs?: number;
  /** Most keys tracked at once (oldest dropped first), so a flood of addresses cannot grow memory. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Counts failed authentications per client address and per token prefix (the first 12
 * characters, `lia_` and 8 of the secret) in a sliding window. Over the limit, further attempts
 * from that address or with that prefix are answered 429 with `Retry-After` — without looking the
 * token up. Tokens that authenticated recently are remembered (by hash) and are never slowed, so a
 * flood of bad tokens from a shared address does not lock out the people working there.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly good = new Map<string, number>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly goodForMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: AuthThrottleOptions = {}) {
    this.limit = options.limit ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.goodForMs = options.goodForMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** The keys an attempt counts against. */
  static keys(address: string, token: string | undefined): string[] {
    return [`addr:${address}`, ...(token ? [`prefix:${token.slice(0, 12)}`] : [])];
  }

  /** Seconds until `keys` may try again, or 0 when they may now. */
  retryAfter(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.limit) wait = Math.max(wait, Math.ceil((times[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  /** Records a failed authentication against every key. */
  fail(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key); // re-insert: Map order is the eviction order
      this.failures.set(key, times);
    }
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Remembers a token that authenticated. */
  succeed(token: string): void {
    const hash = tokenHash(token);
    this.good.delete(hash);
    this.good.set(hash, this.now() + this.goodForMs);
    while (this.good.size > this.maxKeys) this.good.delete(this.good.keys().next().value!);
  }

  /** Whether `token` authenticated recently. */
  isKnownGood(token: string): boolean {
    const until = this.good.get(tokenHash(token));
    return until !== undefined && until > this.now();
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The client's address: the socket's peer (Node server), or the first `X-Forwarded-For` hop when
 * the platform runs behind a proxy it trusts. In-process requests (tests) have none: `local`.
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * Throttles failed authentication for every route behind it: an answer of 401 counts as a failure
 * of the client's address and the token's prefix; once either is over the limit, requests are
 * answered 429 at once (the token is not even looked up) unless their token is known-good.
 */
export function throttleAuth(throttle: AuthThrottle, options: { trustProxy?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const keys = AuthThrottle.keys(clientAddress(c, options.trustProxy), token);
    const wait = token && throttle.isKnownGood(token) ? 0 : throttle.retryAfter(keys);
    if (wait > 0) return errorResponse(c, errors.tooManyRequests(wait));
    await next();
    if (c.res.status === 401) throttle.fail(keys);
    // Known-good only when a route really authenticated the token (it set the actor).
    else if (token && c.get('actor' as never)) throttle.succeed(token);
  };
}
