/**
 * The Markdown report: the run's metadata and counts, the matrix (an unsupported cell with its
 * reason), then per implementation each failure with its mismatch, fixture and repro line, the
 * baseline's expected failures and fixed cases, and each unsupported case under its own reason;
 * then the oracle sections.
 */
import type { CaseResult } from '../judge.ts';
import { BASELINE_NOTES, cellInWords, failureDetails } from './failure.ts';
import { durationInWords, metaLines, type RunMeta } from './meta.ts';
import { extrasMarkdown, type ReportExtras } from './oracle-sections.ts';
import { plainText } from './plain-text.ts';
import { allFeatures, countsInWords, outcomeOf, overallCounts, reasonsInWords, unsupportedReasons, type ImplementationReport, type Outcome } from './summary.ts';

/** Adapter text inside a table cell or a list item: one line, no table breaks, no raw HTML. */
const text = (s: string) => plainText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (s: string) => (s.includes('`') ? `\`\` ${plainText(s)} \`\`` : `\`${plainText(s)}\``);

function matrix(reports: readonly ImplementationReport[]): string[] {
  const row = (r: string[]) => `| ${r.join(' | ')} |`;
  return [
    row(['feature', ...reports.map((r) => text(r.implementation))]),
    row(['---', ...reports.map(() => '---')]),
    ...allFeatures(reports).map((f) => row([f, ...reports.map((r) => {
      const cell = r.features.find((x) => x.feature === f);
      if (!cell) return '-';
      return cell.status === 'unsupported' ? `unsupported: ${text(reasonsInWords(cell.reasons))}` : cellInWords(cell);
    })])),
  ];
}

function caseItem(c: CaseResult, outcome: Outcome): string[] {
  const head = outcome === 'fail' ? '**FAIL**' : outcome === 'fixed' ? '**FIXED**' : 'expected failure';
  if (outcome === 'fixed') return [`- ${head} ${code(c.id)}: ${BASELINE_NOTES.fixed}`];
  return [`- ${head} ${code(c.id)}: ${text(c.message)}`, ...failureDetails(c).map(([k, v]) => `  - ${k}: ${k === 'mismatch' ? text(v) : code(v)}`)];
}

function implementationSection(r: ImplementationReport): string[] {
  if (r.loadError) return [`## ${text(r.implementation)}: could not be loaded`, '', text(r.loadError), ''];
  const out = [`## ${text(r.implementation)}: ${countsInWords(r.counts)}`, ''];
  const listed = (o: Outcome) => r.cases.filter((c) => outcomeOf(c) === o);
  const sections: Array<[string, Outcome]> = [['Failures', 'fail'], [`Expected failures (${BASELINE_NOTES['expected-failure']})`, 'expected-failure'], ['Fixed', 'fixed']];
  for (const [title, o] of sections) {
    const cases = listed(o);
    if (cases.length > 0) out.push(`### ${title}`, '', ...cases.flatMap((c) => caseItem(c, o)), '');
  }
  const reasons = unsupportedReasons(r);
  if (reasons.length > 0) out.push('### Unsupported', '', ...reasons.map((u) => `- ${text(u.reason)}: ${u.cases.map(code).join(', ')}`), '');
  return out;
}

export function formatMarkdown(reports: readonly ImplementationReport[], extras: ReportExtras = {}, meta?: RunMeta): string {
  const out = ['# rnnspec conformance report', ''];
  if (meta) out.push(...metaLines(meta).map(([k, v]) => `- ${k}: ${k === 'command' ? code(v) : text(v)}`), '');
  out.push(`**${countsInWords(overallCounts(reports))}**${meta ? ` in ${durationInWords(meta.durationMs)}` : ''}`, '');
  out.push(...matrix(reports), '');
  out.push('`err` is the largest |actual - expected| and `h` the worst headroom of the passing cases: worst |a - e| / (atol + rtol |e|); 1.00 is at the tolerance.', '');
  out.push(...reports.flatMap(implementationSection));
  out.push(...extrasMarkdown(extras, text));
  return out.join('\n');
}
