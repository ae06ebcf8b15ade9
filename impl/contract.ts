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

export interface RnnResult {
  /** For packed input: pad_packed_sequence(output, batchFirst)[0], in the original batch order. */
  output: PlainTensor;
  h_n: PlainTensor;
  /** With `upstream`: gradients of `input`, `h0` (if given) and every parameter by name. */
  grads?: Record<string, PlainTensor>;
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
}

export interface Capabilities {
  rnn?: RnnCapabilities;
  embedding?: EmbeddingCapabilities;
}

export interface Adapter {
  /** Shown in reports, e.g. `reference`, `onnxruntime`, `tfjs-cpu`. */
  name: string;
  capabilities: Capabilities;
  rnn?(c: RnnCase): RnnResult | Promise<RnnResult>;
  embedding?(c: EmbeddingCase): EmbeddingResult | Promise<EmbeddingResult>;
  /** Releases sessions, backends, workers. */
  dispose?(): void | Promise<void>;
}
