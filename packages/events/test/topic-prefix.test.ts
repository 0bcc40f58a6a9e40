import { describe, expect, it } from 'vitest';
import { type BusAdapter, EventBus } from '../src/index.ts';

// Naming only: no message is sent, so the adapter is never called.
const adapter = { kind: 'pglog' } as BusAdapter;

describe('topic prefix', () => {
  it('separates the prefix from the topic and group names with a dot', () => {
    const bus = new EventBus(adapter, 'probe');
    expect(bus.topic('liaison.referrals')).toBe('probe.liaison.referrals');
    expect(bus.group('referrals.inbox-projector')).toBe('probe.referrals.inbox-projector');
  });

  it('does not double a dot the prefix already ends with', () => {
    const bus = new EventBus(adapter, 'probe.');
    expect(bus.topic('liaison.referrals')).toBe('probe.liaison.referrals');
    expect(bus.group('notifier.fan-out')).toBe('probe.notifier.fan-out');
  });

  it('leaves names as they are without a prefix', () => {
    expect(new EventBus(adapter).topic('liaison.dlq')).toBe('liaison.dlq');
    expect(new EventBus(adapter, '').group('notifier.fan-out')).toBe('notifier.fan-out');
  });
});
