/**
 * ONNX Runtime (onnxruntime-node, CPU) behind the adapter contract: rnnspec's second oracle.
 *
 * Every value comes out of an ORT session running a graph built in rnn-graph.ts / embedding-graph.ts;
 * JavaScript only moves data between layouts (adds the batch dim of unbatched input, cuts a packed
 * output to the longest sequence like `pad_packed_sequence`) and rejects, with PyTorch's message,
 * the inputs ORT would silently accept although PyTorch raises (see impl/torch-checks.ts, `checkIndices`).
 *
 * Capabilities and why (docs/spec.md §7):
 * - RNN float32 only: ORT's CPU RNN kernel has no float64 ("Could not find an implementation for RNN(14)").
 * - no gradients: onnxruntime-node is an inference build.
 * - dropout in training mode: no. ONNX RNN has no dropout between layers; the injected masks
 *   could be multiplied in with extra graph inputs, but that is not declared or tested here.
 *   (dropout > 0 in eval mode, or with one layer, has no effect and is supported.)
 * - packed: yes, through `sequence_lens` on every layer. ORT takes lengths in any order, so
 *   enforce_sorted only decides whether unsorted lengths are an error (checked in JS, as PyTorch).
 * - unbatched: yes, by viewing (L, I) as (L, 1, I) in JS (batch_first is ignored for unbatched
 *   input in PyTorch 1.13, docs/spec.md §3.2) and dropping the batch dim of the results.
 * - h0 absent: zeros are fed to the graph's `h0` input (PyTorch: identical to explicit zeros),
 *   so cases with and without h0 share a session.
 * - Embedding float32 and float64 (Gather has both), int64 and int32 indices; max_norm forward AND
 *   the weight after the in-place renorm, both computed by ORT (ScatterND of the renormed rows);
 *   padding_idx and scale_grad_by_freq only act on gradients, so their forward is the plain lookup
 *   ORT does: claimed for forward cases (gradients: false covers the rest).
 * Cases carrying `upstream` are answered with forward values only (no `grads`).
 */
import type * as ort from 'onnxruntime-node';
import type {
  Adapter,
  Capabilities,
  EmbeddingCase,
  EmbeddingResult,
  PlainTensor,
  RnnCase,
  RnnResult,
} from '../contract.ts';
import { buildEmbeddingGraphBytes, embeddingSignatureKey, type EmbeddingGraphSignature } from './embedding-graph.ts';
import { buildRnnGraphBytes, rnnParamNames, rnnSignatureKey, type RnnGraphSignature } from './rnn-graph.ts';
import { DEFAULT_SESSION_OPTIONS, SessionCache, type SessionCacheStats } from './session-cache.ts';
import { createTensor, fromOrt, numel, toOrt, UnsupportedError } from './tensors.ts';
import { checkEmbeddingIndices, checkRnnInput, torchError } from '../torch-checks.ts';
import { runExportedModel, type ExportedRnnInputs, type ExportedRnnOutputs } from './exported.ts';

export { buildRnnModel, buildRnnGraphBytes, rnnParamNames, rnnSignatureKey, type RnnGraphSignature } from './rnn-graph.ts';
export { buildEmbeddingModel, buildEmbeddingGraphBytes, embeddingSignatureKey, type EmbeddingGraphSignature } from './embedding-graph.ts';
export { SessionCache, DEFAULT_SESSION_OPTIONS, type SessionCacheStats } from './session-cache.ts';
export { runExportedModel, exportedModelCache, type ExportedRnnInputs, type ExportedRnnOutputs } from './exported.ts';
export { UnsupportedError } from './tensors.ts';

export const ONNX_RUNTIME_CAPABILITIES: Capabilities = {
  rnn: {
    dtypes: ['float32'],
    nonlinearities: ['tanh', 'relu'],
    withoutBias: true,
    batchFirst: true,
    bidirectional: true,
    // A chain of RNN nodes has no inherent limit; 64 is a sane bound for a declared number.
    maxLayers: 64,
    h0: true,
    unbatched: true,
    packed: true,
    dropout: false,
    gradients: false,
  },
  embedding: {
    dtypes: ['float32', 'float64'],
    indexDtypes: ['int64', 'int32'],
    paddingIdx: true,
    maxNorm: true,
    scaleGradByFreq: true,
    gradients: false,
  },
  // `new ort.Tensor(type?, data, dims)` for both tensor() and asTensor() (ORT has one constructor).
  // Measured: it keeps the typed array it is given (aliases, where torch.tensor copies), takes its
  // type from a typed array, refuses a typed array of another type than `type`, and refuses plain
  // JS numbers without a type ("Invalid element type of data array: number."): no inference.
  tensor: { dtypes: ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'], asTensorAliases: true, inferDtype: false },
};

export interface OnnxRuntimeAdapterOptions {
  /** Defaults to DEFAULT_SESSION_OPTIONS (one thread, all graph optimisations, quiet log). */
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

export interface OnnxRuntimeAdapter extends Adapter {
  name: 'onnxruntime';
  rnn(c: RnnCase): Promise<RnnResult>;
  embedding(c: EmbeddingCase): Promise<EmbeddingResult>;
  /** PyTorch-exported models, sharing this adapter's session cache. */
  runExportedModel(onnxPath: string, inputs: ExportedRnnInputs): Promise<ExportedRnnOutputs>;
  /** Session cache statistics: hits, misses, creation times. */
  cacheStats(): SessionCacheStats;
  readonly cache: SessionCache;
  dispose(): Promise<void>;
}


export function createOnnxRuntimeAdapter(options: OnnxRuntimeAdapterOptions = {}): OnnxRuntimeAdapter {
  const cache = new SessionCache(options.sessionOptions ?? DEFAULT_SESSION_OPTIONS);

  async function rnn(c: RnnCase): Promise<RnnResult> {
    const cfg = c.config;
    if (!c.input) throw new UnsupportedError('the case has no input (nn.RNN construction errors are not modelled by ONNX Runtime)');
    if (cfg.dtype !== 'float32') throw new UnsupportedError(`ONNX Runtime has no ${cfg.dtype} RNN kernel (CPU RNN is float32 only)`);
    if (cfg.training && cfg.dropout > 0 && cfg.numLayers > 1) {
      throw new UnsupportedError('dropout in training mode is not supported by the ONNX RNN operator');
    }
    for (const t of [c.input, c.h0, ...Object.values(c.params ?? {})]) {
      if (t && t.dtype !== 'float32') throw torchError('RuntimeError', 'mat1 and mat2 must have the same dtype');
    }
    const D = cfg.bidirectional ? 2 : 1;
    const H = cfg.hiddenSize;
    const { L, N, I, unbatched, batchFirst, lengths, hShape } = checkRnnInput(c);
    const packed = lengths !== undefined;
    // Unbatched (L, I) is the same data as (L, 1, I): run the seq-first graph, drop N afterwards.
    let h0 = c.h0;
    if (h0 && !unbatched && h0.shape[1] !== N) {
      // a packed, unsorted h0 with more rows: keep rows 0..N-1 of every (layer, direction), as PyTorch's permutation does
      const src = h0.data as Float32Array;
      const rows = h0.shape[1];
      const data = new Float32Array(D * cfg.numLayers * N * H);
      for (let k = 0; k < D * cfg.numLayers; k++) data.set(src.subarray(k * rows * H, (k * rows + N) * H), k * N * H);
      h0 = { dtype: 'float32', shape: hShape, data };
    }

    const sig: RnnGraphSignature = {
      hiddenSize: H,
      numLayers: cfg.numLayers,
      nonlinearity: cfg.nonlinearity,
      bias: cfg.bias,
      batchFirst,
      bidirectional: cfg.bidirectional,
      packed,
      dtype: 'float32',
    };
    const session = await cache.get(rnnSignatureKey(sig), () => buildRnnGraphBytes(sig));

    const feeds: Record<string, ort.Tensor> = {
      input: toOrt(c.input, batchFirst ? [N, L, I] : [L, N, I]),
      h0: h0
        ? toOrt(h0, hShape)
        : toOrt({ dtype: 'float32', shape: hShape, data: new Float32Array(numel(hShape)) }),
    };
    if (lengths) feeds.lengths = toOrt({ dtype: 'int32', shape: [N], data: Int32Array.from(lengths) });
    for (const name of rnnParamNames(cfg)) {
      const p = c.params?.[name];
      if (!p) throw new Error(`onnxruntime adapter: parameter ${name} is missing`);
      feeds[name] = toOrt(p);
    }
    const r = await session.run(feeds);
    const out = r.output as ort.Tensor;
    const hn = r.h_n as ort.Tensor;

    if (unbatched) {
      return { output: fromOrt(out, [L, D * H]), h_n: fromOrt(hn, [D * cfg.numLayers, H]) };
    }
    if (packed) {
      // pad_packed_sequence pads to the longest sequence, not to the padded input's L.
      const T = Math.max(...lengths!);
      const data = out.data as Float32Array;
      const row = D * H;
      if (batchFirst) {
        // [N, L, row] -> [N, T, row]
        const o = new Float32Array(N * T * row);
        for (let b = 0; b < N; b++) o.set(data.subarray(b * L * row, (b * L + T) * row), b * T * row);
        return { output: { dtype: 'float32', shape: [N, T, row], data: o }, h_n: fromOrt(hn) };
      }
      // [L, N, row] -> [T, N, row]: a prefix
      return { output: { dtype: 'float32', shape: [T, N, row], data: data.slice(0, T * N * row) }, h_n: fromOrt(hn) };
    }
    return { output: fromOrt(out), h_n: fromOrt(hn) };
  }

  async function embedding(c: EmbeddingCase): Promise<EmbeddingResult> {
    const cfg = c.config;
    const w = c.weight;
    if (w.dtype !== 'float32' && w.dtype !== 'float64') throw new UnsupportedError(`weight dtype ${w.dtype} is not supported`);
    if (w.shape.length !== 2) throw torchError('RuntimeError', "'weight' must be 2-D");
    const indexDtype = c.indices.dtype;
    if (indexDtype !== 'int64' && indexDtype !== 'int32') {
      throw new UnsupportedError(`indices of dtype ${indexDtype}: PyTorch raises, ORT's Gather takes only int32/int64`);
    }
    const [V, E] = w.shape;
    const maxNorm = cfg.maxNorm !== null && cfg.maxNorm !== undefined;
    checkEmbeddingIndices(c.indices, V, E, maxNorm);
    const sig: EmbeddingGraphSignature = { dtype: w.dtype, indexDtype, normType: maxNorm ? cfg.normType : null };
    const session = await cache.get(embeddingSignatureKey(sig), () => buildEmbeddingGraphBytes(sig));
    const feeds: Record<string, ort.Tensor> = { weight: toOrt(w), indices: toOrt(c.indices) };
    if (maxNorm) feeds.max_norm = toOrt({ dtype: 'float64', shape: [], data: Float64Array.of(cfg.maxNorm!) });
    const r = await session.run(feeds);
    return {
      output: fromOrt(r.output as ort.Tensor, [...c.indices.shape, E]),
      weightAfter: fromOrt(r.weight_after as ort.Tensor, [V, E]),
    };
  }

  return {
    name: 'onnxruntime',
    capabilities: ONNX_RUNTIME_CAPABILITIES,
    rnn,
    embedding,
    tensor: createTensor,
    asTensor: createTensor,
    runExportedModel: (onnxPath, inputs) => runExportedModel(onnxPath, inputs, cache),
    cacheStats: () => cache.stats(),
    cache,
    dispose: () => cache.dispose(),
  };
}
