/**
 * The HTML report as text (the browser test opens it): every adapter string escaped, nothing
 * loaded from the network, only its own script allowed by the Content-Security-Policy, cells
 * classed by status and headroom band.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatHtml, summarize } from '../../../conformance/report/index.ts';
import { hostileCases, meta, reports, result } from './results.ts';

describe('the HTML report', () => {
  const rs = [...reports(), summarize('evil <b>"x"</b>', hostileCases)];
  const page = formatHtml(rs, {}, meta(rs));

  it('escapes every adapter string: no markup from a message, a reason, a name or a repro line', () => {
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt; &lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt; &amp; &quot;q&quot; &#39;s&#39;');
    expect(page).toContain('evil &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(page).toContain('--adapter ./evil&lt;b&gt;.mjs');
    expect(page).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('loads nothing: no http(s) address, only its own inline script allowed by hash', () => {
    const script = page.match(/<script>([\s\S]*)<\/script>/)![1];
    const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)![1].replace(/&#39;/g, "'"); // an attribute, escaped

    expect(page).not.toMatch(/(src|href)="(?!data:)/);
    expect(page).not.toMatch(/https?:\/\//);
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('colours each cell by status, and a passing cell by how close it came to the tolerance', () => {
    const bands = formatHtml([summarize('x', [
      result('rnn/a', 'pass', ['rnn.exact'], { headroom: 0 }), result('rnn/b', 'pass', ['rnn.within'], { headroom: 0.3 }),
      result('rnn/c', 'pass', ['rnn.near'], { headroom: 0.97 }), result('rnn/d', 'unsupported', ['rnn.none'], { message: 'not claimed' }),
    ])]);
    const classOf = (feature: string, html: string) => html.match(new RegExp(`<th scope="row">${feature}</th><td class="([^"]*)"`))![1];

    expect(['rnn.exact', 'rnn.within', 'rnn.near', 'rnn.none'].map((f) => classOf(f, bands))).toEqual(['cell pass exact', 'cell pass within', 'cell pass near', 'cell unsupported']);
    expect(['rnn.relu', 'rnn.bidirectional'].map((f) => classOf(f, page))).toEqual(['cell fail', 'cell unsupported']);
  });

  it('heads the page with the metadata and the counts with the elapsed time', () => {
    expect(page).toContain('<dt>fixtures</dt><dd>PyTorch 1.13</dd>');
    expect(page).toContain('<dt>command</dt><dd><code>rnnspec run --adapter &#39;./tfjs adapter.mjs&#39;</code></dd>');
    expect(page).toContain('<p class="summary failing">3 failed, 1 expected failure, 2 passed, 1 fixed, 4 unsupported of 11 in 12.3 s</p>');
  });

  it('each failure has its message, mismatch, fixture and repro line; unsupported reasons list their cases', () => {
    expect(page).toContain('<dt>mismatch</dt><dd>2 values of output outside the tolerance, worst output[0,0,0]: actual 1.5, expected 0.5 (atol 0.00001, rtol 0.0000013)</dd>');
    expect(page).toContain('<dt>fixture</dt><dd><code>golden/cases/rnn/b.json</code></dd>');
    expect(page).toContain('<dt>repro</dt><dd><code>npm run conformance -- --adapter impl --case rnn/b</code></dd>');
    expect(page).toContain('<li data-filter="bidirectional is not claimed rnn/e rnn/f">bidirectional is not claimed: <code>rnn/e</code>, <code>rnn/f</code></li>');
  });
});
