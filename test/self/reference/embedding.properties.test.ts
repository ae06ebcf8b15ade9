/**
 * Properties of the reference F.embedding / nn.Embedding over random tables, index shapes (0-d to
 * 3-d), index dtypes and options (docs/spec.md §2.2-§2.4). Every expected value
 * is computed here, from the drawn data, never by the reference.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SparseCooTensor, Tensor, ops } from '../../../reference/index.ts';
import { Embedding } from '../../../reference/embedding.ts';
import { embedding } from '../../../reference/functional.ts';
import { embeddingArb, type EmbeddingDraw } from '../../harness/arbitraries/embedding.ts';
import { expectClose } from '../../harness/compare.ts';
import { checkVjp } from '../../harness/gradcheck.ts';
import { RENORM, TOLERANCES } from '../../harness/tolerances.ts';

// ---- Arrange helpers --------------------------------------------------------------------------
function build(c: EmbeddingDraw) {
  const floats = (xs: number[]) => (c.dtype === 'float32' ? Float32Array.from(xs) : Float64Array.from(xs));
  const weight = new Tensor(c.dtype, [c.V, c.D], floats(c.weight)).requiresGrad_(true);
  const indices =
    c.indexDtype === 'int64'
      ? new Tensor('int64', c.shape, BigInt64Array.from(c.indices, BigInt))
      : new Tensor('int32', c.shape, Int32Array.from(c.indices));
  const upstream = new Tensor(c.dtype, [...c.shape, c.D], floats(c.upstream));
  return { weight, indices, upstream };
}

/** The padding row PyTorch uses: -k counts from the end; none -> null. */
const paddingRow = (c: EmbeddingDraw) => (c.options.paddingIdx === undefined ? null : c.options.paddingIdx < 0 ? c.V + c.options.paddingIdx : c.options.paddingIdx);

const row = (data: ArrayLike<number>, r: number, D: number) => Array.from({ length: D }, (_, j) => data[r * D + j]);

/** Same bits: Object.is tells +0 from -0 and NaN equals NaN. */
function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${what}[${i}] = ${actual[i]} but should be ${expected[i]}`);
  }
}

/** ||x||_p in double, written here independently of the reference. */
function pNorm(x: number[], p: number): number {
  if (p === Infinity) return Math.max(0, ...x.map(Math.abs));
  return x.reduce((s, v) => s + Math.abs(v) ** p, 0) ** (1 / p);
}

const denseGrad = (w: Tensor) => {
  const g = w.grad;
  return g instanceof SparseCooTensor ? g.toDense() : (g as Tensor);
};

// ---- forward ----------------------------------------------------------------------------------
describe('F.embedding forward', () => {
  test.prop([embeddingArb()])('output has shape (*input.shape, D) and its rows are the weight rows bit for bit', (c) => {
    const { weight, indices } = build(c);
    const before = Array.from(weight.data as Float64Array);

    const out = embedding(indices, weight, c.options);

    expect(out.shape).toEqual([...c.shape, c.D]);
    expect(out.dtype).toBe(c.dtype);
    const after = weight.data as Float64Array; // max_norm renormalises in place before the lookup
    expectSameBits(out.data as Float64Array, c.indices.flatMap((i) => row(after, i, c.D)), 'output');
    if (c.options.maxNorm === undefined) expectSameBits(after, before, 'weight (no max_norm)');
  });

  test.prop([embeddingArb({ options: ['paddingIdx'] })])('the module forward equals a direct lookup, padding row as stored', (c) => {
    const { weight, indices } = build(c);
    const module = Embedding.fromPretrained(weight, { paddingIdx: c.options.paddingIdx });

    const out = module.forward(indices);

    expectSameBits(out.data as Float64Array, c.indices.flatMap((i) => row(c.weight, i, c.D)), 'output'); // drawn values are exact in dtype
  });
});

// ---- max_norm ---------------------------------------------------------------------------------
describe('F.embedding max_norm', () => {
  test.prop([embeddingArb({ options: ['maxNorm', 'normType'], require: ['maxNorm'] })])(
    'renormed rows end at or under max_norm along the same direction; all other rows keep their bits',
    (c) => {
      const { weight, indices } = build(c);
      const before = Array.from(weight.data as Float64Array);
      const maxNorm = c.options.maxNorm!;
      const p = c.options.normType ?? 2;
      const tol = RENORM[c.dtype];

      embedding(indices, weight, c.options);

      const after = weight.data as Float64Array;
      for (let r = 0; r < c.V; r++) {
        const old = row(before, r, c.D);
        const now = row(after, r, c.D);
        const norm = pNorm(old, p);
        // torch computes the norm in the weight dtype: within a rounding of max_norm either outcome is right
        const mustRenorm = c.indices.includes(r) && norm > maxNorm * (1 + tol.rtol);
        const mayRenorm = c.indices.includes(r) && norm > maxNorm * (1 - tol.rtol);
        if (mustRenorm || (mayRenorm && !old.every((v, j) => Object.is(v, now[j])))) {
          const expected = old.map((v) => v * (maxNorm / (norm + 1e-7))); // docs/spec.md §2.3's scale
          expectClose({ dtype: c.dtype, shape: [c.D], data: now }, { dtype: c.dtype, shape: [c.D], data: expected }, { name: `weight row ${r}`, tolerance: tol });
          expect(pNorm(now, p)).toBeLessThanOrEqual(maxNorm * (1 + tol.rtol));
        } else {
          expectSameBits(now, old, `weight row ${r} (not renormed)`);
        }
      }
    },
  );

  test.prop([embeddingArb({ options: ['maxNorm', 'normType'], require: ['maxNorm'] }), fc.integer({ min: 1, max: 4 })])(
    'weight._version goes up by exactly one per max_norm call, changed rows or not',
    (c, calls) => {
      const { weight, indices } = build(c);
      const v0 = weight._version;

      for (let k = 0; k < calls; k++) embedding(indices, weight, c.options);

      expect(weight._version).toBe(v0 + calls);
    },
  );

  test.prop([embeddingArb({ options: ['paddingIdx', 'scaleGradByFreq', 'sparse'] })])('without max_norm the weight version never changes', (c) => {
    const { weight, indices } = build(c);
    embedding(indices, weight, c.options);
    expect(weight._version).toBe(0);
  });
});

// ---- backward ---------------------------------------------------------------------------------
describe('F.embedding backward', () => {
  test.prop([embeddingArb({ options: ['paddingIdx', 'maxNorm', 'normType'] })])(
    'dense gradient is the per-row sum of upstream rows over non-padding positions (exact)',
    (c) => {
      const { weight, indices, upstream } = build(c);
      const pad = paddingRow(c);
      const expected = new Array<number>(c.V * c.D).fill(0);
      c.indices.forEach((k, n) => {
        if (k === pad) return;
        for (let j = 0; j < c.D; j++) expected[k * c.D + j] += c.upstream[n * c.D + j]; // small integers: exact in any order
      });

      embedding(indices, weight, c.options).backward(upstream);

      const g = weight.grad as Tensor;
      expect(g.shape).toEqual([c.V, c.D]);
      expectSameBits(g.data as Float64Array, expected, 'grad');
    },
  );

  test.prop([embeddingArb({ options: ['paddingIdx', 'scaleGradByFreq', 'sparse', 'maxNorm'], require: ['paddingIdx'] })])(
    'the padding row gradient is exactly zero, dense or sparse',
    (c) => {
      const { weight, indices, upstream } = build(c);

      embedding(indices, weight, c.options).backward(upstream);

      const pad = paddingRow(c)!;
      expectSameBits(row(denseGrad(weight).data as Float64Array, pad, c.D), new Array(c.D).fill(0), 'grad[padding_idx]');
    },
  );

  test.prop([embeddingArb({ options: ['paddingIdx', 'scaleGradByFreq'], require: ['scaleGradByFreq'] })])(
    'scale_grad_by_freq divides each row sum by the count of that index in the whole input',
    (c) => {
      const { weight, indices, upstream } = build(c);
      const sum = new Array<number>(c.V * c.D).fill(0);
      const count = new Array<number>(c.V).fill(0);
      c.indices.forEach((k) => count[k]++); // padding positions count too
      c.indices.forEach((k, n) => {
        if (k === paddingRow(c)) return;
        for (let j = 0; j < c.D; j++) sum[k * c.D + j] += c.upstream[n * c.D + j];
      });
      const expected = sum.map((s, i) => (c.options.scaleGradByFreq ? s / Math.max(count[Math.floor(i / c.D)], 1) : s));

      embedding(indices, weight, c.options).backward(upstream);

      expectClose(weight.grad as Tensor, { dtype: c.dtype, shape: [c.V, c.D], data: expected }, { name: 'grad', tolerance: TOLERANCES[c.dtype].gradient });
    },
  );

  test.prop([embeddingArb({ options: ['paddingIdx', 'maxNorm', 'normType'] })])(
    'the sparse gradient lists non-padding positions in input order and its toDense() equals the dense gradient',
    (c) => {
      const dense = build(c);
      const sparse = build(c);
      const pad = paddingRow(c);

      embedding(dense.indices, dense.weight, c.options).backward(dense.upstream);
      embedding(sparse.indices, sparse.weight, { ...c.options, sparse: true }).backward(sparse.upstream);

      const g = sparse.weight.grad as SparseCooTensor;
      expect(g).toBeInstanceOf(SparseCooTensor);
      expect(g.size).toEqual([c.V, c.D]);
      const kept = c.D === 0 ? [] : c.indices.map((k, n) => [k, n]).filter(([k]) => k !== pad);
      expect(g.indices.dtype).toBe('int64');
      expect(g.indices.shape).toEqual([1, kept.length]);
      expect(Array.from(g.indices.data as BigInt64Array, Number)).toEqual(kept.map(([k]) => k));
      expect(g.values.shape).toEqual([kept.length, c.D]);
      expectSameBits(g.values.data as Float64Array, kept.flatMap(([, n]) => row(c.upstream, n, c.D)), 'values');
      expectSameBits(g.toDense().data as Float64Array, (dense.weight.grad as Tensor).data as Float64Array, 'toDense()');
    },
  );

  test.prop([embeddingArb({ options: [], dtypes: ['float64'] }), fc.integer({ min: 0, max: 2 ** 31 - 1 })])(
    'float64 gradient of tanh(embedding(idx, W)) matches central finite differences (check_vjp)',
    (c, seed) => {
      const { weight, indices } = build(c);
      checkVjp(([w]) => [ops.tanh(embedding(indices, w))], [weight], { seed });
    },
  );
});
