/**
 * The terminal report: the feature x implementation matrix (an unsupported cell points to its
 * reason below the matrix), then per implementation its counts in words, each failure with its
 * mismatch, fixture and repro line, the baseline's expected failures and fixed cases, the reasons
 * for unsupported cases; the oracle sections; and a summary line with the elapsed time.
 * Colour is a parameter (picocolors; the CLI passes its NO_COLOR / FORCE_COLOR decision); an
 * adapter's own escape codes and control characters are removed (plain-text.ts).
 */
import pc from 'picocolors';
import type { CaseResult } from '../judge.ts';
import { BASELINE_NOTES, OUTCOME_LABELS, cellInWords, failureDetails } from './failure.ts';
import { durationInWords, type RunMeta } from './meta.ts';
import { extrasText, type ReportExtras } from './oracle-sections.ts';
import { plainText } from './plain-text.ts';
import {
  allFeatures, countsInWords, headroomBand, outcomeOf, overallCounts, reasonsInWords, unsupportedReasons,
  type FeatureCell, type ImplementationReport, type Outcome,
} from './summary.ts';

export interface TextOptions {
  /** Colour the output (default: picocolors' own detection of NO_COLOR, FORCE_COLOR and a TTY). */
  color?: boolean;
  /** Adds the elapsed time to the summary line. */
  meta?: RunMeta;
  /** Failures listed per implementation (default 20); the rest are counted. */
  maxFailures?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

function cellColor(c: Colors, cell: FeatureCell): (s: string) => string {
  if (cell.status === 'fail') return (s) => c.bold(c.red(s));
  if (cell.status === 'expected-failure') return c.magenta;
  if (cell.status === 'unsupported') return c.dim;
  return headroomBand(cell.headroom) === 'near' ? c.yellow : c.green;
}

/** The matrix lines, and the reasons its unsupported cells point to ([1], [2], ...). */
function matrix(reports: readonly ImplementationReport[], c: Colors): string[] {
  const notes: string[] = [];
  const noteOf = (cell: FeatureCell) => {
    const text = plainText(reasonsInWords(cell.reasons));
    if (!notes.includes(text)) notes.push(text);
    return `unsupported [${notes.indexOf(text) + 1}]`;
  };
  const rows = allFeatures(reports).map((f) => reports.map((r) => r.features.find((x) => x.feature === f)));
  const cells = allFeatures(reports).map((f, i) => [f, ...rows[i].map((cell) => (!cell ? '-' : cell.status === 'unsupported' ? noteOf(cell) : cellInWords(cell)))]);
  const header = ['feature', ...reports.map((r) => r.implementation)];
  const widths = header.map((h, k) => Math.max(h.length, ...cells.map((r) => r[k].length)));
  const line = (r: string[], paint: (k: number, s: string) => string = (_, s) => s) => r.map((v, k) => paint(k, v.padEnd(widths[k]))).join('  ').trimEnd();
  return [
    c.bold(line(header)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((r, i) => line(r, (k, s) => (k === 0 || !rows[i][k - 1] ? s : cellColor(c, rows[i][k - 1]!)(s)))),
    ...(notes.length > 0 ? ['', ...notes.map((n, k) => c.dim(`[${k + 1}] ${n}`))] : []),
  ];
}

function caseLines(x: CaseResult, outcome: Outcome, c: Colors): string[] {
  const label = outcome === 'fail' || outcome === 'fixed' ? c.bold(c.red(OUTCOME_LABELS[outcome])) : c.magenta(OUTCOME_LABELS[outcome]);
  if (outcome === 'fixed') return [`${label} ${x.id}: ${BASELINE_NOTES.fixed}`];
  const note = outcome === 'expected-failure' ? [`    ${c.dim(`baseline: ${BASELINE_NOTES['expected-failure']}`)}`] : [];
  return [`${label} ${x.id}: ${plainText(x.message)}`, ...failureDetails(x).map(([k, v]) => `    ${c.dim(`${k}:`)} ${plainText(v)}`), ...note];
}

/**
 * One case as the terminal report lists it (the CLI and the vitest integration show the same):
 *   FAIL rnn/b: output[0,0,0] = 1.5 but should be 0.5 (atol 0.00001, rtol 0.0000013) [...]
 *       mismatch: 2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, ...
 *       fixture: golden/cases/rnn/b.json
 *       repro: npm run conformance -- --adapter impl --case rnn/b
 */
export function formatCase(x: CaseResult, options: { color?: boolean } = {}): string {
  return caseLines(x, outcomeOf(x), pc.createColors(options.color ?? false)).join('\n');
}

function implementationLines(r: ImplementationReport, c: Colors, maxFailures: number): string[] {
  if (r.loadError) return ['', `${c.bold(r.implementation)}: ${c.bold(c.red('could not be loaded'))}: ${plainText(r.loadError)}`];
  const out = ['', `${c.bold(r.implementation)}: ${countsInWords(r.counts)}`];
  const listed = (o: Outcome) => r.cases.filter((x) => outcomeOf(x) === o);
  const failures = listed('fail');
  const indented = (x: CaseResult, o: Outcome) => caseLines(x, o, c).map((l) => `  ${l}`);
  for (const x of failures.slice(0, maxFailures)) out.push(...indented(x, 'fail'));
  if (failures.length > maxFailures) out.push(`  ... and ${failures.length - maxFailures} more failures (see report.json or report.html)`);
  for (const o of ['expected-failure', 'fixed'] as const) for (const x of listed(o)) out.push(...indented(x, o));
  for (const u of unsupportedReasons(r)) {
    const shown = u.cases.slice(0, 3).join(', ') + (u.cases.length > 3 ? `, ... ${u.cases.length - 3} more` : '');
    out.push(c.dim(`  unsupported (${u.cases.length}): ${plainText(u.reason)}: ${shown}`));
  }
  return out;
}

export function formatText(reports: readonly ImplementationReport[], extras: ReportExtras = {}, options: TextOptions = {}): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported);
  const total = overallCounts(reports);
  const time = options.meta ? ` in ${durationInWords(options.meta.durationMs)}` : '';
  const unloaded = reports.filter((r) => r.loadError !== undefined).length;
  const paint = total.failed > 0 || unloaded > 0 ? (s: string) => c.bold(c.red(s)) : c.green;
  const notLoaded = unloaded > 0 ? `; ${unloaded} could not be loaded` : '';
  return [
    ...matrix(reports, c),
    ...reports.flatMap((r) => implementationLines(r, c, options.maxFailures ?? 20)),
    ...extrasText(extras),
    '',
    paint(`${reports.length === 1 ? '' : `${reports.length} implementations: `}${countsInWords(total)}${notLoaded}${time}`),
  ].join('\n');
}
