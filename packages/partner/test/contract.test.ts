import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const schemas = new URL('../../../schemas/', import.meta.url);
const asyncapi = JSON.parse(readFileSync(new URL('asyncapi.json', schemas), 'utf8'));
const events = readdirSync(new URL('events/', schemas))
  .filter((f) => f.endsWith('.json'))
  .map(
    (file) =>
      ({ file, ...JSON.parse(readFileSync(new URL(`events/${file}`, schemas), 'utf8'))['x-liaison'] }) as {
        file: string;
        type: string;
        topic: string;
        aggregate: string;
      },
  );
const resolve = (ref: string) =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: any, part) => node?.[part.replaceAll('~1', '/')], asyncapi);

// The AsyncAPI document is what a team in another language builds its consumer from: it must
// declare every event with its schema, the Kafka key and bindings, and the dead-letter headers.
describe('the AsyncAPI contract (schemas/asyncapi.json)', () => {
  it('declares every event type of schemas/events, with its schema, on the channel of its topic', () => {
    expect(events.length).toBeGreaterThanOrEqual(9);
    for (const e of events) {
      const channel = Object.values(asyncapi.channels as Record<string, any>).find((c) => c.address === e.topic);
      expect(channel, `${e.type}: a channel for ${e.topic}`).toBeDefined();
      const messages = Object.values(channel.messages as Record<string, { $ref: string }>).map((m) => resolve(m.$ref));
      const message = messages.find((m) => m.name === e.type);
      expect(message, `${e.type} on ${e.topic}`).toBeDefined();
      expect(message.payload.$ref, e.type).toBe(`./events/${e.file}`);
    }
  });

  it('declares the Kafka message key (the aggregate id), the CloudEvents headers and the bindings of every message and channel', () => {
    for (const [name, channel] of Object.entries(asyncapi.channels as Record<string, any>)) {
      expect(channel.bindings?.kafka?.topic, name).toBe(channel.address);
      for (const ref of Object.values(channel.messages as Record<string, { $ref: string }>)) {
        const message = resolve(ref.$ref);
        const traits = (message.traits ?? []).map((t: { $ref: string }) => resolve(t.$ref));
        const kafka = message.bindings?.kafka ?? traits.find((t: any) => t.bindings?.kafka)?.bindings.kafka;
        expect(kafka?.key, `${message.name}: Kafka key`).toBeDefined();
        expect(kafka.bindingVersion, message.name).toBeDefined();
      }
    }
    for (const [name, op] of Object.entries(asyncapi.operations as Record<string, any>)) {
      if (op.action === 'receive') expect(op.bindings?.kafka?.groupId, `${name}: consumer group`).toBeDefined();
    }
  });

  it('declares the dead-letter headers', () => {
    const dlq = Object.values(asyncapi.channels as Record<string, any>).find((c) => c.address === 'liaison.dlq');
    const message = resolve((Object.values(dlq.messages)[0] as { $ref: string }).$ref);
    expect(Object.keys(message.headers.properties).sort()).toEqual([
      'liaison_dlq_group',
      'liaison_dlq_offset',
      'liaison_dlq_partition',
      'liaison_dlq_reason',
      'liaison_dlq_topic',
    ]);
    expect(message.headers.required).toEqual(
      expect.arrayContaining(['liaison_dlq_reason', 'liaison_dlq_topic', 'liaison_dlq_partition', 'liaison_dlq_offset']),
    );
  });
});
