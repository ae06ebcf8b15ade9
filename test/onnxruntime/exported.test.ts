/**
 * runExportedModel: ORT running a serialised model from disk with the interface of PyTorch's
 * exporter (inputs `input`, optional `h0`; outputs `output`, `h_n`; weights as initializers).
 *
 * No Python at test time: the model is rnnspec's own RNN graph with the parameters frozen into
 * initializers, written to a temporary file; its result is checked against the float64 loop.
 * When golden/ holds PyTorch-exported models (scripts/FIXTURES.md), each one is also run and
 * compared with PyTorch's own outputs from its case file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildRnnModel, createOnnxRuntimeAdapter, exportedModelCache, runExportedModel, type RnnGraphSignature } from '../../impl/onnxruntime/index.ts';
import { encodeModel, initializer } from '../../impl/onnxruntime/proto.ts';
import type { PlainTensor, RnnCase } from '../../impl/contract.ts';
import { expectClose } from '../harness/compare.ts';
import { TOLERANCES } from '../harness/tolerances.ts';
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

// ---- PyTorch's own exported models, when golden/ has them ------------------------------------------
const GOLDEN = new URL('../../golden/', import.meta.url).pathname;

interface GoldenTensor {
  dtype: string;
  shape: number[];
  data: Array<number | string>;
}

function decode(t: GoldenTensor): PlainTensor {
  const vals = t.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
  if (t.dtype === 'float32') return { dtype: t.dtype, shape: t.shape, data: Float32Array.from(vals) };
  if (t.dtype === 'float64') return { dtype: t.dtype, shape: t.shape, data: Float64Array.from(vals) };
  throw new Error(`unexpected dtype ${t.dtype} in an rnn case`);
}

function goldenRnnCasesWithOnnx(): Array<{ file: string; json: any }> {
  const casesDir = join(GOLDEN, 'cases', 'rnn');
  if (!existsSync(casesDir)) return [];
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(casesDir, f), 'utf8')) }))
    .filter(({ json }) => typeof json.onnx === 'string' && json.expected?.outputs && json.args?.dtype !== 'float64');
}

const golden = goldenRnnCasesWithOnnx();
describe.skipIf(golden.length === 0)('runExportedModel on PyTorch-exported golden models', () => {
  for (const { file, json } of golden) {
    test(json.id ?? file, async () => {
      const inputs = { input: decode(json.inputs.input), h0: json.inputs.h0 ? decode(json.inputs.h0) : undefined };
      const r = await runExportedModel(join(GOLDEN, json.onnx), inputs);
      const ctx = `rnn case=${json.id} impl=onnxruntime(exported)`;
      expectClose(r.output, decode(json.expected.outputs.output), { name: 'output', tolerance: FWD, context: ctx });
      expectClose(r.h_n, decode(json.expected.outputs.h_n), { name: 'h_n', tolerance: FWD, context: ctx });
    });
  }
});
