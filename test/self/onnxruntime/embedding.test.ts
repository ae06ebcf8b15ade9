/**
 * The ORT Embedding graph: the plain lookup exactly against a direct row lookup, and max_norm's
 * forward + weight after the in-place renorm against a direct float64 computation of docs/spec.md §2.3
 * (norm > max_norm strictly, scale = max_norm / (norm + 1e-7), only referenced rows), with the
 * RENORM tolerance of tolerances.ts.
 *
 * Property runs: env var RNNSPEC_RUNS (default 40).
 */
import { afterAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createOnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import type { EmbeddingCase, EmbeddingConfig, PlainTensor } from '../../../impl/contract.ts';
import { expectClose } from '../../harness/compare.ts';
import { EXACT, RENORM } from '../../harness/tolerances.ts';
import { prng } from '../../harness/prng.ts';
import { snapshot, values } from './naive.ts';

const RUNS = Number(process.env.RNNSPEC_RUNS ?? 40);
const adapter = createOnnxRuntimeAdapter();
afterAll(() => adapter.dispose());
let worstRenormHeadroom = 0;
afterAll(() => console.log(`onnxruntime embedding: worst max_norm headroom ${worstRenormHeadroom.toPrecision(3)} of the RENORM budget`));

interface EmbSpec {
  seed: number;
  V: number;
  E: number;
  indexShape: number[];
  dtype: 'float32' | 'float64';
  indexDtype: 'int64' | 'int32';
  maxNorm: number | null;
  normType: number;
  paddingIdx: number | null;
  /** Weight values uniform in [-scale, scale]. */
  scale: number;
}

function makeEmbeddingCase(s: EmbSpec): EmbeddingCase {
  const rand = prng(s.seed);
  const n = s.indexShape.reduce((a, b) => a * b, 1);
  const raw = Array.from({ length: s.V * s.E }, () => (2 * rand() - 1) * s.scale);
  const weight: PlainTensor = { dtype: s.dtype, shape: [s.V, s.E], data: s.dtype === 'float32' ? Float32Array.from(raw) : Float64Array.from(raw) };
  const idx = Array.from({ length: n }, () => Math.floor(rand() * s.V));
  const indices: PlainTensor = {
    dtype: s.indexDtype,
    shape: s.indexShape,
    data: s.indexDtype === 'int64' ? BigInt64Array.from(idx, BigInt) : Int32Array.from(idx),
  };
  const config: EmbeddingConfig = {
    numEmbeddings: s.V,
    embeddingDim: s.E,
    paddingIdx: s.paddingIdx,
    maxNorm: s.maxNorm,
    normType: s.normType,
    scaleGradByFreq: false,
    sparse: false,
    dtype: s.dtype,
  };
  return { config, weight, indices };
}

/** ||row||_p in float64, as torch.norm defines it (p = 0 counts non-zero entries). */
function pNorm(row: number[], p: number): number {
  const a = row.map(Math.abs);
  if (p === Infinity) return a.length ? Math.max(...a) : 0;
  if (p === -Infinity) return a.length ? Math.min(...a) : 0;
  if (p === 0) return a.filter((v) => v !== 0).length;
  return a.reduce((s, v) => s + v ** p, 0) ** (1 / p);
}

/** Direct computation: renormed weight (float64 values) and the lookup from it. */
function expected(c: EmbeddingCase): { output: PlainTensor; weightAfter: PlainTensor } {
  const [V, E] = c.weight.shape;
  const w = Array.from(c.weight.data as ArrayLike<number>);
  const idx = Array.from(c.indices.data as ArrayLike<number | bigint>, Number);
  const { maxNorm, normType } = c.config;
  if (maxNorm !== null) {
    for (const r of new Set(idx)) {
      const row = w.slice(r * E, (r + 1) * E);
      const norm = pNorm(row, normType);
      if (norm > maxNorm) {
        const scale = maxNorm / (norm + 1e-7);
        for (let j = 0; j < E; j++) w[r * E + j] = row[j] * scale;
      }
    }
  }
  const out = new Float64Array(idx.length * E);
  idx.forEach((r, i) => out.set(w.slice(r * E, (r + 1) * E), i * E));
  const dtype = c.weight.dtype;
  return { output: { dtype, shape: [...c.indices.shape, E], data: out }, weightAfter: { dtype, shape: [V, E], data: Float64Array.from(w) } };
}

async function check(c: EmbeddingCase, label: string) {
  const before = snapshot([c.weight, c.indices]);
  const r = await adapter.embedding(c);
  expect(snapshot([c.weight, c.indices]), 'inputs unchanged (weightAfter is a new tensor)').toEqual(before);
  const e = expected(c);
  const tol = c.config.maxNorm === null ? EXACT : RENORM[c.config.dtype];
  const ctx = `embedding ${label} impl=onnxruntime`;
  const h1 = expectClose(r.output, e.output, { name: 'output', tolerance: tol, context: ctx }).headroom;
  const h2 = expectClose(r.weightAfter, e.weightAfter, { name: 'weight_after', tolerance: tol, context: ctx }).headroom;
  if (c.config.maxNorm !== null) worstRenormHeadroom = Math.max(worstRenormHeadroom, h1, h2);
  expect(r.output.data).toBeInstanceOf(c.config.dtype === 'float32' ? Float32Array : Float64Array);
  if (c.config.maxNorm === null) {
    expect(values(r.weightAfter)).toEqual(values(c.weight));
  } else {
    // rows not referenced are bitwise untouched
    const E = c.weight.shape[1];
    const used = new Set(Array.from(c.indices.data as ArrayLike<number | bigint>, Number));
    for (let v = 0; v < c.weight.shape[0]; v++) {
      if (used.has(v)) continue;
      for (let j = 0; j < E; j++) expect(Object.is(r.weightAfter.data[v * E + j], c.weight.data[v * E + j])).toBe(true);
    }
  }
  return r;
}

const base: EmbSpec = {
  seed: 7,
  V: 6,
  E: 3,
  indexShape: [2, 4],
  dtype: 'float32',
  indexDtype: 'int64',
  maxNorm: null,
  normType: 2,
  paddingIdx: null,
  scale: 2,
};

describe('onnxruntime Embedding: lookup', () => {
  const cases: Array<[string, Partial<EmbSpec>]> = [
    ['float32 int64', {}],
    ['float64 int32', { dtype: 'float64', indexDtype: 'int32' }],
    ['scalar index', { indexShape: [] }],
    ['empty indices', { indexShape: [0] }],
    ['rank-3 indices', { indexShape: [2, 1, 3] }],
    ['padding_idx has no forward effect', { paddingIdx: 1, V: 2, indexShape: [8] }],
    ['embedding_dim 0', { E: 0 }],
  ];
  for (const [label, over] of cases) test(label, () => check(makeEmbeddingCase({ ...base, ...over }), label).then(() => undefined));

  test('[3,-4] row, max_norm=1, norm_type examples of docs/spec.md §2.3', async () => {
    const want: Array<[number, number[]]> = [
      [1, [0.4285714, -0.5714285]],
      [2, [0.6, -0.8]],
      [3, [0.6669718, -0.8892957]],
      [Infinity, [0.75, -1.0]],
      [0.5, [0.2153903, -0.2871871]],
      [0, [1.5, -2.0]],
      [-1, [1.75, -2.3333333]],
    ];
    for (const [p, row] of want) {
      const c: EmbeddingCase = {
        config: { numEmbeddings: 1, embeddingDim: 2, paddingIdx: null, maxNorm: 1, normType: p, scaleGradByFreq: false, sparse: false, dtype: 'float32' },
        weight: { dtype: 'float32', shape: [1, 2], data: Float32Array.of(3, -4) },
        indices: { dtype: 'int64', shape: [1], data: BigInt64Array.of(0n) },
      };
      const r = await check(c, `p=${p}`);
      expect(Array.from(r.output.data as Float32Array).map((v) => Number(v.toPrecision(7)))).toEqual(row.map((v) => Number(v.toPrecision(7))));
    }
  });

  test('max_norm edge values: 0 zeroes, -1 flips the sign, a zero row stays zero', async () => {
    const mk = (maxNorm: number, data: number[]): EmbeddingCase => ({
      config: { numEmbeddings: 1, embeddingDim: 2, paddingIdx: null, maxNorm, normType: 2, scaleGradByFreq: false, sparse: false, dtype: 'float32' },
      weight: { dtype: 'float32', shape: [1, 2], data: Float32Array.from(data) },
      indices: { dtype: 'int64', shape: [1], data: BigInt64Array.of(0n) },
    });
    expect(values((await check(mk(0, [3, -4]), 'max 0')).output)).toEqual([0, -0]);
    const flipped = Array.from((await check(mk(-1, [3, -4]), 'max -1')).output.data as Float32Array);
    expect(flipped.map((v) => Number(v.toFixed(6)))).toEqual([-0.6, 0.8]);
    expect(values((await check(mk(0, [0, 0]), 'zero row')).output)).toEqual([0, 0]);
  });

  test('out-of-range and negative indices raise PyTorch errors (ORT Gather would wrap negatives)', async () => {
    const c = makeEmbeddingCase(base);
    const bad = (v: bigint, maxNorm: number | null) =>
      adapter.embedding({ ...c, config: { ...c.config, maxNorm }, indices: { dtype: 'int64', shape: [2], data: BigInt64Array.of(0n, v) } });
    await expect(bad(-1n, null)).rejects.toThrow('index out of range in self');
    await expect(bad(6n, null)).rejects.toThrow('index out of range in self');
    await expect(bad(-1n, 1)).rejects.toThrow('index out of range in self');
    await expect(bad(10n, 1)).rejects.toThrow('select(): index 10 out of range for tensor of size [6, 3] at dimension 0');
    const empty = makeEmbeddingCase({ ...base, V: 0, indexShape: [1] });
    await expect(adapter.embedding({ ...empty, indices: { dtype: 'int64', shape: [1], data: BigInt64Array.of(0n) } })).rejects.toThrow(
      'index_select(): self indexing axis dim should be positive',
    );
  });
});

const NORM_TYPES = [2, 1, Infinity, 3, 0.5, 0, -1, -Infinity];
const embSpecArb: fc.Arbitrary<EmbSpec> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  V: fc.integer({ min: 1, max: 8 }),
  E: fc.integer({ min: 1, max: 6 }),
  indexShape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
  dtype: fc.constantFrom<'float32' | 'float64'>('float32', 'float64'),
  indexDtype: fc.constantFrom<'int64' | 'int32'>('int64', 'int32'),
  maxNorm: fc.option(fc.constantFrom(0.5, 1, 1.5, 3, 0, -1), { nil: null }),
  normType: fc.constantFrom(...NORM_TYPES),
  paddingIdx: fc.constant(null),
  scale: fc.constantFrom(0.1, 1, 5),
});

describe('onnxruntime Embedding: random cases vs a direct computation', () => {
  test.prop([embSpecArb], { numRuns: RUNS })('lookup exact; max_norm within RENORM', async (s) => {
    await check(makeEmbeddingCase(s), JSON.stringify(s, (_k, v) => (v === Infinity ? 'inf' : v === -Infinity ? '-inf' : v)));
  });
});
