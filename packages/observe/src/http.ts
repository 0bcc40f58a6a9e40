import { randomUUID } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { activeTraceId, contextOf, tracer } from './tracing.ts';

/** The ids a request's log lines carry: never a token, a path's ids, a body or an address. */
export function requestFields(c: Context): { requestId?: string; traceId?: string; agency?: string } {
  const requestId = c.get('requestId' as never) as string | undefined;
  const agency = (c.get('actor' as never) as { agency?: string } | undefined)?.agency;
  const traceId = activeTraceId() ?? (c.get('traceId' as never) as string | undefined);
  return { ...(requestId ? { requestId } : {}), ...(traceId ? { traceId } : {}), ...(agency ? { agency } : {}) };
}

/** The route pattern a request matched (`/v1/referrals/:id`), never its raw path; `unmatched` when only middleware matched. */
function routeOf(c: Context): string {
  // The handler that answered; when a middleware (auth) answered first, the endpoint it stood before.
  const routes = matchedRoutes(c);
  for (let i = c.req.routeIndex; i < routes.length; i++) if (routes[i]!.method !== 'ALL') return routes[i]!.path;
  return 'unmatched';
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The first middleware of a process's app: a server span per request (continuing the caller's W3C
 * `traceparent`), request rate, errors and duration by route pattern, and one log line per request
 * with `requestId`, `traceId` and `agency`. Cheap: a counter and a histogram observation, one
 * (asynchronous) log line, and a no-op span while tracing is off.
 */
/** The id a request goes by: the caller's `X-Request-Id` when it is sane, else a new one. */
export function requestIdFrom(given: string | undefined): string {
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

export function observeRequests(options: { logger: Logger; metrics?: Metrics | undefined }): MiddlewareHandler {
  const { logger, metrics } = options;
  const requests = metrics?.counter('liaison_http_requests_total', 'HTTP requests answered, by method, route pattern and status.', [
    'method',
    'route',
    'status',
  ]);
  const errors = metrics?.counter(
    'liaison_http_request_errors_total',
    'HTTP requests answered with a 5xx status, by method and route pattern.',
    ['method', 'route'],
  );
  const duration = metrics?.histogram(
    'liaison_http_request_duration_seconds',
    'Time to answer an HTTP request, by method and route pattern.',
    ['method', 'route'],
    HTTP_BUCKETS,
  );
  return async (c, next) => {
    const started = performance.now();
    c.set('requestId' as never, requestIdFrom(c.req.header('x-request-id')) as never);
    const parent = contextOf(c.req.header('traceparent'), context.active());
    const span = tracer().startSpan(c.req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': c.req.method } }, parent);
    // Without the SDK the caller's trace id still reaches the log lines.
    const remote = trace.getSpan(parent)?.spanContext().traceId;
    if (remote) c.set('traceId' as never, remote as never);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = routeOf(c);
      const status = c.res.status;
      const seconds = (performance.now() - started) / 1000;
      requests?.inc({ method: c.req.method, route, status });
      duration?.observe({ method: c.req.method, route }, seconds);
      if (status >= 500) errors?.inc({ method: c.req.method, route });
      span.updateName(`${c.req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      const fields = { ...requestFields(c), method: c.req.method, route, status, ms: Math.round(seconds * 1000) };
      context.with(trace.setSpan(parent, span), () =>
        status >= 500 ? logger.error(fields, 'request failed') : logger.info(fields, 'request'),
      );
      span.end();
    }
  };
}

/** `GET /metrics` in Prometheus text: open, or only for a bearer token `authorize` accepts (production). */
export function metricsRoute(metrics: Metrics, authorize?: (token: string) => Promise<boolean>): MiddlewareHandler {
  return async (c) => {
    if (authorize) {
      const header = c.req.header('authorization') ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!token || !(await authorize(token))) {
        c.header('WWW-Authenticate', 'Bearer realm="liaison-metrics"');
        return c.json(
          { error: { code: 'UNAUTHENTICATED', message: 'metrics need an admin token of the secretariat, or the metrics port' } },
          401,
        );
      }
    }
    return c.body(await metrics.text(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  };
}
