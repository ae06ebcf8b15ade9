/**
 * Hand-written judge results for the report tests: one implementation with a pass, a failure with
 * its mismatch, unsupported cases with two different reasons in one feature and a skipped
 * gradient feature; one with a baseline (an expected failure, a new failure, a fixed case); and a
 * message an adapter might throw to break a report (ANSI colours, control characters, a lone
 * surrogate, CDATA's end, markup).
 */
import type { CaseResult } from '../../../conformance/judge.ts';
import { runMeta, summarize, type ImplementationReport, type RunMeta } from '../../../conformance/report/index.ts';

export function result(id: string, status: CaseResult['status'], features: string[], extra: Partial<CaseResult> = {}): CaseResult {
  return {
    id, kind: 'rnn', features, status, message: `${status} ${id}`, headroom: status === 'pass' ? 0.25 : status === 'fail' ? Infinity : 0,
    maxAbsError: status === 'pass' ? 1e-7 : 0, ms: 2, repro: `npm run conformance -- --adapter impl --case ${id}`, fixture: `golden/cases/${id}.json`, ...extra,
  };
}

export const HOSTILE = '\u001b[31mboom\u001b[0m \u0000nul \u001b esc \ud800 lone ]]> <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2"> & "q" \'s\'';

export const implCases: CaseResult[] = [
  result('rnn/a', 'pass', ['rnn.forward', 'rnn.tanh'], { headroom: 0.5, maxAbsError: 2.4e-7 }),
  result('rnn/b', 'fail', ['rnn.forward', 'rnn.relu'], {
    message: 'output[0,0,0] = 1.5 but should be 0.5 (atol 0.00001, rtol 0.0000013) [rnn case=rnn/b impl=impl]',
    mismatch: { name: 'output', count: 2, index: [0, 0, 0], actual: 1.5, expected: 0.5, atol: 1e-5, rtol: 1.3e-6 },
  }),
  result('rnn/c', 'unsupported', ['rnn.forward', 'rnn.bidirectional'], { message: 'float64 is not claimed' }),
  result('rnn/e', 'unsupported', ['rnn.forward', 'rnn.bidirectional'], { message: 'bidirectional is not claimed' }),
  result('rnn/f', 'unsupported', ['rnn.bidirectional'], { message: 'bidirectional is not claimed' }),
  result('rnn/d', 'pass', ['rnn.forward', 'rnn.tanh'], { unsupportedFeatures: { 'rnn.gradients': 'RNN gradients are not claimed' } }),
];

export const baselineCases: CaseResult[] = [
  result('rnn/b', 'fail', ['rnn.forward', 'rnn.relu'], { baseline: 'expected-failure', message: 'h_n[0,1] = 2 but should be 1' }),
  result('rnn/g', 'fail', ['rnn.forward', 'rnn.packed'], { baseline: 'new-failure', message: 'tfjs threw: no packed sequences' }),
  result('rnn/a', 'pass', ['rnn.forward', 'rnn.tanh'], { baseline: 'fixed' }),
];

export const hostileCases: CaseResult[] = [
  result('rnn/h', 'fail', ['rnn.forward'], { message: HOSTILE, repro: `npm run conformance -- --adapter ./evil<b>.mjs --case rnn/h` }),
  result('rnn/i', 'unsupported', ['rnn.float64'], { message: `not claimed: ${HOSTILE}` }),
];

export const reports = (): ImplementationReport[] => [summarize('impl', implCases), summarize('tfjs', baselineCases)];

export const meta = (rs: ImplementationReport[]): RunMeta => runMeta({
  pytorch: '1.13',
  adapters: [{ name: 'impl', builtIn: true, loadedFrom: 'impl' }, { name: 'tfjs', builtIn: false, loadedFrom: '/home/me/tfjs adapter.mjs' }],
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  finishedAt: new Date('2026-01-02T03:04:17.300Z'),
  argv: ['rnnspec', 'run', '--adapter', './tfjs adapter.mjs'],
}, rs);
