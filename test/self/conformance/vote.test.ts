/**
 * The three-way vote (vote.ts) on synthetic answers: each oracle as the odd one out, all agree,
 * all differ, and a split (one oracle within tolerance of two that differ); the report's
 * "disagreements" and "ONNX export fidelity" sections; and exportFidelity on golden models.
 */
import { describe, expect, test } from 'vitest';
import type { PlainTensor } from '../../../impl/contract.ts';
import { loadGolden } from '../../harness/golden.ts';
import { TOLERANCES } from '../../harness/tolerances.ts';
import { suiteCases, type SuiteCase } from '../../conformance/cases.ts';
import { exportFidelity, type FidelityReport } from '../../conformance/oracles/fidelity.ts';
import { formatJson, formatMarkdown, formatText, runMeta, summarize } from '../../conformance/report/index.ts';
import { vote, type Oracle, type Values, type VoteSummary } from '../../conformance/oracles/vote.ts';

const FWD = () => TOLERANCES.float32.forward; // atol 1e-5, rtol 1.3e-6

/** output (3, 1, 2) and h_n (1, 1, 2); `at` adds `delta` to output[2,0,1]. */
function answer(delta = 0): Values {
  const output = Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
  output[5] += delta;
  return {
    output: { dtype: 'float32', shape: [3, 1, 2], data: output },
    h_n: { dtype: 'float32', shape: [1, 1, 2], data: Float32Array.of(0.5, 0.6) },
  };
}
const answers = (g: number, r: number, o: number): Record<Oracle, Values> => ({ golden: answer(g), reference: answer(r), onnxruntime: answer(o) });

describe('vote on one case', () => {
  test('all three within tolerance: agree', () => {
    const v = vote('rnn/x', answers(0, 2e-6, -2e-6), FWD);

    expect(v).toMatchObject({ verdict: 'agree', message: 'golden, reference and onnxruntime agree' });
    expect(v.pairs.every((p) => p.ok)).toBe(true);
  });

  test('golden and reference agree, onnxruntime differs by 3e-3 at output[2,0,1]: onnxruntime is the odd one out', () => {
    const v = vote('rnn/x', answers(0, 0, 3e-3), FWD);

    expect(v.verdict).toBe('odd-one-out');
    expect(v.odd).toBe('onnxruntime');
    expect(v.message).toMatch(/^golden and reference agree; onnxruntime differs by 3\.0e-3: onnxruntime output\[2,0,1\] = 0\.603\d* but golden has 0\.6000\d* \(atol 0\.00001, rtol 0\.0000013\)$/);
  });

  test('golden and onnxruntime agree, the reference differs: the reference is the odd one out', () => {
    const v = vote('rnn/x', answers(0, -1e-3, 0), FWD);

    expect(v).toMatchObject({ verdict: 'odd-one-out', odd: 'reference' });
    expect(v.message).toMatch(/^golden and onnxruntime agree; reference differs by 1\.0e-3: reference output\[2,0,1\]/);
  });

  test('the reference and onnxruntime agree with each other, not with golden: golden is the odd one out', () => {
    const v = vote('rnn/x', answers(5e-3, 0, 1e-6), FWD);

    expect(v).toMatchObject({ verdict: 'odd-one-out', odd: 'golden' });
    expect(v.message).toMatch(/^reference and onnxruntime agree; golden differs by 5\.0e-3: reference output\[2,0,1\] = 0\.6\d* but golden has 0\.605/);
  });

  test('no two agree: all-differ, naming every pair', () => {
    const v = vote('rnn/x', answers(0, 1e-3, -1e-3), FWD);

    expect(v.verdict).toBe('all-differ');
    expect(v.odd).toBeUndefined();
    expect(v.message).toMatch(/^all three differ: reference and golden differ by 1\.0e-3: .*; onnxruntime and golden differ by 1\.0e-3: .*; onnxruntime and reference differ by 2\.0e-3: onnxruntime output\[2,0,1\] = .* but reference has /);
  });

  test('golden within tolerance of both, which differ from each other: a split, nobody to blame', () => {
    // budget at 0.6: 1e-5 + 1.3e-6 * 0.6 = 1.08e-5; each side is 0.9e-5 from golden, 1.8e-5 apart
    const v = vote('rnn/x', answers(0, 9e-6, -9e-6), FWD);

    expect(v.verdict).toBe('split');
    expect(v.message).toMatch(/^no odd one out: golden is within tolerance of both, but onnxruntime and reference differ by 1\.8e-5: /);
  });

  test('a wrong shape or a missing value is a disagreement of that oracle', () => {
    const bad = answer();
    bad.h_n = { dtype: 'float32', shape: [1, 2], data: Float32Array.of(0.5, 0.6) };
    const { h_n: _gone, ...missing } = answer();

    expect(vote('rnn/x', { golden: answer(), reference: answer(), onnxruntime: bad }, FWD)).toMatchObject({ verdict: 'odd-one-out', odd: 'onnxruntime' });
    expect(vote('rnn/x', { golden: answer(), reference: missing, onnxruntime: answer() }, FWD)).toMatchObject({ verdict: 'odd-one-out', odd: 'reference' });
  });
});

describe('the report sections', () => {
  const reports = [summarize('reference', []), summarize('onnxruntime', [])];
  const odd = vote('rnn/odd', answers(0, 0, 3e-3), FWD);
  const disagreements: VoteSummary = { voted: 3, agree: 2, disagreements: [odd], unanswered: [{ id: 'rnn/y', reason: 'onnxruntime raised boom' }] };
  const exportFidelity: FidelityReport = {
    tolerance: TOLERANCES.float32.forward,
    rows: [
      { id: 'rnn/a', onnx: 'onnx/rnn/a.onnx', status: 'pass', maxAbsError: 2.4e-7, headroom: 0.02, message: 'output matches' },
      { id: 'rnn/b', onnx: 'onnx/rnn/b.onnx', status: 'fail', maxAbsError: 1e-3, headroom: 90, message: 'h_n[0,0,1] = 1 but should be 2' },
    ],
  };
  const extras = { disagreements, exportFidelity };
  const meta = runMeta({ pytorch: '1.13', adapters: [], startedAt: new Date(0), finishedAt: new Date(1000), argv: ['rnnspec'] }, reports);

  test('text: a disagreements line per disagreeing case with its verdict, and export fidelity totals with the failures', () => {
    const text = formatText(reports, extras);

    expect(text).toContain('disagreements (golden (PyTorch) vs reference vs onnxruntime, forward values): 3 cases voted, 2 agree, 1 disagree');
    expect(text).toContain(`  rnn/odd: odd-one-out (onnxruntime): ${odd.message}`);
    expect(text).toContain('  not voted rnn/y: onnxruntime raised boom');
    expect(text).toMatch(/ONNX export fidelity \(.*\): 1 pass, 1 fail/);
    expect(text).toContain('  FAIL rnn/b (onnx/rnn/b.onnx): max abs error 1.0e-3: h_n[0,0,1] = 1 but should be 2');
    expect(text).toContain('closest passes: rnn/a max abs error 2.4e-7 headroom 0.02');
  });

  test('Markdown: a table of disagreements and a row per exported case', () => {
    const md = formatMarkdown(reports, extras);

    expect(md).toContain('## Disagreements between the oracles');
    expect(md).toContain('| `rnn/odd` | odd-one-out | onnxruntime |');
    expect(md).toContain('## ONNX export fidelity');
    expect(md).toContain('| `rnn/a` | `onnx/rnn/a.onnx` | pass | 2.4e-7 | 0.02 |');
    expect(md).toContain('| `rnn/b` | `onnx/rnn/b.onnx` | **FAIL**: h_n[0,0,1] = 1 but should be 2 | 1.0e-3 | 90.00 |');
  });

  test('JSON carries both sections; without them every format is unchanged', () => {
    const json = JSON.parse(formatJson(reports, extras, meta));

    expect(json.disagreements.disagreements[0]).toMatchObject({ id: 'rnn/odd', verdict: 'odd-one-out', odd: 'onnxruntime' });
    expect(json.exportFidelity.rows).toHaveLength(2);
    expect(JSON.parse(formatJson(reports, {}, meta))).not.toHaveProperty('disagreements');
    expect(JSON.parse(formatJson(reports, {}, meta))).not.toHaveProperty('exportFidelity');
    expect(formatText(reports)).not.toContain('disagreements');
    expect(formatMarkdown(reports)).not.toContain('ONNX export fidelity');
  });
});

describe('exportFidelity on PyTorch-exported golden models', () => {
  const exported = suiteCases(loadGolden({ exporter: null }).cases).filter((c) => c.kind === 'rnn' && c.onnx);
  const sample = [exported.find((c) => c.kind === 'rnn' && c.input.h0)!, exported.find((c) => c.kind === 'rnn' && c.input.config.batchFirst)!];

  test('the exported models reproduce PyTorch within the float32 forward tolerance, with the size of the difference', async () => {
    const f = await exportFidelity(sample);

    expect(f.rows.map((r) => r.id)).toEqual(sample.map((c) => c.id));
    for (const r of f.rows) {
      expect(r.status, r.message).toBe('pass');
      expect(r.maxAbsError).toBeLessThan(1e-5);
      expect(r.headroom).toBeLessThan(1);
    }
  });

  test('an output PyTorch did not produce fails with the size of the difference; a missing model fails with ORT\'s error', async () => {
    const c = sample[0] as Extract<SuiteCase, { kind: 'rnn' }>;
    const h_n: PlainTensor = { ...c.expected.outputs.h_n, data: (c.expected.outputs.h_n.data as Float32Array).map((v, i) => (i === 0 ? v + 0.01 : v)) };
    const tampered: SuiteCase = { ...c, expected: { ...c.expected, outputs: { ...c.expected.outputs, h_n } } };
    const missing: SuiteCase = { ...c, id: 'rnn/missing', onnx: 'onnx/rnn/no_such_model.onnx' };

    const f = await exportFidelity([tampered, missing]);

    expect(f.rows[0]).toMatchObject({ status: 'fail' });
    expect(f.rows[0].maxAbsError).toBeCloseTo(0.01, 4);
    expect(f.rows[0].message).toMatch(/^h_n\[0,0(,0)?\] = /);
    expect(f.rows[1]).toMatchObject({ id: 'rnn/missing', status: 'fail', maxAbsError: Infinity });
    expect(f.rows[1].message).toMatch(/^onnxruntime raised: /);
  });
});
