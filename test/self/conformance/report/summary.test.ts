/** The report's model: outcomes with a baseline, counts in words, headroom bands, feature cells and their reasons. */
import { describe, expect, it } from 'vitest';
import { countsInWords, headroomBand, outcomeOf, summarize, unloadable, unsupportedReasons } from '../../../conformance/report/index.ts';
import { baselineCases, implCases, result } from './results.ts';

describe('summarize', () => {
  const report = summarize('impl', implCases);
  const feature = (f: string) => report.features.find((x) => x.feature === f)!;

  it('a feature fails if any of its cases failed, counting its passed and unsupported cases', () => {
    expect(feature('rnn.forward')).toMatchObject({ status: 'fail', counts: { total: 5, failed: 1, passed: 2, unsupported: 2, expectedFailures: 0, fixed: 0 } });
    expect(feature('rnn.relu').status).toBe('fail');
  });

  it('a feature passes when its cases pass, with the worst headroom and largest error of those', () => {
    expect(feature('rnn.tanh')).toMatchObject({ status: 'pass', headroom: 0.5, maxAbsError: 2.4e-7 });
  });

  it('a feature none of whose cases ran is unsupported, with each reason and its cases, most common first', () => {
    expect(feature('rnn.bidirectional')).toMatchObject({
      status: 'unsupported',
      reasons: [{ reason: 'bidirectional is not claimed', cases: ['rnn/e', 'rnn/f'] }, { reason: 'float64 is not claimed', cases: ['rnn/c'] }],
    });
    expect(feature('rnn.gradients')).toMatchObject({ status: 'unsupported', reasons: [{ reason: 'RNN gradients are not claimed', cases: ['rnn/d'] }] });
  });

  it('the implementation lists every unsupported case and skipped feature under its own reason', () => {
    expect(unsupportedReasons(report)).toEqual([
      { reason: 'bidirectional is not claimed', cases: ['rnn/e', 'rnn/f'] },
      { reason: 'float64 is not claimed', cases: ['rnn/c'] },
      { reason: 'RNN gradients are not claimed', cases: ['rnn/d (rnn.gradients)'] },
    ]);
  });
});

describe('the baseline', () => {
  const report = summarize('tfjs', baselineCases);

  it('a listed failure is an expected failure, an unlisted one a failure, a listed pass is fixed', () => {
    expect(baselineCases.map(outcomeOf)).toEqual(['expected-failure', 'fail', 'fixed']);
    expect(report.counts).toEqual({ total: 3, failed: 1, expectedFailures: 1, passed: 0, fixed: 1, unsupported: 0 });
  });

  it('a feature with only expected failures is marked so, not failing', () => {
    expect(report.features.find((f) => f.feature === 'rnn.relu')?.status).toBe('expected-failure');
    expect(report.features.find((f) => f.feature === 'rnn.forward')?.status).toBe('fail');
    expect(report.features.find((f) => f.feature === 'rnn.tanh')?.status).toBe('pass');
  });
});

describe('counts in words', () => {
  it('reads "7 failed, 1 passed of 8", naming expected failures, fixed and unsupported cases only when there are some', () => {
    const eight = [...Array(7)].map((_, k) => result(`rnn/f${k}`, 'fail', [])).concat(result('rnn/p', 'pass', []));
    expect(countsInWords(summarize('x', eight).counts)).toBe('7 failed, 1 passed of 8');
    expect(countsInWords(summarize('x', implCases).counts)).toBe('1 failed, 2 passed, 3 unsupported of 6');
    expect(countsInWords(summarize('x', baselineCases).counts)).toBe('1 failed, 1 expected failure, 0 passed, 1 fixed of 3');
  });
});

describe('headroom bands', () => {
  it('0 is exact, up to half the tolerance within, the upper half near, beyond it over', () => {
    expect([0, 1e-9, 0.5, 0.5001, 1, 1.0001, Infinity].map(headroomBand)).toEqual(['exact', 'within', 'within', 'near', 'near', 'over', 'over']);
  });
});

describe('an adapter that could not be loaded', () => {
  it('has no cases and keeps the error', () => {
    expect(unloadable('broken', 'Cannot find module ./nope.mjs')).toMatchObject({ implementation: 'broken', cases: [], features: [], counts: { total: 0 }, loadError: 'Cannot find module ./nope.mjs' });
  });
});
