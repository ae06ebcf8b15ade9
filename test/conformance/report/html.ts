/**
 * The self-contained HTML report (no network: inline style and script): the run's metadata, the
 * feature x implementation matrix as wpt.fyi shows browsers (rows features, columns
 * implementations, cells coloured by status and headroom band), a filter box over features (by
 * name, else by the ids of their cases) and cases, each failure with its message, mismatch,
 * fixture and repro line, the baseline's expected failures and fixed cases, the unsupported
 * reasons, and the oracle sections. Every string from an adapter or a fixture is escaped
 * (html-template.ts).
 */
import type { CaseResult } from '../judge.ts';
import { BASELINE_NOTES, OUTCOME_LABELS, cellInWords, exp1, failureDetails } from './failure.ts';
import { CSP, SCRIPT, STYLE } from './html-page.ts';
import { Markup, html } from './html-template.ts';
import { durationInWords, metaLines, type RunMeta } from './meta.ts';
import { FIDELITY_TITLE, VOTE_TITLE, closestFirst, type ReportExtras } from './oracle-sections.ts';
import {
  allFeatures, countsInWords, headroomBand, outcomeOf, overallCounts, reasonsInWords, unsupportedReasons,
  type FeatureCell, type ImplementationReport, type Outcome,
} from './summary.ts';

/** What the filter box matches: lower-case words of the element. */
const filterText = (...parts: string[]) => parts.join(' ').toLowerCase();

function cell(c: FeatureCell | undefined): Markup {
  if (!c) return html`<td class="cell absent">-</td>`;
  if (c.status === 'unsupported') return html`<td class="cell unsupported">unsupported<div class="reason">${reasonsInWords(c.reasons)}</div></td>`;
  const band = c.status === 'pass' ? ` ${headroomBand(c.headroom)}` : '';
  return html`<td class="cell ${c.status}${band}" title="${`${c.feature}: ${countsInWords(c.counts)}`}">${cellInWords(c)}</td>`;
}

const inFeature = (c: CaseResult, f: string) => c.features.includes(f) || f in (c.unsupportedFeatures ?? {});

function matrix(reports: readonly ImplementationReport[]): Markup {
  const rows = allFeatures(reports).map((f) => {
    const ids = reports.flatMap((r) => r.cases.filter((c) => inFeature(c, f)).map((c) => c.id));
    return html`<tr data-feature="${filterText(f)}" data-cases="${filterText(...new Set(ids))}"><th scope="row">${f}</th>${reports.map((r) => cell(r.features.find((x) => x.feature === f)))}</tr>`;
  });
  const heads = reports.map((r) => html`<th scope="col">${r.implementation}<div class="counts">${r.loadError ? 'could not be loaded' : countsInWords(r.counts)}</div></th>`);
  return html`<table id="matrix"><thead><tr><th scope="col">feature</th>${heads}</tr></thead><tbody>${rows}</tbody></table>`;
}

const LEGEND = html`<p class="legend"><span class="pass exact">pass, exact</span><span class="pass within">pass, within half the tolerance</span><span class="pass near">pass, in the upper half of the tolerance</span><span class="fail">fail</span><span class="expected-failure">expected failure (baseline)</span><span class="unsupported">unsupported</span> <code>err</code> is the largest |actual - expected| and <code>h</code> the worst headroom of the passing cases, worst |a - e| / (atol + rtol |e|): 1.00 is at the tolerance.</p>`;

function caseBlock(c: CaseResult, outcome: Outcome): Markup {
  const details = outcome === 'fixed' ? [] : failureDetails(c);
  const note = BASELINE_NOTES[outcome];
  return html`<div class="case ${outcome}" data-filter="${filterText(c.id, c.message)}">
<h3>${OUTCOME_LABELS[outcome]} <code>${c.id}</code></h3>
${note ? html`<p>${note}</p>` : ''}<div class="message">${c.message}</div>
<dl>${details.map(([k, v]) => html`<dt>${k}</dt><dd>${k === 'mismatch' ? v : html`<code>${v}</code>`}</dd>`)}</dl>
</div>`;
}

function implementationSection(r: ImplementationReport): Markup {
  if (r.loadError) return html`<section><h2>${r.implementation}</h2><p class="load-error">could not be loaded: ${r.loadError}</p></section>`;
  const listed = (o: Outcome) => r.cases.filter((c) => outcomeOf(c) === o);
  const block = (title: string, o: Outcome) => {
    const cases = listed(o);
    return cases.length === 0 ? '' : html`<h3>${title} (${cases.length})</h3>${cases.map((c) => caseBlock(c, o))}`;
  };
  const reasons = unsupportedReasons(r);
  return html`<section><h2>${r.implementation}: ${countsInWords(r.counts)}</h2>
${block('Failures', 'fail')}${block('Expected failures', 'expected-failure')}${block('Fixed', 'fixed')}
${reasons.length === 0 ? '' : html`<h3>Unsupported</h3><ul>${reasons.map((u) => html`<li data-filter="${filterText(u.reason, ...u.cases)}">${u.reason}: ${u.cases.map((id, k) => html`${k > 0 ? ', ' : ''}<code>${id}</code>`)}</li>`)}</ul>`}
</section>`;
}

function extrasSection(x: ReportExtras): Markup {
  const d = x.disagreements;
  const f = x.exportFidelity;
  const vote = d && html`<section><h2>Disagreements between the oracles</h2><p>${VOTE_TITLE}: ${d.voted} cases voted, ${d.agree} agree, ${d.disagreements.length} disagree.</p>
<ul>${d.disagreements.map((v) => html`<li data-filter="${filterText(v.id, v.message)}"><code>${v.id}</code> ${v.verdict}${v.odd ? ` (${v.odd})` : ''}: ${v.message}</li>`)}${d.unanswered.map((u) => html`<li data-filter="${filterText(u.id, u.reason)}">not voted <code>${u.id}</code>: ${u.reason}</li>`)}</ul></section>`;
  const fidelity = f && html`<section><h2>ONNX export fidelity</h2><p>${FIDELITY_TITLE} (atol ${f.tolerance.atol}, rtol ${f.tolerance.rtol})</p>
<table><thead><tr><th>case</th><th>model</th><th>status</th><th>max abs error</th><th>headroom</th></tr></thead><tbody>${closestFirst(f).map((r) => html`<tr data-filter="${filterText(r.id, r.message)}"><td><code>${r.id}</code></td><td><code>${r.onnx}</code></td><td class="${r.status}">${r.status === 'pass' ? 'pass' : `FAIL: ${r.message}`}</td><td>${exp1(r.maxAbsError)}</td><td>${r.headroom.toFixed(2)}</td></tr>`)}</tbody></table></section>`;
  return html`${vote}${fidelity}`;
}

export function formatHtml(reports: readonly ImplementationReport[], extras: ReportExtras = {}, meta?: RunMeta): string {
  const total = overallCounts(reports);
  const summary = `${countsInWords(total)}${meta ? ` in ${durationInWords(meta.durationMs)}` : ''}`;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>rnnspec conformance report</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<h1>rnnspec conformance report</h1>
${meta ? html`<dl class="meta">${metaLines(meta).map(([k, v]) => html`<dt>${k}</dt><dd>${k === 'command' ? html`<code>${v}</code>` : v}</dd>`)}</dl>` : ''}
<p class="summary ${total.failed > 0 ? 'failing' : 'passing'}">${summary}</p>
<input id="filter" type="search" placeholder="filter features and cases, e.g. packed or rnn/tanh" aria-label="filter features and cases"> <span id="shown"></span>
${matrix(reports)}
${LEGEND}
${reports.map(implementationSection)}
${extrasSection(extras)}
<script>${new Markup(SCRIPT)}</script>
</body>
</html>
`;
  return page.html;
}
