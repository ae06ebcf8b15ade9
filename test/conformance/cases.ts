/**
 * The suite's cases: every golden RNN and Embedding case that has outputs, turned into the
 * adapter contract's framework-neutral form, with PyTorch's expected results beside it and the
 * PyTorch version they were recorded with.
 */
import type { EmbeddingCase, FloatDType, PlainTensor, RnnCase } from '../../impl/contract.ts';
import { rnnPositionalNames, withTorchVersion } from '../../reference/index.ts';
import { NEWEST_TORCH, decodeJsValue, decodeTensor, type GoldenCase, type TensorJson, type TorchVersion } from '../harness/golden.ts';
import { embeddingFeatures, rnnFeatures } from './features.ts';

export interface ExpectedResult {
  outputs: Record<string, PlainTensor>;
  grads: Record<string, PlainTensor>;
}

/** `torch`: the PyTorch version of the fixture (golden/<torch>/); `onnx` is relative to that folder. */
export type SuiteCase =
  | { kind: 'rnn'; id: string; torch: TorchVersion; features: string[]; input: RnnCase; expected: ExpectedResult; onnx?: string }
  | { kind: 'embedding'; id: string; torch: TorchVersion; features: string[]; input: EmbeddingCase; expected: ExpectedResult };

const tensorOf = (v: unknown): PlainTensor => decodeTensor(v as TensorJson);

function tensors(record: Record<string, unknown> | undefined): Record<string, PlainTensor> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, tensorOf(v)]));
}

/** A case's arguments as JS values (tagged non-finite numbers decoded). */
function argsOf(c: GoldenCase): Record<string, unknown> {
  return decodeJsValue(c.args, (t) => t) as Record<string, unknown>;
}

const SNAKE_CASE: Record<string, string> = {
  numLayers: 'num_layers', nonlinearity: 'nonlinearity', bias: 'bias', batchFirst: 'batch_first', dropout: 'dropout', bidirectional: 'bidirectional',
};

/** An rnn case's constructor arguments by name: `args.positional` bound as PyTorch `torch` binds them. */
function rnnArgsOf(c: GoldenCase, torch: TorchVersion): Record<string, unknown> {
  const a = argsOf(c);
  if (!Array.isArray(a.positional)) return a;
  const [inputSize, hiddenSize, ...rest] = a.positional as unknown[];
  const names = withTorchVersion(torch, rnnPositionalNames);
  return { ...a, input_size: inputSize, hidden_size: hiddenSize, ...Object.fromEntries(rest.map((v, i) => [SNAKE_CASE[names[i]], v])) };
}

/** A golden rnn case (with outputs or an error) as the adapter contract's RnnCase, without upstream. */
export function rnnInputOf(c: GoldenCase, torch: TorchVersion = NEWEST_TORCH): RnnCase {
  const a = rnnArgsOf(c, torch);
  const inputs = c.inputs as Record<string, unknown>;
  const input: RnnCase = {
    config: {
      inputSize: a.input_size as number,
      hiddenSize: a.hidden_size as number,
      numLayers: (a.num_layers as number | null) ?? 1,
      nonlinearity: ((a.nonlinearity as string | null) ?? 'tanh') as 'tanh' | 'relu',
      bias: (a.bias as boolean | null) ?? true,
      batchFirst: (a.batch_first as boolean | null) ?? false,
      dropout: (a.dropout as number | null) ?? 0,
      bidirectional: (a.bidirectional as boolean | null) ?? false,
      training: (a.training as boolean | null) ?? true,
      dtype: ((a.dtype as string | null) ?? 'float32') as FloatDType,
    },
    params: tensors(c.params),
    input: tensorOf(inputs.input),
  };
  if (inputs.h0) input.h0 = tensorOf(inputs.h0);
  if (inputs.lengths) {
    input.lengths = decodeJsValue(inputs.lengths, (t) => t) as number[];
    input.enforceSorted = (inputs.enforce_sorted as boolean | undefined) ?? true;
  }
  if (inputs.dropout_masks) input.dropoutMasks = (inputs.dropout_masks as unknown[]).map(tensorOf);
  return input;
}

function rnnCase(c: GoldenCase, torch: TorchVersion): SuiteCase {
  const input = rnnInputOf(c, torch);
  const grads = tensors(c.expected.grads as Record<string, unknown>);
  if (c.upstream && Object.keys(grads).length > 0) input.upstream = { output: tensorOf(c.upstream.output), h_n: tensorOf(c.upstream.h_n) };
  const outputs = tensors({ output: c.expected.outputs!.output, h_n: c.expected.outputs!.h_n });
  return { kind: 'rnn', id: c.id, torch, features: rnnFeatures(input), input, expected: { outputs, grads: input.upstream ? grads : {} }, onnx: c.onnx };
}

/** A sparse gradient `{indices, values, size}` as the dense (V, D) tensor it stands for. */
export function sparseToDense(s: { indices: TensorJson; values: TensorJson; size: number[] }): PlainTensor {
  const idx = decodeTensor(s.indices).data as BigInt64Array;
  const values = decodeTensor(s.values);
  const [rows, cols] = s.size;
  const data = values.dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  const v = values.data as Float32Array | Float64Array;
  for (let k = 0; k < idx.length; k++) {
    for (let j = 0; j < cols; j++) data[Number(idx[k]) * cols + j] += v[k * cols + j];
  }
  return { dtype: values.dtype, shape: [rows, cols], data };
}

function embeddingCase(c: GoldenCase, torch: TorchVersion): SuiteCase {
  const a = argsOf(c);
  const weight = tensorOf(c.params!.weight);
  const input: EmbeddingCase = {
    config: {
      numEmbeddings: weight.shape[0],
      embeddingDim: weight.shape[1],
      paddingIdx: (a.padding_idx as number | null) ?? null,
      maxNorm: (a.max_norm as number | null) ?? null,
      normType: (a.norm_type as number | null) ?? 2,
      scaleGradByFreq: (a.scale_grad_by_freq as boolean | null) ?? false,
      sparse: (a.sparse as boolean | null) ?? false,
      dtype: weight.dtype as FloatDType,
    },
    weight,
    indices: tensorOf((c.inputs as Record<string, unknown>).indices),
  };
  const g = c.expected.grads as Record<string, unknown> | undefined;
  const grads: Record<string, PlainTensor> = {};
  if (g?.weight) grads.weight = tensorOf(g.weight);
  if (g?.weight_sparse) grads.weight = sparseToDense(g.weight_sparse as never);
  if (c.upstream?.output && grads.weight) input.upstream = tensorOf(c.upstream.output);
  const o = c.expected.outputs!;
  return {
    kind: 'embedding', id: c.id, torch, features: embeddingFeatures(input), input,
    expected: { outputs: { output: tensorOf(o.output), weight_after: tensorOf(o.weight_after) }, grads },
  };
}

/** Golden cases (recorded with PyTorch `torch`) the adapter contract can express: RNN and Embedding cases with outputs. */
export function suiteCases(golden: readonly GoldenCase[], torch: TorchVersion = NEWEST_TORCH): SuiteCase[] {
  return golden.flatMap((c) => {
    if (!c.expected.outputs) return [];
    if (c.api === 'rnn') return [rnnCase(c, torch)];
    const floatWeight = c.params?.weight && (c.params.weight.dtype === 'float32' || c.params.weight.dtype === 'float64');
    if (c.api === 'embedding' && floatWeight && (c.expected.outputs as Record<string, unknown>).weight_after) return [embeddingCase(c, torch)];
    return [];
  });
}
