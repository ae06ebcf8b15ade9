/**
 * nn.Embedding construction and from_pretrained (docs/spec.md §2.1, §2.5):
 * padding_idx normalisation, N(0, 1) init statistics, `_weight` sharing, freezing, versions, repr.
 */
import { describe, expect, it } from 'vitest';
import { Generator, Tensor, ops, tensor } from '../../../reference/index.ts';
import { Embedding } from '../../../reference/embedding.ts';
import { expectError } from '../expect-error.ts';

/** Element values of a floating tensor, as plain numbers. */
const values = (t: Tensor) => Array.from(t.data as Float32Array | Float64Array);

describe('nn.Embedding construction', () => {
  it('weight is a (V, D) float32 leaf that requires grad, registered as "weight"', () => {
    const module = new Embedding(5, 3);
    expect([module.weight.shape, module.weight.dtype, module.weight.requiresGrad, module.weight.isLeaf]).toEqual([[5, 3], 'float32', true, true]);
    expect(module.namedParameters()).toEqual([['weight', module.weight]]);
  });

  it('dtype float64 gives a float64 weight', () => {
    expect(new Embedding(2, 2, { dtype: 'float64' }).weight.dtype).toBe('float64');
  });

  it.each([
    [-1, 4],
    [-5, 0],
    [0, 0],
    [2, 2],
    [4, 4],
  ])('padding_idx %d on 5 rows is stored as %d and that row is zeroed', (given, stored) => {
    const module = new Embedding(5, 3, { paddingIdx: given, generator: new Generator(1) });
    expect(module.paddingIdx).toBe(stored);
    expect(values(module.weight).slice(stored * 3, stored * 3 + 3)).toEqual([0, 0, 0]);
    expect(String(module)).toBe(`Embedding(5, 3, padding_idx=${stored})`);
  });

  it('the repr lists the options that differ from their defaults', () => {
    const module = new Embedding(3, 2, { paddingIdx: -1, maxNorm: 1.5, normType: 3, scaleGradByFreq: true, sparse: true });
    expect(String(module)).toBe('Embedding(3, 2, padding_idx=2, max_norm=1.5, norm_type=3, scale_grad_by_freq=True, sparse=True)');
  });

  it('_version is 1 after normal_ and 2 after the padding row fill_', () => {
    expect(new Embedding(3, 2).weight._version).toBe(1);
    expect(new Embedding(3, 2, { paddingIdx: 0 }).weight._version).toBe(2);
  });

  it('a bool padding_idx is stored, zeroes no row (weight[True] is a copy) and fails only at forward', () => {
    const module = new Embedding(3, 2, { paddingIdx: true, generator: new Generator(3) });
    expect(module.paddingIdx).toBe(true);
    expect(module.weight._version).toBe(1);
    expect(values(module.weight).filter((v) => v === 0)).toEqual([]); // N(0,1) draws: zero has probability 0
    expect(() => module.forward(tensor([0]))).toThrow("embedding(): argument 'padding_idx' (position 3) must be int, not bool");
  });

  it('num_embeddings 0 and embedding_dim 0 are allowed; forward returns (..., 0)', () => {
    expect(new Embedding(0, 3).forward(new Tensor('int64', [0])).shape).toEqual([0, 3]);
    expect(new Embedding(3, 0).forward(tensor([[0, 2]])).shape).toEqual([1, 2, 0]);
    expect(new Embedding(3, 0, { maxNorm: 1 }).forward(tensor([[0, 2]])).shape).toEqual([1, 2, 0]);
  });

  it('a bool embedding_dim passes torch.empty as an int (probed: Embedding(3, True) has a 3x1 weight)', () => {
    expect(new Embedding(3, true as never).weight.shape).toEqual([3, 1]);
  });
});

describe('nn.Embedding padding_idx set after construction', () => {
  it.each([
    [-1, 2],
    [-3, 0],
    [1, 1],
  ])('reset_parameters zeroes weight[%s] with Python indexing: row %s', (paddingIdx, row) => {
    const module = new Embedding(3, 2, { generator: new Generator(5) });
    module.paddingIdx = paddingIdx;
    module.resetParameters(new Generator(6));
    const rows = module.weight.tolist() as number[][];
    rows.forEach((r, i) => expect(i === row ? r : r.every((v) => v !== 0), `row ${i}`).toEqual(i === row ? [0, 0] : true));
  });

  it('beyond -V or at V is an IndexError in PyTorch words', () => {
    const module = new Embedding(3, 2);
    module.paddingIdx = -4;
    expectError(() => module.resetParameters(), 'IndexError', 'index -4 is out of bounds for dimension 0 with size 3');
    module.paddingIdx = 3;
    expectError(() => module.resetParameters(), 'IndexError', 'index 3 is out of bounds for dimension 0 with size 3');
  });
});

describe('nn.Embedding repr and parameter names', () => {
  it('the repr names only the options that differ from their defaults', () => {
    expect(String(new Embedding(3, 2))).toBe('Embedding(3, 2)');
  });
  it("the weight is the parameter named 'weight', also when given as _weight", () => {
    const source = new Tensor('float32', [3, 2]);
    expect(new Embedding(3, 2, { _weight: source }).namedParameters().map(([name]) => name)).toEqual(['weight']);
    expect(Object.keys(new Embedding(3, 2).stateDict())).toEqual(['weight']);
  });
});

describe('nn.Embedding init statistics', () => {
  it('a 1000x100 draw has mean 0 +- 0.02 and std 1 +- 0.02, and the padding row is zero', () => {
    const module = new Embedding(1000, 100, { paddingIdx: 7, generator: new Generator(20240613) });
    const w = module.weight.data as Float32Array;
    const draws = Array.from(w).filter((_, i) => Math.floor(i / 100) !== 7);
    const n = draws.length; // 99 900 N(0,1) draws
    const mean = draws.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    // Standard error of the mean is 1/sqrt(1e5) ~ 0.0032 and of the std about 1/sqrt(2e5) ~ 0.0022,
    // so +-0.02 is more than 6 standard errors: a correct N(0,1) fails with probability < 1e-9,
    // while N(0, 1.05) or a shifted mean of 0.03 fails. (PyTorch's own draw: mean -0.006, std 1.005.)
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    expect(Array.from(w.subarray(700, 800))).toEqual(new Array(100).fill(0));
  });

  it('the same generator seed gives the same weight; a different seed does not', () => {
    const a = new Embedding(4, 3, { generator: new Generator(5) }).weight.data;
    const b = new Embedding(4, 3, { generator: new Generator(5) }).weight.data;
    const c = new Embedding(4, 3, { generator: new Generator(6) }).weight.data;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('nn.Embedding _weight', () => {
  it('shares storage and version counter with _weight, does not zero the padding row, and requires grad', () => {
    const source = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32' });
    const module = new Embedding(3, 2, { _weight: source, paddingIdx: 0 });
    expect(values(module.weight)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(module.weight.requiresGrad).toBe(true);
    source.mul_(2);
    expect(values(module.weight)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(module.weight._version).toBe(source._version);
  });

  it('max_norm through the module changes the caller\'s _weight tensor in place', () => {
    const source = tensor([[3, -4], [0.3, 0.4]], { dtype: 'float32' });
    new Embedding(2, 2, { _weight: source, maxNorm: 1 }).forward(tensor([0]));
    expect(values(source)).toEqual([0.6, -0.8, 0.3, 0.4].map(Math.fround)); // norm 5 is exact: these are torch's bits
  });
});

describe('nn.Embedding.from_pretrained', () => {
  it('is frozen by default, shares memory, keeps the padding row, and ignores the source requires_grad', () => {
    const source = tensor([[1, 2], [3, 4]], { dtype: 'float32', requiresGrad: true });
    const module = Embedding.fromPretrained(source, { paddingIdx: 0 });
    expect(module.weight.requiresGrad).toBe(false);
    expect(module.weight.data).toBe(source.data);
    expect(module.paddingIdx).toBe(0);
    expect(values(module.forward(tensor([0])))).toEqual([1, 2]);
  });

  it('freeze=false makes the weight trainable; padding_idx -1 is normalised to 1', () => {
    const module = Embedding.fromPretrained(tensor([[1, 2], [3, 4]], { dtype: 'float32' }), { freeze: false, paddingIdx: -1 });
    expect([module.weight.requiresGrad, module.paddingIdx]).toEqual([true, 1]);
    ops.sum(module.forward(tensor([0, 1, 1]))).backward();
    expect(values(module.weight.grad as Tensor)).toEqual([1, 1, 0, 0]);
  });

  it('a non-integer padding_idx within range is stored and rejected at forward (probed: padding_idx=1.5)', () => {
    const module = Embedding.fromPretrained(tensor([[1, 2], [3, 4]], { dtype: 'float32' }), { paddingIdx: 1.5 });
    expect(String(module)).toBe('Embedding(2, 2, padding_idx=1.5)');
    expect(() => module.forward(tensor([0]))).toThrow("embedding(): argument 'padding_idx' (position 3) must be int, not float");
  });

  it('sparse and scale_grad_by_freq options reach F.embedding', () => {
    const module = Embedding.fromPretrained(tensor([[1, 2], [3, 4]], { dtype: 'float32' }), { freeze: false, sparse: true });
    ops.sum(module.forward(tensor([1]))).backward();
    expect(module.weight.grad?.constructor.name).toBe('SparseCooTensor');
  });
});
