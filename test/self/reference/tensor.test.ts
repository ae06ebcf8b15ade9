/**
 * torch.tensor / as_tensor / clone / detach / requires_grad semantics
 * (docs/spec.md §1). Expected values are the spec's verified PyTorch results.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  PyTypeError, RuntimeError, Tensor, ValueError, asTensor, catchWarnings, noGrad, ops, tensor, withTorchVersion,
  type TensorData,
} from '../../../reference/index.ts';
import { float32ArrayArb, float64ArrayArb, nestedDataArb } from '../../harness/arbitraries/tensor.ts';
import { expectError } from '../expect-error.ts';


const values = (t: Tensor) => Array.from(t.data as ArrayLike<number | bigint>);

describe('torch.tensor docstring examples', () => {
  it('tensor([[0.1, 1.2], [2.2, 3.1], [4.9, 5.2]]) is float32 of shape [3, 2]', () => {
    const t = tensor([[0.1, 1.2], [2.2, 3.1], [4.9, 5.2]]);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([3, 2]);
    expect(values(t)).toEqual([0.1, 1.2, 2.2, 3.1, 4.9, 5.2].map(Math.fround));
  });
  it('tensor([0, 1]) is int64', () => {
    const t = tensor([0, 1]);
    expect(t.dtype).toBe('int64');
    expect(values(t)).toEqual([0n, 1n]);
  });
  it('tensor(3.14159) is a 0-d float32 tensor', () => {
    const t = tensor(3.14159);
    expect(t.shape).toEqual([]);
    expect(t.dim()).toBe(0);
    expect(t.item()).toBe(Math.fround(3.14159));
  });
  it('tensor([]) has shape [0] and dtype float32', () => {
    const t = tensor([]);
    expect(t.shape).toEqual([0]);
    expect(t.dtype).toBe('float32');
  });
  it('tensor([[0.11111, 0.222222, 0.3333333]], {dtype: float64}) keeps float64 precision', () => {
    const t = tensor([[0.11111, 0.222222, 0.3333333]], { dtype: 'float64' });
    expect(t.dtype).toBe('float64');
    expect(values(t)).toEqual([0.11111, 0.222222, 0.3333333]);
  });
});

describe('dtype inference (docs/spec.md §1.1 with the rule of docs/design.md §7)', () => {
  // rows holding a Tensor build it in the test (a thunk), not while the file is collected
  const cases: Array<[string, TensorData | (() => TensorData), string, number[]]> = [
    ['true', true, 'bool', []],
    ['[true, false]', [true, false], 'bool', [2]],
    ['1', 1, 'int64', []],
    ['[1, 2]', [1, 2], 'int64', [2]],
    ['1.5', 1.5, 'float32', []],
    ['[1.5, 2]', [1.5, 2], 'float32', [2]],
    ['[[1, 2], [3, 4.5]]', [[1, 2], [3, 4.5]], 'float32', [2, 2]],
    ['[true, 1]', [true, 1], 'int64', [2]],
    ['[[true], [2]]', [[true], [2]], 'int64', [2, 1]],
    ['[true, 1.5]', [true, 1.5], 'float32', [2]],
    ['[]', [], 'float32', [0]],
    ['[[]]', [[]], 'float32', [1, 0]],
    ['[[], []]', [[], []], 'float32', [2, 0]],
    ['[[], [1]] (the [1] is dropped)', [[], [1]], 'float32', [2, 0]],
    ['2n (bigint)', 2n, 'int64', []],
    ['NaN', NaN, 'float32', []],
    ['Float64Array', new Float64Array([1, 2]), 'float64', [2]],
    ['Float32Array', new Float32Array([1, 2]), 'float32', [2]],
    ['Int32Array', new Int32Array([1, 2]), 'int32', [2]],
    ['Uint8Array', new Uint8Array([1, 2]), 'uint8', [2]],
    ['BigInt64Array', new BigInt64Array([1n]), 'int64', [1]],
    ['[Int32Array, 2] (int32 with int64 promotes)', [new Int32Array([1])[0], 2], 'int64', [2]],
    ['[tensor(1.5, f64), 2.5]', () => [tensor(1.5, { dtype: 'float64' }), 2.5], 'float64', [2]],
    ['[tensor(1, int32), 2]', () => [tensor(1, { dtype: 'int32' }), 2], 'int64', [2]],
    ['[tensor(1, uint8), true]', () => [tensor(1, { dtype: 'uint8' }), true], 'uint8', [2]],
    ['[tensor([1.5]), tensor([3.5])] (one-element tensors become scalars)', () => [tensor([1.5]), tensor([3.5])], 'float32', [2]],
    ['[tensor([[1.5]])]', () => [tensor([[1.5]])], 'float32', [1]],
    ['[Float64Array(2), Float64Array(2)]', [new Float64Array([1, 2]), new Float64Array([3, 4])], 'float64', [2, 2]],
  ];
  it.each(cases)('%s', (_label, data, dtype, shape) => {
    const { result } = catchWarnings(() => tensor(typeof data === 'function' ? data() : data));
    expect(result.dtype).toBe(dtype);
    expect(result.shape).toEqual(shape);
  });

  it('1e40 (an integer in JS) overflows int64 like a huge Python int', () => {
    expectError(() => tensor(1e40), 'RuntimeError', 'Overflow when unpacking long');
  });
  it('2n ** 63n raises and -(2n ** 63n) is accepted', () => {
    expectError(() => tensor(2n ** 63n), 'RuntimeError', 'Overflow when unpacking long');
    expectError(() => tensor([2n ** 63n]), 'RuntimeError', 'Overflow when unpacking long');
    expect(values(tensor(-(2n ** 63n)))).toEqual([-(2n ** 63n)]);
  });
  it('int64 keeps 2^53 + 1 exactly', () => {
    expect(values(tensor(2n ** 53n + 1n))).toEqual([2n ** 53n + 1n]);
  });
  it('a list of typed arrays warns like a list of ndarrays', () => {
    const { warnings } = catchWarnings(() => tensor([new Float64Array([1]), new Float64Array([2])]));
    expect(warnings.map((w) => w.message)).toEqual([
      'Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single numpy.ndarray with numpy.array() before converting to a tensor.',
    ]);
  });
  test.prop([nestedDataArb])('nested arrays infer int64, float32 or bool from their leaves', ({ shape, kind, data }) => {
    const t = tensor(data as TensorData);
    expect(t.shape).toEqual(shape);
    expect(t.dtype).toBe({ int: 'int64', float: 'float32', bool: 'bool' }[kind]);
    const flat = [data].flat(4) as Array<number | boolean>;
    const expected = flat.map((v) => (kind === 'int' ? BigInt(v as number) : kind === 'float' ? Math.fround(v as number) : v ? 1 : 0));
    expect(values(t)).toEqual(expected);
  });
});

describe('explicit dtype conversions (docs/spec.md §1.2)', () => {
  it('float to int truncates toward zero', () => {
    expect(values(tensor(2.7, { dtype: 'int64' }))).toEqual([2n]);
    expect(values(tensor(-2.7, { dtype: 'int64' }))).toEqual([-2n]);
    expect(values(tensor([1.5, -1.5], { dtype: 'int32' }))).toEqual([1, -1]);
  });
  it('NaN and infinities cannot become integers', () => {
    expectError(() => tensor(NaN, { dtype: 'int64' }), 'RuntimeError', 'value cannot be converted to type int64 without overflow');
    expectError(() => tensor(Infinity, { dtype: 'int32' }), 'RuntimeError', 'value cannot be converted to type int32 without overflow');
  });
  it('out-of-range values raise the overflow error', () => {
    expectError(() => tensor(300, { dtype: 'uint8' }), 'RuntimeError', 'value cannot be converted to type uint8 without overflow');
    expectError(() => tensor(128, { dtype: 'int8' }), 'RuntimeError', 'value cannot be converted to type int8 without overflow');
    expectError(() => tensor(1e10, { dtype: 'int32' }), 'RuntimeError', 'value cannot be converted to type int32 without overflow');
  });
  it('a float is range-checked before it is truncated: 255.5 overflows uint8, 127.5 and -128.5 int8 (torch 1.13 probed)', () => {
    expectError(() => tensor(255.5, { dtype: 'uint8' }), 'RuntimeError', 'value cannot be converted to type uint8 without overflow');
    expectError(() => tensor(127.5, { dtype: 'int8' }), 'RuntimeError', 'value cannot be converted to type int8 without overflow');
    expectError(() => tensor(-128.5, { dtype: 'int8' }), 'RuntimeError', 'value cannot be converted to type int8 without overflow');
  });
  it('negative ints wrap into uint8 down to -255; -256 raises', () => {
    expect(values(tensor([-1, -255], { dtype: 'uint8' }))).toEqual([255, 1]);
    expectError(() => tensor(-256, { dtype: 'uint8' }), 'RuntimeError', 'value cannot be converted to type uint8 without overflow');
  });
  it('bool targets take truthiness, bool sources become 1.0', () => {
    expect(values(tensor(2, { dtype: 'bool' }))).toEqual([1]);
    expect(values(tensor([1.5, 0.0], { dtype: 'bool' }))).toEqual([1, 0]);
    expect(values(tensor(true, { dtype: 'float32' }))).toEqual([1]);
  });
  it('a Python int reaches float32 through float64 (two roundings)', () => {
    expect(values(tensor(2n ** 54n + 2n ** 30n + 1n, { dtype: 'float32' }))).toEqual([2 ** 54]);
  });
  it('float32 rounds to nearest, keeps subnormals, flushes below them', () => {
    expect(values(tensor(0.1, { dtype: 'float32' }))).toEqual([0.10000000149011612]);
    expect(values(tensor(1e-40, { dtype: 'float32' }))[0]).toBeGreaterThan(0);
    expect(values(tensor(1e-46, { dtype: 'float32' }))).toEqual([0]);
  });
});

describe('shape and ragged input (docs/spec.md §1.3)', () => {
  it('ragged lengths raise ValueError with the dims', () => {
    expectError(() => tensor([[1, 2], [3]]), 'ValueError', 'expected sequence of length 2 at dim 1 (got 1)');
    expectError(() => tensor([[1], [2, 3]]), 'ValueError', 'expected sequence of length 1 at dim 1 (got 2)');
  });
  it('a scalar where a sequence is expected is "not a sequence"', () => {
    expectError(() => tensor([[1, 2], 3] as TensorData), 'TypeError', 'not a sequence');
  });
  it('a sequence where a scalar is expected cannot be interpreted as an integer', () => {
    expectError(() => tensor([1, [2, 3]] as TensorData), 'TypeError', "'list' object cannot be interpreted as an integer");
  });
  it('unsupported leaves: strings are an invalid data type, null cannot be inferred', () => {
    expectError(() => tensor('a' as unknown as TensorData), 'TypeError', "new(): invalid data type 'str'");
    expectError(() => tensor([1, 'a'] as unknown as TensorData), 'TypeError', "new(): invalid data type 'str'");
    expectError(() => tensor(null as unknown as TensorData), 'RuntimeError', 'Could not infer dtype of NoneType');
    expectError(() => tensor([null] as unknown as TensorData), 'RuntimeError', 'Could not infer dtype of NoneType');
    expectError(() => tensor(new Set() as unknown as TensorData), 'RuntimeError', 'Could not infer dtype of set');
  });
  it('typed arrays numpy cannot hold as a torch dtype are refused (1.13), or are an unimplemented dtype (2.6)', () => {
    expectError(() => withTorchVersion('2.6', () => tensor(new Uint16Array([1]))), 'TypeError', 'tensor(): numpy.uint16 arrays give torch.uint16, a dtype rnnspec does not implement');
    expectError(
      () => withTorchVersion('1.13', () => tensor(new Uint16Array([1]))),
      'TypeError',
      "can't convert np.ndarray of type numpy.uint16. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.",
    );
  });
  it('uint32 and uint64 arrays are refused like uint16; a Uint8ClampedArray, which numpy has no counterpart of, with an rnnspec message', () => {
    for (const [array, numpy] of [[new Uint32Array([1]), 'numpy.uint32'], [new BigUint64Array([1n]), 'numpy.uint64']] as const) {
      expectError(
        () => withTorchVersion('1.13', () => tensor(array)),
        'TypeError',
        `can't convert np.ndarray of type ${numpy}. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.`,
      );
      expectError(() => withTorchVersion('2.6', () => tensor(array)), 'TypeError', `tensor(): ${numpy} arrays give torch.${numpy.slice(6)}, a dtype rnnspec does not implement`);
    }
    expectError(() => tensor(new Uint8ClampedArray([1])), 'TypeError', 'rnnspec: a Uint8ClampedArray stands for no numpy array; use a Uint8Array for uint8');
  });
  it('typed arrays stand for sequences: a ragged one, or one where a deeper sequence is due, fails as a list would (torch 1.13 probed with lists)', () => {
    expectError(() => tensor([new Float32Array([1, 2]), new Float32Array([1])]), 'ValueError', 'expected sequence of length 2 at dim 1 (got 1)');
    expectError(() => tensor([[[1, 2]], new Float32Array([1])] as TensorData), 'TypeError', 'not a sequence');
  });
  it('an int64 0-d tensor in a list keeps its exact value beyond 2^53; a huge int into bool is True, not an overflow (torch 1.13 probed)', () => {
    expect(tensor([tensor(2n ** 62n + 1n), 2]).tolist()).toEqual([2n ** 62n + 1n, 2n]);
    expect(tensor([2 ** 70], { dtype: 'bool' }).tolist()).toEqual([true]);
    expectError(() => tensor([2 ** 70], { dtype: 'int64' }), 'RuntimeError', 'Overflow when unpacking long');
  });
  it('a bool 0-d tensor in a float list is float(True) or float(False) (torch 1.13 probed)', () => {
    expect(tensor([tensor(true), 2.5]).tolist()).toEqual([1, 2.5]);
    expect(tensor([tensor(false), 2.5]).tolist()).toEqual([0, 2.5]);
    expect(tensor([tensor(true), 2]).tolist()).toEqual([1n, 2n]); // and int(True) in an int list
    expect(tensor([tensor(false), tensor(true)], { dtype: 'bool' }).tolist()).toEqual([false, true]); // and bool(False) in a bool one
  });
  it('multi-element tensors inside lists are refused (ValueError for float, TypeError for int)', () => {
    expectError(() => tensor([tensor([1.5, 2.5])]), 'ValueError', 'only one element tensors can be converted to Python scalars');
    expectError(() => tensor([tensor([1, 2])]), 'TypeError', 'only integer tensors of a single element can be converted to an index');
  });
});

describe('copy and aliasing (docs/spec.md §1.4)', () => {
  test.prop([float64ArrayArb, fc.double({ noNaN: true })])('tensor() copies: mutating the source never changes the result and the reverse', (source, v) => {
    const before = Float64Array.from(source);
    const t = tensor(source);
    source.fill(v);
    expect(Array.from(t.data as Float64Array)).toEqual(Array.from(before));
    if (t.numel() > 0) {
      (t.data as Float64Array)[0] = 12345;
      expect(source[0]).toBe(v);
    }
  });
  test.prop([float32ArrayArb, fc.float({ noNaN: true })])('asTensor() shares a typed array of the same dtype, both ways', (source, v) => {
    const t = asTensor(source);
    expect(t.data).toBe(source);
    if (source.length > 0) {
      source[0] = v;
      expect((t.data as Float32Array)[0]).toBe(Math.fround(v));
      (t.data as Float32Array)[source.length - 1] = 7;
      expect(source[source.length - 1]).toBe(7);
    }
  });
  it("asTensor() with the array's own dtype given explicitly still shares it", () => {
    const source = new Float32Array([1, 2]);
    const t = asTensor(source, { dtype: 'float32' });
    source[0] = 5;
    expect(t.tolist()).toEqual([5, 2]);
  });
  it('asTensor() with another dtype copies', () => {
    const source = new Float32Array([1.5, 2.5]);
    const t = asTensor(source, { dtype: 'float64' });
    source[0] = 9;
    expect(values(t)).toEqual([1.5, 2.5]);
  });
  it('asTensor(t) returns the very same object, also with requiresGrad', () => {
    const t = tensor([1.5], { requiresGrad: true });
    expect(asTensor(t)).toBe(t);
    expect(asTensor(t, { dtype: 'float32' })).toBe(t);
  });
  it('asTensor(t, other dtype) is a differentiable copy (ToCopyBackward0, not a leaf)', () => {
    const t = tensor([1.5, 2.5], { requiresGrad: true });
    const u = asTensor(t, { dtype: 'float64' });
    expect(u.isLeaf).toBe(false);
    expect(u.gradFn?.name).toBe('ToCopyBackward0');
    ops.sum(u).backward();
    expect(values(t.grad as Tensor)).toEqual([1, 1]);
  });
  it('tensor(existingTensor) copies, detaches and warns', () => {
    const src = tensor([1.5, 2.5], { requiresGrad: true });
    const { result, warnings } = catchWarnings(() => tensor(src));
    expect(warnings.map((w) => `${w.type}: ${w.message}`)).toEqual([
      'UserWarning: To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).',
    ]);
    expect(result.requiresGrad).toBe(false);
    expect(result.isLeaf).toBe(true);
    expect(result.data).not.toBe(src.data);
  });
  test.prop([float64ArrayArb.filter((a) => a.length > 0)])('detach() shares storage and the version counter; clone() does not', (source) => {
    const t = tensor(source);
    const d = t.detach();
    const c = t.clone();
    const cd = t.clone().detach();
    expect(d.data).toBe(t.data);
    expect(c.data).not.toBe(t.data);
    expect(cd.data).not.toBe(t.data);
    d.fill_(3);
    expect(t._version).toBe(1);
    expect((t.data as Float64Array)[0]).toBe(3);
    expect(Array.from(c.data as Float64Array)).toEqual(Array.from(source));
    expect(c._version).toBe(0);
  });
  it('clone() of a tensor that requires grad is a non-leaf with CloneBackward0; clone().detach() is a plain leaf', () => {
    const t = tensor([1.5], { requiresGrad: true });
    expect(t.clone().gradFn?.name).toBe('CloneBackward0');
    expect(t.clone().isLeaf).toBe(false);
    const cd = t.clone().detach();
    expect(cd.isLeaf).toBe(true);
    expect(cd.requiresGrad).toBe(false);
  });
});

describe('requires_grad, leaves and .grad (docs/spec.md §1.5)', () => {
  it('integer tensors cannot require grad, with two different messages', () => {
    expectError(() => tensor([1, 2], { requiresGrad: true }), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients');
    expectError(() => tensor([1, 2]).requiresGrad_(), 'RuntimeError', 'only Tensors of floating point dtype can require gradients');
  });
  it('requiresGrad_(false) on a non-leaf raises', () => {
    const y = tensor([1.5], { requiresGrad: true }).clone();
    expectError(
      () => y.requiresGrad_(false),
      'RuntimeError',
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
  });
  it('.grad is null until backward and accumulates across backward calls', () => {
    const x = tensor([1.5, -2.0], { requiresGrad: true });
    expect(x.grad).toBeNull();
    ops.sum(ops.mulScalar(x, 3)).backward();
    ops.sum(ops.mulScalar(x, 3)).backward();
    expect(values(x.grad as Tensor)).toEqual([6, 6]);
  });
  it('requiresGrad_() (True) on a non-leaf is allowed and returns it; reading a leaf\'s .grad warns nothing', () => {
    const y = tensor([1.5], { requiresGrad: true }).clone();
    expect(y.requiresGrad_()).toBe(y);
    const x = tensor([1.5], { requiresGrad: true });
    expect(catchWarnings(() => x.grad).warnings).toEqual([]);
  });
  it('reading .grad of a non-leaf gives null and a warning', () => {
    const y = ops.mulScalar(tensor([1.5], { requiresGrad: true }), 2);
    const { result, warnings } = catchWarnings(() => y.grad);
    expect(result).toBeNull();
    expect(warnings[0].message.startsWith('The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.')).toBe(true);
  });
  it('an in-place op on a leaf that requires grad is refused, but allowed under noGrad', () => {
    const x = tensor([1.5], { requiresGrad: true });
    expectError(() => x.mul_(2), 'RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => x.mul_(2));
    expect(values(x)).toEqual([3]);
  });
  it('an in-place change of a saved tensor makes backward fail with PyTorch\'s message', () => {
    const w = tensor([[1.5, 2.5], [0.5, 1.0], [2.0, 3.0]], { requiresGrad: true });
    const y = ops.sum(ops.mul(w, w)); // saves w at version 0
    noGrad(() => w.detach().mul_(2)); // shares the version counter
    expectError(
      () => y.backward(),
      'RuntimeError',
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3, 2]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });
  it('backward twice without retainGraph raises; with retainGraph it accumulates', () => {
    const x = tensor([0.5], { requiresGrad: true });
    const y = ops.sum(ops.tanh(x));
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect((x.grad as Tensor).data[0]).toBeCloseTo(2 * (1 - Math.tanh(0.5) ** 2), 6);
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
  });
  it('backward of a non-scalar needs a gradient; of a tensor without grad_fn it raises', () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    expectError(() => ops.tanh(x).backward(), 'RuntimeError', 'grad can be implicitly created only for scalar outputs');
    expectError(() => tensor([1.5]).backward(), 'RuntimeError', 'element 0 of tensors does not require grad and does not have a grad_fn');
  });
});

describe('device and pinMemory', () => {
  it('device cpu is accepted, cuda is not compiled in, other devices are refused', () => {
    expect(tensor([1.5], { device: 'cpu' }).device).toBe('cpu');
    expectError(() => tensor([1.5], { device: 'cuda' }), 'AssertionError', 'Torch not compiled with CUDA enabled');
    expect(() => tensor([1.5], { device: 'mps' })).toThrow(RuntimeError);
  });
  it("any cuda index is cuda; anything else that is not 'cpu' is an rnnspec error naming it", () => {
    expectError(() => tensor([1.5], { device: 'cuda:0' }), 'AssertionError', 'Torch not compiled with CUDA enabled');
    expectError(() => tensor([1.5], { device: 'cuda:12' }), 'AssertionError', 'Torch not compiled with CUDA enabled');
    for (const device of ['xcuda', 'cuda:1x', 'cuda:', 'cuda:a']) {
      expectError(() => tensor([1.5], { device }), 'RuntimeError', `rnnspec: device '${device}' is not supported; rnnspec runs on 'cpu' only`);
    }
  });
  it('pinMemory is recorded, also on a copy of a tensor', () => {
    expect(tensor([1.5], { pinMemory: true }).isPinned()).toBe(true);
    expect(tensor([1.5]).isPinned()).toBe(false);
    const source = tensor([1.5]);
    expect(catchWarnings(() => tensor(source, { pinMemory: true })).result.isPinned()).toBe(true);
    expect(catchWarnings(() => tensor(source)).result.isPinned()).toBe(false);
  });
});

it('error classes carry the Python exception name', () => {
  expect(new ValueError('x').name).toBe('ValueError');
  expect(new PyTypeError('x').name).toBe('TypeError');
});

describe('Tensor methods (torch 1.13 and 2.6 probed)', () => {
  it('size() is the shape, size(d) one size, negative d counting from the end; out of range is an IndexError', () => {
    const t = new Tensor('float32', [2, 3]);
    expect([t.size(), t.size(0), t.size(1), t.size(-1), t.size(-2)]).toEqual([[2, 3], 2, 3, 3, 2]);
    expectError(() => t.size(2), 'IndexError', 'Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expectError(() => t.size(-3), 'IndexError', 'Dimension out of range (expected to be in range of [-2, 1], but got -3)');
  });
  it('a 0-d tensor has no size(d) at all', () => {
    expectError(() => tensor(1.5).size(0), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions');
    expectError(() => tensor(1.5).size(-1), 'IndexError', 'Dimension specified as -1 but tensor has no dimensions');
  });
  it('item() of a one-element tensor is its value; of more or fewer elements an error that changed in 2.x', () => {
    expect([tensor([true]).item(), tensor([false]).item(), tensor([3]).item()]).toEqual([true, false, 3n]);
    expectError(() => withTorchVersion('1.13', () => tensor([1.5, 2]).item()), 'ValueError', 'only one element tensors can be converted to Python scalars');
    expectError(() => withTorchVersion('2.6', () => tensor([1.5, 2]).item()), 'RuntimeError', 'a Tensor with 2 elements cannot be converted to Scalar');
    expectError(() => withTorchVersion('2.6', () => tensor([]).item()), 'RuntimeError', 'a Tensor with 0 elements cannot be converted to Scalar');
  });
  it('backward with a gradient of another shape raises', () => {
    const y = ops.mulScalar(tensor([[1.5, 2]], { requiresGrad: true }), 2);
    expectError(
      () => y.backward(tensor([[1, 1, 1]], { dtype: 'float32' })),
      'RuntimeError',
      'Mismatch in shape: grad_output[0] has a shape of torch.Size([1, 3]) and output[0] has a shape of torch.Size([1, 2]).',
    );
  });
  it('a new Tensor is not pinned; the requiresGrad setter is requires_grad_()', () => {
    expect(new Tensor('float32', [1]).isPinned()).toBe(false);
    const x = tensor([1.5]);
    x.requiresGrad = true;
    expect(x.requiresGrad).toBe(true);
  });
  it('a storage of the wrong length for the shape is refused', () => {
    expectError(() => new Tensor('float32', [2, 2], new Float32Array(3)), 'RuntimeError', 'rnnspec: storage of 3 elements for shape [2, 2]');
  });
  it('in-place ops: zero_, mul_ and add_ on integers stay exact, add_ of an int tensor into a float one converts', () => {
    expect(tensor([1, 2]).zero_().tolist()).toEqual([0n, 0n]);
    expect(tensor([1, 2]).mul_(3).tolist()).toEqual([3n, 6n]);
    expect(tensor([2n ** 62n, 2]).add_(tensor([1, 4])).tolist()).toEqual([2n ** 62n + 1n, 6n]);
    expect(tensor([1.5, 2]).add_(tensor([3, 4])).tolist()).toEqual([4.5, 6]);
    expect([tensor([2n ** 62n]).add_(3).tolist(), tensor([1.5]).add_(2).tolist()]).toEqual([[2n ** 62n + 3n], [3.5]]);
  });
  it('in-place ops refuse another number of elements, and a non-leaf that requires grad', () => {
    expectError(() => tensor([1.5, 2]).add_(tensor([1, 2, 3])), 'RuntimeError', 'rnnspec: add_ needs the same shape, got [3] and [2]');
    expectError(() => tensor([1.5, 2]).copy_(tensor([1, 2, 3])), 'RuntimeError', 'rnnspec: copy_ needs the same number of elements, got 3 and 2');
    const y = ops.mulScalar(tensor([1.5], { requiresGrad: true }), 2);
    expectError(() => y.add_(1), 'RuntimeError', 'rnnspec: in-place operations on non-leaf tensors that require grad are not implemented by the reference autograd');
  });
  it('fill_ converts as at::fill_ does: floats truncate, True is 1, ints wrap into uint8 down to -255, overflow names the C type (torch 1.13 probed)', () => {
    expect(tensor([1, 2]).fill_(1.5).tolist()).toEqual([1n, 1n]);
    expect(tensor([1, 2]).fill_(-1.5).tolist()).toEqual([-1n, -1n]);
    expect(tensor([1, 2]).fill_(true).tolist()).toEqual([1n, 1n]);
    expect(tensor([1, 2]).fill_(2n ** 62n + 1n).tolist()).toEqual([2n ** 62n + 1n, 2n ** 62n + 1n]);
    expect(tensor([1.5, 2]).fill_(true).tolist()).toEqual([1, 1]);
    expect(tensor([1, 2], { dtype: 'uint8' }).fill_(-1).tolist()).toEqual([255, 255]);
    expect([tensor([true]).fill_(0).tolist(), tensor([false]).fill_(2.5).tolist()]).toEqual([[false], [true]]);
    expectError(() => tensor([1, 2], { dtype: 'int8' }).fill_(300), 'RuntimeError', 'value cannot be converted to type int8_t without overflow');
    // every double beyond float32's range is an integer, so a JS number there is a Python int, as 10**39 is
    expectError(() => tensor([1.5]).fill_(1e39), 'RuntimeError', 'Overflow when unpacking long');
    expectError(() => tensor([1.5]).fill_(2 ** 200), 'RuntimeError', 'Overflow when unpacking long');
    expectError(() => tensor([1]).fill_(2n ** 63n), 'RuntimeError', 'Overflow when unpacking long'); // int64's max + 1
    expect(tensor([1]).fill_(2n ** 63n - 1n).tolist()).toEqual([2n ** 63n - 1n]);
  });
  it('to() between integer types wraps modulo the width, exactly even beyond 2^53 (torch 1.13 probed)', () => {
    const big = tensor([2n ** 62n + 1n, 300n, -129n]);
    expect([big.to('int32').tolist(), big.to('int8').tolist(), big.to('uint8').tolist()]).toEqual([[1, 300, -129], [1, 44, 127], [1, 44, 127]]);
    expect(tensor([300, -129], { dtype: 'int32' }).to('int8').tolist()).toEqual([44, 127]);
  });
  it('to(bool) is nonzero -> True from floats and from int64', () => {
    expect(tensor([3, 0, -0.5]).to('bool').tolist()).toEqual([true, false, true]);
    expect(tensor([3n, 0n]).to('bool').tolist()).toEqual([true, false]);
  });
  it("toString is rnnspec's own short form: the nested values and the dtype", () => {
    expect(String(tensor([[1, 2], [3, 4]]))).toBe('tensor([[1,2],[3,4]], dtype=int64)');
    expect(String(tensor([true, false]))).toBe('tensor([true,false], dtype=bool)');
  });
});
