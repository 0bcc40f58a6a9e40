export { auditIntervals } from './audit.ts';
export {
  type Cell,
  type CellStatus,
  type CellSystem,
  type Constraint,
  type ConstraintKind,
  DisclosureError,
  type DisclosureErrorCode,
  type Interval,
  type SuppressionReason,
  type SuppressionStats,
} from './model.ts';
export { isPrimary, type ProtectOptions, type Protection, protect } from './protect.ts';
export {
  cellId,
  figureTerms,
  linkFigures,
  linkMargins,
  type FigureRef,
  linkPeriods,
  type MarginRef,
  mergeSystems,
  type PlacedTable,
  sumConstraint,
  TOTAL,
  type TableInput,
  tableSystem,
} from './tables.ts';
export {
  type AuditManifest,
  MANIFEST_FORMAT,
  type ManifestAudience,
  type ManifestCell,
  type ManifestInput,
  manifest,
  verifyManifest,
} from './manifest.ts';
export { type MeasureInput, type MeasureResult, protectMeasures } from './measures.ts';
export { type NaiveSuppression, naiveRowSuppression } from './naive.ts';
