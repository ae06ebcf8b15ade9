/**
 * The sections beyond the matrix: the three-way vote (reference and onnxruntime both run) and
 * ONNX export fidelity (onnxruntime run), as terminal text and Markdown.
 */
import type { FidelityReport } from '../oracles/fidelity.ts';
import type { VoteSummary } from '../oracles/vote.ts';
import { exp1 } from './failure.ts';

export interface ReportExtras {
  disagreements?: VoteSummary;
  exportFidelity?: FidelityReport;
}

export const VOTE_TITLE = 'golden (PyTorch) vs reference vs onnxruntime, forward values';
export const FIDELITY_TITLE = "PyTorch's torch.onnx.export models run in onnxruntime vs PyTorch's own outputs";
export const closestFirst = (f: FidelityReport) => [...f.rows].sort((a, b) => b.headroom - a.headroom);

export function extrasText(x: ReportExtras): string[] {
  const out: string[] = [];
  const d = x.disagreements;
  if (d) {
    out.push('', `disagreements (${VOTE_TITLE}): ${d.voted} cases voted, ${d.agree} agree, ${d.disagreements.length} disagree`);
    for (const v of d.disagreements) out.push(`  ${v.id}: ${v.verdict}${v.odd ? ` (${v.odd})` : ''}: ${v.message}`);
    for (const u of d.unanswered) out.push(`  not voted ${u.id}: ${u.reason}`);
  }
  const f = x.exportFidelity;
  if (f) {
    const fails = f.rows.filter((r) => r.status === 'fail');
    const worst = closestFirst(f).filter((r) => r.status === 'pass').slice(0, 3);
    out.push('', `ONNX export fidelity (${FIDELITY_TITLE}, atol ${f.tolerance.atol}, rtol ${f.tolerance.rtol}): ${f.rows.length - fails.length} pass, ${fails.length} fail`);
    for (const r of fails) out.push(`  FAIL ${r.id} (${r.onnx}): max abs error ${exp1(r.maxAbsError)}: ${r.message}`);
    if (worst.length > 0) out.push(`  closest passes: ${worst.map((r) => `${r.id} max abs error ${exp1(r.maxAbsError)} headroom ${r.headroom.toFixed(2)}`).join('; ')}`);
    if (f.rows.length > 0) out.push('  every exported case: report.md and report.json');
  }
  return out;
}

export function extrasMarkdown(x: ReportExtras, cell: (s: string) => string): string[] {
  const out: string[] = [];
  const d = x.disagreements;
  if (d) {
    out.push('## Disagreements between the oracles', '', `${VOTE_TITLE}, on the ${d.voted} cases all three answer: ${d.agree} agree, ${d.disagreements.length} disagree.`, '');
    if (d.disagreements.length > 0) {
      out.push('| case | verdict | odd one out | detail |', '| --- | --- | --- | --- |');
      for (const v of d.disagreements) out.push(`| \`${v.id}\` | ${v.verdict} | ${v.odd ?? '-'} | ${cell(v.message)} |`);
      out.push('');
    }
    for (const u of d.unanswered) out.push(`- not voted \`${u.id}\`: ${cell(u.reason)}`);
    if (d.unanswered.length > 0) out.push('');
  }
  const f = x.exportFidelity;
  if (f) {
    const fails = f.rows.filter((r) => r.status === 'fail').length;
    out.push('## ONNX export fidelity', '', `Does exporting to ONNX keep the behaviour? ${FIDELITY_TITLE} (atol ${f.tolerance.atol}, rtol ${f.tolerance.rtol}): ${f.rows.length - fails} pass, ${fails} fail.`, '');
    out.push('| case | model | status | max abs error | headroom |', '| --- | --- | --- | --- | --- |');
    for (const r of closestFirst(f)) out.push(`| \`${r.id}\` | \`${r.onnx}\` | ${r.status === 'pass' ? 'pass' : `**FAIL**: ${cell(r.message)}`} | ${exp1(r.maxAbsError)} | ${r.headroom.toFixed(2)} |`);
    out.push('');
  }
  return out;
}
