import { type LogSink, loggerFor, requestFields, requestIdFrom } from '@liaison/observe';
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError } from '@liaison/db';
import { DomainError, type DomainErrorKind, type FieldProblem } from '@liaison/domain';
import type { z } from 'zod';

/**
 * The one error vocabulary of every service is the domain's ({@link DomainError}, thrown by domain
 * functions that know nothing of HTTP); this layer maps each kind to a status. Rendered everywhere as
 * `{ error: { code, message, requestId, details } }`.
 */
export const statusOfKind: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  too_many: 429,
  unavailable: 503,
};

/** Field problems from a zod error, with dotted paths (`recipient`, `urls.0`). */
export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  const path = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((issue) =>
    // An unknown field is named itself, so a caller sees at once which key to remove.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: path([...issue.path, key]), problem: 'unknown field; not accepted' }))
      : [{ field: path(issue.path), problem: issue.message }],
  );
}

export type RequestIdVariables = { requestId: string };

/** Gives each request an id (kept from `X-Request-Id` when sane) and echoes it. */
export const requestId: MiddlewareHandler<{ Variables: RequestIdVariables }> = async (c, next) => {
  // Kept when an earlier middleware (observeRequests, or the first of the apps mounted in the
  // platform) already gave the request one.
  const id = requestIdFrom(c.get('requestId') ?? c.req.header('x-request-id'));
  c.set('requestId', id);
  c.header('x-request-id', id);
  await next();
};

function body(c: Context, code: string, message: string, details?: unknown) {
  const requestIdValue = (c.get('requestId' as never) as string | undefined) ?? null;
  return { error: { code, message, requestId: requestIdValue, ...(details !== undefined ? { details } : {}) } };
}

/**
 * `app.onError`: known errors become their status and shape; anything else is a 500 whose message
 * says nothing of the internals (the cause goes to the log, without request data).
 */
export function onError(log?: LogSink): ErrorHandler {
  // A component's logger keeps its own `service`; a line sink (tests) or nothing gets one named http.
  const logger = log === undefined || typeof log === 'function' ? loggerFor(log, 'http') : log;
  return (err, c) => {
    if (err instanceof DomainError) return errorResponse(c, err);
    const status = (err as { status?: number }).status;
    // A body that does not parse (Hono answers it with a 400 HTTPException) is a validation failure too.
    if (err instanceof SyntaxError || (status === 400 && /json/i.test(err.message))) {
      return c.json(
        body(c, 'VALIDATION_FAILED', 'request body is not valid JSON', { problems: [{ field: '(body)', problem: 'not valid JSON' }] }),
        400,
      );
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json(body(c, 'BAD_REQUEST', err.message), status as ContentfulStatusCode);
    }
    // The route pattern and request id only: never the path's ids, the body, or a database error's
    // message (it may quote the statement's parameters).
    logger.error({ ...requestFields(c), method: c.req.method, route: c.req.routePath, err: describeError(err) }, 'unhandled error');
    return c.json(body(c, 'INTERNAL', 'internal error; quote the requestId when reporting it'), 500);
  };
}

/** Renders a {@link DomainError} in the one error shape, with the status and headers its kind calls for. */
export function errorResponse(c: Context, err: DomainError): Response {
  const status = statusOfKind[err.kind];
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="liaison"');
  if (status === 429) c.header('Retry-After', String((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60));
  return c.json(body(c, err.code, err.message, err.details), status);
}

export const notFound: NotFoundHandler = (c) => c.json(body(c, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), 404);
