import { randomUUID } from 'node:crypto';
import type { Actor } from '@liaison/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const center: Actor = { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member', 'secretariat'] };

// The graceful drain's last publish: what the finished requests wrote is on the bus before the
// process exits, not left for the next relay.
describe('relay flush (graceful drain)', () => {
  let fx: ServiceFixture;
  let service: ReferralsService;

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    const bus = fx.bus();
    await bus.ensureTopics({ partitions: 3 });
    service = createReferralsService({
      database: fx.database,
      bus,
      verifyToken: async (token) => (token === 'lia_center' ? center : null),
      agency: async (code) =>
        code === 'sia' ? { code, nameJa: 'セーファーインターネット協会', nameEn: 'SIA', roles: ['member'] } : undefined,
      // Nothing runs: the relay publishes only when flushed.
      relay: false,
      consumers: false,
      log: () => {},
    });
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    await fx?.close();
  });

  it('publishes every outbox row written before the stop, once, and leaves the outbox empty', async () => {
    for (let i = 0; i < 25; i++) {
      const res = await service.app.request('/v1/referrals', {
        method: 'POST',
        headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'sia', category: 'R03' }),
      });
      expect(res.status).toBe(201);
    }
    expect(await service.relay.backlog()).toBe(25);
    const bus = fx.bus();
    expect(await bus.lag('flush-probe', ['liaison.referrals'])).toBe(0);
    expect(await service.relay.flush()).toBe(25);
    expect(await service.relay.backlog()).toBe(0);
    expect(await bus.lag('flush-probe', ['liaison.referrals'])).toBe(25);
    // A second flush finds nothing left.
    expect(await service.relay.flush()).toBe(0);
  });
});
