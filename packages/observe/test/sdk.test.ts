import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { startTracing, tracingWanted } from '../src/sdk.ts';
import { traceparentOf, tracer } from '../src/tracing.ts';

describe('tracing set-up from the standard OTEL_* variables', () => {
  it('is off when none is set, on with an OTLP endpoint or an exporter, off again when disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingWanted({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(tracingWanted({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
  });

  it('starts no SDK when off: spans are no-ops and nothing is kept with an outbox row', () => {
    expect(startTracing({}, 'platform')).toBeUndefined();
    const span = tracer().startSpan('x');
    expect(span.isRecording()).toBe(false);
    expect(traceparentOf()).toBeUndefined();
    expect(traceparentOf(trace.setSpan(ROOT_CONTEXT, span))).toBeUndefined();
    span.end();
  });
});
