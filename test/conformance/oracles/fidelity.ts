/**
 * ONNX export fidelity: does `torch.onnx.export` keep nn.RNN's behaviour? Every golden rnn case
 * with a PyTorch-exported model (its `onnx` field, scripts/FIXTURES.md) is run in ONNX Runtime
 * (`runExportedModel`) on the case's input (and h0), and the outputs are compared with PyTorch's
 * own (`expected.outputs.output`, `h_n`) at the float32 forward tolerance. Each row gives
 * pass/fail, the largest |difference| and the headroom.
 * test/self/onnxruntime/exported.test.ts asserts that every row passes; the CLI prints the report.
 */
import { join } from 'node:path';
import { runExportedModel, SessionCache, type ExportedRnnInputs, type ExportedRnnOutputs } from '../../../impl/onnxruntime/index.ts';
import { compareTensors } from '../../harness/compare.ts';
import { goldenDir as goldenDirOf } from '../../harness/golden.ts';
import { TOLERANCES, type Tolerance } from '../../harness/tolerances.ts';
import type { SuiteCase } from '../cases.ts';

export interface FidelityRow {
  id: string;
  /** The model, relative to golden/<version>/. */
  onnx: string;
  status: 'pass' | 'fail';
  maxAbsError: number;
  headroom: number;
  /** The closest (or first failing) comparison, or the error ORT raised. */
  message: string;
}

export interface FidelityReport {
  tolerance: Tolerance;
  rows: FidelityRow[];
}

export type RunExported = (onnxPath: string, inputs: ExportedRnnInputs) => Promise<ExportedRnnOutputs>;

/**
 * Runs every exported model among `cases`; `run` defaults to runExportedModel with a cache of its own.
 * Models are read from `goldenDir`, by default golden/<version>/ of each case's PyTorch version.
 */
export async function exportFidelity(cases: readonly SuiteCase[], run?: RunExported, goldenDir?: string): Promise<FidelityReport> {
  const tol = TOLERANCES.float32.forward;
  const cache = run ? null : new SessionCache();
  const exec: RunExported = run ?? ((path, inputs) => runExportedModel(path, inputs, cache!));
  const rows: FidelityRow[] = [];
  try {
    for (const c of cases) {
      if (c.kind !== 'rnn' || !c.onnx) continue;
      const row: FidelityRow = { id: c.id, onnx: c.onnx, status: 'pass', maxAbsError: 0, headroom: 0, message: '' };
      try {
        const r = await exec(join(goldenDir ?? goldenDirOf(c.torch), c.onnx), { input: c.input.input, ...(c.input.h0 ? { h0: c.input.h0 } : {}) });
        const produced: Record<string, ExportedRnnOutputs['output']> = { output: r.output, h_n: r.h_n };
        for (const [name, e] of Object.entries(c.expected.outputs)) {
          const cmp = compareTensors(produced[name], e, { name, tolerance: tol, context: `rnn case=${c.id} impl=onnxruntime(torch.onnx.export)` });
          row.maxAbsError = Math.max(row.maxAbsError, cmp.maxAbsError);
          if (cmp.headroom >= row.headroom) Object.assign(row, { headroom: cmp.headroom, message: cmp.message });
          if (!cmp.ok) {
            Object.assign(row, { status: 'fail', message: cmp.message });
            break;
          }
        }
      } catch (e) {
        Object.assign(row, { status: 'fail', maxAbsError: Infinity, headroom: Infinity, message: `onnxruntime raised: ${(e as Error).message}` });
      }
      rows.push(row);
    }
  } finally {
    await cache?.dispose();
  }
  return { tolerance: tol, rows };
}
