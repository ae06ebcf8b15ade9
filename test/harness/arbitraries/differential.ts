/**
 * fast-check arbitraries for the differential properties (test/self/differential/): random nn.RNN and
 * nn.Embedding cases in the adapter contract's form (impl/contract.ts), over every option the
 * ONNX Runtime adapter claims (impl/onnxruntime/index.ts), so that both the reference and ORT can
 * run each case. Constructor options are each randomly omitted, and an omitted one takes PyTorch's
 * default; `h0` and `enforceSorted` are omitted from the case itself (the adapters' defaults).
 * Tensor values come from a seed (mulberry32), so a draw is a handful of small numbers.
 */
import * as fc from 'fast-check'; // not @fast-check/vitest, which loads vitest's runner (2.5 s per test file; unwanted in scripts/campaign.ts)
import type { EmbeddingCase, PlainTensor, RnnCase, RnnConfig } from '../../../impl/contract.ts';
import { embeddingArb, type EmbeddingDraw } from './embedding.ts';
import { dropoutArb, lengthsArb, optionsArb, type RnnOptionsDraw } from './rnn.ts';
import { prng } from '../prng.ts';

// ---- nn.RNN -----------------------------------------------------------------------------------
export type InputForm = 'padded' | 'unbatched' | 'packed';

export interface RnnDiffDraw {
  inputSize: number;
  hiddenSize: number;
  options: RnnOptionsDraw;
  /** Omitted: 0. Never active: with 2+ layers in training mode it is drawn in eval mode instead (ORT has no dropout). */
  dropout?: number;
  /** Omitted: true (a fresh module is in training mode). */
  training?: boolean;
  form: InputForm;
  /** Padded sequence length and batch (N is 1 for unbatched input, at least 1 for packed input). */
  L: number;
  N: number;
  withH0: boolean;
  /** Packed input: one length per batch entry in [1, L], non-increasing unless enforceSorted is false. */
  lengths?: number[];
  enforceSorted?: boolean;
  /** Input values are uniform in [-inputScale, inputScale]. */
  inputScale: number;
  seed: number;
}

export function rnnDiffArb(c: { maxLayers?: number; maxL?: number; maxN?: number; maxSize?: number } = {}): fc.Arbitrary<RnnDiffDraw> {
  const size = fc.integer({ min: 1, max: c.maxSize ?? 4 });
  return fc
    .record(
      {
        inputSize: size,
        hiddenSize: size,
        options: optionsArb(c.maxLayers ?? 3),
        dropout: dropoutArb,
        training: fc.boolean(),
        form: fc.constantFrom<InputForm>('padded', 'unbatched', 'packed'),
        L: fc.integer({ min: 1, max: c.maxL ?? 6 }),
        N: fc.integer({ min: 0, max: c.maxN ?? 4 }),
        withH0: fc.boolean(),
        inputScale: fc.constantFrom(1, 3),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      },
      { requiredKeys: ['inputSize', 'hiddenSize', 'options', 'form', 'L', 'N', 'withH0', 'inputScale', 'seed'] },
    )
    .chain((d): fc.Arbitrary<RnnDiffDraw> => {
      if (d.form === 'unbatched') return fc.constant({ ...d, N: 1 });
      if (d.form === 'padded') return fc.constant(d);
      const N = Math.max(1, d.N); // PyTorch cannot pack an empty batch
      return lengthsArb(d.L, N).map((p) => ({ ...d, N, ...p }));
    })
    .map((d) => {
      const active = (d.training ?? true) && (d.options.numLayers ?? 1) > 1 && (d.dropout ?? 0) > 0;
      return active ? { ...d, training: false } : d;
    });
}


function uniform(rand: () => number, shape: number[], bound: number): PlainTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', shape, data: Float32Array.from({ length: n }, () => (2 * rand() - 1) * bound) };
}

/** The contract-form case: float32 parameters in PyTorch's init range U(-1/sqrt(H), 1/sqrt(H)), h0 in [-1, 1]. */
export function rnnCaseFromDraw(d: RnnDiffDraw): RnnCase {
  const o = d.options;
  const config: RnnConfig = {
    inputSize: d.inputSize,
    hiddenSize: d.hiddenSize,
    numLayers: o.numLayers ?? 1,
    nonlinearity: o.nonlinearity ?? 'tanh',
    bias: o.bias ?? true,
    batchFirst: o.batchFirst ?? false,
    dropout: d.dropout ?? 0,
    bidirectional: o.bidirectional ?? false,
    training: d.training ?? true,
    dtype: 'float32',
  };
  const rand = prng(d.seed);
  const H = config.hiddenSize;
  const D = config.bidirectional ? 2 : 1;
  const k = 1 / Math.sqrt(H);
  const params: Record<string, PlainTensor> = {};
  for (let l = 0; l < config.numLayers; l++) {
    for (const sfx of config.bidirectional ? ['', '_reverse'] : ['']) {
      params[`weight_ih_l${l}${sfx}`] = uniform(rand, [H, l === 0 ? d.inputSize : D * H], k);
      params[`weight_hh_l${l}${sfx}`] = uniform(rand, [H, H], k);
      if (config.bias) {
        params[`bias_ih_l${l}${sfx}`] = uniform(rand, [H], k);
        params[`bias_hh_l${l}${sfx}`] = uniform(rand, [H], k);
      }
    }
  }
  const inputShape = d.form === 'unbatched' ? [d.L, d.inputSize] : config.batchFirst ? [d.N, d.L, d.inputSize] : [d.L, d.N, d.inputSize];
  const c: RnnCase = { config, params, input: uniform(rand, inputShape, d.inputScale) };
  if (d.withH0) c.h0 = uniform(rand, d.form === 'unbatched' ? [config.numLayers * D, H] : [config.numLayers * D, d.N, H], 1);
  if (d.lengths) c.lengths = [...d.lengths];
  if (d.enforceSorted !== undefined) c.enforceSorted = d.enforceSorted;
  return c;
}

// ---- nn.Embedding -----------------------------------------------------------------------------
/** The norm types the ORT graph implements (1, 2, ±inf, 0, and other p through Pow). */
export const DIFF_NORM_TYPES = [2, 1, 3, Infinity, -Infinity, 0, 0.5, 1.5, -1] as const;

export interface EmbeddingDiffDraw extends EmbeddingDraw {
  /** Replace the index at `position` (mod numel) by an out-of-range `value`: both must raise PyTorch's error. */
  outOfRange?: { position: number; value: number };
}

export function embeddingDiffArb(): fc.Arbitrary<EmbeddingDiffDraw> {
  const maxNorm = fc.oneof(fc.double({ min: 0.05, max: 6, noNaN: true }), fc.constantFrom(0, -1, 1)); // 0 and < 0: no validation (docs/spec.md §2.3)
  return embeddingArb({ values: { maxNorm, normTypes: DIFF_NORM_TYPES } }).chain((d) => {
    const n = d.indices.length;
    if (n === 0) return fc.constant(d);
    const bad = fc.oneof(fc.integer({ min: -d.V - 2, max: -1 }), fc.integer({ min: d.V, max: d.V + 2 }));
    const outOfRange = fc.record({ position: fc.integer({ min: 0, max: n - 1 }), value: bad });
    return fc.oneof({ arbitrary: fc.constant(d), weight: 19 }, { arbitrary: outOfRange.map((o) => ({ ...d, outOfRange: o })), weight: 1 });
  });
}

export function embeddingCaseFromDraw(d: EmbeddingDiffDraw): EmbeddingCase {
  const o = d.options;
  const indices = [...d.indices];
  if (d.outOfRange) indices[d.outOfRange.position] = d.outOfRange.value;
  return {
    config: {
      numEmbeddings: d.V,
      embeddingDim: d.D,
      paddingIdx: o.paddingIdx ?? null,
      maxNorm: o.maxNorm ?? null,
      normType: o.normType ?? 2,
      scaleGradByFreq: o.scaleGradByFreq ?? false,
      sparse: o.sparse ?? false,
      dtype: d.dtype,
    },
    weight: { dtype: d.dtype, shape: [d.V, d.D], data: d.dtype === 'float32' ? Float32Array.from(d.weight) : Float64Array.from(d.weight) },
    indices: {
      dtype: d.indexDtype,
      shape: [...d.shape],
      data: d.indexDtype === 'int64' ? BigInt64Array.from(indices, BigInt) : Int32Array.from(indices),
    },
  };
}
