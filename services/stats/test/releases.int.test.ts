import { randomUUID } from 'node:crypto';
import { listAgencies, seedAgencies } from '@liaison/auth';
import { makeEvent } from '@liaison/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/domain/catalogue.ts';
import { buildRelease, getRelease, type ReleaseDeps, requestRelease, runReleaseJob } from '../src/domain/releases.ts';
import { applyDirectly, sampleEvents, type StatsFixture, statsFixture } from './helpers.ts';

const fact = (body: string, at: string) => {
  const caseId = randomUUID();
  return makeEvent({
    type: 'jp.liaison.case.fact.v1',
    source: `/agencies/${body}`,
    subject: caseId,
    time: new Date(at),
    data: {
      caseId,
      agency: body,
      month: at.slice(0, 7),
      category: 'R01',
      consulter: 'SELF',
      victimUnder18: false,
      requestedActions: [],
      urlHashes: [],
      version: 1,
    },
  });
};

// Releases: immutable snapshots of closed periods, built from the rollups some business days after
// the period closes, disclosure-controlled, announced; a fact arriving late counts in the next open month.
describe('statistics releases', () => {
  let fx: StatsFixture;
  let deps: ReleaseDeps;
  let now = new Date('2026-08-20T10:00:00+09:00');

  beforeAll(async () => {
    fx = await statsFixture('pglog', 'statsrel');
    await seedAgencies(fx.database.db);
    await applyDirectly(
      fx.database,
      sampleEvents({ seed: 11, from: '2026-04', to: '2026-07', scale: 0.2, bodyScale: { hotline: 0.02 }, referralBoost: 4 }),
    );
    deps = {
      db: fx.database.db,
      catalogue: loadCatalogue(),
      bodies: async () =>
        (await listAgencies(fx.database.db))
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
      now: () => now,
    };
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
  });

  it('refuses to release a period that has not closed', async () => {
    await expect(buildRelease(deps, { period: '2026-08' })).rejects.toMatchObject({ code: 'CONFLICT', kind: 'conflict' });
    await expect(buildRelease(deps, { period: 'FY2026' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(buildRelease(deps, { period: '2026-8' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('releases each closed month and quarter once it is due, and announces each', async () => {
    // 2026-08-06: July closed, but five business days have not passed yet.
    now = new Date('2026-08-06T10:00:00+09:00');
    // A stopping process ends a pass between two periods (here after two); the next pass builds the rest.
    let asked = 0;
    expect(await runReleaseJob(deps, { businessDays: 5, shouldStop: () => asked++ >= 2 })).toEqual(['2026-04', '2026-05']);
    expect(await runReleaseJob(deps, { businessDays: 5 })).toEqual(['2026-06', '2026Q1']);
    now = new Date('2026-08-20T10:00:00+09:00');
    expect(await runReleaseJob(deps, { businessDays: 5 })).toEqual(['2026-07']);
    expect(await runReleaseJob(deps, { businessDays: 5 })).toEqual([]);
    const events = await fx.database.pool.query(`select event from stats.outbox order by id`);
    expect(events.rows.map((r) => r.event.data.period)).toEqual(['2026-04', '2026-05', '2026-06', '2026Q1', '2026-07']);
    expect(events.rows[3].event).toMatchObject({
      type: 'jp.liaison.stats.release_published.v1',
      data: { grain: 'quarter', tables: expect.arrayContaining(['referral-flows']) },
    });
  });

  it('publishes no count from 1 to k−1, hides enough that no hidden cell follows from its margins, and keeps the quarter equal to its months', async () => {
    const q1 = (await getRelease(fx.database.db, '2026Q1'))!;
    expect(q1.labelJa).toBe('2026年度 第1四半期');
    const specs = new Map(loadCatalogue().map((t) => [t.id, t]));
    for (const table of q1.tables) {
      const strict = specs.get(table.id)!.stricter;
      for (const cell of table.cells) {
        // Cells of children's and intimate-image categories (R05, I02) need 20, the rest the table's k.
        const k =
          strict && Object.values(strict.codes).some((codes) => codes.includes(cell.row) || codes.includes(cell.col)) ? strict.k : table.k;
        if (table.measure === 'count' && cell.value !== null)
          expect(cell.value === 0 || cell.value >= k, `${table.id} ${cell.row}/${cell.col}`).toBe(true);
        if (cell.suppressed) expect(cell.value).toBeNull();
      }
      // No row or column of a published margin has exactly one hidden cell (it would follow by subtraction).
      if (table.measure === 'count' && table.margins.rows) {
        for (const row of table.rows) {
          const line = table.cells.filter((c) => c.row === row.code);
          const total = line.find((c) => c.col === '_total')!;
          if (!total.suppressed) expect(line.filter((c) => c.suppressed).length, `${table.id} row ${row.code}`).not.toBe(1);
        }
      }
    }
    const suppressed = q1.tables.flatMap((t) => t.cells).filter((c) => c.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    // The manifest covers the quarter's cells and the frozen cells of its months it is checked with.
    expect(q1.manifest.suppressed).toBeGreaterThanOrEqual(
      q1.tables
        .filter((t) => t.measure === 'count')
        .flatMap((t) => t.cells)
        .filter((c) => c.suppressed).length,
    );
    // The quarter's referral flows are the sum of its months' wherever all four are published.
    const flows = (p: string) => getRelease(fx.database.db, p).then((r) => r!.tables.find((t) => t.id === 'referral-flows')!);
    const [quarter, ...months] = await Promise.all(['2026Q1', '2026-04', '2026-05', '2026-06'].map(flows));
    let checked = 0;
    for (const cell of quarter!.cells) {
      const parts = months.map((m) => m!.cells.find((c) => c.row === cell.row && c.col === cell.col)!);
      if (cell.value !== null && parts.every((p) => p.value !== null)) {
        expect(cell.value).toBe(parts.reduce((s, p) => s + p.value!, 0));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('keeps a published release unchanged: no second build, no update, no delete', async () => {
    await expect(buildRelease(deps, { period: '2026-05' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(fx.database.pool.query(`update stats.releases set tables = '[]' where period = '2026-05'`)).rejects.toThrow(/immutable/);
    await expect(fx.database.pool.query(`delete from stats.releases where period = '2026-05'`)).rejects.toThrow(/immutable/);
    await expect(fx.database.pool.query(`delete from stats.released_months where month = '2026-05'`)).rejects.toThrow(/immutable/);
  });

  it('counts a fact that arrives after its month was released in the next open month', async () => {
    const before = (await getRelease(fx.database.db, '2026-05'))!;
    const count = async (month: string) =>
      Number(
        (
          await fx.database.pool.query(`select coalesce(sum(n), 0) as n from stats.r_consultation where body = 'center' and month = $1`, [
            month,
          ])
        ).rows[0].n,
      );
    const may = await count('2026-05');
    const august = await count('2026-08');
    await applyDirectly(fx.database, [fact('center', '2026-05-20T10:00:00+09:00')]);
    expect(await count('2026-05')).toBe(may);
    expect(await count('2026-08')).toBe(august + 1);
    expect(await getRelease(fx.database.db, '2026-05')).toEqual(before);
  });

  it('releases a fiscal year on demand, with its missing months and quarters first, linked to the ones published', async () => {
    now = new Date('2027-05-10T10:00:00+09:00');
    const fy = await requestRelease(deps, { period: 'FY2026', requestedBy: 'center' });
    expect(fy.grain).toBe('fiscal-year');
    const periods = (await fx.database.pool.query(`select period from stats.releases order by period`)).rows.map((r) => r.period);
    expect(periods).toEqual(expect.arrayContaining(['2026-12', '2027-03', '2026Q2', '2026Q4', 'FY2026']));
    const byMonth = fy.tables.find((t) => t.id === 'consultations-by-body-month')!;
    expect(byMonth.cols.map((c) => c.code)).toHaveLength(12);
    // The year's April figure for each body is the April release's own figure (or hidden in both).
    const april = (await getRelease(fx.database.db, '2026-04'))!.tables.find((t) => t.id === 'consultations-by-body-month')!;
    for (const cell of april.cells.filter((c) => c.col === '2026-04')) {
      const inYear = byMonth.cells.find((c) => c.row === cell.row && c.col === '2026-04')!;
      if (!cell.suppressed) expect(inYear.value === null || inYear.value === cell.value).toBe(true);
    }
  }, 120_000);
});
