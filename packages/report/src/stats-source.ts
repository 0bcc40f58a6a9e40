import type { Db } from '@liaison/db';
import { getRelease, listReleases, type Release } from '@liaison/stats';
import type { ReleaseSource } from './source.ts';

/**
 * Releases read as the stats service reads them for observers (`getRelease`, `listReleases`):
 * the stored, immutable snapshots — the published tables only (no manifest internals, no facts).
 */
export function statsReleaseSource(db: Db, cache: Map<string, Release> = new Map()): ReleaseSource {
  return {
    async releasedPeriods() {
      return (await listReleases(db)).map((r) => r.period);
    },
    async release(period) {
      const r = await getRelease(db, period, cache);
      return r && { id: r.id, period: r.period, tables: r.tables };
    },
  };
}
