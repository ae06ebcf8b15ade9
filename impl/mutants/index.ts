/**
 * Mutants: deliberately broken adapters that the suite must catch (array-api-tests' meta tests).
 * Each wraps the reference adapter and injects one bug that real implementations have had, or one
 * misbehaviour of the adapter itself (throwing, hanging, wrong shape, NaN, mutating its input).
 * test/self/conformance/mutants.test.ts checks that every one of them is reported as failing.
 */
import type { Adapter, EmbeddingCase, EmbeddingResult, PlainTensor, RnnCase, RnnResult } from '../contract.ts';
import { Tensor, embeddingRenorm_, ops, type DType } from '../../reference/index.ts';
import { createReferenceAdapter } from '../reference/index.ts';
import { rnnFromOps, trueActivation, type Activation } from './rnn-from-ops.ts';

const reference = createReferenceAdapter();
const rnn = (c: RnnCase) => reference.rnn!(c) as RnnResult;
const embedding = (c: EmbeddingCase) => reference.embedding!(c) as EmbeddingResult;

function mutant(name: string, parts: Partial<Pick<Adapter, 'rnn' | 'embedding' | 'tensor'>>): Adapter {
  return {
    name, capabilities: reference.capabilities, rnn: parts.rnn ?? reference.rnn, embedding: parts.embedding ?? reference.embedding,
    tensor: parts.tensor ?? reference.tensor, asTensor: reference.asTensor,
  };
}

function copy(t: PlainTensor): PlainTensor {
  return { dtype: t.dtype, shape: [...t.shape], data: t.data.slice() };
}

/** Every bias_hh zeroed: the classic "one bias is enough" port. */
const dropsHiddenBias = mutant('mutant-drops-b_hh', {
  rnn: (c) => {
    const zeros = (v: PlainTensor): PlainTensor => ({ ...v, data: v.data.slice().fill(0 as never) });
    const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, k.startsWith('bias_hh') ? zeros(v) : v]));
    return rnn({ ...c, params });
  },
});

/** The reverse direction's h_n read from the last time step instead of t = 0. */
const reverseHnFromLastStep = mutant('mutant-reverse-h_n-at-last-step', {
  rnn: (c) => {
    const r = rnn(c);
    if (!c.config.bidirectional || c.lengths || r.output.shape.length !== 3 || r.output.shape[c.config.batchFirst ? 1 : 0] === 0) return r;
    const H = c.config.hiddenSize;
    const [d0, d1] = r.output.shape;
    const [L, N] = c.config.batchFirst ? [d1, d0] : [d0, d1];
    const h_n = copy(r.h_n);
    const last = h_n.shape[0] - 1; // last layer, reverse direction
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const at = c.config.batchFirst ? (n * L + (L - 1)) * 2 * H + H + j : ((L - 1) * N + n) * 2 * H + H + j;
        (h_n.data as Float64Array)[(last * N + n) * H + j] = (r.output.data as Float64Array)[at];
      }
    }
    return { ...r, h_n };
  },
});

/** Packed input run as if padded: h_n includes the padding steps. */
const packedAsPadded = mutant('mutant-packed-h_n-includes-padding', {
  rnn: (c) => {
    if (!c.lengths) return rnn(c);
    const { lengths: _lengths, enforceSorted: _sorted, ...padded } = c;
    const r = rnn({ ...padded, dropoutMasks: undefined, upstream: undefined });
    return { output: r.output, h_n: r.h_n };
  },
});

/** padding_idx ignored in backward: the padding row gets a gradient. */
const paddingRowGetsGradient = mutant('mutant-padding-row-gets-gradient', {
  embedding: (c) => embedding({ ...c, config: { ...c.config, paddingIdx: null } }),
});

/** scale_grad_by_freq ignored. */
const ignoresScaleGradByFreq = mutant('mutant-ignores-scale_grad_by_freq', {
  embedding: (c) => embedding({ ...c, config: { ...c.config, scaleGradByFreq: false } }),
});

/** max_norm applied to the output only: the weight is not renormalised in place. */
const noRenormWriteBack = mutant('mutant-max_norm-without-write-back', {
  embedding: (c) => {
    const before = copy(c.weight);
    return { ...embedding(c), weightAfter: before };
  },
});

// ---- adapters that misbehave ------------------------------------------------------------------
const throws = mutant('mutant-throws', {
  rnn: () => {
    throw new Error('not implemented yet');
  },
});

const hangs = mutant('mutant-hangs', { rnn: () => new Promise<RnnResult>(() => {}) });

const wrongShape = mutant('mutant-wrong-shape', {
  rnn: (c) => {
    const r = rnn(c);
    return { ...r, h_n: { ...r.h_n, shape: [r.h_n.data.length] } };
  },
});

const returnsNaN = mutant('mutant-returns-nan', {
  rnn: (c) => {
    const r = rnn(c);
    const output = copy(r.output);
    if (output.data.length > 0) (output.data as Float64Array)[0] = NaN;
    return { ...r, output };
  },
});

const mutatesInput = mutant('mutant-mutates-input', {
  rnn: (c) => {
    const r = rnn(c);
    if (c.input.data.length > 0) (c.input.data as Float64Array)[0] += 1;
    return r;
  },
});

// ---- contract v2: bugs only the new capabilities can see ----------------------------------------
// test/self/conformance/mutants.test.ts checks that the golden grid fails each in its feature.

/** Never raises where PyTorch does on packing: enforce_sorted ignored (unsorted lengths are sorted silently). */
const ignoresEnforceSorted: Adapter = {
  ...mutant('mutant-ignores-enforce_sorted', {
    rnn: (c) => {
      const { packed: _dropped, ...r } = rnn({ ...c, enforceSorted: c.lengths ? false : c.enforceSorted });
      return r;
    },
  }),
  capabilities: { ...reference.capabilities, rnn: { ...reference.capabilities.rnn!, packedInternals: false }, errors: true },
};

/** The packed output's unsorted_indices set to sorted_indices (the permutation instead of its inverse). */
const unsortedIndicesAreSorted = mutant('mutant-unsorted_indices-are-sorted_indices', {
  rnn: (c) => {
    const r = rnn(c);
    return r.packed ? { ...r, packed: { ...r.packed, unsortedIndices: r.packed.sortedIndices } } : r;
  },
});

/** The sparse gradient coalesced-order: its rows sorted by index instead of PyTorch's lookup order. */
const sparseSortedByIndex = mutant('mutant-sparse-gradient-sorted-by-index', {
  embedding: (c) => {
    const r = embedding(c);
    const s = r.gradWeightSparse;
    if (!s) return r;
    const idx = s.indices.data as BigInt64Array;
    const D = s.size[1];
    const order = Array.from(idx.keys()).sort((a, b) => Number(idx[a] - idx[b]) || a - b);
    const values = copy(s.values);
    order.forEach((from, to) => values.data.set(s.values.data.subarray(from * D, (from + 1) * D) as never, to * D));
    const indices = { ...s.indices, data: BigInt64Array.from(order, (k) => idx[k]) };
    return { ...r, gradWeightSparse: { ...s, indices, values } };
  },
});

/** max_norm renorms a copy: weightAfter is right, but the caller's weight buffer is left untouched. */
const renormsACopy = mutant('mutant-renorm-not-in-place', {
  embedding: (c) => embedding({ ...c, weight: copy(c.weight) }),
});

/** tensor() that keeps a typed array it is given (as tf.tensor does on tfjs's cpu backend): a write to the source shows. */
const tensorAliasesTypedArrays = mutant('mutant-tensor-aliases-typed-arrays', {
  tensor: (data, dtype) => (ArrayBuffer.isView(data) ? reference.asTensor!(data, dtype) : reference.tensor!(data, dtype)),
});

/** The contract v2 mutants, with the feature whose cases must fail. */
export const contractMutants: Array<{ adapter: Adapter; feature: string }> = [
  { adapter: ignoresEnforceSorted, feature: 'rnn.errors' },
  { adapter: unsortedIndicesAreSorted, feature: 'rnn.packed_internals' },
  { adapter: sparseSortedByIndex, feature: 'embedding.sparse_coo' },
  { adapter: renormsACopy, feature: 'embedding.in_place_renorm' },
  { adapter: tensorAliasesTypedArrays, feature: 'tensor.copy' },
];

const claimsNothing: Adapter = { name: 'mutant-claims-nothing', capabilities: {}, rnn: reference.rnn, embedding: reference.embedding };

/** The mutants whose bug is in the numbers. */
export const numericMutants: Adapter[] = [dropsHiddenBias, reverseHnFromLastStep, packedAsPadded, paddingRowGetsGradient, ignoresScaleGradByFreq, noRenormWriteBack];

/** The mutants whose bug is in how the adapter behaves, with the message the runner must give. */
export const behaviourMutants: Array<{ adapter: Adapter; message: RegExp }> = [
  { adapter: throws, message: /^mutant-throws threw: not implemented yet$/ },
  { adapter: hangs, message: /^mutant-hangs threw: timed out after \d+ ms$/ },
  { adapter: wrongShape, message: /^h_n has shape \[\d+\] but should have \[\d+, \d+, \d+\]/ },
  { adapter: returnsNaN, message: /^output\[0,0,0\] = NaN but should be -?\d/ },
  { adapter: mutatesInput, message: /^mutant-mutates-input mutated its input input$/ },
];

export { claimsNothing };

// ---- size and value mutants: bugs that only realistic sizes or extreme values reach --------------
// The golden grid of today (I = H = 3, N <= 5, small values) misses every one; `rnnspec fuzz` must
// catch each (test/self/conformance/fuzz-mutants.test.ts, with `maxSize`).

/** A matmul that drops every column past a 64-wide tile: inputs and hidden units >= 64 are ignored. */
const matmulDropsColumnsPast64 = mutant('mutant-matmul-drops-columns-past-64', {
  rnn: (c) => {
    const cut = (name: string, v: PlainTensor): PlainTensor => {
      if (!name.startsWith('weight_') || v.shape[1] <= 64) return v;
      const data = v.data.slice();
      for (let i = 0; i < data.length; i++) if (i % v.shape[1] >= 64) data[i] = 0;
      return { ...v, data };
    };
    return rnn({ ...c, params: Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, cut(k, v)])) });
  },
});

/** The batch copied out in chunks of 32 rows, the tail chunk dropped: entries >= 32 come back zero. */
const batchChunksDropTailPast32 = mutant('mutant-batch-chunks-drop-tail-past-32', {
  rnn: (c) => {
    const r = rnn(c);
    if (c.input.shape.length !== 3) return r;
    const zeroTail = (t: PlainTensor, batchDim: number): PlainTensor => {
      const out = copy(t);
      const inner = t.shape.slice(batchDim + 1).reduce((a, b) => a * b, 1);
      const outer = t.shape.slice(0, batchDim).reduce((a, b) => a * b, 1);
      const N = t.shape[batchDim];
      for (let o = 0; o < outer; o++) for (let n = 32; n < N; n++) out.data.fill(0 as never, (o * N + n) * inner, (o * N + n + 1) * inner);
      return out;
    };
    return { ...r, output: zeroTail(r.output, c.config.batchFirst ? 0 : 1), h_n: zeroTail(r.h_n, 1) };
  },
});

/** Indices held in a uint16: an index >= 65,536 wraps around to index mod 65,536. */
const indicesAsUint16 = mutant('mutant-indices-as-uint16', {
  embedding: (c) => {
    const data = c.indices.data instanceof BigInt64Array ? c.indices.data.map((v) => (v >= 0n ? v & 0xffffn : v)) : (c.indices.data as Int32Array).map((v) => (v >= 0 ? v & 0xffff : v));
    return embedding({ ...c, indices: { ...c.indices, data } });
  },
});

/**
 * max_norm's norm taken over a prefix of the row (its first `limit` elements), the scale then
 * applied to the whole row. With limit = embedding_dim it is PyTorch's renorm (the control).
 */
export function renormOverPrefix(c: EmbeddingCase, limit: number): EmbeddingResult {
  const { maxNorm, normType, numEmbeddings: V, embeddingDim: D, dtype } = c.config;
  if (maxNorm === null || D === 0 || D < limit) return embedding(c);
  const idx = Array.from(c.indices.data as ArrayLike<number | bigint>, Number);
  if (idx.some((i) => i < -V || i >= V)) return embedding(c); // the reference raises PyTorch's error
  const w = c.weight.data.slice() as Float32Array | Float64Array;
  const prefix = new Tensor(dtype as DType, [V, limit]);
  for (let r = 0; r < V; r++) for (let j = 0; j < limit; j++) prefix.data[r * limit + j] = w[r * D + j];
  const before = (prefix.data as Float64Array).slice();
  embeddingRenorm_(prefix, new Tensor(c.indices.dtype as DType, c.indices.shape, c.indices.data.slice()), maxNorm, normType);
  for (let r = 0; r < V; r++) {
    let j0 = 0; // the prefix's largest element gives the row's scale
    for (let j = 1; j < limit; j++) if (Math.abs(before[r * limit + j]) > Math.abs(before[r * limit + j0])) j0 = j;
    if (prefix.data[r * limit + j0] === before[r * limit + j0] || before[r * limit + j0] === 0) continue;
    const scale = (prefix.data[r * limit + j0] as number) / before[r * limit + j0];
    for (let j = 0; j < D; j++) w[r * D + j] = j < limit ? (prefix.data[r * limit + j] as number) : w[r * D + j] * scale;
  }
  const weight = { ...c.weight, data: w };
  const result = { ...embedding({ ...c, weight, config: { ...c.config, maxNorm: null } }), weightAfter: copy(weight) };
  c.weight.data.set(w as never); // in place, as the reference does
  return result;
}

const normOverFirst64 = mutant('mutant-max_norm-norm-over-first-64', { embedding: (c) => renormOverPrefix(c, 64) });

/**
 * nn.RNN from ops (./rnn-from-ops.ts) with another activation; the reference where that RNN defers.
 * It claims contract v1's RNN only: it returns no packed internals and raises in its own words.
 */
function withActivation(name: string, act: Activation): Adapter {
  const { errors: _errors, ...v1 } = reference.capabilities;
  return { ...mutant(name, { rnn: (c) => rnnFromOps(c, act) ?? rnn(c) }), capabilities: { ...v1, rnn: { ...v1.rnn!, packedInternals: false } } };
}

/** A constant tensor of x's dtype and shape: values computed from x, no gradient. */
const constant = (x: Tensor, f: (v: number) => number) => ops.map(x.detach(), f);

/** relu6 where relu was meant: values past 6 are clamped. */
const reluClampedAt6 = withActivation('mutant-relu-clamped-at-6', (a, nl) => {
  if (nl === 'tanh') return ops.tanh(a);
  const r = ops.relu(a);
  return ops.add(r, constant(r, (v) => Math.min(v, 6) - v));
});

/** tanh as (e^2x - 1) / (e^2x + 1) in the weight's dtype: NaN once e^2x overflows (x > 44.4 in float32). */
const tanhFromExp = withActivation('mutant-tanh-from-exp', (a, nl) => {
  if (nl === 'relu') return ops.relu(a);
  const round = a.dtype === 'float32' ? Math.fround : (v: number) => v;
  const h = ops.tanh(a);
  const formula = ops.map(a.detach(), (x) => {
    const e = round(Math.exp(round(2 * x)));
    return round(round(e - 1) / round(e + 1));
  });
  return ops.add(h, ops.map(formula, (f, i) => f - (h.data[i] as number)));
});

/** relu's derivative taken as 1 at exactly 0 (x >= 0 instead of x > 0). */
const reluGradientOneAtZero = withActivation('mutant-relu-derivative-1-at-0', (a, nl) =>
  nl === 'tanh' ? ops.tanh(a) : ops.mul(a, constant(a, (v) => (v >= 0 ? 1 : 0))),
);

/** The size and value mutants, each with the largest size class fuzz needs to reach it. */
export const sizeValueMutants: Array<{ adapter: Adapter; maxSize: 'small' | 'medium' | 'large' }> = [
  { adapter: matmulDropsColumnsPast64, maxSize: 'medium' },
  { adapter: batchChunksDropTailPast32, maxSize: 'medium' },
  { adapter: indicesAsUint16, maxSize: 'large' },
  { adapter: normOverFirst64, maxSize: 'medium' },
  { adapter: reluClampedAt6, maxSize: 'medium' },
  { adapter: tanhFromExp, maxSize: 'medium' },
  { adapter: reluGradientOneAtZero, maxSize: 'medium' },
];

/** The mutants' machinery without a bug: must pass wherever the reference does. */
export const mutantControls: Adapter[] = [
  withActivation('control-rnn-from-ops', trueActivation),
  mutant('control-renorm-over-whole-row', { embedding: (c) => renormOverPrefix(c, c.config.embeddingDim) }),
];
