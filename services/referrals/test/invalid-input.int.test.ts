import { randomUUID } from 'node:crypto';
import type { Actor, Agency } from '@liaison/auth';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsService, type ReferralsService } from '../src/index.ts';
import { type ServiceFixture, serviceFixture } from './helpers.ts';

const RUNS = 1000;
const bodies: Record<string, Agency> = {
  center: { code: 'center', nameJa: 'センター', nameEn: 'Center', roles: ['member'] },
  sia: { code: 'sia', nameJa: 'SIA', nameEn: 'SIA', roles: ['member'] },
  mic: { code: 'mic', nameJa: '総務省', nameEn: 'MIC', roles: ['observer'] },
};
const actors: Record<string, Actor> = {
  lia_center: { agency: 'center', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
  lia_sia: { agency: 'sia', role: 'caseworker', tokenId: randomUUID(), agencyRoles: ['member'] },
};

/** Any JSON value that is not an object, or an object, of arbitrary shape. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

/** Valid create body, then broken in one or more ways. */
const invalidCreate = fc.oneof(
  // Not an object at all.
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(anyJson, { maxLength: 3 })).map((v) => ({ raw: JSON.stringify(v) })),
  // Not JSON.
  fc
    .string({ minLength: 1 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((raw) => ({ raw })),
  // A valid body with one field broken, removed, or an unknown field added.
  fc
    .record({
      field: fc.constantFrom('recipient', 'category', 'kind', 'urgent', 'status'),
      how: fc.constantFrom('wrong-type', 'bad-value', 'missing', 'extra'),
      value: notAString,
      text: fc.string({ maxLength: 40 }),
      extraKey: fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((k) => !['recipient', 'category', 'kind', 'urgent', 'status'].includes(k) && k !== '__proto__'),
    })
    .filter((r) => !(r.how === 'missing' && ['kind', 'urgent', 'status'].includes(r.field)))
    .map(({ field, how, value, text, extraKey }) => {
      const body: Record<string, unknown> = { recipient: 'sia', category: 'R01', kind: 'referral', urgent: false, status: 'requested' };
      if (how === 'missing') delete body[field];
      else if (how === 'extra') body[extraKey] = text;
      else if (how === 'wrong-type') body[field] = field === 'urgent' ? text || 'yes' : value;
      else body[field] = field === 'urgent' ? 'maybe' : `${text}!¿`; // no valid code contains these
      return { raw: JSON.stringify(body), field: how === 'extra' ? extraKey : field };
    }),
);

const invalidStatus = fc.oneof(
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(anyJson, { maxLength: 3 })).map((v) => ({ raw: JSON.stringify(v) })),
  fc
    .record({
      field: fc.constantFrom('status', 'businessStatus', 'statusReason', 'expectedVersion'),
      value: fc.oneof(
        notAString,
        fc.string({ maxLength: 30 }).map((s) => `${s}¿`),
        fc.constant(''),
        fc.double({ noInteger: true }),
        fc.integer({ max: 0 }),
      ),
    })
    .filter(
      ({ field, value }) => !(field === 'statusReason' && typeof value === 'string' && value.trim().length > 0 && value.length <= 2000),
    )
    .filter(({ field, value }) => !(field === 'expectedVersion' && Number.isInteger(value) && (value as number) >= 1))
    .map(({ field, value }) => {
      const body: Record<string, unknown> = { status: 'received' };
      body[field] = value;
      return { raw: JSON.stringify(body), field };
    }),
);

// Property-based: many generated invalid inputs per write endpoint → a 4xx naming the field, never
// a 5xx, and nothing stored or published.
describe('invalid input on every write endpoint', () => {
  let fx: ServiceFixture;
  let service: ReferralsService;
  let referralId: string;

  const post = async (path: string, raw: string) => {
    const res = await service.app.request(path, {
      method: 'POST',
      headers: { authorization: 'Bearer lia_center', 'content-type': 'application/json' },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const counts = async () => {
    const { rows } = await fx.database.pool.query(
      `select (select count(*) from referrals.referrals)::int as referrals, (select count(*) from referrals.outbox)::int as outbox,
              (select count(*) from referrals.referral_status_history)::int as history, (select max(version) from referrals.referrals)::int as version`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    service = createReferralsService({
      database: fx.database,
      bus: fx.bus(),
      verifyToken: async (t) => actors[t] ?? null,
      agency: async (c) => bodies[c],
      relay: false,
      consumers: false,
    });
    const created = await post('/v1/referrals', JSON.stringify({ recipient: 'sia', category: 'R01' }));
    expect(created.status).toBe(201);
    referralId = created.body.id;
  });
  afterAll(async () => {
    await fx?.close();
  });

  it(`POST /v1/referrals: ${RUNS} generated invalid bodies`, async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(invalidCreate, async (input) => {
        const res = await post('/v1/referrals', input.raw);
        expect(res.status, input.raw).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        const fields = res.body.error.details.problems.map((p: { field: string }) => p.field);
        expect(fields.length).toBeGreaterThan(0);
        if ('field' in input && input.field) expect(fields, input.raw).toContain(input.field);
      }),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
  });

  it(`POST /v1/referrals/{id}/status: ${RUNS} generated invalid bodies`, async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(invalidStatus, async (input) => {
        const res = await post(`/v1/referrals/${referralId}/status`, input.raw);
        expect(res.status, input.raw).toBe(400);
        const fields = res.body.error.details.problems.map((p: { field: string }) => p.field);
        expect(fields.length).toBeGreaterThan(0);
        if ('field' in input && input.field) expect(fields, input.raw).toContain(input.field);
      }),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses a malformed referral id in the path with 400 naming it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter(
            (s) =>
              !/^[0-9a-f-]{36}$/i.test(s) &&
              !s.includes('/') &&
              !s.includes('?') &&
              !s.includes('#') &&
              !s.includes('%') &&
              s.trim() === s &&
              s !== '.' &&
              s !== '..' &&
              s !== 'sent' &&
              s !== 'action-needed',
          ),
        async (id) => {
          const res = await post(`/v1/referrals/${encodeURIComponent(id)}/status`, JSON.stringify({ status: 'received' }));
          expect(res.status, id).toBe(400);
          expect(res.body.error.details.problems.map((p: { field: string }) => p.field)).toContain('param.id');
        },
      ),
      { numRuns: 300 },
    );
  });
});
