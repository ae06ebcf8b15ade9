/** Writes one run's reports into a folder of its own (the CLI picks a fresh folder per run). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHtml } from './html.ts';
import { formatJson } from './json.ts';
import { formatJUnit } from './junit.ts';
import { formatMarkdown } from './markdown.ts';
import type { RunMeta } from './meta.ts';
import type { ReportExtras } from './oracle-sections.ts';
import type { ImplementationReport } from './summary.ts';

export interface ReportPaths {
  json: string;
  markdown: string;
  junit: string;
  html: string;
}

/** Writes report.json, report.md, junit.xml and report.html into `dir` (created if needed) and returns their paths. */
export function writeReports(dir: string, reports: readonly ImplementationReport[], extras: ReportExtras, meta: RunMeta): ReportPaths {
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = { json: join(dir, 'report.json'), markdown: join(dir, 'report.md'), junit: join(dir, 'junit.xml'), html: join(dir, 'report.html') };
  writeFileSync(paths.json, formatJson(reports, extras, meta));
  writeFileSync(paths.markdown, formatMarkdown(reports, extras, meta));
  writeFileSync(paths.junit, formatJUnit(reports, meta));
  writeFileSync(paths.html, formatHtml(reports, extras, meta));
  return paths;
}
