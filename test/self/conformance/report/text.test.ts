/** The terminal report: matrix with reasons, failures with their details, baseline, colour, summary line. */
import { describe, expect, it } from 'vitest';
import { formatCase, formatText, summarize, unloadable } from '../../../conformance/report/index.ts';
import { hostileCases, meta, reports, result } from './results.ts';

describe('the terminal report', () => {
  const rs = reports();
  const text = formatText(rs, {}, { color: false, meta: meta(rs) });
  const lines = text.split('\n');
  const row = (feature: string) => lines.find((l) => l.startsWith(`${feature} `))!.split(/\s{2,}/);

  it('has a row per feature and a column per implementation, cells in words', () => {
    expect(lines[0].split(/\s{2,}/)).toEqual(['feature', 'impl', 'tfjs']);
    expect(row('rnn.relu')).toEqual(['rnn.relu', '1 failed', '1 expected failure']);
    expect(row('rnn.forward')).toEqual(['rnn.forward', '1 failed, 2 passed, 2 unsupported (err 2.4e-7, h 0.50)', '1 failed, 1 expected failure, 1 fixed (err 1.0e-7, h 0.25)']);
    expect(row('rnn.packed')).toEqual(['rnn.packed', '-', '1 failed']);
  });

  it('an unsupported cell points to its reason under the matrix: the most common one and how many others', () => {
    expect(row('rnn.bidirectional')).toEqual(['rnn.bidirectional', 'unsupported [1]', '-']);
    expect(row('rnn.gradients')).toEqual(['rnn.gradients', 'unsupported [2]', '-']);
    expect(lines).toContain('[1] bidirectional is not claimed (and 1 more reason)');
    expect(lines).toContain('[2] RNN gradients are not claimed');
  });

  it('a failure shows its message, the mismatch with the worst element and tolerance, the fixture and the repro line', () => {
    const at = lines.findIndex((l) => l.startsWith('  FAIL rnn/b: '));
    expect(lines.slice(at, at + 4)).toEqual([
      '  FAIL rnn/b: output[0,0,0] = 1.5 but should be 0.5 (atol 0.00001, rtol 0.0000013) [rnn case=rnn/b impl=impl]',
      '      mismatch: 2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)',
      '      fixture: golden/cases/rnn/b.json',
      '      repro: npm run conformance -- --adapter impl --case rnn/b',
    ]);
  });

  it('each implementation has its counts in words; the last line sums them with the elapsed time', () => {
    expect(lines).toContain('impl: 1 failed, 2 passed, 3 unsupported of 6');
    expect(lines).toContain('tfjs: 1 failed, 1 expected failure, 0 passed, 1 fixed of 3');
    expect(lines.at(-1)).toBe('2 implementations: 2 failed, 1 expected failure, 2 passed, 1 fixed, 3 unsupported of 9 in 12.3 s');
  });

  it('one case alone reads as in the list, for the vitest integration', () => {
    expect(formatCase(rs[0].cases[1])).toBe([
      'FAIL rnn/b: output[0,0,0] = 1.5 but should be 0.5 (atol 0.00001, rtol 0.0000013) [rnn case=rnn/b impl=impl]',
      '    mismatch: 2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)',
      '    fixture: golden/cases/rnn/b.json',
      '    repro: npm run conformance -- --adapter impl --case rnn/b',
    ].join('\n'));
    expect(formatCase(rs[1].cases[2])).toBe('FIXED rnn/a: listed in the baseline as a known failure but passes now: remove it from the baseline');
  });

  it('the baseline: an expected failure is shown but said not to count, a fixed case is flagged', () => {
    expect(text).toContain('  expected failure rnn/b: h_n[0,1] = 2 but should be 1');
    expect(text).toContain('      baseline: expected failure: listed in the baseline, not counted as failing');
    expect(text).toContain('  FIXED rnn/a: listed in the baseline as a known failure but passes now: remove it from the baseline');
  });

  it('unsupported cases are listed under their own reasons', () => {
    expect(lines).toContain('  unsupported (2): bidirectional is not claimed: rnn/e, rnn/f');
    expect(lines).toContain('  unsupported (1): float64 is not claimed: rnn/c');
  });

  it('colour only when asked: red for failures, none at all without', () => {
    const coloured = formatText(rs, {}, { color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured).toMatch(/\u001b\[31m1 failed\s*\u001b\[39m/);
    expect(text).not.toContain('\u001b');
  });

  it("an adapter's own escape codes and control characters do not reach the terminal", () => {
    const out = formatText([summarize('evil', hostileCases)], {}, { color: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    expect(out).toContain('  FAIL rnn/h: boom nul  esc  lone ]]> <script>');
  });

  it('past maxFailures the rest are counted; an unloadable adapter shows its error', () => {
    const many = [...Array(5)].map((_, k) => result(`rnn/f${k}`, 'fail', ['rnn.forward']));
    const out = formatText([summarize('x', many), unloadable('broken', 'Cannot find module ./nope.mjs')], {}, { color: false, maxFailures: 2 });
    expect(out.match(/^ {2}FAIL /gm)).toHaveLength(2);
    expect(out).toContain('  ... and 3 more failures (see report.json or report.html)');
    expect(out).toContain('broken: could not be loaded: Cannot find module ./nope.mjs');
    expect(out.split('\n').at(-1)).toBe('2 implementations: 5 failed, 0 passed of 5; 1 could not be loaded');
  });
});
