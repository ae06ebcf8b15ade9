/**
 * The HTML report's fixed parts: its style, its filter script, and a Content-Security-Policy that
 * allows only that script (by hash) and inline style, so the page loads nothing from the network
 * and even a markup-injection bug could not run a script or load an image.
 */
import { createHash } from 'node:crypto';

export const STYLE = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #1f2328; }
body { margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; }
dl.meta dt { color: #59636e; }
dl.meta dd { margin: 0; }
.summary { font-size: 1.1rem; font-weight: 600; margin: .5rem 0 1rem; }
.summary.failing { color: #b3261e; }
.summary.passing { color: #1a7f37; }
#filter { font: inherit; padding: .3rem .5rem; width: 28rem; max-width: 100%; margin-bottom: .8rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
thead .counts { font-weight: normal; font-size: .85em; color: #59636e; }
td.cell { min-width: 11rem; font-size: .9em; }
td.fail, .legend .fail { background: #ffc9c9; color: #82071e; font-weight: 600; }
td.expected-failure, .legend .expected-failure { background: #e8dcff; color: #4c2889; }
td.pass.exact, .legend .exact { background: #8ee4a4; }
td.pass.within, .legend .within { background: #c8f0d2; }
td.pass.near, .legend .near { background: #fff0a8; }
td.unsupported, .legend .unsupported { background: #eeeff1; color: #59636e; }
td.absent { background: #fff; color: #8c959f; }
td .reason { font-size: .85em; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .4rem; border: 1px solid #d0d7de; font-size: .85em; }
.case { border-left: 4px solid #d0d7de; padding: .2rem .8rem; margin: .6rem 0; }
.case.fail { border-color: #cf222e; }
.case.fixed { border-color: #bf8700; }
.case.expected-failure { border-color: #8250df; }
.case .message { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .9em; margin: .2rem 0; }
.case dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .2rem 0; }
.case dt { color: #59636e; }
.case dd { margin: 0; }
code { font-family: ui-monospace, monospace; font-size: .9em; background: #f6f8fa; padding: 0 .2rem; word-break: break-all; }
.load-error { color: #b3261e; font-weight: 600; }
[hidden] { display: none !important; }
`;

export const SCRIPT = `
const box = document.getElementById('filter');
const rows = Array.from(document.querySelectorAll('#matrix tbody tr'));
const items = Array.from(document.querySelectorAll('[data-filter]'));
const shown = document.getElementById('shown');
const matches = (text, words) => words.every((w) => text.includes(w));
function apply() {
  const words = box.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
  for (const el of items) el.hidden = !matches(el.getAttribute('data-filter'), words);
  // a feature matches by its name; when no name does, by the ids of its cases
  const byName = rows.filter((tr) => matches(tr.getAttribute('data-feature'), words));
  const keep = byName.length > 0 ? byName : rows.filter((tr) => matches(tr.getAttribute('data-cases'), words));
  for (const tr of rows) tr.hidden = !keep.includes(tr);
  shown.textContent = words.length === 0 ? '' : keep.length + ' of ' + rows.length + ' features';
}
box.addEventListener('input', apply);
apply();
`;

const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');

export const CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;
