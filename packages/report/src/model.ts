/**
 * The meeting report as data. Everything in it comes from published statistics releases (never from
 * raw facts); a table cell is a release's cell, copied; a sentence names the cells it is derived
 * from. The model is what the secretariat edits, approves and stores (as JSON); every output
 * (HTML, PDF, CSV, JSON) is rendered from it.
 */
import { DomainError, type DomainErrorKind } from '@liaison/domain';

/** A code with its labels, Japanese first (as releases give them). */
export interface ReportLabel {
  code: string;
  ja: string;
  en: string;
}

/** One cell: its number, or 秘匿 (suppressed, no value). */
export interface ReportCell {
  row: string;
  col: string;
  value: number | null;
  suppressed: boolean;
}

/** A table of the report: a release's table as published, or a comparison derived from two releases' published cells. */
export interface ReportTable {
  /** The release table id (`category-by-body`), or `yoy-…` for a comparison with the year before. */
  id: string;
  titleJa: string;
  titleEn: string;
  measure: 'count' | 'median-days' | 'comparison';
  k: number;
  rows: ReportLabel[];
  cols: ReportLabel[];
  margins: { rows: boolean; cols: boolean; total: boolean };
  cells: ReportCell[];
  /** The releases (period ids) its cells come from. */
  sources: string[];
  /** Drawn as a chart in the printed report. */
  chart: boolean;
}

export interface ReportSection {
  id: string;
  titleJa: string;
  titleEn: string;
  /** Table ids, in order. */
  tables: string[];
  /** Said when the section has no table (e.g. no release a year earlier). */
  noteJa?: string;
  noteEn?: string;
}

/** A published cell a sentence is derived from. */
export interface CellRef {
  table: string;
  /** The release's period (`FY2025`, or the year before's `FY2024`). */
  period: string;
  row: string;
  col: string;
  value: number;
}

/** A number a sentence states that is computed from its cells (indices into `cells`). */
export interface Derived {
  kind: 'share' | 'change' | 'difference';
  /** share = a / b × 100, change = (a − b) / b × 100 (one decimal); difference = a − b. */
  of: [number, number];
  value: number;
}

export interface Sentence {
  id: string;
  /** The rule that wrote it (see rules.ts). */
  rule: string;
  ja: string;
  en: string;
  cells: CellRef[];
  derived: Derived[];
  /** What the rule wrote, kept when the secretariat edits the text. */
  generated: { ja: string; en: string };
  edited: boolean;
  /** Left out of the report by the secretariat (kept in the model, so the draft stays traceable). */
  omitted: boolean;
}

export interface Approval {
  version: number;
  approvedBy: string;
  /** Given by the caller (the secretariat's store), so the model itself stays deterministic. */
  approvedAt: string;
  /** sha256 of the approved model's content (everything but this approval). */
  digest: string;
}

export interface ReportModel {
  format: 'liaison.meeting-report/1';
  title: { ja: string; en: string };
  period: { id: string; grain: 'quarter' | 'fiscal-year'; labelJa: string; labelEn: string; months: string[] };
  /** The same period a year earlier, when its release exists. */
  comparison: { id: string; labelJa: string; labelEn: string } | null;
  /** The releases read: their ids and periods. */
  releases: { id: string; period: string }[];
  /** No consultation, referral or outcome in the period's release (the report says so). */
  empty: boolean;
  sections: ReportSection[];
  tables: ReportTable[];
  sentences: Sentence[];
  status: 'draft' | 'approved';
  approval: Approval | null;
}

export type ReportErrorCode = 'BAD_PERIOD' | 'MONTHS_NOT_RELEASED' | 'PERIOD_NOT_RELEASED' | 'FROZEN' | 'NO_SENTENCE' | 'BAD_EDIT';

const kinds: Record<ReportErrorCode, DomainErrorKind> = {
  BAD_PERIOD: 'invalid',
  BAD_EDIT: 'invalid',
  MONTHS_NOT_RELEASED: 'conflict',
  PERIOD_NOT_RELEASED: 'conflict',
  FROZEN: 'conflict',
  NO_SENTENCE: 'not_found',
};

/**
 * A coded failure: which input was wrong and how. A DomainError, so the secretariat's HTTP layer
 * maps it like any other (invalid → 400, conflict → 409, not_found → 404); the CLI maps it to exit codes.
 */
export class ReportError extends DomainError {
  constructor(
    override readonly code: ReportErrorCode,
    message: string,
    override readonly details: Record<string, unknown> = {},
  ) {
    super(code, kinds[code], message, details);
    this.name = 'ReportError';
  }
}

/** The margin code of releases (row or column total). */
export const TOTAL = '_total';
