/**
 * The conformance report: summarize a run into feature cells (summary.ts), then render it for a
 * terminal (text.ts), as JSON with a schema (json.ts, report.schema.json), Markdown (markdown.ts),
 * JUnit XML (junit.ts) and a self-contained HTML page (html.ts); writeReports writes the four files.
 */
export {
  summarize, unloadable, outcomeOf, countOutcomes, countsInWords, headroomBand, unsupportedReasons,
  type Counts, type FeatureCell, type HeadroomBand, type ImplementationReport, type Outcome, type Reason,
} from './summary.ts';
export { runMeta, rnnspecVersion, commandLine, type AdapterMeta, type RunMeta, type RunMetaInput } from './meta.ts';
export type { ReportExtras } from './oracle-sections.ts';
export { formatCase, formatText, type TextOptions } from './text.ts';
export { formatMarkdown } from './markdown.ts';
export { formatJson, REPORT_SCHEMA, SCHEMA_VERSION } from './json.ts';
export { formatJUnit } from './junit.ts';
export { formatHtml } from './html.ts';
export { plainText } from './plain-text.ts';
export { writeReports, type ReportPaths } from './write.ts';
