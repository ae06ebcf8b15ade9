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

/**
 * `torch`: the PyTorch version of the fixture (golden/<torch>/); `onnx` is relative to that folder.
 * `fixture`: the file the case comes from, when it is not golden/ (a regression case saved by fuzz).
 */
export type SuiteCase =
  | { kind: 'rnn'; id: string; torch: TorchVersion; features: string[]; input: RnnCase; expected: ExpectedResult; onnx?: string; fixture?: string }
  | { kind: 'embedding'; id: string; torch: TorchVersion; features: string[]; input: EmbeddingCase; expected: ExpectedResult; fixture?: string };

const tensorOf = (v: unknown): PlainTensor => decodeTensor(v as TensorJson);

function tensors(record: Record<string, unknown> | undefined): Record<string, PlainTensor> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, tensorOf(v)]));
}

/** A case's arguments as JS values (tagged non-finite numbers decoded). */
function argsOf(c: GoldenCase): Record<string, unknown> {
  return decodeJsValue(c.args, (t) => t) as Record<string, unknown>;
}

/** nn.RNN's keyword options, by PyTorch's name and rnnspec's camelCase name. */
const RNN_OPTIONS = {
  num_layers: 'numLayers', nonlinearity: 'nonlinearity', bias: 'bias', batch_first: 'batchFirst',
  dropout: 'dropout', bidirectional: 'bidirectional', dtype: 'dtype',
} as const;
type RnnOptionName = (typeof RNN_OPTIONS)[keyof typeof RNN_OPTIONS];

export interface RnnArguments {
  inputSize: number;
  hiddenSize: number;
  /** Positional arguments as the case passed them, input_size and hidden_size first (PyTorch binds the rest per version). */
  positional?: unknown[];
  /** Keyword options in camelCase; one the case did not pass is absent, so that PyTorch's default applies. */
  options: Partial<Record<RnnOptionName, unknown>>;
  training: boolean;
}

/** The nn.RNN constructor arguments a golden case passed (error cases keep their bad values). */
export function rnnArgumentsOf(c: GoldenCase): RnnArguments {
  const a = argsOf(c);
  const options = Object.fromEntries(Object.entries(RNN_OPTIONS).filter(([k]) => a[k] !== null && a[k] !== undefined).map(([k, v]) => [v, a[k]]));
  const training = (a.training as boolean | null) ?? true;
  if (!Array.isArray(a.positional)) return { inputSize: a.input_size as number, hiddenSize: a.hidden_size as number, options, training };
  const positional = a.positional as unknown[];
  return { inputSize: positional[0] as number, hiddenSize: positional[1] as number, positional, options, training };
}

/** The options in force: positional arguments bound by name as PyTorch `torch` binds them, then the keywords. */
function boundRnnOptions(args: RnnArguments, torch: TorchVersion): RnnArguments['options'] {
  const names = withTorchVersion(torch, rnnPositionalNames);
  const byPosition = Object.fromEntries((args.positional ?? []).slice(2).map((v, i) => [names[i], v]));
  return { ...byPosition, ...args.options };
}

/** A golden rnn case (with outputs or an error) as the adapter contract's RnnCase, without upstream. */
export function rnnInputOf(c: GoldenCase, torch: TorchVersion = NEWEST_TORCH): RnnCase {
  const args = rnnArgumentsOf(c);
  const { inputSize, hiddenSize, training } = args;
  const o = boundRnnOptions(args, torch);
  const inputs = c.inputs as Record<string, unknown>;
  const input: RnnCase = {
    config: {
      inputSize,
      hiddenSize,
      numLayers: (o.numLayers as number | undefined) ?? 1,
      nonlinearity: (o.nonlinearity as 'tanh' | 'relu' | undefined) ?? 'tanh',
      bias: (o.bias as boolean | undefined) ?? true,
      batchFirst: (o.batchFirst as boolean | undefined) ?? false,
      dropout: (o.dropout as number | undefined) ?? 0,
      bidirectional: (o.bidirectional as boolean | undefined) ?? false,
      training,
      dtype: (o.dtype as FloatDType | undefined) ?? 'float32',
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
