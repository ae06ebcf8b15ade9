/** Tests of the report: feature status rules, and the Markdown and JUnit renderings. */
import { describe, expect, it } from 'vitest';
import { formatJUnit, formatMarkdown, formatText, summarize } from '../../conformance/report/report.ts';
import type { CaseResult } from '../../conformance/judge.ts';

function result(id: string, status: CaseResult['status'], features: string[], extra: Partial<CaseResult> = {}): CaseResult {
  return { id, kind: 'rnn', features, status, message: `${status} <${id}> & "x"`, headroom: status === 'pass' ? 0.25 : Infinity, maxAbsError: 1e-7, ms: 1, repro: `npm run conformance -- --case ${id}`, ...extra };
}

const cases = [
  result('rnn/a', 'pass', ['rnn.forward', 'rnn.tanh'], { headroom: 0.5 }),
  result('rnn/b', 'fail', ['rnn.forward', 'rnn.relu']),
  result('rnn/c', 'unsupported', ['rnn.forward', 'rnn.float64']),
  result('rnn/d', 'pass', ['rnn.forward', 'rnn.tanh'], { unsupportedFeatures: { 'rnn.gradients': 'RNN gradients are not claimed' } }),
];

describe('summarize', () => {
  const report = summarize('impl', cases);
  const feature = (f: string) => report.features.find((x) => x.feature === f)!;
  it('a feature fails if any of its cases failed', () => {
    expect(feature('rnn.forward')).toMatchObject({ status: 'fail', pass: 2, fail: 1, unsupported: 1 });
    expect(feature('rnn.relu').status).toBe('fail');
  });
  it('a feature passes when its cases pass, with the worst headroom of those', () => {
    expect(feature('rnn.tanh')).toMatchObject({ status: 'pass', pass: 2, headroom: 0.5 });
  });
  it('a feature none of whose cases ran is unsupported, with the reason', () => {
    expect(feature('rnn.float64')).toMatchObject({ status: 'unsupported', note: 'unsupported <rnn/c> & "x"' });
    expect(feature('rnn.gradients')).toMatchObject({ status: 'unsupported', unsupported: 1, note: 'RNN gradients are not claimed' });
  });
});

describe('renderings', () => {
  const reports = [summarize('impl', cases)];
  it('JUnit counts failures and skips and escapes XML', () => {
    const xml = formatJUnit(reports);
    expect(xml).toContain('<testsuite name="impl" tests="4" failures="1" skipped="1">');
    expect(xml).toContain('<failure message="fail &lt;rnn/b&gt; &amp; &quot;x&quot;">');
    expect(xml).toContain('<skipped message="unsupported &lt;rnn/c&gt; &amp; &quot;x&quot;"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });
  it('Markdown has the matrix and lists failures with their repro', () => {
    const md = formatMarkdown(reports);
    expect(md).toContain('| feature | impl |');
    expect(md).toContain('| rnn.relu | FAIL 1/1 |');
    expect(md).toContain('| rnn.tanh | pass 2 (err 1.0e-7, h 0.50) |');
    expect(md).toContain('(repro: `npm run conformance -- --case rnn/b`)');
  });
  it('the text report ends each implementation with its totals', () => {
    expect(formatText(reports)).toContain('impl: 2 passed, 1 failed, 1 unsupported');
  });
});
