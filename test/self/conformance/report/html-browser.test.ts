/**
 * The HTML report in a real headless browser (Debian's chromium, driven by playwright-core): it
 * opens without console errors, shows the matrix, the filter box filters, an adapter message
 * holding <script> and <img onerror> runs nothing and shows as text; a screenshot goes to
 * out/report-html/. Without /usr/bin/chromium the test is skipped with a printed reason, except in
 * CI (CI set), where it fails.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml, summarize } from '../../../conformance/report/index.ts';
import { hostileCases, meta, reports, result } from './results.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium for the HTML report test`);
if (!present) console.warn(`skipping the HTML report browser test: ${CHROMIUM} is not installed (install Debian's chromium to run it)`);

const OUT = resolve('out/report-html');

describe.skipIf(!present)('the HTML report in headless chromium', () => {
  let browser: Browser;
  const rs = [...reports(), summarize('evil', [...hostileCases, result('rnn/relu_like', 'pass', ['rnn.forward'])])];
  const file = join(OUT, 'report.html');

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(file, formatHtml(rs, {}, meta(rs)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(() => browser?.close());

  async function open() {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
    page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    return { page, problems };
  }

  it('opens without console errors or network requests and shows the feature x implementation matrix', async () => {
    const { page, problems } = await open();

    const header = await page.locator('#matrix thead th').allTextContents();
    const features = await page.locator('#matrix tbody th').allTextContents();
    const reluCells = await page.locator('#matrix tbody tr', { hasText: 'rnn.relu' }).locator('td').evaluateAll((tds) => tds.map((td) => [td.className, td.textContent]));
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });

    expect(problems).toEqual([]);
    expect(header.map((h) => h.split(/\d/)[0])).toEqual(['feature', 'impl', 'tfjs', 'evil']);
    expect(features).toEqual(['rnn.bidirectional', 'rnn.float64', 'rnn.forward', 'rnn.gradients', 'rnn.packed', 'rnn.relu', 'rnn.tanh']);
    expect(reluCells).toEqual([['cell fail', '1 failed'], ['cell expected-failure', '1 expected failure'], ['cell absent', '-']]);
    await page.close();
  });

  it('the filter box keeps the features whose name matches every word typed, else those with a matching case, and the matching cases', async () => {
    const { page, problems } = await open();
    const features = () => page.locator('#matrix tbody tr:visible th').allTextContents();

    await page.fill('#filter', 'rnn/g');
    const byCase = await features();
    const visibleCases = await page.locator('.case:visible h3 code').allTextContents();
    const shown = await page.locator('#shown').textContent();
    await page.fill('#filter', 'relu');
    const byName = await features();
    await page.fill('#filter', '');
    const all = await page.locator('#matrix tbody tr:visible').count();

    expect(byCase).toEqual(['rnn.forward', 'rnn.packed']);
    expect(visibleCases).toEqual(['rnn/g']);
    expect(shown).toBe('2 of 7 features');
    expect(byName).toEqual(['rnn.relu']);
    expect(all).toBe(7);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an adapter message with <script> and <img onerror> runs nothing and reads as text', async () => {
    const { page, problems } = await open();

    const pwned = await page.evaluate(() => (window as unknown as { pwned?: number }).pwned);
    const injected = await page.locator('.case script, .case img, td img, td script').count();
    const message = await page.locator('.case.fail', { hasText: 'rnn/h' }).locator('.message').textContent();

    expect(pwned).toBeUndefined();
    expect(injected).toBe(0);
    expect(message).toBe('boom nul  esc  lone ]]> <script>window.pwned = 1</script> <img src=x onerror="window.pwned = 2"> & "q" \'s\'');
    expect(problems).toEqual([]);
    await page.close();
  });
});
