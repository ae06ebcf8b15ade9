/**
 * What every format says about one case beyond its status: the mismatch in words, the fixture file,
 * the repro line, the baseline's verdict, and a matrix cell in words.
 */
import { show } from '../../harness/compare.ts';
import type { CaseResult } from '../judge.ts';
import { cellCountsInWords, type FeatureCell, type Outcome } from './summary.ts';

/** "2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)". */
export function mismatchInWords(m: NonNullable<CaseResult['mismatch']>): string {
  const values = m.count === 1 ? 'value' : 'values';
  return `${m.count} ${values} of ${m.name} outside the tolerance, worst ${m.name}[${m.index.join(',')}]: actual ${show(m.actual)}, expected ${show(m.expected)} (atol ${m.atol}, rtol ${m.rtol})`;
}

/** The lines under a failure's message, each with its label: mismatch, fixture, repro. */
export function failureDetails(c: CaseResult): Array<[label: string, text: string]> {
  return [
    ...(c.mismatch ? [['mismatch', mismatchInWords(c.mismatch)] as [string, string]] : []),
    ...(c.fixture ? [['fixture', c.fixture] as [string, string]] : []),
    ['repro', c.repro],
  ];
}

/** What the baseline says about a case, for the outcomes it changes. */
export const BASELINE_NOTES: Partial<Record<Outcome, string>> = {
  'expected-failure': 'expected failure: listed in the baseline, not counted as failing',
  fixed: 'listed in the baseline as a known failure but passes now: remove it from the baseline',
};

/** The outcome as a label in lists. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  fail: 'FAIL', 'expected-failure': 'expected failure', pass: 'pass', fixed: 'FIXED', unsupported: 'unsupported',
};

/** A number in one significant digit's scientific notation: 2.4e-7; 0 and non-finite values as they are. */
export const exp1 = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : String(x));

/** A matrix cell in words, e.g. "7 failed, 1 passed" or "3 passed (err 2.4e-7, h 0.08)"; an unsupported cell reads "unsupported". */
export function cellInWords(c: FeatureCell): string {
  if (c.status === 'unsupported') return 'unsupported';
  const closest = c.counts.passed + c.counts.fixed > 0 ? ` (err ${exp1(c.maxAbsError)}, h ${c.headroom.toFixed(2)})` : '';
  return cellCountsInWords(c.counts) + closest;
}
