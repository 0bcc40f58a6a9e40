import { auditMigrations } from '@liaison/audit';
import { authMigrations, listAgencies, seedAgencies } from '@liaison/auth';
import { createDatabase, type Database } from '@liaison/db/client';
import { migrate } from '@liaison/db/migrate';
import { pglogMigrations } from '@liaison/events';
import {
  applyEvents,
  buildRelease,
  loadCatalogue,
  RELEASE_LOCK,
  type ReleaseDeps,
  requestRelease,
  statsMigrations,
  syncProjections,
} from '@liaison/stats';
import { seedStatistics, syntheticEvents } from '@liaison/stats/seed';
import { createTestDatabase, type TestDatabase } from '@liaison/testing';

export interface ReleasedStatistics {
  testDb: TestDatabase;
  database: Database;
  deps: ReleaseDeps;
  close(): Promise<void>;
}

/**
 * A real Postgres with the stats schema, synthetic facts seeded through the stats service's bulk
 * path from `from` to `to`, and the releases of `periods` published by the stats service itself
 * (its months and quarters first), then the lone months `months`.
 */
export async function releasedStatistics(
  adminUrl: string,
  name: string,
  o: { segments: { from: string; to: string; scale: number; seed: number }[]; periods: string[]; months?: string[] },
): Promise<ReleasedStatistics> {
  const testDb = await createTestDatabase(adminUrl, name);
  const database = createDatabase({ url: testDb.url, max: 8 });
  try {
    await migrate(database, [authMigrations, auditMigrations, pglogMigrations, statsMigrations]);
    await seedAgencies(database.db);
    await syncProjections(database.db, loadCatalogue(), RELEASE_LOCK);
    // The generator's volumes are even month to month and year to year: segments at other scales
    // (and other seeds) make rises, falls and a record month for the rules to find. The first goes
    // through the bulk path (an empty schema only), the others through the consumer's own path.
    const [first, ...rest] = o.segments;
    const options = (seg: (typeof o.segments)[number]) => ({
      seed: seg.seed,
      from: seg.from,
      to: seg.to,
      scale: seg.scale,
      bodyScale: { hotline: 0.05 },
      referralBoost: 4,
    });
    if (first) await seedStatistics(database, options(first));
    for (const seg of rest) {
      for (const batch of syntheticEvents(options(seg), 2000)) await database.db.transaction((tx) => applyEvents(tx, batch));
    }
    const deps: ReleaseDeps = {
      db: database.db,
      catalogue: loadCatalogue(),
      bodies: async () =>
        (await listAgencies(database.db))
          .filter((a) => a.roles.includes('member'))
          .map((a) => ({ code: a.code, ja: a.nameJa, en: a.nameEn })),
    };
    for (const period of o.periods) await requestRelease(deps, { period, requestedBy: 'test' });
    for (const month of o.months ?? []) await buildRelease(deps, { period: month });
    return {
      testDb,
      database,
      deps,
      async close() {
        await database.close();
        await testDb.drop();
      },
    };
  } catch (err) {
    await database.close();
    await testDb.drop();
    throw err;
  }
}
