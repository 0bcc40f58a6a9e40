import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkLoader } from '../src/seed/index.ts';
import { applyDirectly, rollupSnapshot, sampleEvents, type StatsFixture, statsFixture } from './helpers.ts';

// The bulk path (COPY and set-based rollups, for seeding millions of facts) must count exactly
// what the consumer counts: the same synthetic sample through both gives the same rollups.
describe('bulk path', () => {
  let eventPath: StatsFixture;
  let bulkPath: StatsFixture;
  const events = sampleEvents({ seed: 3, from: '2026-02', to: '2026-05', scale: 0.1, bodyScale: { hotline: 0.05 }, referralBoost: 5 });

  beforeAll(async () => {
    [eventPath, bulkPath] = await Promise.all([statsFixture('pglog', 'statsevt'), statsFixture('pglog', 'statsbulk')]);
  });
  afterAll(async () => {
    await eventPath?.close();
    await bulkPath?.close();
  });

  it('gives the same rollups as the event path on a sample', async () => {
    await applyDirectly(eventPath.database, events);
    const loader = new BulkLoader(bulkPath.database);
    await loader.begin();
    for (let i = 0; i < events.length; i += 700) await loader.add(events.slice(i, i + 700));
    await loader.finish();
    const expected = await rollupSnapshot(eventPath.database);
    expect(Object.values(expected).every((lines) => lines.length > 0)).toBe(true);
    expect(await rollupSnapshot(bulkPath.database)).toEqual(expected);
    const count = async (fx: StatsFixture) =>
      (await fx.database.pool.query('select count(*)::int as n from stats.consultations')).rows[0].n;
    expect(await count(bulkPath)).toBe(await count(eventPath));
  });

  it('refuses to load into a schema that has facts already', async () => {
    await expect(new BulkLoader(bulkPath.database).begin()).rejects.toThrow(/empty statistics schema/);
  });
});
