/**
 * fast-check arbitraries for the fuzz engine (test/conformance/fuzz/): random nn.RNN and nn.Embedding
 * cases in the adapter contract's form (impl/contract.ts), over exactly the options an adapter
 * claims (its `capabilities`), at three size classes, with values that saturate.
 *
 * A draw is a handful of small numbers and a seed; the case's tensors come from the seed
 * (mulberry32), so a counterexample shrinks by sizes and options and prints short.
 * - Sizes (SIZE_LIMITS) are biased toward the edges real kernels have: tiny (1-4), just past and
 *   at powers of two and tile multiples (15, 16, 17, 31, 33, 63, 65, 129, ...), vocabularies past
 *   2^15 and 2^16, else uniform. The work of one case is capped per class (L, then N shrink).
 * - Values: PyTorch's init, saturating inputs (tanh arguments past ±50, relu values past 6), units
 *   with exact-zero pre-activations (zero weight rows and biases), ties and duplicate indices,
 *   indices near the top of the table, padding rows referenced, max_norm at and around row norms.
 */
import * as fc from 'fast-check';
import { claimsWithoutBias, type Capabilities, type EmbeddingCase, type PlainTensor, type RnnCase, type RnnConfig } from '../../../impl/contract.ts';
import { prng } from '../prng.ts';
import { lengthsArb } from './rnn.ts';

export type SizeClass = 'small' | 'medium' | 'large';
export const SIZE_CLASSES: readonly SizeClass[] = ['small', 'medium', 'large'];

export interface SizeLimits {
  /** input_size and hidden_size */
  features: number;
  /** N */
  batch: number;
  /** L */
  steps: number;
  /** num_embeddings */
  rows: number;
  /** embedding_dim */
  dim: number;
  /** multiply-adds of one RNN case (L*N*H*(fan-in)*layers*directions); L, then N shrink to fit */
  work: number;
  /** elements of an Embedding table; D shrinks to fit */
  table: number;
  /** elements of an index tensor */
  lookups: number;
}

/**
 * medium's N goes to 40 (not 24) so that a batch handled in chunks of 32 shows its tail; medium's
 * vocabulary stays at 5,000, so the 16-bit index ranges are reached in `large` only.
 */
export const SIZE_LIMITS: Record<SizeClass, SizeLimits> = {
  small: { features: 16, batch: 8, steps: 16, rows: 100, dim: 16, work: 2e5, table: 1600, lookups: 64 },
  medium: { features: 96, batch: 40, steps: 64, rows: 5000, dim: 128, work: 2e6, table: 2e5, lookups: 1024 },
  large: { features: 512, batch: 64, steps: 256, rows: 100_000, dim: 512, work: 2e7, table: 1e6, lookups: 4096 },
};

/** Sizes at and around the boundaries kernels tile, chunk and type by, up to `max`. */
export function boundarySizes(max: number): number[] {
  const out = new Set<number>();
  for (let p = 8; p / 2 <= max; p *= 2) for (const v of [p - 1, p, p + 1, p + p / 2 - 1, p + p / 2 + 1]) if (v >= 1 && v <= max) out.add(v);
  for (const v of [32767, 32768, 32769, 65535, 65536, 65537]) if (v <= max) out.add(v);
  return [...out].sort((a, b) => a - b);
}

/** A size in [min, max]: tiny, at a boundary, or uniform. Shrinks toward min. */
export function sizeArb(max: number, min = 1): fc.Arbitrary<number> {
  const tiny = fc.integer({ min, max: Math.max(min, Math.min(max, 4)) });
  const edges = boundarySizes(max).filter((v) => v >= min);
  return fc.oneof(
    { arbitrary: tiny, weight: 3 },
    ...(edges.length > 0 ? [{ arbitrary: fc.constantFrom(...edges), weight: 3 }] : []),
    { arbitrary: fc.integer({ min, max: Math.max(min, max) }), weight: 2 },
  );
}

const limitsUpTo = (maxSize: SizeClass) => SIZE_LIMITS[maxSize];

// ---- nn.RNN -------------------------------------------------------------------------------------
export type InputForm = 'padded' | 'unbatched' | 'packed';
/** init: PyTorch's U(-1/sqrt(H), 1/sqrt(H)), inputs in [-3, 3]; saturate: inputs to ±100; zero-units: some units' pre-activations are exactly 0. */
export type RnnValues = 'init' | 'saturate' | 'zero-units';

export interface RnnFuzzDraw {
  config: RnnConfig;
  form: InputForm;
  L: number;
  N: number;
  withH0: boolean;
  lengths?: number[];
  enforceSorted?: boolean;
  values: RnnValues;
  gradients: boolean;
  seed: number;
}

/** L, then N, shrink until the case's work fits the class's cap. */
function fitWork(d: Omit<RnnFuzzDraw, 'lengths' | 'enforceSorted'>, cap: number) {
  const { inputSize: I, hiddenSize: H, numLayers, bidirectional } = d.config;
  const D = bidirectional ? 2 : 1;
  const perStep = H * (I + H + (numLayers - 1) * (D * H + H)) * D * (d.gradients ? 3 : 1);
  let { L, N } = d;
  if (L * N * perStep > cap) L = Math.max(1, Math.floor(cap / (N * perStep)));
  if (L * N * perStep > cap) N = Math.max(d.form === 'packed' ? 1 : 0, Math.floor(cap / (L * perStep)));
  return { ...d, L, N };
}

export function rnnFuzzArb(caps: Capabilities, maxSize: SizeClass = 'medium'): fc.Arbitrary<RnnFuzzDraw> {
  const r = caps.rnn;
  if (!r) throw new Error('nn.RNN is not claimed');
  const lim = limitsUpTo(maxSize);
  const forms: InputForm[] = ['padded', ...(r.unbatched ? (['unbatched'] as const) : []), ...(r.packed ? (['packed'] as const) : [])];
  const bool = (claimed: boolean) => (claimed ? fc.boolean() : fc.constant(false));
  return fc
    .record({
      inputSize: sizeArb(lim.features),
      hiddenSize: sizeArb(lim.features),
      numLayers: fc.integer({ min: 1, max: Math.max(1, Math.min(r.maxLayers, 3)) }),
      nonlinearity: fc.constantFrom(...r.nonlinearities),
      noBias: bool(claimsWithoutBias(r)),
      batchFirst: bool(r.batchFirst),
      bidirectional: bool(r.bidirectional),
      dtype: fc.constantFrom(...r.dtypes),
      form: fc.constantFrom(...forms),
      L: sizeArb(lim.steps),
      N: sizeArb(lim.batch, 0),
      withH0: bool(r.h0),
      values: fc.constantFrom<RnnValues>('init', 'saturate', 'zero-units'),
      gradients: bool(r.gradients),
      training: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map((d) => {
      const config: RnnConfig = {
        inputSize: d.inputSize, hiddenSize: d.hiddenSize, numLayers: d.numLayers, nonlinearity: d.nonlinearity,
        bias: !d.noBias, batchFirst: d.batchFirst, bidirectional: d.bidirectional, dtype: d.dtype,
        // dropout never acts (eval mode, or one layer): injected masks are not fuzzed
        dropout: d.training && d.numLayers > 1 ? 0 : 0.25, training: d.training,
      };
      const N = d.form === 'unbatched' ? 1 : d.form === 'packed' ? Math.max(1, d.N) : d.N;
      return fitWork({ config, form: d.form, L: d.L, N, withH0: d.withH0, values: d.values, gradients: d.gradients, seed: d.seed }, lim.work);
    })
    .chain((d): fc.Arbitrary<RnnFuzzDraw> => (d.form === 'packed' ? lengthsArb(d.L, d.N).map((p) => ({ ...d, ...p })) : fc.constant(d)));
}

function filled(dtype: string, shape: number[], f: () => number): PlainTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float64Array.from({ length: n }, f);
  return { dtype, shape, data: dtype === 'float32' ? Float32Array.from(v) : v };
}

/** The contract-form case of a draw. */
export function rnnCaseFromDraw(d: RnnFuzzDraw): RnnCase {
  const { config } = d;
  const rand = prng(d.seed);
  const u = (bound: number) => () => (2 * rand() - 1) * bound;
  const { hiddenSize: H, dtype } = config;
  const D = config.bidirectional ? 2 : 1;
  const k = 1 / Math.sqrt(H);
  const scale = d.values === 'saturate' ? [30, 100][Math.floor(rand() * 2)] : [1, 3][Math.floor(rand() * 2)];
  // zero-units: a third of the hidden units have zero weight rows and biases, so their pre-activation is exactly 0
  const zeroUnit = Array.from({ length: H }, () => d.values === 'zero-units' && rand() < 1 / 3);
  const params: Record<string, PlainTensor> = {};
  for (let l = 0; l < config.numLayers; l++) {
    for (const sfx of config.bidirectional ? ['', '_reverse'] : ['']) {
      const shapes: Array<[string, number[]]> = [[`weight_ih_l${l}${sfx}`, [H, l === 0 ? config.inputSize : D * H]], [`weight_hh_l${l}${sfx}`, [H, H]]];
      if (config.bias) shapes.push([`bias_ih_l${l}${sfx}`, [H]], [`bias_hh_l${l}${sfx}`, [H]]);
      for (const [name, shape] of shapes) {
        const t = filled(dtype, shape, u(k));
        const cols = shape.length === 2 ? shape[1] : 1;
        for (let i = 0; i < t.data.length; i++) if (zeroUnit[Math.floor(i / cols)]) t.data[i] = 0;
        params[name] = t;
      }
    }
  }
  const shape = d.form === 'unbatched' ? [d.L, config.inputSize] : config.batchFirst ? [d.N, d.L, config.inputSize] : [d.L, d.N, config.inputSize];
  const c: RnnCase = { config, params, input: filled(dtype, shape, u(scale)) };
  if (d.withH0) c.h0 = filled(dtype, d.form === 'unbatched' ? [config.numLayers * D, H] : [config.numLayers * D, d.N, H], u(d.values === 'saturate' ? scale : 1));
  if (d.lengths) c.lengths = [...d.lengths];
  if (d.enforceSorted !== undefined) c.enforceSorted = d.enforceSorted;
  if (d.gradients) {
    const outShape = d.form === 'unbatched' ? [d.L, D * H] : config.batchFirst ? [d.N, d.L, D * H] : [d.L, d.N, D * H];
    const hShape = d.form === 'unbatched' ? [config.numLayers * D, H] : [config.numLayers * D, d.N, H];
    c.upstream = { output: filled(dtype, outShape, u(1)), h_n: filled(dtype, hShape, u(1)) };
  }
  return c;
}

// ---- nn.Embedding -------------------------------------------------------------------------------
/** The norm types max_norm is fuzzed with (p = 0 and p < 0 are not norms, but PyTorch accepts them). */
export const FUZZ_NORM_TYPES = [2, 1, 3, Infinity, -Infinity, 0, 0.5, 1.5, -1] as const;

/** normal: uniform in [-1, 1]; ties: values from {-1, -0.5, 0, 0.5, 1}; zero-rows: a third of the rows are 0; wide: magnitudes up to 1e4. */
export type EmbeddingValues = 'normal' | 'ties' | 'zero-rows' | 'wide';

export interface EmbeddingFuzzDraw {
  V: number;
  D: number;
  dtype: 'float32' | 'float64';
  indexDtype: 'int64' | 'int32';
  shape: number[];
  values: EmbeddingValues;
  paddingIdx: number | null;
  /** max_norm as a multiple of a referenced row's norm (1: exactly at it), or an absolute 0 / -1. */
  maxNorm: { factor: number } | { value: number } | null;
  normType: number;
  scaleGradByFreq: boolean;
  sparse: boolean;
  gradients: boolean;
  /** Replace the index at `position` (mod numel) by one out of range: the implementation must raise the oracle's error. */
  outOfRange?: { position: number; past: number };
  seed: number;
}

export function embeddingFuzzArb(caps: Capabilities, maxSize: SizeClass = 'medium', options: { errorCases?: boolean } = {}): fc.Arbitrary<EmbeddingFuzzDraw> {
  const e = caps.embedding;
  if (!e) throw new Error('nn.Embedding is not claimed');
  const lim = limitsUpTo(maxSize);
  const bool = (claimed: boolean) => (claimed ? fc.boolean() : fc.constant(false));
  const maxNorm = e.maxNorm
    ? fc.oneof(
        { arbitrary: fc.constant(null), weight: 2 },
        { arbitrary: fc.constantFrom(0.25, 0.5, 0.9, 1, 1.5).map((factor) => ({ factor })), weight: 3 },
        { arbitrary: fc.constantFrom(0, -1).map((value) => ({ value })), weight: 1 },
      )
    : fc.constant(null);
  return fc
    .record({
      V: sizeArb(lim.rows),
      D: sizeArb(lim.dim, 0),
      dtype: fc.constantFrom(...e.dtypes),
      indexDtype: fc.constantFrom(...e.indexDtypes),
      shape: fc.array(sizeArb(Math.min(lim.lookups, 64), 0), { maxLength: 3 }),
      values: fc.constantFrom<EmbeddingValues>('normal', 'ties', 'zero-rows', 'wide'),
      padding: fc.option(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { freq: 2 }),
      negativePadding: fc.boolean(),
      maxNorm,
      normType: fc.constantFrom(...FUZZ_NORM_TYPES),
      scaleGradByFreq: bool(e.scaleGradByFreq),
      sparse: fc.boolean(),
      gradients: bool(e.gradients),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ padding, negativePadding, ...d }) => {
      let shape = d.shape;
      while (shape.reduce((a, b) => a * b, 1) > lim.lookups) shape = shape.slice(1);
      const D = d.V * d.D > lim.table ? Math.max(1, Math.floor(lim.table / d.V)) : d.D;
      // padding_idx acts only on gradients: drawn only where the adapter claims it
      const row = padding === null || (d.gradients && !e.paddingIdx) ? null : Math.floor(padding * d.V);
      const paddingIdx = row === null ? null : negativePadding ? row - d.V : row;
      const sparse = d.sparse && !d.scaleGradByFreq; // PyTorch rejects the pair at backward
      return { ...d, shape, D, paddingIdx, sparse } as EmbeddingFuzzDraw;
    })
    .chain((d) => {
      const n = d.shape.reduce((a, b) => a * b, 1);
      if (!options.errorCases || n === 0) return fc.constant(d);
      const bad = fc.record({ position: fc.integer({ min: 0, max: n - 1 }), past: fc.integer({ min: -2, max: 2 }) });
      return fc.oneof({ arbitrary: fc.constant(d), weight: 19 }, { arbitrary: bad.map((outOfRange) => ({ ...d, outOfRange })), weight: 1 });
    });
}

/** The p-"norm" PyTorch's renorm computes (p = 0 counts nonzeros; ±inf is max/min |x|). */
function pNorm(row: ArrayLike<number>, p: number): number {
  const a = Array.from(row, Math.abs);
  if (p === Infinity) return Math.max(0, ...a);
  if (p === -Infinity) return a.length === 0 ? 0 : Math.min(...a);
  if (p === 0) return a.filter((x) => x !== 0).length;
  return a.reduce((s, x) => s + x ** p, 0) ** (1 / p);
}

export function embeddingCaseFromDraw(d: EmbeddingFuzzDraw): EmbeddingCase {
  const rand = prng(d.seed);
  const { V, D, dtype } = d;
  const zeroRow = Array.from({ length: V < 5000 ? V : 0 }, () => d.values === 'zero-rows' && rand() < 1 / 3);
  const value = (): number => {
    if (d.values === 'ties') return [-1, -0.5, 0, 0.5, 1][Math.floor(rand() * 5)];
    if (d.values === 'wide') return (2 * rand() - 1) * 10 ** Math.floor(rand() * 5);
    return 2 * rand() - 1;
  };
  const weight = filled(dtype, [V, D], value);
  for (let i = 0; i < V * D; i++) if (zeroRow[Math.floor(i / Math.max(D, 1))]) weight.data[i] = 0;
  if (V >= 5000 && d.values === 'zero-rows') (weight.data as Float64Array).fill(0, (V - 3) * D); // the top rows: the ones indices near the top reference
  // indices: uniform, near the top of the table, a few repeated ones (duplicates), the padding row
  const n = d.shape.reduce((a, b) => a * b, 1);
  const pool = [Math.floor(rand() * V), V - 1, Math.floor(rand() * V)];
  const padRow = d.paddingIdx === null ? null : d.paddingIdx < 0 ? d.paddingIdx + V : d.paddingIdx;
  const indices = Array.from({ length: n }, () => {
    const r = rand();
    if (r < 0.35) return Math.floor(rand() * V);
    if (r < 0.6) return Math.max(0, V - 1 - Math.floor(rand() * 3));
    if (r < 0.85 || padRow === null) return pool[Math.floor(rand() * pool.length)];
    return padRow;
  });
  if (d.outOfRange) indices[d.outOfRange.position % n] = d.outOfRange.past < 0 ? d.outOfRange.past : V + d.outOfRange.past;
  let maxNorm: number | null = null;
  if (d.maxNorm && 'value' in d.maxNorm) maxNorm = d.maxNorm.value;
  if (d.maxNorm && 'factor' in d.maxNorm) {
    const row = indices.length > 0 && indices[0] >= 0 && indices[0] < V ? indices[0] : 0;
    const norm = pNorm(weight.data.subarray(row * D, (row + 1) * D) as Float64Array, d.normType);
    // A row exactly at max_norm is a fair question only where every summation order gives the
    // same norm: halves and ones (ties) with p = 1, 0 or ±inf. Elsewhere "at" becomes 1% above.
    const exact = d.values === 'ties' && [1, 0, Infinity, -Infinity].includes(d.normType);
    const factor = d.maxNorm.factor === 1 && !exact ? 1.01 : d.maxNorm.factor;
    maxNorm = Number.isFinite(norm) && norm > 0 ? norm * factor : factor;
  }
  const c: EmbeddingCase = {
    config: {
      numEmbeddings: V, embeddingDim: D, paddingIdx: d.paddingIdx, maxNorm, normType: d.normType,
      scaleGradByFreq: d.scaleGradByFreq, sparse: d.sparse, dtype,
    },
    weight,
    indices: { dtype: d.indexDtype, shape: [...d.shape], data: d.indexDtype === 'int64' ? BigInt64Array.from(indices, BigInt) : Int32Array.from(indices) },
  };
  // small integers: their sums are exact in either dtype
  if (d.gradients) c.upstream = filled(dtype, [...d.shape, D], () => Math.floor(rand() * 17) - 8);
  return c;
}
