import { describe, expect, it } from 'vitest';
import { fromWire, toStructuredWire, toWire } from '../src/index.ts';
import { referralEvent } from './helpers.ts';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const event = () => referralEvent();

// The CloudEvents distributed-tracing extension on the wire: `ce_traceparent` in binary mode (Kafka
// and the Postgres log), the `traceparent` attribute in structured mode.
describe('traceparent on the wire', () => {
  it('travels as ce_traceparent in binary mode and comes back beside the event, not inside it', () => {
    const e = event();
    const wire = toWire(e, TRACEPARENT);
    expect(wire.headers.ce_traceparent).toBe(TRACEPARENT);
    const decoded = fromWire(wire);
    expect(decoded).toMatchObject({ ok: true, traceparent: TRACEPARENT });
    expect(decoded.ok && decoded.event).toEqual(e);
    expect(toWire(e).headers).not.toHaveProperty('ce_traceparent');
    expect(fromWire(toWire(e))).not.toHaveProperty('traceparent');
  });

  it('is read from a structured-mode event, and a malformed one is ignored without refusing the event', () => {
    const e = event();
    expect(fromWire(toStructuredWire({ ...e, traceparent: TRACEPARENT } as typeof e))).toMatchObject({
      ok: true,
      traceparent: TRACEPARENT,
    });
    const bad = fromWire({ ...toWire(e), headers: { ...toWire(e).headers, ce_traceparent: 'not-a-trace' } });
    expect(bad.ok).toBe(true);
    expect(bad).not.toHaveProperty('traceparent');
  });
});
