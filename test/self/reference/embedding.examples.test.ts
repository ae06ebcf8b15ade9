/**
 * The worked examples of docs/spec.md §2 as literal cases, plus a few facts
 * probed in PyTorch 1.13 (Debian python3-torch 1.13.1, the exporter's build) where the spec states a
 * behaviour without digits; those say "probed" and give the Python that printed them.
 */
import { describe, expect, it } from 'vitest';
import { SparseCooTensor, Tensor, ops, tensor } from '../../../reference/index.ts';
import { Embedding } from '../../../reference/embedding.ts';
import { embedding, embeddingRenorm_ } from '../../../reference/functional.ts';
import { expectClose } from '../../harness/compare.ts';
import { EXACT, RENORM } from '../../harness/tolerances.ts';

const f32 = (data: number[][]) => tensor(data, { dtype: 'float32' });
const f32Leaf = (data: number[][]) => tensor(data, { dtype: 'float32', requiresGrad: true });
/** Element values of a floating tensor, as plain numbers. */
const values = (t: Tensor) => Array.from(t.data as Float32Array | Float64Array);
const plain = (shape: number[], data: number[], dtype = 'float32') => ({ dtype, shape, data });
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error('expected an exception');
};

describe('docs/spec.md §2.2 forward', () => {
  it.each([
    [[], [2]],
    [[0], [0, 2]],
    [[3], [3, 2]],
    [[2, 0], [2, 0, 2]],
    [[2, 1, 3], [2, 1, 3, 2]],
  ])('index shape %j gives output shape %j', (shape, outShape) => {
    const weight = f32([[1, 2], [3, 4], [5, 6]]);
    const n = shape.reduce((a, b) => a * b, 1);
    const out = embedding(new Tensor('int64', shape, new BigInt64Array(n).fill(1n)), weight);
    expect(out.shape).toEqual(outShape);
  });

  it('the output is a fresh copy with grad_fn EmbeddingBackward0', () => {
    const weight = f32Leaf([[1, 2], [3, 4]]);
    const out = embedding(tensor([1]), weight);
    (out.data as Float32Array)[0] = 99;
    expect(values(weight)).toEqual([1, 2, 3, 4]);
    expect(out.gradFn?.name).toBe('EmbeddingBackward0');
  });

  it('padding_idx does not change the forward: a non-zero padding row is returned as stored', () => {
    const module = Embedding.fromPretrained(f32([[7, 8], [1, 2]]), { paddingIdx: 0 });
    expect(values(module.forward(tensor([0, 1])))).toEqual([7, 8, 1, 2]);
  });

  it('an integer weight works in F.embedding and keeps its dtype', () => {
    const out = embedding(tensor([1]), tensor([[1, 2], [3, 4]], { dtype: 'int32' }));
    expect(out.dtype).toBe('int32');
    expect(values(out)).toEqual([3, 4]);
  });
});

describe('docs/spec.md §2.3 max_norm norm_type table on the row [3, -4] with max_norm = 1', () => {
  it.each([
    [1, [0.4285714, -0.5714285]],
    [2, [0.6, -0.8]],
    [3, [0.6669718, -0.8892957]],
    [Infinity, [0.75, -1.0]],
    [0.5, [0.2153903, -0.2871871]],
    [0, [1.5 - 2 ** -23, -(2 - 2 ** -23)]], // "[1.5, -2.0] minus 1 ulp": the norm is the count of non-zeros, 2
    [-1, [1.75, -2.3333333]],
    // probed: w = torch.tensor([[3., -4.]]); F.embedding(torch.tensor([0]), w, max_norm=1., norm_type=p)
    [-Infinity, [0.9999999403953552, -1.3333332538604736]], // min |x| = 3
    [-0.5, [3, -4]], // (3^-0.5 + 4^-0.5)^-2 = 0.86 < 1: untouched
  ])('norm_type %s gives %j', (p, expected) => {
    const weight = f32([[3, -4]]);
    embedding(tensor([0]), weight, { maxNorm: 1, normType: p });
    expectClose(weight, plain([1, 2], expected), { name: `weight (norm_type ${p})`, tolerance: RENORM.float32 });
  });

  it('float64 weights use the same formula (norm_type 3, probed)', () => {
    const weight = tensor([[3, -4]], { dtype: 'float64' });
    embedding(tensor([0]), weight, { maxNorm: 1, normType: 3 });
    expectClose(weight, plain([1, 2], [0.6669717624834776, -0.8892956833113034], 'float64'), { name: 'weight', tolerance: RENORM.float64 });
  });
});

describe('docs/spec.md §2.3 renorm bits where torch\'s float32 norm is exact', () => {
  // On [3, -4] the p-norms for p = 0, 1, 2, inf, -inf are 2, 7, 5, 4, 3: exact in float32, so the
  // result is fixed by scale = fl32(max_norm / (norm + 1e-7)) and r_new = fl32(r * scale).
  // Bits probed: w = torch.tensor([[3., -4.]]); F.embedding(torch.tensor([0]), w, max_norm=1., norm_type=p); [float(x) for x in w[0]]
  it.each([
    [0, [1.4999998807907104, -1.9999998807907104]],
    [1, [0.4285714030265808, -0.5714285373687744]],
    [2, [0.6000000238418579, -0.800000011920929]],
    [Infinity, [0.75, -1.0]],
    [-Infinity, [0.9999999403953552, -1.3333332538604736]],
  ])('norm_type %s gives exactly %j', (p, expected) => {
    const weight = f32([[3, -4]]);
    embedding(tensor([0]), weight, { maxNorm: 1, normType: p });
    expectClose(weight, plain([1, 2], expected), { name: `weight (norm_type ${p})`, tolerance: EXACT, signedZeros: true });
  });
});

describe('docs/spec.md §2.3 max_norm edge values', () => {
  it.each([
    ['max_norm 0 zeroes the row, keeping signs', [[3, -4]], 0, [0, -0]],
    ['max_norm -1 flips the sign', [[3, -4]], -1, [-0.6, 0.8]],
    ['an all-zero row with max_norm 0 stays zero (0 > 0 is false)', [[0, 0]], 0, [0, 0]],
    ['an all-zero row with max_norm -1 becomes -0 (probed)', [[0, 0]], -1, [-0, -0]],
    ['a norm equal to max_norm is left alone (strict >)', [[3, -4]], 5, [3, -4]],
  ])('%s', (_what, rows, maxNorm, expected) => {
    const weight = f32(rows);
    embedding(tensor([0]), weight, { maxNorm });
    expectClose(weight, plain([1, 2], expected), { name: 'weight', tolerance: RENORM.float32, signedZeros: true });
  });

  it('the renorm happens in place before the lookup, so the output shows the renormed row', () => {
    const weight = f32([[3, -4], [0.3, 0.4]]);
    const out = embedding(tensor([0, 1]), weight, { maxNorm: 1 });
    expectClose(out, plain([2, 2], [0.6, -0.8, 0.3, 0.4]), { name: 'output', tolerance: RENORM.float32 });
    expect(values(out)).toEqual(values(weight));
  });

  it('only referenced rows are renormed, the padding row included', () => {
    const weight = f32([[3, -4], [3, -4], [3, -4]]);
    embedding(tensor([0, 2, 2]), weight, { maxNorm: 1, paddingIdx: 0 });
    expectClose(weight, plain([3, 2], [0.6, -0.8, 3, -4, 0.6, -0.8]), { name: 'weight', tolerance: RENORM.float32 });
  });

  it('a repeated call is a no-op on the values but still bumps _version', () => {
    const weight = f32([[3, -4]]);
    embedding(tensor([0]), weight, { maxNorm: 1 });
    const once = Float32Array.from(weight.data as Float32Array);
    embedding(tensor([0]), weight, { maxNorm: 1 });
    expect(weight.data).toEqual(once);
    expect(weight._version).toBe(2);
  });

  it('a negative index -k renormalises row V-k, then fails the lookup; the weight stays modified', () => {
    const weight = f32([[3, -4], [3, -4], [3, -4], [3, -4]]);
    expect(thrown(() => embedding(tensor([-1]), weight, { maxNorm: 1 }))).toEqual({ name: 'IndexError', message: 'index out of range in self' });
    expectClose(weight, plain([4, 2], [3, -4, 3, -4, 3, -4, 0.6, -0.8]), { name: 'weight', tolerance: RENORM.float32 });
    expect(weight._version).toBe(1);
  });

  it('indices are visited sorted and distinct: [4, 1] renorms row 1 before select(4) fails (probed)', () => {
    const weight = f32([[3, -4], [3, -4], [3, -4], [3, -4]]);
    expect(thrown(() => embedding(tensor([4, 1]), weight, { maxNorm: 1 }))).toEqual({
      name: 'IndexError',
      message: 'select(): index 4 out of range for tensor of size [4, 2] at dimension 0',
    });
    expectClose(weight, plain([4, 2], [3, -4, 0.6, -0.8, 3, -4, 3, -4]), { name: 'weight', tolerance: RENORM.float32 });
    expect(weight._version).toBe(0); // the op failed: no version bump
  });

  it('-1 and V-1 are distinct values, so with max_norm -1 row V-1 is flipped twice (probed)', () => {
    const weight = f32([[3, -4], [3, -4], [3, -4], [3, -4]]);
    expect(thrown(() => embedding(tensor([3, -1]), weight, { maxNorm: -1 })).name).toBe('IndexError');
    expectClose(weight, plain([4, 2], [3, -4, 3, -4, 3, -4, 0.6, -0.8]), { name: 'weight', tolerance: RENORM.float32 });
  });
});

describe('docs/spec.md §2.3 and §2.4 gradients', () => {
  it('max_norm has no Jacobian: indices [0, 0] with upstream [[1, 2], [3, 5]] give grad[0] = [4, 7]', () => {
    const weight = f32Leaf([[0, 0], [0, 0]]);
    embedding(tensor([0, 0]), weight, { maxNorm: 1 }).backward(f32([[1, 2], [3, 5]]));
    expectClose(weight.grad as Tensor, plain([2, 2], [4, 7, 0, 0]), { name: 'grad', tolerance: EXACT });
  });

  it('scale_grad_by_freq: idx [[1,1,2],[1,3,2]], g = arange(12) gives row1 (0+2+6)/3, row2 (4+10)/2, row3 g11', () => {
    const weight = f32Leaf([[0, 0], [0, 0], [0, 0], [0, 0]]);
    const g = new Tensor('float32', [2, 3, 2], Float32Array.from({ length: 12 }, (_, i) => i));
    embedding(tensor([[1, 1, 2], [1, 3, 2]]), weight, { scaleGradByFreq: true }).backward(g);
    // float32 bits probed in torch 1.13: w.grad[1].tolist() == [2.6666667461395264, 3.6666667461395264]
    expectClose(weight.grad as Tensor, plain([4, 2], [0, 0, 2.6666667461395264, 3.6666667461395264, 7, 8, 8, 9]), { name: 'grad', tolerance: EXACT });
  });

  it('float32 dense accumulation is sequential in input order: 1 + 2^-24 + 2^-24 stays 1 (probed)', () => {
    const weight = f32Leaf([[0]]);
    embedding(tensor([0, 0, 0]), weight).backward(f32([[1], [2 ** -24], [2 ** -24]]));
    expect(values(weight.grad as Tensor)).toEqual([1]); // a float64 accumulator would give 1 + 2^-23
  });

  it('scaled float32 accumulation is one fused multiply-add per term (probed: 6.126667022705078)', () => {
    // g = [9.35, 3.84, 5.19] in float32, s = fl32(1/3); multiply-then-add rounding gives 6.12666654586792
    const weight = f32Leaf([[0]]);
    embedding(tensor([0, 0, 0]), weight, { scaleGradByFreq: true }).backward(f32([[9.35], [3.84], [5.19]]));
    expect(values(weight.grad as Tensor)).toEqual([6.126667022705078]);
  });

  it('sparse: [3, 0, 3, 5] with padding_idx 0 gives uncoalesced indices [[3, 3, 5]] and the matching rows', () => {
    const weight = tensor(Array.from({ length: 6 }, () => [0, 0]), { dtype: 'float32', requiresGrad: true });
    embedding(tensor([3, 0, 3, 5]), weight, { paddingIdx: 0, sparse: true }).backward(f32([[1, 2], [3, 4], [5, 6], [7, 8]]));
    const g = weight.grad as SparseCooTensor;
    expect(g).toBeInstanceOf(SparseCooTensor);
    expect(g.indices.tolist()).toEqual([[3n, 3n, 5n]]);
    expect(g.values.tolist()).toEqual([[1, 2], [5, 6], [7, 8]]);
    expect(g.size).toEqual([6, 2]);
    expect([g.dtype, g.shape]).toEqual(['float32', [6, 2]]); // grad.dtype, grad.shape
  });

  it('sparse: when every position is padding, indices have shape (1, 0) and values (0, D)', () => {
    const weight = tensor([[1, 2], [3, 4]], { dtype: 'float32', requiresGrad: true });
    ops.sum(embedding(tensor([0, 0], { dtype: 'int32' }), weight, { paddingIdx: 0, sparse: true })).backward();
    const g = weight.grad as SparseCooTensor;
    expect([g.indices.dtype, g.indices.shape, g.values.shape]).toEqual(['int64', [1, 0], [0, 2]]);
  });

  it('sparse: with D = 0 the gradient has no entries even for real positions (PyTorch tests grad.numel(), probed)', () => {
    const weight = new Tensor('float32', [6, 0]).requiresGrad_(true);
    ops.sum(embedding(tensor([1, 2]), weight, { sparse: true })).backward();
    const g = weight.grad as SparseCooTensor;
    expect([g.indices.shape, g.values.shape]).toEqual([[1, 0], [0, 0]]);
  });

  it('sparse: a second backward appends its entries (probed: indices [[1, 2, 2]])', () => {
    const weight = tensor(Array.from({ length: 6 }, () => [0, 0]), { dtype: 'float32', requiresGrad: true });
    ops.sum(embedding(tensor([1, 2]), weight, { sparse: true })).backward();
    ops.sum(embedding(tensor([2]), weight, { sparse: true })).backward();
    expect((weight.grad as SparseCooTensor).indices.tolist()).toEqual([[1n, 2n, 2n]]);
  });

  it('F.embedding normalises a negative padding_idx: -1 on 3 rows leaves row 2 without gradient', () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32', requiresGrad: true });
    ops.sum(embedding(tensor([1, 2, 2]), weight, { paddingIdx: -1 })).backward();
    expectClose(weight.grad as Tensor, plain([3, 2], [0, 0, 1, 1, 0, 0]), { name: 'grad', tolerance: EXACT });
  });

  it('padding_idx -3 on 3 rows is allowed and means row 0 (probed: grad [[0, 0], [1, 1], [0, 0]])', () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32', requiresGrad: true });
    ops.sum(embedding(tensor([0, 1]), weight, { paddingIdx: -3 })).backward();
    expectClose(weight.grad as Tensor, plain([3, 2], [0, 0, 1, 1, 0, 0]), { name: 'grad', tolerance: EXACT });
  });

  it('a bigint padding_idx is a Python int: 1n leaves row 1 without gradient, as 1 does', () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32', requiresGrad: true });
    ops.sum(embedding(tensor([0, 1, 2]), weight, { paddingIdx: 1n as never })).backward();
    expectClose(weight.grad as Tensor, plain([3, 2], [1, 1, 0, 0, 1, 1]), { name: 'grad', tolerance: EXACT });
  });

  it('torch.embedding_renorm_ called directly, grad mode on, renorms a weight that does not require grad (probed)', () => {
    const weight = f32([[3, -4]]);
    embeddingRenorm_(weight, tensor([0]), 1, 2);
    expect(values(weight)).toEqual([0.6000000238418579, -0.800000011920929]);
  });

  it('max_norm with index -3 on 3 rows renorms row 0, then the lookup fails (probed)', () => {
    const weight = f32([[3, -4], [3, 4], [5, 6]]);
    expect(thrown(() => embedding(tensor([-3]), weight, { maxNorm: 1 }))).toMatchObject({ name: 'IndexError', message: 'index out of range in self' });
    expect(values(weight)).toEqual([0.6000000238418579, -0.800000011920929, 3, 4, 5, 6]);
  });
});

describe('docs/spec.md §2.3 autograd hazards (EmbeddingBackward0 saves weight and indices in 1.13)', () => {
  it('weight used by a differentiable op, then a max_norm forward: backward reports version 3, expected 2', () => {
    const module = new Embedding(3, 2, { paddingIdx: 0, maxNorm: 1 }); // normal_ -> v1, padding fill_ -> v2
    const squared = ops.mul(module.weight, module.weight); // saves weight at version 2
    const out = module.forward(tensor([1, 2])); // renorm -> v3
    expect(thrown(() => ops.add(ops.sum(squared), ops.sum(out)).backward())).toEqual({
      name: 'RuntimeError',
      message:
        'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3, 2]] is at version 3; expected version 2 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    });
  });

  it('the documented workaround, weight.clone() in the earlier op, makes backward work', () => {
    const module = new Embedding(3, 2, { paddingIdx: 0, maxNorm: 1 });
    const squared = ops.mul(module.weight.clone(), module.weight.clone());
    const out = module.forward(tensor([1, 2]));
    ops.add(ops.sum(squared), ops.sum(out)).backward();
    expect(module.weight.grad).not.toBeNull();
  });

  it('two max_norm calls on one weight in one graph fail backward (probed: version 2, expected 1)', () => {
    const weight = f32Leaf([[1, 2], [3, 4]]);
    const first = embedding(tensor([0, 1]), weight, { maxNorm: 1 });
    const second = embedding(tensor([1]), weight, { maxNorm: 1 });
    expect(thrown(() => ops.add(ops.sum(first), ops.sum(second)).backward()).message).toBe(
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 2]] is at version 2; expected version 1 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });

  it('indices changed in place after the forward fail backward (probed: LongTensor [2], version 1, expected 0)', () => {
    const weight = f32Leaf([[1, 2], [3, 4]]);
    const indices = tensor([1, 0]);
    const out = embedding(indices, weight);
    indices.add_(0);
    expect(thrown(() => ops.sum(out).backward()).message).toMatch(/^one of the variables .*: \[torch\.LongTensor \[2\]\] is at version 1; expected version 0 instead\./);
  });
});

describe('docs/spec.md §2.3 norm_type on a row with zeros, [0, 3, 0, -4], max_norm = 1', () => {
  // Probed with torch 1.13: w = torch.tensor([[0., 3., 0., -4.]], dtype=dt);
  // F.embedding(torch.tensor([0]), w, max_norm=1., norm_type=p); [float(x) for x in w[0]]
  // norm_type 0 counts the non-zeros (2, not 4); a negative or -inf norm of a row with a zero is 0, so it is left alone.
  it.each([
    ['float32', 0, [0, 1.4999998807907104, 0, -1.9999998807907104]],
    ['float32', 1, [0, 0.4285714030265808, 0, -0.5714285373687744]],
    ['float32', 2, [0, 0.6000000238418579, 0, -0.800000011920929]],
    ['float32', 3, [0, 0.6669718027114868, 0, -0.8892956972122192]],
    ['float32', 0.5, [0, 0.21539029479026794, 0, -0.2871870696544647]],
    ['float32', -1, [0, 3, 0, -4]],
    ['float32', -0.5, [0, 3, 0, -4]],
    ['float32', Infinity, [0, 0.75, 0, -1]],
    ['float32', -Infinity, [0, 3, 0, -4]],
    ['float64', 0, [0, 1.499999925000004, 0, -1.9999999000000053]],
    ['float64', 1, [0, 0.42857142244897967, 0, -0.5714285632653062]],
    ['float64', 2, [0, 0.5999999880000002, 0, -0.7999999840000003]],
    ['float64', 3, [0, 0.6669717624834776, 0, -0.8892956833113034]],
    ['float64', 0.5, [0, 0.21539030762703965, 0, -0.2871870768360529]],
    ['float64', -1, [0, 3, 0, -4]],
    ['float64', -0.5, [0, 3, 0, -4]],
    ['float64', Infinity, [0, 0.7499999812500004, 0, -0.9999999750000006]],
    ['float64', -Infinity, [0, 3, 0, -4]],
  ] as const)('%s, norm_type %s gives %j', (dtype, p, expected) => {
    const weight = tensor([[0, 3, 0, -4]], { dtype });
    embedding(tensor([0]), weight, { maxNorm: 1, normType: p });
    expectClose(weight, plain([1, 4], [...expected], dtype), { name: `weight (${dtype}, norm_type ${p})`, tolerance: RENORM[dtype] });
  });
});

describe('docs/spec.md §2.3 norm_type 0 counts the non-zeros, not the zeros', () => {
  // [0, 3, -4] has 2 non-zeros and 1 zero: norm 2 (counting zeros would give 1, not above max_norm).
  // Probed with torch 1.13: w = torch.tensor([[0., 3., -4.]], dtype=dt); F.embedding(torch.tensor([0]), w, max_norm=1., norm_type=0)
  it.each([
    ['float32', [0, 1.4999998807907104, -1.9999998807907104]],
    ['float64', [0, 1.499999925000004, -1.9999999000000053]],
  ] as const)('%s [0, 3, -4] renorms to %j', (dtype, expected) => {
    const weight = tensor([[0, 3, -4]], { dtype });
    embedding(tensor([0]), weight, { maxNorm: 1, normType: 0 });
    expectClose(weight, plain([1, 3], [...expected], dtype), { name: `weight (${dtype})`, tolerance: RENORM[dtype] });
  });
});

describe('docs/spec.md §2.3 float64 renorm is computed in float64, not with float32 rounding', () => {
  // Probed with torch 1.13: w = torch.tensor([[0.1, 0.2, 0.3], [1/3, 2/3, 1e-3]], dtype=torch.float64);
  // F.embedding(torch.tensor([0, 1]), w, max_norm=0.3, norm_type=p); [[float(x) for x in r] for r in w]
  it.each([
    [2, [0.08017835114516161, 0.16035670229032323, 0.2405350534354848, 0.1341639399025144, 0.2683278798050288, 0.00040249181970754326]],
    [1, [0.049999991666668055, 0.09999998333333611, 0.14999997500000414, 0.09990008992007093, 0.19980017984014187, 0.00029970026976021283]],
    [3, [0.0908560021255549, 0.1817120042511098, 0.2725680063766647, 0.1442249360856807, 0.2884498721713614, 0.00043267480825704216]],
    [0.5, [0.017450474886514338, 0.034900949773028676, 0.052351424659543004, 0.04921347621006684, 0.09842695242013368, 0.00014764042863020052]],
    // row 0's max |x| is 0.3, not above max_norm: untouched
    [Infinity, [0.1, 0.2, 0.3, 0.14999997750000338, 0.29999995500000676, 0.0004499999325000102]],
  ])('norm_type %s gives torch\'s float64 rows', (p, expected) => {
    // The case separates float64 from float32 rounding: rounded to float32, the rows are off by more than RENORM.float64.
    expect(expected.some((v) => Math.abs(Math.fround(v) - v) > 1e-12 * Math.abs(v) + 1e-12)).toBe(true);
    const weight = tensor([[0.1, 0.2, 0.3], [1 / 3, 2 / 3, 1e-3]], { dtype: 'float64' });
    embedding(tensor([0, 1]), weight, { maxNorm: 0.3, normType: p });
    expectClose(weight, plain([2, 3], expected, 'float64'), { name: `weight (norm_type ${p})`, tolerance: RENORM.float64 });
  });
});

describe('docs/spec.md §2.3 a repeated index renorms its row once', () => {
  // A float32 row whose renormed copy still has an L1 norm above max_norm after float32 rounding
  // (torch 1.13: sum |x| of the renormed row is 1.000000238418579 > 1), so a second renorm would change it.
  // Probed with torch 1.13 on this row r and a row of [3, -4, ..., -4]: renorm with indices [0, 0] equals [0];
  // with [0, 1, 0, 1, 0] it equals [0, 1]; renorming [0] twice gives other values.
  const row = [
  -1.4031834602355957, 0.09819185733795166, -0.49268245697021484, 1.7893342971801758, -0.6602926254272461,
  1.6799821853637695, 0.8773584365844727, -1.8996458053588867, 1.686188817024231, 1.0911188125610352,
  -0.23257732391357422, 1.420090675354004, 1.5355119705200195, 0.34885501861572266, -0.6627683639526367,
  -1.5254201889038086, -1.4861096143722534, 0.7991702556610107, 0.47249603271484375, -0.6971282958984375,
  1.7552261352539062, -1.324859619140625, 0.7934495210647583, -1.367067813873291, -1.5579761266708374,
  0.8727028369903564, 0.9736309051513672, -1.1622943878173828, -0.13440120220184326, 0.42396116256713867,
  -1.819216251373291, 0.6578441858291626, -0.10288333892822266, -0.9637727737426758, -0.5409555435180664,
  -1.1394243240356445, -0.0971306562423706, 0.0797123908996582, -1.426805019378662, 1.4731489419937134,
  -0.3542938232421875, 0.8429336547851562, -1.420989990234375, -1.2160109281539917, -1.304506540298462,
  1.5784634351730347, 0.3885359764099121, 1.1993212699890137, 1.085660457611084, 1.867530345916748,
  -0.7807221412658691, -0.9959073066711426, 0.48152685165405273, 1.6771235466003418, 1.4219679832458496,
  -0.5862774848937988, 1.6194586753845215, 0.9343485832214355, 1.7290282249450684, 1.262195110321045,
  -1.5962471961975098, 0.20756494998931885, -1.3591012954711914, 0.94831383228302,
  ];
  const other = [3, ...Array<number>(63).fill(-4)];
  const renormed = (indices: number[]) => {
    const weight = f32([row, other]);
    embedding(tensor(indices), weight, { maxNorm: 1, normType: 1 });
    return values(weight);
  };

  it('the row is one whose second renorm changes it', () => {
    const once = renormed([0]);
    const weight = f32([row, other]);
    embedding(tensor([0]), weight, { maxNorm: 1, normType: 1 });
    embedding(tensor([0]), weight, { maxNorm: 1, normType: 1 });
    expect(values(weight)).not.toEqual(once);
  });

  it('indices [0, 0] give the rows [0] gives', () => {
    expect(renormed([0, 0])).toEqual(renormed([0]));
  });

  it('indices [0, 1, 0, 1, 0] give the rows [0, 1] gives (sorted, so equal indices meet)', () => {
    expect(renormed([0, 1, 0, 1, 0])).toEqual(renormed([0, 1]));
  });
});
