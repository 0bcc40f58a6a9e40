import type { ReportCell, ReportLabel } from './model.ts';

/** A table of a statistics release, as observers read it (the stats service's `PublishedTable`). */
export interface SourceTable {
  id: string;
  titleJa: string;
  titleEn: string;
  measure: 'count' | 'median-days';
  k: number;
  rows: ReportLabel[];
  cols: ReportLabel[];
  margins: { rows: boolean; cols: boolean; total: boolean };
  cells: ReportCell[];
}

/** A published statistics release (immutable). */
export interface SourceRelease {
  id: string;
  period: string;
  tables: SourceTable[];
}

/**
 * Where the report reads releases — published ones only, never facts or rollups. The stats
 * service's reader is `statsReleaseSource` (`@liaison/report/stats`); tests may hand in releases.
 */
export interface ReleaseSource {
  /** The periods (months, quarters, fiscal years) that have a published release. */
  releasedPeriods(): Promise<string[]>;
  /** The release of a period, or undefined when none is published. */
  release(period: string): Promise<SourceRelease | undefined>;
}
