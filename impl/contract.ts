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
export interface RnnCapabilities {
  dtypes: FloatDType[];
  nonlinearities: Array<'tanh' | 'relu'>;
  /** false: the implementation has no bias-free RNN. */
  noBias: boolean;
  batchFirst: boolean;
  bidirectional: boolean;
  maxLayers: number;
  h0: boolean;
  unbatched: boolean;
  packed: boolean;
  /** Dropout in training mode with injected masks. */
  dropout: boolean;
  gradients: boolean;
}

export interface EmbeddingCapabilities {
  dtypes: FloatDType[];
  indexDtypes: IndexDType[];
  paddingIdx: boolean;
  maxNorm: boolean;
  scaleGradByFreq: boolean;
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
