/** The Markdown report: metadata, the matrix, failures with their details, and each unsupported case's own reason. */
import { describe, expect, it } from 'vitest';
import { formatMarkdown, summarize } from '../../../conformance/report/index.ts';
import { hostileCases, meta, reports } from './results.ts';

describe('the Markdown report', () => {
  const rs = reports();
  const md = formatMarkdown(rs, {}, meta(rs));
  const lines = md.split('\n');

  it('opens with the metadata and the counts in words with the elapsed time', () => {
    expect(lines).toContain('- fixtures: PyTorch 1.13');
    expect(lines).toContain("- command: `rnnspec run --adapter './tfjs adapter.mjs'`");
    expect(lines).toContain('- adapters: impl (built-in), tfjs (/home/me/tfjs adapter.mjs)');
    expect(lines).toContain('**2 failed, 1 expected failure, 2 passed, 1 fixed, 3 unsupported of 9** in 12.3 s');
  });

  it('has the matrix, an unsupported cell with its most common reason and how many others', () => {
    expect(lines).toContain('| feature | impl | tfjs |');
    expect(lines).toContain('| rnn.relu | 1 failed | 1 expected failure |');
    expect(lines).toContain('| rnn.bidirectional | unsupported: bidirectional is not claimed (and 1 more reason) | - |');
  });

  it('lists each unsupported case under its own reason, not the first case\'s', () => {
    const at = lines.indexOf('## impl: 1 failed, 2 passed, 3 unsupported of 6');
    const section = lines.slice(lines.indexOf('### Unsupported', at), lines.indexOf('## tfjs: 1 failed, 1 expected failure, 0 passed, 1 fixed of 3'));
    expect(section).toEqual([
      '### Unsupported', '',
      '- bidirectional is not claimed: `rnn/e`, `rnn/f`',
      '- float64 is not claimed: `rnn/c`',
      '- RNN gradients are not claimed: `rnn/d (rnn.gradients)`',
      '',
    ]);
  });

  it('a failure has its message, mismatch, fixture and repro; the baseline\'s expected failures and fixed cases have sections', () => {
    expect(md).toContain([
      '- **FAIL** `rnn/b`: output[0,0,0] = 1.5 but should be 0.5 (atol 0.00001, rtol 0.0000013) [rnn case=rnn/b impl=impl]',
      '  - mismatch: 2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)',
      '  - fixture: `golden/cases/rnn/b.json`',
      '  - repro: `npm run conformance -- --adapter impl --case rnn/b`',
    ].join('\n'));
    expect(lines).toContain('### Expected failures (expected failure: listed in the baseline, not counted as failing)');
    expect(lines).toContain('- expected failure `rnn/b`: h_n[0,1] = 2 but should be 1');
    expect(lines).toContain('- **FIXED** `rnn/a`: listed in the baseline as a known failure but passes now: remove it from the baseline');
  });

  it("an adapter's message cannot add markup, break a table row or carry control characters", () => {
    const evil = formatMarkdown([summarize('evil|x', hostileCases)]);
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<img');
    expect(evil).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    expect(evil).toContain('| feature | evil\\|x |');
    expect(evil).toContain('- **FAIL** `rnn/h`: boom nul  esc  lone ]]&gt; &lt;script&gt;window.pwned = 1&lt;/script&gt;');
  });
});
