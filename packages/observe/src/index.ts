export {
  createLogger,
  errorCode,
  flushLogs,
  type LogDestination,
  type Logger,
  type LoggerOptions,
  loggerFor,
  type LogSink,
  REDACT_PATHS,
} from './logger.ts';
export { createMetrics, type GaugeCollector, Metrics } from './metrics.ts';
export { activeTraceId, contextOf, inSpan, SpanKind, traceparentOf, tracer } from './tracing.ts';
export { metricsRoute, observeRequests, requestFields, requestIdFrom } from './http.ts';
