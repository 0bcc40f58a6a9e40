/**
 * @liaison/report — the council's meeting report, built only from published statistics releases.
 *
 *   const draft = await buildReport(source, 'FY2025');          // tables + rule-written sentences
 *   const edited = editSentence(draft, 'total', { ja: '…' });    // the secretariat's wording
 *   const approved = approveReport(edited, { version: 1, approvedBy, approvedAt }); // frozen
 *   renderHtml(approved); renderFiles(approved, 'csv'); await renderPdf(renderHtml(approved));
 *
 * Pure functions over a JSON-serialisable model: storing drafts and approved versions is the
 * caller's (services/secretariat). Releases are read through a `ReleaseSource`
 * (`@liaison/report/stats` reads them as the stats service does); PDF via `@liaison/report/pdf`.
 */
export { type BuildOptions, buildReport, REQUIRED_TABLES } from './build.ts';
export { approveReport, editSentence, omitSentence, reportDigest, unsupportedNumbers } from './edit.ts';
export * from './model.ts';
export { parseReportPeriod, type ReportPeriod } from './period.ts';
export { ruleIds } from './rules.ts';
export { type ReportFormat, renderFiles, renderHtml, renderJson, reportFormats, sentencesCsv, tableCsv } from './render.ts';
export type { ReleaseSource, SourceRelease, SourceTable } from './source.ts';
