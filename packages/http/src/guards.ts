import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { errors, type FieldProblem } from '@liaison/domain';

/**
 * Runs `handlers` in order, once per request: a sub-app's middleware mounted with `app.route('/', …)`
 * applies to every route of the parent, so the frame of four REST apps mounted in one platform
 * would otherwise run four times.
 */
export function once(name: string, handlers: MiddlewareHandler[]): MiddlewareHandler {
  const key = `once:${name}` as never;
  return async (c, next) => {
    if (c.get(key)) return next();
    c.set(key, true as never);
    const run = async (i: number): Promise<void> => {
      if (i === handlers.length) return void (await next());
      await handlers[i]!(c, () => run(i + 1));
    };
    await run(0);
  };
}

/** Bodies larger than this are refused with 413 before they are read whole (REST). */
export const REST_BODY_LIMIT = 256 * 1024;

/**
 * Refuses bodies over `maxSize` bytes with 413 `PAYLOAD_TOO_LARGE`, reading no more than that. A
 * body already held to a limit as strict by an outer layer (the process edge) is not read again: it
 * may have been consumed into Hono's body cache, and its stream is gone.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw errors.tooLarge(maxSize);
    },
  });
  return async (c, next) => {
    // A GET or HEAD has no body (fetch's Request cannot carry one). Asked for its body, the
    // adapter's lightweight request would build a whole Request (headers, abort signal) to say so.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const held = c.get('bodyLimit' as never) as number | undefined;
    if (held !== undefined && held <= maxSize) return next();
    c.set('bodyLimit' as never, maxSize as never);
    return limit(c, next);
  };
}

/**
 * Security headers on every answer (hono/secure-headers: nosniff, frame denial, no referrer,
 * HSTS, …) with a policy that lets an API answer load nothing, and `Cache-Control: no-store`: the
 * answers carry case, referral and package data that no shared or browser cache may keep.
 */
export function apiHeaders(): MiddlewareHandler[] {
  return [
    secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] }, xFrameOptions: 'DENY' }),
    async (c, next) => {
      await next();
      // On the answer's own headers: `c.header()` after the answer would wrap its body in a new
      // Response, which breaks streamed answers (GraphQL subscriptions over SSE).
      c.res.headers.set('Cache-Control', 'no-store');
    },
  ];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why Postgres could not store `text` as given, or undefined when it can. */
export function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (not valid Unicode text)';
  return undefined;
}

/** Field problems for every string (and key) in a parsed JSON value that Postgres could not store. */
export function unstorableFields(value: unknown, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const problem = unstorable(v);
      if (problem) problems.push({ field: path || '(body)', problem });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, path ? `${path}.${i}` : String(i));
    } else if (v && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        const keyProblem = unstorable(key);
        if (keyProblem) problems.push({ field: at, problem: `field name ${keyProblem}` });
        else walk(item, at);
      }
    }
  };
  walk(value, prefix);
  return problems;
}

/**
 * Refuses, with a 400 naming the field, any input Postgres could not store: NUL characters and
 * unpaired surrogates in the JSON body (values and keys), the query string and the path. Runs
 * before validation and the handlers, so nothing reaches the database (or a group commit, where
 * one refused row would fail its neighbours).
 */
export const storableInput: MiddlewareHandler = async (c, next) => {
  const problems: FieldProblem[] = [];
  let path: string | undefined;
  try {
    path = decodeURIComponent(c.req.path);
  } catch {
    problems.push({ field: '(path)', problem: 'is not valid percent-encoded UTF-8' });
  }
  if (path !== undefined) {
    const problem = unstorable(path);
    if (problem) problems.push({ field: '(path)', problem });
  }
  // Each raw pair decoded here: URLSearchParams would turn malformed escapes (a surrogate's bytes,
  // %ED%A0%80) into U+FFFD silently.
  const search = new URL(c.req.url).search.slice(1);
  for (const pair of search ? search.split('&') : []) {
    const [rawKey = '', rawValue = ''] = pair.split(/=(.*)/s);
    const decode = (x: string) => {
      try {
        return decodeURIComponent(x.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    };
    const key = decode(rawKey);
    const value = decode(rawValue);
    const field = key === undefined || unstorable(key) ? 'query.(name)' : `query.${key}`;
    if (key === undefined || value === undefined) problems.push({ field, problem: 'is not valid percent-encoded UTF-8' });
    else {
      const problem = unstorable(key) ?? unstorable(value);
      if (problem) problems.push({ field, problem });
    }
  }
  if (c.req.raw.body && /json/i.test(c.req.header('content-type') ?? '')) {
    const text = await c.req.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON: the validator answers that itself
    }
    if (parsed !== undefined) problems.push(...unstorableFields(parsed));
  }
  if (problems.length > 0) throw errors.validation(problems);
  await next();
};

/** The earliest and latest instants a "when it happened" field may name. */
export const TIMESTAMP_BOUNDS = { earliest: '2000-01-01T00:00:00Z', aheadDays: 1 } as const;

/**
 * An ISO 8601 timestamp with an explicit offset (`2026-11-27T10:00:00+09:00`), four-digit year,
 * not before 2000 and not more than a day ahead of the server's clock: what Postgres can store and
 * what a record of something that happened can mean. Parsed strictly — `0099` stays year 99 and is
 * refused, never read as 1999.
 */
export const pastTimestamp = () =>
  z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 timestamp with offset, e.g. 2026-11-27T10:00:00+09:00', abort: true })
    .refine((v) => Date.parse(v) >= Date.parse(TIMESTAMP_BOUNDS.earliest), { message: 'must not be before 2000-01-01' })
    .refine((v) => Date.parse(v) <= Date.now() + TIMESTAMP_BOUNDS.aheadDays * 86_400_000, { message: 'must not be in the future' });
