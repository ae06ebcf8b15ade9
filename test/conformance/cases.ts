/**
 * The suite's cases: every golden RNN and Embedding case that has outputs, turned into the
 * adapter contract's framework-neutral form, with PyTorch's expected results beside it and the
 * PyTorch version they were recorded with.
 */
import type { EmbeddingCase, FloatDType, PackedOutput, PlainTensor, RnnCase, RnnConfig, SparseCoo } from '../../impl/contract.ts';
import { rnnPositionalNames, withTorchVersion } from '../../reference/index.ts';
import { NEWEST_TORCH, caseFile, decodeJsValue, decodeTensor, type GoldenCase, type TensorJson, type TorchVersion } from '../harness/golden.ts';
import { embeddingFeatures, rnnFeatures, typedArrayDtype } from './features.ts';
import type { TensorCase } from './tensor-probe.ts';

export interface ExpectedResult {
  outputs: Record<string, PlainTensor>;
  grads: Record<string, PlainTensor>;
  /** An error case (contract v2, `errors`): PyTorch's exception type and exact message; no outputs. */
  error?: { type: string; message: string };
  /** Packed input: PyTorch's PackedSequence output (contract v2, `packedInternals`). */
  packed?: PackedOutput;
  /** sparse=True with upstream: PyTorch's uncoalesced COO weight gradient (contract v2, `sparseCoo`). */
  sparse?: SparseCoo;
}

/**
 * `torch`: the PyTorch version of the fixture (golden/<torch>/); `onnx` is relative to that folder.
 * `fixture`: the file the case comes from, when it is not golden/<torch>/cases/<id>.json (a regression case
 * saved by fuzz, or a tensor case derived from a golden one). A tensor case's `aliases`: asTensor
 * on a source of the result's dtype (shares memory when the adapter claims `asTensorAliases`).
 */
export type SuiteCase =
  | { kind: 'rnn'; id: string; torch: TorchVersion; features: string[]; input: RnnCase; expected: ExpectedResult; onnx?: string; fixture?: string }
  | { kind: 'embedding'; id: string; torch: TorchVersion; features: string[]; input: EmbeddingCase; expected: ExpectedResult; fixture?: string }
  | { kind: 'tensor'; id: string; torch: TorchVersion; features: string[]; input: TensorCase; expected: ExpectedResult; aliases?: boolean; fixture?: string };

/** An nn.RNN or nn.Embedding case (not tensor creation). */
export type ModelCase = Exclude<SuiteCase, { kind: 'tensor' }>;

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

/** A golden rnn case's nn.RNN configuration under PyTorch `torch`: its defaults for the options the case did not pass. */
function rnnConfigOf(c: GoldenCase, torch: TorchVersion): RnnConfig {
  const args = rnnArgumentsOf(c);
  const { inputSize, hiddenSize, training } = args;
  const o = boundRnnOptions(args, torch);
  return {
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
  };
}

/** A golden rnn case (with outputs or an error) as the adapter contract's RnnCase, without upstream. */
export function rnnInputOf(c: GoldenCase, torch: TorchVersion = NEWEST_TORCH): RnnCase {
  const inputs = c.inputs as Record<string, unknown>;
  const input: RnnCase = {
    config: rnnConfigOf(c, torch),
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
  const o = c.expected.outputs as Record<string, unknown>;
  const outputs = tensors({ output: o.output, h_n: o.h_n });
  const expected: ExpectedResult = { outputs, grads: input.upstream ? grads : {} };
  if (o.output_data) {
    expected.packed = {
      data: tensorOf(o.output_data), batchSizes: tensorOf(o.batch_sizes),
      sortedIndices: o.sorted_indices ? tensorOf(o.sorted_indices) : null, unsortedIndices: o.unsorted_indices ? tensorOf(o.unsorted_indices) : null,
    };
  }
  return { kind: 'rnn', id: c.id, torch, features: rnnFeatures(input), input, expected, onnx: c.onnx };
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

/** A golden embedding case (with outputs or an error) as the contract's EmbeddingCase, without upstream. */
function embeddingInputOf(c: GoldenCase): EmbeddingCase {
  const a = argsOf(c);
  const weight = tensorOf(c.params!.weight);
  return {
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
}

function embeddingCase(c: GoldenCase, torch: TorchVersion): SuiteCase {
  const input = embeddingInputOf(c);
  const g = c.expected.grads as Record<string, unknown> | undefined;
  const grads: Record<string, PlainTensor> = {};
  if (g?.weight) grads.weight = tensorOf(g.weight);
  if (g?.weight_sparse) grads.weight = sparseToDense(g.weight_sparse as never);
  if (c.upstream?.output && grads.weight) input.upstream = tensorOf(c.upstream.output);
  const o = c.expected.outputs!;
  const expected: ExpectedResult = { outputs: { output: tensorOf(o.output), weight_after: tensorOf(o.weight_after) }, grads };
  if (g?.weight_sparse && input.upstream) {
    const s = g.weight_sparse as { indices: TensorJson; values: TensorJson; size: number[] };
    expected.sparse = { indices: decodeTensor(s.indices), values: decodeTensor(s.values), size: s.size };
  }
  return { kind: 'embedding', id: c.id, torch, features: embeddingFeatures(input), input, expected };
}

// ---- error cases (contract v2, `errors`) --------------------------------------------------------
// A golden error case reaches the adapter when the contract can express its call: its arguments
// have the config's types and its tensors fit RnnCase / EmbeddingCase. Left out, with why:
// - `deviation` cases: PyTorch 1.13 does not raise there (rnnspec does, docs/spec.md §5.4);
// - RNN options of another type (`nonlinearity='Tanh'`, `bias=0`, `dropout=True`): RnnConfig
//   cannot hold them; non-integer sizes (`hidden_size=2.5`): Python's TypeError text names the
//   keyword arguments that were passed, and RnnConfig always passes every option;
// - Embedding without a weight (module construction from sizes), with a weight that is not a 2-D
//   float table, or with sizes that disagree with it: EmbeddingCase's sizes ARE its weight's
//   shape; `padding_idx=True`: not a number;
// - the `packing` and `tensor` groups: no adapter call runs pack_padded_sequence alone, and
//   tensor creation errors are not part of the `tensor` capability.

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** nn.RNN's parameters, zero-filled, for a construction error case (sizes permitting): arguments only, never expected values. */
function zeroParams(cfg: RnnConfig): Record<string, PlainTensor> {
  const { inputSize: I, hiddenSize: H, numLayers, bidirectional, bias, dtype } = cfg;
  if (![I, H, numLayers].every((n) => isInt(n) && n >= 0)) return {};
  const zeros = (shape: number[]): PlainTensor => {
    const n = shape.reduce((a, b) => a * b, 1);
    return { dtype, shape, data: dtype === 'float64' ? new Float64Array(n) : new Float32Array(n) };
  };
  const D = bidirectional ? 2 : 1;
  const params: Record<string, PlainTensor> = {};
  for (let l = 0; l < numLayers; l++) {
    for (const sfx of bidirectional ? ['', '_reverse'] : ['']) {
      params[`weight_ih_l${l}${sfx}`] = zeros([H, l === 0 ? I : D * H]);
      params[`weight_hh_l${l}${sfx}`] = zeros([H, H]);
      if (bias) {
        params[`bias_ih_l${l}${sfx}`] = zeros([H]);
        params[`bias_hh_l${l}${sfx}`] = zeros([H]);
      }
    }
  }
  return params;
}

const RNN_TYPES: Record<string, (v: unknown) => boolean> = {
  input_size: isInt, hidden_size: isInt, num_layers: isInt,
  nonlinearity: (v) => v === 'tanh' || v === 'relu', bias: (v) => typeof v === 'boolean', batch_first: (v) => typeof v === 'boolean',
  dropout: (v) => typeof v === 'number', bidirectional: (v) => typeof v === 'boolean', dtype: (v) => v === 'float32' || v === 'float64',
};

function rnnErrorCase(c: GoldenCase, torch: TorchVersion): RnnCase | null {
  const a = argsOf(c);
  if (Array.isArray(a.positional)) return null; // how positional arguments bind is the reference's matter: a config is passed by name
  if (Object.entries(RNN_TYPES).some(([k, fits]) => a[k] !== null && a[k] !== undefined && !fits(a[k]))) return null;
  const inputs = (c.inputs ?? {}) as Record<string, unknown>;
  if (inputs.input) return rnnInputOf(c, torch);
  // a construction error: PyTorch raises before it sees an input, so a zero input of the right size stands in
  const config = rnnConfigOf(c, torch);
  const I = isInt(config.inputSize) && config.inputSize >= 0 ? config.inputSize : 0;
  const input: PlainTensor = { dtype: config.dtype, shape: [1, 1, I], data: config.dtype === 'float64' ? new Float64Array(I) : new Float32Array(I) };
  return { config, params: zeroParams(config), input };
}

function embeddingErrorCase(c: GoldenCase): EmbeddingCase | null {
  const a = argsOf(c);
  const w = c.params?.weight;
  if (!w || (w.dtype !== 'float32' && w.dtype !== 'float64') || w.shape.length !== 2) return null;
  if (a.form === 'module' && (a.num_embeddings !== w.shape[0] || a.embedding_dim !== w.shape[1])) return null;
  const numberOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'number';
  const boolOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'boolean';
  if (!numberOrNull(a.padding_idx) || !numberOrNull(a.max_norm) || !numberOrNull(a.norm_type) || !boolOrNull(a.scale_grad_by_freq) || !boolOrNull(a.sparse)) return null;
  const input = embeddingInputOf(c);
  if (c.expected.error?.phase === 'backward') input.upstream = tensorOf(c.upstream!.output);
  return input;
}

function errorCase(c: GoldenCase, torch: TorchVersion): SuiteCase[] {
  if (c.deviation) return [];
  const { type, message } = c.expected.error!;
  const expected: ExpectedResult = { outputs: {}, grads: {}, error: { type, message } };
  if (c.api === 'rnn') {
    const input = rnnErrorCase(c, torch);
    return input ? [{ kind: 'rnn', id: c.id, torch, features: ['rnn.errors'], input, expected }] : [];
  }
  if (c.api === 'embedding') {
    const input = embeddingErrorCase(c);
    return input ? [{ kind: 'embedding', id: c.id, torch, features: ['embedding.errors'], input, expected }] : [];
  }
  return [];
}

// ---- tensor creation (contract v2, `tensor`) -----------------------------------------------------
// Golden `tensor` cases with a result whose source is plain JS data (numbers, booleans, bigints,
// typed arrays, nested arrays of them): not the ones built from rnnspec Tensors, null or strings,
// nor requires_grad (a tensor library's own notion). A typed-array source is also written to after
// the call (`tensor.copy`: the result must not change), and every non-empty typed-array case runs
// once more through asTensor (`tensor.as_tensor`).

function plainData(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(plainData);
  if (ArrayBuffer.isView(v)) return !(v instanceof Uint16Array || v instanceof Uint32Array || v instanceof BigUint64Array);
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
}

/** A value other than the source's element 0, so that a write to it shows. */
function writeFor(source: ArrayLike<number | bigint>): number | bigint {
  const first = source[0];
  if (typeof first === 'bigint') return first === 7n ? 9n : 7n;
  return first === 7 ? 9 : 7;
}

function tensorCases(c: GoldenCase, torch: TorchVersion): SuiteCase[] {
  if (c.expected.error || c.args.requires_grad) return [];
  let data: unknown;
  try {
    data = decodeJsValue(c.inputs?.data, () => {
      throw new Error('a Tensor source');
    });
  } catch {
    return [];
  }
  if (!plainData(data)) return [];
  const dtype = (c.args.dtype as string | null | undefined) ?? undefined;
  const result = tensorOf(c.expected.outputs!.result);
  const fixture = `golden/${torch}/${caseFile(c.id)}`;
  const typed = ArrayBuffer.isView(data) && (data as unknown as ArrayLike<number>).length > 0 ? (data as unknown as ArrayLike<number | bigint>) : null;
  const write = typed ? writeFor(typed) : undefined;
  const kind = dtype === undefined ? 'tensor.infer_dtype' : 'tensor.dtype';
  const outputs = (extra: Record<string, PlainTensor>) => ({ outputs: { result, ...extra }, grads: {} });
  const cases: SuiteCase[] = [{
    kind: 'tensor', id: c.id, torch, features: typed ? [kind, 'tensor.copy'] : [kind], fixture,
    input: { call: 'tensor', data, ...(dtype ? { dtype } : {}), ...(write !== undefined ? { write } : {}) },
    // torch.tensor copies: the write does not show
    expected: outputs(typed ? { after_write: result } : {}),
  }];
  if (typed) {
    cases.push({
      kind: 'tensor', id: `${c.id}.as_tensor`, torch, features: ['tensor.as_tensor'], fixture,
      input: { call: 'asTensor', data, ...(dtype ? { dtype } : {}), write },
      // after_write is decided by the claim (aliases or copies): the judge builds it from `result`
      expected: outputs({}), aliases: typedArrayDtype(data as ArrayBufferView) === result.dtype,
    });
  }
  return cases;
}

/** Golden cases (recorded with PyTorch `torch`) the adapter contract can express: RNN and Embedding cases with outputs, the error cases and the tensor cases above. */
export function suiteCases(golden: readonly GoldenCase[], torch: TorchVersion = NEWEST_TORCH): SuiteCase[] {
  return golden.flatMap((c) => {
    if (c.api === 'tensor') return tensorCases(c, torch);
    if (c.expected.error) return errorCase(c, torch);
    if (!c.expected.outputs) return [];
    if (c.api === 'rnn') return [rnnCase(c, torch)];
    const floatWeight = c.params?.weight && (c.params.weight.dtype === 'float32' || c.params.weight.dtype === 'float64');
    if (c.api === 'embedding' && floatWeight && (c.expected.outputs as Record<string, unknown>).weight_after) return [embeddingCase(c, torch)];
    return [];
  });
}
