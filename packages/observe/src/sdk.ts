import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';

/** The standard variables that turn tracing on (any one of them set, and OTEL_SDK_DISABLED not `true`). */
export interface TracingEnv {
  OTEL_SDK_DISABLED?: string | undefined;
  OTEL_TRACES_EXPORTER?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
}

/** True when the standard `OTEL_*` variables ask for traces to be exported. */
export function tracingWanted(env: TracingEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the OpenTelemetry Node SDK when the standard variables ask for it, off otherwise (the API's
 * no-op tracer then costs next to nothing). The SDK reads its own configuration — exporter
 * (`OTEL_TRACES_EXPORTER`, default `otlp`), endpoint, protocol, headers, sampler, resource
 * attributes — from the `OTEL_*` variables; `serviceName` is used unless `OTEL_SERVICE_NAME` is set.
 * No automatic instrumentation is loaded: Liaison makes its own spans (HTTP, outbox, relay, bus,
 * consumers, webhooks). Returns the function that flushes and stops it, or undefined when off.
 */
export function startTracing(env: TracingEnv, serviceName: string): (() => Promise<void>) | undefined {
  if (!tracingWanted(env)) return undefined;
  const sdk = new NodeSDK({ serviceName, instrumentations: [], autoDetectResources: true });
  sdk.start();
  return () => sdk.shutdown();
}

/**
 * Tracing into memory, for tests: a tracer provider with an in-memory exporter, the
 * AsyncLocalStorage context manager and the W3C propagator, registered globally (once per process).
 */
export function startInMemoryTracing(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!trace.setGlobalTracerProvider(provider)) throw new Error('a tracer provider is already registered in this process');
  return exporter;
}
