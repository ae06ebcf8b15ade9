/**
 * runExportedModel: ORT running a serialised model from disk with the interface of PyTorch's
 * exporter (inputs `input`, optional `h0`; outputs `output`, `h_n`; weights as initializers).
 *
 * No Python at test time: the model is rnnspec's own RNN graph with the parameters frozen into
 * initializers, written to a temporary file; its result is checked against the float64 loop.
 * Every PyTorch-exported golden model (scripts/FIXTURES.md) is also run and compared with
 * PyTorch's own outputs from its case file (test/conformance/oracles/fidelity.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildRnnModel, createOnnxRuntimeAdapter, exportedModelCache, runExportedModel, type RnnGraphSignature } from '../../../impl/onnxruntime/index.ts';
import { encodeModel, initializer } from '../../../impl/onnxruntime/proto.ts';
import type { RnnCase } from '../../../impl/contract.ts';
import { expectClose } from '../../harness/compare.ts';
import { TOLERANCES } from '../../harness/tolerances.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { exportFidelity } from '../../conformance/oracles/fidelity.ts';
import { makeRnnCase, naiveRnn, rnnSpec } from './naive.ts';

const FWD = TOLERANCES.float32.forward;
const dir = mkdtempSync(join(tmpdir(), 'rnnspec-ort-'));
afterAll(async () => {
  await exportedModelCache().dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** rnnspec's graph with the case's parameters (and h0 zeros when `withoutH0`) as initializers. */
function writeFrozenModel(c: RnnCase, file: string, withoutH0: boolean): string {
  const cfg = c.config;
  const sig: RnnGraphSignature = { ...cfg, packed: false, dtype: 'float32' };
  const m = buildRnnModel(sig);
  const graph = m.graph!;
  const frozen = new Set(Object.keys(c.params));
  if (withoutH0) frozen.add('h0');
  graph.input = graph.input!.filter((i) => !frozen.has(i.name!));
  for (const [name, t] of Object.entries(c.params)) graph.initializer!.push(initializer(name, 'float32', t.shape, t.data as Float32Array));
  if (withoutH0) {
    // A fixed batch size, like a model exported without dynamic axes.
    const D = cfg.bidirectional ? 2 : 1;
    const N = cfg.batchFirst ? c.input.shape[0] : c.input.shape[1];
    graph.initializer!.push(initializer('h0', 'float32', [D * cfg.numLayers, N, cfg.hiddenSize], new Float32Array(D * cfg.numLayers * N * cfg.hiddenSize)));
  }
  const path = join(dir, file);
  writeFileSync(path, encodeModel(m));
  return path;
}

const spec = rnnSpec({ seed: 11, numLayers: 2, batchFirst: true, bidirectional: true, L: 6, N: 2, withH0: true });

describe('runExportedModel on a serialised model', () => {
  test('inputs input + h0', async () => {
    const c = makeRnnCase(spec);
    const path = writeFrozenModel(c, 'with_h0.onnx', false);
    const r = await runExportedModel(path, { input: c.input, h0: c.h0 });
    const e = naiveRnn(c);
    expectClose(r.output, e.output, { name: 'output', tolerance: FWD });
    expectClose(r.h_n, e.h_n, { name: 'h_n', tolerance: FWD });
    // the same file again: a cache hit
    const hits = exportedModelCache().stats().hits;
    await runExportedModel(path, { input: c.input, h0: c.h0 });
    expect(exportedModelCache().stats().hits).toBe(hits + 1);
  });

  test('input only (h0 folded in as zeros), relu, no bias, through the adapter and its cache', async () => {
    const c = makeRnnCase({ ...spec, nonlinearity: 'relu', bias: false, withH0: false, batchFirst: false, numLayers: 1 });
    const path = writeFrozenModel(c, 'without_h0.onnx', true);
    const a = createOnnxRuntimeAdapter();
    try {
      const r = await a.runExportedModel(path, { input: c.input });
      const e = naiveRnn(c);
      expectClose(r.output, e.output, { name: 'output', tolerance: FWD });
      expectClose(r.h_n, e.h_n, { name: 'h_n', tolerance: FWD });
      expect(a.cacheStats().creations.map((x) => x.key)).toEqual([`file:${path}`]);
      await expect(a.runExportedModel(path, { input: c.input, h0: c.input })).rejects.toThrow(/takes no h0 input/);
    } finally {
      await a.dispose();
    }
  });

  test('a model that needs h0 without one is an error naming its inputs', async () => {
    const c = makeRnnCase(spec);
    const path = writeFrozenModel(c, 'needs_h0.onnx', false);
    await expect(runExportedModel(path, { input: c.input })).rejects.toThrow(/takes an h0 input \(inputs: input, h0\)/);
  });
});

// ---- PyTorch's own exported models ----------------------------------------------------------------
describe('PyTorch-exported golden models (golden/onnx) in ONNX Runtime', () => {
  const cases = suiteCases(loadGolden().cases);
  const exported = cases.filter((c) => c.kind === 'rnn' && c.onnx);
  test('every golden case with an exported model keeps PyTorch\'s outputs', async () => {
    expect(exported.length).toBeGreaterThan(100);
    const report = await exportFidelity(cases);
    expect(report.rows.map((r) => r.id).sort()).toEqual(exported.map((c) => c.id).sort());
    const failures = report.rows.filter((r) => r.status === 'fail').map((r) => `${r.id}: ${r.message}`);
    expect(failures).toEqual([]);
  });
});
