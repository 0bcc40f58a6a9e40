import type { Pool } from '@liaison/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferralsContext } from '../src/domain/context.ts';
import { createReferral, ReferralWriter } from '../src/index.ts';
import { caseworkerContext, type ServiceFixture, serviceFixture } from './helpers.ts';

// Postgres refuses a NUL byte in text. The HTTP layer keeps such input out; these tests go through
// the writer directly (createReferral in the domain), as a stand-in for any row Postgres refuses.
const good = {
  recipient: 'sia',
  kind: 'referral' as const,
  category: 'I02',
  urgent: false,
  routing: { overrideReason: '本人の希望でSIAへ' },
};
const bad = { ...good, routing: { overrideReason: '本人の希望\u0000でSIAへ' } };

// The group commit writes concurrent referrals in one statement; one row Postgres refuses must
// fail only its own request, never the others of its group.
describe('group commit with a row Postgres refuses', () => {
  let fx: ServiceFixture;
  let ctx: ReferralsContext;
  /** Per statement the writer sent: how many referrals it wrote, and whether a refused row was among them. */
  const statements: { referrals: number; withBadRow: boolean }[] = [];

  const counts = async () => {
    const { rows } = await fx.database.pool.query(
      `select (select count(*)::int from referrals.referrals) as referrals, (select count(*)::int from referrals.outbox) as events,
              (select count(*)::int from audit.entries) as audited, (select count(*)::int from referrals.deadlines) as clocks`,
    );
    return rows[0] as { referrals: number; events: number; audited: number; clocks: number };
  };

  beforeAll(async () => {
    fx = await serviceFixture('pglog');
    // The writer's pool, watched: which statements it sends (the real pool answers them).
    const pool = fx.database.pool;
    const watched = new Proxy(pool, {
      get(target, key) {
        if (key !== 'query') return Reflect.get(target, key, target);
        return (q: { text: string; values: unknown[] }) => {
          statements.push({
            referrals: (
              q.text
                .match(/^with state as \(insert into referrals\.referrals \([^)]*\) values (.*?) returning id\)/)?.[1]
                ?.match(/\(\$/g) ?? []
            ).length,
            withBadRow: q.values.some((v) => typeof v === 'string' && v.includes('\u0000')),
          });
          return target.query(q);
        };
      },
    }) as Pool;
    ctx = { ...caseworkerContext(fx.database), writer: new ReferralWriter(watched) };
    // One referral first, so the deadline policies are cached and concurrent creations reach the writer together.
    await createReferral({ ctx, input: good });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('commits the rest of a group and fails only the bad referral, with its own error', async () => {
    const before = await counts();
    statements.length = 0;
    // The first referral goes at once; the next ten arrive while it is on its way and share one statement.
    const inputs = [good, good, good, good, good, bad, good, good, good, good, good];
    const results = await Promise.allSettled(inputs.map((input) => createReferral({ ctx, input })));
    expect(
      statements.some((s) => s.referrals > 1 && s.withBadRow),
      JSON.stringify(statements),
    ).toBe(true);

    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, reason: r.reason as { code?: string } }] : []));
    expect(failed.map((f) => f.i)).toEqual([5]);
    // Postgres' own refusal (22021: character not in repertoire), not a generic batch failure.
    expect(failed[0]!.reason.code).toBe('22021');
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    const stored = await fx.database.pool.query('select id from referrals.referrals where id = any($1::uuid[])', [ids]);
    expect(stored.rowCount).toBe(10);
    // Each committed referral with its event, its audit entry and its three clocks; nothing of the bad one.
    expect(await counts()).toEqual({
      referrals: before.referrals + 10,
      events: before.events + 10,
      audited: before.audited + 10,
      clocks: before.clocks + 30,
    });
  });

  it('holds for any group: every good referral commits whole, every bad one fails whole (property)', async () => {
    let groupsWithBadRows = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 2, maxLength: 40 }), async (badAt) => {
        const before = await counts();
        statements.length = 0;
        const results = await Promise.allSettled(badAt.map((isBad) => createReferral({ ctx, input: isBad ? bad : good })));
        groupsWithBadRows += statements.filter((s) => s.referrals > 1 && s.withBadRow).length;
        results.forEach((r, i) => {
          expect(r.status, `referral ${i} of ${badAt.length}`).toBe(badAt[i] ? 'rejected' : 'fulfilled');
          if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('22021');
        });
        const committed = badAt.filter((b) => !b).length;
        expect(await counts()).toEqual({
          referrals: before.referrals + committed,
          events: before.events + committed,
          audited: before.audited + committed,
          clocks: before.clocks + 3 * committed,
        });
      }),
      { numRuns: 40 },
    );
    // The property did exercise groups holding a refused row (not only referrals written alone).
    expect(groupsWithBadRows).toBeGreaterThan(0);
  }, 120_000);
});
