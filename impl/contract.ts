/**
 * The adapter contract: what a third party writes to have rnnspec validate an implementation.
 *
 * Framework-neutral and small (docs/design.md §3): plain `{dtype, shape, data}`
 * tensors in row-major typed arrays, PyTorch's parameter names, promises allowed. An adapter
 * declares its capabilities and implements only what it claims; the suite reports every case it
 * cannot express as `unsupported` (with the reason) and never passes it silently.
 *
 * A case carries everything needed to run it (inputs, parameters, injected dropout masks, the
 * upstream gradient); an adapter must not mutate its inputs, except the in-place renorm that
 * Embedding's max_norm is specified to do on `weight`.
 */

export type FloatDType = 'float32' | 'float64';
export type IndexDType = 'int64' | 'int32';

export interface PlainTensor {
  dtype: string;
  shape: readonly number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;
}

// ---- nn.RNN -----------------------------------------------------------------------------------
export interface RnnConfig {
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  nonlinearity: 'tanh' | 'relu';
  bias: boolean;
  batchFirst: boolean;
  dropout: number;
  bidirectional: boolean;
  /** false: `rnn.eval()`. Dropout only acts in training mode with numLayers > 1. */
  training: boolean;
  dtype: FloatDType;
}

export interface RnnCase {
  config: RnnConfig;
  /** Every parameter by PyTorch's name (`weight_ih_l0`, `bias_hh_l1_reverse`, ...). */
  params: Record<string, PlainTensor>;
  /** Padded input: (L, N, I), (N, L, I) with batchFirst, or (L, I) unbatched. */
  input: PlainTensor;
  h0?: PlainTensor;
  /** Present for packed input: pack_padded_sequence(input, lengths, batchFirst, enforceSorted). */
  lengths?: number[];
  enforceSorted?: boolean;
  /** One 0/1 mask per non-final layer, in that layer's output layout (padded or packed data). */
  dropoutMasks?: PlainTensor[];
  /** Present when gradients are asked for: d(loss)/d(output) and d(loss)/d(h_n). */
  upstream?: { output: PlainTensor; h_n: PlainTensor };
}

/**
 * The PackedSequence nn.RNN returns for packed input (contract v2), field by field:
 * `data` (sum(lengths), D*H) in packed order, `batchSizes` (int64, one per time step),
 * `sortedIndices` / `unsortedIndices` (int64) — null when `enforceSorted` is true, as in PyTorch.
 */
export interface PackedOutput {
  data: PlainTensor;
  batchSizes: PlainTensor;
  sortedIndices: PlainTensor | null;
  unsortedIndices: PlainTensor | null;
}

export interface RnnResult {
  /** For packed input: pad_packed_sequence(output, batchFirst)[0], in the original batch order. */
  output: PlainTensor;
  h_n: PlainTensor;
  /** With `upstream`: gradients of `input`, `h0` (if given) and every parameter by name. */
  grads?: Record<string, PlainTensor>;
  /**
   * Contract v2, optional: for packed input, the packed output itself. When present it is checked
   * (`data` at the forward tolerance, the index bookkeeping exactly); required by `rnn.packedInternals`.
   */
  packed?: PackedOutput;
}

// ---- nn.Embedding -----------------------------------------------------------------------------
export interface EmbeddingConfig {
  numEmbeddings: number;
  embeddingDim: number;
  paddingIdx: number | null;
  maxNorm: number | null;
  normType: number;
  scaleGradByFreq: boolean;
  sparse: boolean;
  dtype: FloatDType;
}

export interface EmbeddingCase {
  config: EmbeddingConfig;
  weight: PlainTensor;
  indices: PlainTensor;
  upstream?: PlainTensor;
}

export interface EmbeddingResult {
  output: PlainTensor;
  /** The weight after the call (max_norm renormalises referenced rows in place). */
  weightAfter: PlainTensor;
  /** With `upstream`: the dense gradient of weight (a sparse one converted with toDense). */
  gradWeight?: PlainTensor;
  /**
   * Contract v2, optional: for `sparse: true`, the weight gradient as PyTorch's uncoalesced COO
   * tensor: `indices` (int64, shape (1, nnz)) in the order of the lookups, `values` (nnz, D) one
   * row per lookup, `size` [V, D]. When present it is checked against PyTorch's (indices and
   * size exactly, values as `grad.weight` is; `gradWeight` may then be left out); required by
   * `embedding.sparseCoo`.
   */
  gradWeightSparse?: SparseCoo;
}

/** A sparse COO tensor as PyTorch builds it, duplicates kept (uncoalesced). */
export interface SparseCoo {
  indices: PlainTensor;
  values: PlainTensor;
  size: number[];
}

// ---- capabilities -----------------------------------------------------------------------------
// What an adapter claims. The suite runs only cases whose every requirement is claimed; any other
// case is reported `unsupported` with the first unmet requirement as its reason, never passed.
// A claim the adapter then gets wrong is a `fail`. Fields added after contract v1 are optional.

export interface RnnCapabilities {
  /** Parameter and input dtypes it computes in. Unlocks the `rnn.float32` / `rnn.float64` cases. */
  dtypes: FloatDType[];
  /** `nonlinearity` values it implements. Unlocks `rnn.tanh` / `rnn.relu`. */
  nonlinearities: Array<'tanh' | 'relu'>;
  /**
   * It can run `nn.RNN(bias=False)` (no `bias_ih_l*` / `bias_hh_l*` parameters). Unlocks
   * `rnn.no_bias`. Every adapter must run bias=True; this field is about the bias-free variant.
   */
  withoutBias?: boolean;
  /** @deprecated contract v1's name for `withoutBias` ("supports no bias"), still honoured. */
  noBias?: boolean;
  /** `batch_first=True`: input and output (N, L, *). Unlocks `rnn.batch_first`. */
  batchFirst: boolean;
  /** Two directions, outputs concatenated `[forward | reverse]`. Unlocks `rnn.bidirectional`. */
  bidirectional: boolean;
  /** The most stacked layers it runs (1: single layer); cases with more are unsupported. Above 1 unlocks `rnn.multi_layer`. */
  maxLayers: number;
  /** An initial hidden state `h0` (without it h0 is zeros). Unlocks `rnn.h0`. */
  h0: boolean;
  /** Unbatched 2-D input (L, I), with h0 (layers*D, H). Unlocks `rnn.unbatched`. */
  unbatched: boolean;
  /** Packed input (`lengths`, `enforceSorted`) with PyTorch's packed semantics. Unlocks `rnn.packed`. */
  packed: boolean;
  /** Training-mode dropout between layers, with the case's injected masks. Unlocks `rnn.dropout`. */
  dropout: boolean;
  /** Gradients for a given upstream gradient (BPTT). Unlocks `rnn.gradients`; without it only forward values are checked. */
  gradients: boolean;
  /**
   * Contract v2: for packed input it also returns `packed` (RnnResult.packed): the packed data,
   * batch_sizes, sorted_indices and unsorted_indices. Unlocks `rnn.packed_internals`.
   */
  packedInternals?: boolean;
}

/** Whether an RNN capability set claims bias=False, under either contract's name for it. */
export function claimsWithoutBias(r: RnnCapabilities): boolean {
  return r.withoutBias ?? r.noBias ?? false;
}

export interface EmbeddingCapabilities {
  /** Weight dtypes. Unlocks `embedding.float32` / `embedding.float64`. */
  dtypes: FloatDType[];
  /** Index dtypes it accepts. Unlocks `embedding.indices_int64` / `embedding.indices_int32`. */
  indexDtypes: IndexDType[];
  /** `padding_idx`: that row's gradient is zero (the forward is a plain lookup). Unlocks `embedding.padding_idx`. */
  paddingIdx: boolean;
  /** `max_norm` / `norm_type`: referenced rows renormalised in place before the lookup. Unlocks `embedding.max_norm`. */
  maxNorm: boolean;
  /** `scale_grad_by_freq`: gradients divided by each index's count in the batch. Unlocks `embedding.scale_grad_by_freq`. */
  scaleGradByFreq: boolean;
  /** The weight gradient for a given upstream gradient. Unlocks `embedding.gradients` and `embedding.sparse_gradients` (compared densely). */
  gradients: boolean;
  /**
   * Contract v2: with `sparse: true` it returns `gradWeightSparse`, PyTorch's uncoalesced COO
   * gradient (indices in lookup order). Unlocks `embedding.sparse_coo`.
   */
  sparseCoo?: boolean;
  /**
   * Contract v2: max_norm renormalises the caller's `weight` (the EmbeddingCase's own buffer) in
   * place, as PyTorch does; the suite reads that buffer after the call, not only `weightAfter`.
   * Unlocks `embedding.in_place_renorm`.
   */
  inPlaceRenorm?: boolean;
}

/**
 * Contract v2: tensor creation, for tensor libraries (`Adapter.tensor` / `Adapter.asTensor`).
 * Unlocks `tensor.infer_dtype`, `tensor.dtype`, `tensor.copy` and `tensor.as_tensor`.
 */
export interface TensorCapabilities {
  /** The dtypes it creates; a case whose source or result dtype is not listed is unsupported. */
  dtypes: string[];
  /**
   * `asTensor(typedArray)` shares the typed array's memory when the dtype matches (as
   * torch.as_tensor does with a numpy array). false: it copies, like `tensor()`.
   */
  asTensorAliases: boolean;
  /**
   * `tensor(data)` without a dtype infers it by docs/spec.md §1.1's JS rule (default true). false:
   * the library needs a dtype for plain JS values; those `tensor.infer_dtype` cases are unsupported
   * (a typed array still carries its dtype).
   */
  inferDtype?: boolean;
}

export interface Capabilities {
  rnn?: RnnCapabilities;
  embedding?: EmbeddingCapabilities;
  /**
   * Contract v2: the golden error cases reach the adapter (`rnn.errors`, `embedding.errors`).
   * `true`: it must throw where PyTorch raises (any error) and not where PyTorch does not.
   * `'exact'`: the thrown error's `name` and `message` must also be PyTorch's exception type and
   * exact text (`RuntimeError`, `input.size(-1) must be equal to input_size. Expected 4, got 6`).
   */
  errors?: boolean | 'exact';
  tensor?: TensorCapabilities;
}

export interface Adapter {
  /** Shown in reports, e.g. `reference`, `onnxruntime`, `tfjs-cpu`. */
  name: string;
  capabilities: Capabilities;
  rnn?(c: RnnCase): RnnResult | Promise<RnnResult>;
  embedding?(c: EmbeddingCase): EmbeddingResult | Promise<EmbeddingResult>;
  /**
   * Contract v2, with `capabilities.tensor`: `torch.tensor(data, dtype)`. `data` is a JS value
   * (a number, boolean or bigint, nested arrays of them, or a typed array); the dtype, when not
   * given, is inferred by docs/spec.md §1.1. It must copy. The view's `data` is the
   * library's own buffer, or a getter reading the tensor's current values (the suite reads it
   * again after writing to the source).
   */
  tensor?(data: unknown, dtype?: string): PlainTensor | Promise<PlainTensor>;
  /** Contract v2: `torch.as_tensor(typedArray, dtype)`: shares the memory when the dtype matches and `asTensorAliases` is claimed, else copies. */
  asTensor?(data: ArrayBufferView, dtype?: string): PlainTensor | Promise<PlainTensor>;
  /** Releases sessions, backends, workers. */
  dispose?(): void | Promise<void>;
}
