/**
 * The report's model, shared by every format: each case's outcome (a baseline of known failures
 * turns a listed failure into an expected one and flags a listed case that now passes), the
 * counts in words ("7 failed, 1 passed of 8"), the headroom bands, and one cell per feature:
 * `fail` if a case exercising it failed (not counting expected failures), `expected-failure` if
 * only expected failures did, `pass` if some case passed, `unsupported` if none of its cases ran.
 */
import type { CaseResult } from '../judge.ts';

export type Outcome = 'fail' | 'expected-failure' | 'pass' | 'fixed' | 'unsupported';

export function outcomeOf(c: CaseResult): Outcome {
  if (c.status === 'fail') return c.baseline === 'expected-failure' ? 'expected-failure' : 'fail';
  if (c.status === 'pass') return c.baseline === 'fixed' ? 'fixed' : 'pass';
  return 'unsupported';
}

/** Disjoint counts: `passed` excludes `fixed`, `failed` excludes `expectedFailures`. */
export interface Counts {
  total: number;
  failed: number;
  expectedFailures: number;
  passed: number;
  fixed: number;
  unsupported: number;
}

const KEYS: Record<Outcome, Exclude<keyof Counts, 'total'>> = {
  fail: 'failed', 'expected-failure': 'expectedFailures', pass: 'passed', fixed: 'fixed', unsupported: 'unsupported',
};

export function countOutcomes(cases: readonly CaseResult[]): Counts {
  const counts: Counts = { total: cases.length, failed: 0, expectedFailures: 0, passed: 0, fixed: 0, unsupported: 0 };
  for (const c of cases) counts[KEYS[outcomeOf(c)]]++;
  return counts;
}

export function addCounts(all: readonly Counts[]): Counts {
  const sum: Counts = { total: 0, failed: 0, expectedFailures: 0, passed: 0, fixed: 0, unsupported: 0 };
  for (const c of all) for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += c[k];
  return sum;
}

function countParts(c: Counts, showZeros: boolean): string[] {
  const part = (n: number, words: string, always = false) => (n > 0 || (always && showZeros) ? [`${n} ${words}`] : []);
  return [
    ...part(c.failed, 'failed', true), ...part(c.expectedFailures, c.expectedFailures === 1 ? 'expected failure' : 'expected failures'),
    ...part(c.passed, 'passed', true), ...part(c.fixed, 'fixed'), ...part(c.unsupported, 'unsupported'),
  ];
}

/** "7 failed, 1 passed of 8"; expected failures, fixed and unsupported cases only when there are some. */
export function countsInWords(c: Counts): string {
  return `${countParts(c, true).join(', ')} of ${c.total}`;
}

/** A matrix cell's counts, zeros left out: "7 failed, 1 passed", "3 passed, 1 unsupported". */
export function cellCountsInWords(c: Counts): string {
  return countParts(c, false).join(', ');
}

/**
 * How close a comparison came to its tolerance (headroom = worst |a - e| / (atol + rtol |e|)):
 * `exact` (0), `within` (up to half the tolerance), `near` (the upper half), `over` (failed).
 */
export type HeadroomBand = 'exact' | 'within' | 'near' | 'over';

export function headroomBand(h: number): HeadroomBand {
  if (h === 0) return 'exact';
  if (h <= 0.5) return 'within';
  return h <= 1 ? 'near' : 'over';
}

/** One reason something was not run, with the cases it applies to (`id` or `id (feature)`). */
export interface Reason {
  reason: string;
  cases: string[];
}

/** Reasons most common first, then alphabetical. */
function groupReasons(entries: ReadonlyArray<[reason: string, item: string]>): Reason[] {
  const byReason = new Map<string, string[]>();
  for (const [reason, item] of entries) byReason.set(reason, [...(byReason.get(reason) ?? []), item]);
  return [...byReason.entries()].map(([reason, cases]) => ({ reason, cases })).sort((a, b) => b.cases.length - a.cases.length || a.reason.localeCompare(b.reason));
}

/** The most common reason, and how many others there are: "float64 is not claimed (and 2 more reasons)". */
export function reasonsInWords(reasons: readonly Reason[]): string {
  if (reasons.length === 0) return '';
  const more = reasons.length - 1;
  return more === 0 ? reasons[0].reason : `${reasons[0].reason} (and ${more} more ${more === 1 ? 'reason' : 'reasons'})`;
}

export interface FeatureCell {
  feature: string;
  status: 'fail' | 'expected-failure' | 'pass' | 'unsupported';
  counts: Counts;
  /** Worst headroom over the passing cases. */
  headroom: number;
  /** Largest |actual - expected| over the passing cases. */
  maxAbsError: number;
  /** Why its cases did not run, most common first. */
  reasons: Reason[];
}

export interface ImplementationReport {
  implementation: string;
  cases: CaseResult[];
  features: FeatureCell[];
  counts: Counts;
  /** Set when the adapter could not be loaded: nothing ran. */
  loadError?: string;
}

/** Per feature, its cases; a case that skipped a feature (e.g. gradients not claimed) counts as unsupported there. */
function casesByFeature(cases: readonly CaseResult[]): Map<string, CaseResult[]> {
  const byFeature = new Map<string, CaseResult[]>();
  const add = (f: string, r: CaseResult) => byFeature.set(f, [...(byFeature.get(f) ?? []), r]);
  for (const c of cases) {
    for (const f of c.features) add(f, c);
    for (const [f, reason] of Object.entries(c.unsupportedFeatures ?? {})) add(f, { ...c, status: 'unsupported', message: reason, baseline: undefined });
  }
  return byFeature;
}

function featureCell(feature: string, rs: CaseResult[]): FeatureCell {
  const counts = countOutcomes(rs);
  const passed = rs.filter((r) => r.status === 'pass');
  const status = counts.failed > 0 ? 'fail' : counts.expectedFailures > 0 ? 'expected-failure' : passed.length > 0 ? 'pass' : 'unsupported';
  return {
    feature, status, counts,
    headroom: Math.max(0, ...passed.map((r) => r.headroom)),
    maxAbsError: Math.max(0, ...passed.map((r) => r.maxAbsError)),
    reasons: groupReasons(rs.filter((r) => r.status === 'unsupported').map((r) => [r.message, r.id])),
  };
}

export function summarize(implementation: string, cases: CaseResult[]): ImplementationReport {
  const features = [...casesByFeature(cases).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, rs]) => featureCell(f, rs));
  return { implementation, cases, features, counts: countOutcomes(cases) };
}

/** The report of an adapter that could not be loaded (missing or broken module): no cases, the error. */
export function unloadable(implementation: string, error: string): ImplementationReport {
  return { ...summarize(implementation, []), loadError: error };
}

/** Every unsupported case and skipped feature of an implementation, grouped by reason. */
export function unsupportedReasons(r: ImplementationReport): Reason[] {
  return groupReasons(r.cases.flatMap((c): Array<[string, string]> => [
    ...(c.status === 'unsupported' ? [[c.message, c.id] as [string, string]] : []),
    ...Object.entries(c.unsupportedFeatures ?? {}).map(([f, reason]): [string, string] => [reason, `${c.id} (${f})`]),
  ]));
}

/** The features of all reports, sorted: the matrix's rows. */
export function allFeatures(reports: readonly ImplementationReport[]): string[] {
  return [...new Set(reports.flatMap((r) => r.features.map((f) => f.feature)))].sort();
}

export const overallCounts = (reports: readonly ImplementationReport[]): Counts => addCounts(reports.map((r) => r.counts));
