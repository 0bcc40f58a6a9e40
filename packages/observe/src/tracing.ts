import { type Context, context, ROOT_CONTEXT, type Span, type SpanOptions, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

export { SpanKind } from '@opentelemetry/api';

/** The tracer every Liaison component uses (a no-op until the SDK is started: `@liaison/observe/sdk`). */
export function tracer(): Tracer {
  return trace.getTracer('liaison');
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C `traceparent` of the span active in `ctx` (default: the current context), or undefined
 * when there is none — tracing off, or outside any traced work. This is what is kept with an outbox
 * row and sent as the CloudEvents `traceparent` extension.
 */
export function traceparentOf(ctx: Context = context.active()): string | undefined {
  const span = trace.getSpan(ctx);
  if (!span) return undefined;
  const sc = span.spanContext();
  if (!trace.isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** A context whose (remote) parent is `traceparent`; the root context when it is absent or malformed. */
export function contextOf(traceparent: string | null | undefined, base: Context = ROOT_CONTEXT): Context {
  const m = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!m) return base;
  const sc = { traceId: m[1]!, spanId: m[2]!, traceFlags: Number.parseInt(m[3]!, 16), isRemote: true };
  return trace.isSpanContextValid(sc) ? trace.setSpanContext(base, sc) : base;
}

/** The trace id of the active span, for log lines; undefined when there is none. */
export function activeTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  const id = span?.spanContext().traceId;
  return id && trace.isSpanContextValid(span!.spanContext()) ? id : undefined;
}

/**
 * Runs `work` in a new span, child of `parent` (default: the current context): ended when `work`
 * settles, marked as an error (class only, never a message) when it throws.
 */
export async function inSpan<T>(name: string, options: SpanOptions & { parent?: Context }, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.name ?? 'error' });
    throw err;
  } finally {
    span.end();
  }
}
