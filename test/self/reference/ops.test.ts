/**
 * The guards of the ops the reference is built from (reference/ops/): misuse gets a clear error,
 * PyTorch's text where the op behaves as PyTorch's does (probed with 1.13), an rnnspec message where
 * the reference op is narrower than PyTorch's (no broadcasting beyond a bias, no dtype promotion).
 */
import { describe, expect, test } from 'vitest';
import { Tensor, ops, tensor, withTorchVersion } from '../../../reference/index.ts';
import { expectError } from '../expect-error.ts';

const f32 = (shape: number[]) => new Tensor('float32', shape);

describe('op guards', () => {
  test.each<[string, () => unknown, string, string]>([
    ['add of two dtypes', () => ops.add(f32([2]), new Tensor('float64', [2])), 'RuntimeError', 'expected both operands to have the same dtype, got float32 and float64'],
    ['add of a [4] bias to rows of 3', () => ops.add(f32([2, 3]), f32([4])), 'RuntimeError', 'The size of tensor a (2, 3) must match the size of tensor b (4)'],
    ['add of a 2-D b of a\'s last size', () => ops.add(f32([2, 3]), f32([1, 3])), 'RuntimeError', 'The size of tensor a (2, 3) must match the size of tensor b (1, 3)'],
    ['add of a [2] to a [2, 3] (a shorter shape that matches b\'s first dims)', () => ops.add(f32([2]), f32([2, 3])), 'RuntimeError', 'The size of tensor a (2) must match the size of tensor b (2, 3)'],
    ['mul of two shapes', () => ops.mul(f32([2, 3]), f32([3])), 'RuntimeError', 'mul: shapes [2,3] and [3] differ'],
    ['view to another number of elements', () => ops.view(f32([6]), [4]), 'RuntimeError', "shape '[4]' is invalid for input of size 6"],
    ['view with -1 that does not divide', () => ops.view(f32([6]), [-1, 4]), 'RuntimeError', "shape '[-1, 4]' is invalid for input of size 6"],
    ['narrow past the end', () => ops.narrow(f32([3]), 0, 2, 2), 'RuntimeError', 'start (2) + length (2) exceeds dimension size (3).'],
    // narrow's start and length (torch 1.13 and 2.6 probed)
    ['narrow of a 0-d tensor', () => ops.narrow(f32([]), 0, 0, 0), 'RuntimeError', 'narrow() cannot be applied to a 0-dim tensor.'],
    ['narrow, a negative start past the end once wrapped', () => ops.narrow(f32([2, 3]), 1, -1, 2), 'RuntimeError', 'start (2) + length (2) exceeds dimension size (3).'],
    ['narrow, start at the size with a length (1.13 and 2.6)', () => ops.narrow(f32([2, 3]), 1, 3, 1), 'RuntimeError', 'start (3) + length (1) exceeds dimension size (3).'],
    ['narrow, a negative length (1.13)', () => withTorchVersion('1.13', () => ops.narrow(f32([2, 3]), 1, 1, -1)), 'RuntimeError', 'start (1) + length (-1) exceeds dimension size (3).'],
    ['narrow, a negative length (2.6)', () => withTorchVersion('2.6', () => ops.narrow(f32([2, 3]), 1, 1, -1)), 'RuntimeError', 'narrow(): length must be non-negative.'],
    ['narrow, a negative length before a bad dim (2.6)', () => withTorchVersion('2.6', () => ops.narrow(f32([2, 3]), 5, 0, -1)), 'RuntimeError', 'narrow(): length must be non-negative.'],
    ['narrow, a bad dim before a negative length (1.13)', () => withTorchVersion('1.13', () => ops.narrow(f32([2, 3]), 5, 0, -1)), 'IndexError', 'Dimension out of range (expected to be in range of [-2, 1], but got 5)'],
    ['narrow, a start before the first (1.13: wrapped as a dim)', () => withTorchVersion('1.13', () => ops.narrow(f32([2, 3]), 1, -4, 1)), 'IndexError', 'Dimension out of range (expected to be in range of [-3, 2], but got -4)'],
    ['narrow, a start past the size (1.13)', () => withTorchVersion('1.13', () => ops.narrow(f32([2, 3]), 1, 4, 0)), 'IndexError', 'Dimension out of range (expected to be in range of [-3, 2], but got 4)'],
    ['narrow, a start before the first (2.6)', () => withTorchVersion('2.6', () => ops.narrow(f32([2, 3]), 1, -4, 1)), 'IndexError', 'start out of range (expected to be in range of [-3, 3], but got -4)'],
    ['narrow, a start past the size (2.6)', () => withTorchVersion('2.6', () => ops.narrow(f32([2, 3]), 1, 4, 0)), 'IndexError', 'start out of range (expected to be in range of [-3, 3], but got 4)'],
    ['narrow of an empty dim from -1 (2.6)', () => withTorchVersion('2.6', () => ops.narrow(f32([2, 0]), 1, -1, 0)), 'IndexError', 'start out of range (expected to be in range of [0, 0], but got -1)'],
    ['cat([])', () => ops.cat([], 0), 'RuntimeError', 'torch.cat(): expected a non-empty list of Tensors'],
    ['cat, another size off the dim', () => ops.cat([f32([2, 3]), f32([2, 4])], 0), 'RuntimeError', 'Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.'],
    ['cat, another number of dims', () => ops.cat([f32([2, 3]), f32([3])], 0), 'RuntimeError', 'Tensors must have same number of dimensions: got 2 and 1'],
    ['cat of two dtypes', () => ops.cat([f32([2]), new Tensor('float64', [2])], 0), 'RuntimeError', 'rnnspec: cat of float32 and float64 tensors (the reference does not promote dtypes)'],
    ['linear of a 3-D x (torch would batch it)', () => ops.linear(f32([2, 3, 3]), f32([4, 3])), 'RuntimeError', 'rnnspec: ops.linear takes 2-D x and W, got [2, 3, 3] and [4, 3]'],
    ['linear of a 1-D W (torch would take a vector)', () => ops.linear(f32([2, 3]), f32([3])), 'RuntimeError', 'rnnspec: ops.linear takes 2-D x and W, got [2, 3] and [3]'],
    ['linear, K differs', () => ops.linear(f32([2, 3]), f32([4, 5])), 'RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)'],
    ['linear, x of another dtype (nn.RNN\'s message; F.linear says "expected scalar type Double but found Float")', () => ops.linear(new Tensor('float64', [2, 3]), f32([4, 3])), 'RuntimeError', 'mat1 and mat2 must have the same dtype'],
    ['linear, a bias of another dtype (the same guard)', () => ops.linear(f32([2, 3]), f32([4, 3]), new Tensor('float64', [4])), 'RuntimeError', 'mat1 and mat2 must have the same dtype'],
    // index_select's messages (torch 1.13 and 2.6 probed)
    ['index_select along dim 0 past the end', () => ops.indexSelect(f32([2, 3]), 0, [4]), 'IndexError', 'index out of range in self'],
    ['index_select of a 1-D tensor past the end', () => ops.indexSelect(f32([3]), 0, [5]), 'IndexError', 'index out of range in self'],
    ['index_select along dim 2 past the end', () => ops.indexSelect(f32([2, 2, 2]), 2, [5]), 'IndexError', 'index out of range in self'],
    ['index_select along dim 1, negative', () => ops.indexSelect(f32([2, 2, 2]), 1, [-1]), 'RuntimeError', 'INDICES element is out of DATA bounds, id=-1 axis_dim=2'],
    ['index_select of an empty tensor along a non-empty dim 0', () => ops.indexSelect(f32([2, 0, 3]), 0, [4]), 'RuntimeError', 'INDICES element is out of DATA bounds, id=4 axis_dim=2'],
    ['index_select along an empty axis', () => ops.indexSelect(f32([2, 0, 3]), 1, [0]), 'RuntimeError', 'index_select(): self indexing axis dim should be positive'],
    ['index_select of an empty 1-D tensor', () => ops.indexSelect(f32([0]), 0, [0]), 'IndexError', 'index out of range in self'],
    ['unsqueeze past the last position', () => ops.unsqueeze(f32([2, 3]), 3), 'IndexError', 'Dimension out of range (expected to be in range of [-3, 2], but got 3)'],
    ['unsqueeze before the first position', () => ops.unsqueeze(f32([2, 3]), -4), 'IndexError', 'Dimension out of range (expected to be in range of [-3, 2], but got -4)'],
    ['transpose of a dim before the first', () => ops.transpose(f32([2, 3]), -3, 0), 'IndexError', 'Dimension out of range (expected to be in range of [-2, 1], but got -3)'],
    ['split of a 0-d tensor', () => ops.split(f32([]), [1]), 'RuntimeError', 'split expects at least a 1-dimensional tensor'],
    ['split sizes that do not sum to the rows', () => ops.split(f32([3]), [1, 1]), 'RuntimeError', "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]"],
    ['stack([])', () => ops.stack([], 0), 'RuntimeError', 'stack expects a non-empty TensorList'],
  ])('%s', (_, call, type, message) => {
    expectError(call, type, message);
  });
});

describe('op results', () => {
  test('view infers a -1 size; unsqueeze takes a negative dim from the end', () => {
    expect(ops.view(f32([6]), [-1, 3]).shape).toEqual([2, 3]);
    expect(ops.view(f32([2, 3]), [3, -1]).shape).toEqual([3, 2]);
    expect(ops.unsqueeze(f32([2, 3]), -1).shape).toEqual([2, 3, 1]);
  });
  test('narrow counts a negative start from the end; a start at the size takes nothing (torch 1.13 and 2.6 probed)', () => {
    const x = new Tensor('float32', [2, 3], Float32Array.from([1, 2, 3, 4, 5, 6]));
    for (const version of ['1.13', '2.6'] as const) {
      withTorchVersion(version, () => {
        const last = ops.narrow(x, 1, -1, 1);
        expect([last.shape, Array.from(last.data as Float32Array)]).toEqual([[2, 1], [3, 6]]);
        const all = ops.narrow(x, 1, -3, 3);
        expect([all.shape, Array.from(all.data as Float32Array)]).toEqual([[2, 3], [1, 2, 3, 4, 5, 6]]);
        expect(ops.narrow(x, 1, 3, 0).shape).toEqual([2, 0]);
      });
    }
    // 1.13 wraps -1 on an empty dim as a dim of size 1, to 0
    expect(withTorchVersion('1.13', () => ops.narrow(new Tensor('float32', [2, 0]), 1, -1, 0).shape)).toEqual([2, 0]);
  });
  test('add broadcasts a 1-D bias over the rows', () => {
    const a = new Tensor('float32', [2, 2], Float32Array.from([1, 2, 3, 4]));
    const b = new Tensor('float32', [2], Float32Array.from([10, 20]));
    expect(Array.from(ops.add(a, b).data as Float32Array)).toEqual([11, 22, 13, 24]);
  });
  test('relu is max(x, 0), and its gradient 1 only where the result is positive (at 0 it is 0, as torch.relu)', () => {
    const x = tensor([-1.5, 0, 2], { requiresGrad: true });
    const y = ops.relu(x);
    expect(y.tolist()).toEqual([0, 0, 2]);
    expect(y.gradFn?.name).toBe('ReluBackward0');
    ops.sum(y).backward();
    expect((x.grad as Tensor).tolist()).toEqual([0, 0, 1]);
  });
  test('linear in float32 rounds as it accumulates: [1, 1e-8, -1, 0, 0, 0, 0] . ones is 0 in all 9 columns (torch 1.13 probed)', () => {
    const x = tensor([[1, 1e-8, -1, 0, 0, 0, 0]], { dtype: 'float32' });
    const W = new Tensor('float32', [9, 7]).fill_(1);
    expect(ops.linear(x, W).tolist()).toEqual([new Array(9).fill(0)]);
  });
  test('linear puts each of many columns in its place: x . W^T with W\'s row n all n gives n * sum(x)', () => {
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    const W = tensor(Array.from({ length: 11 }, (_, n) => [n, n]), { dtype: 'float64' });
    expect(ops.linear(x, W).tolist()).toEqual([Array.from({ length: 11 }, (_, n) => 3 * n), Array.from({ length: 11 }, (_, n) => 7 * n)]);
  });
  test('sum adds the elements; add, mul, mulScalar and sum record the grad_fn names PyTorch gives them', () => {
    const x = tensor([1.5, 2], { requiresGrad: true });
    expect(ops.sum(x).item()).toBe(3.5);
    expect([ops.add(x, x), ops.mul(x, x), ops.mulScalar(x, 2), ops.sum(x)].map((t) => t.gradFn?.name)).toEqual(['AddBackward0', 'MulBackward0', 'MulBackward0', 'SumBackward0']);
  });
  test('mulScalar of a float32 tensor multiplies by the scalar rounded to float32 first, as torch does (1.13 probed)', () => {
    const x = tensor([2.1327154636383057], { dtype: 'float32' });
    expect(ops.mulScalar(x, 4.589931219679968).tolist()).toEqual([9.789016723632812]); // fl32(x * fl32(c)), not fl32(x * c) = 9.789017677307129
  });
  test('relu keeps NaN and -0 as ATen does, and passes the gradient through a NaN (torch 1.13 probed)', () => {
    const x = new Tensor('float32', [4], Float32Array.from([NaN, -0, -1, 2])).requiresGrad_(); // a typed array keeps -0 a float
    const y = ops.relu(x);
    const v = y.tolist() as number[];
    expect([Number.isNaN(v[0]), Object.is(v[1], -0), v[2], v[3]]).toEqual([true, true, 0, 2]);
    ops.sum(y).backward();
    const g = (x.grad as Tensor).tolist() as number[];
    expect([g[0], Object.is(g[1], 0) || Object.is(g[1], -0) ? 0 : g[1], g[2], g[3]]).toEqual([1, 0, 0, 1]);
  });
  test('unsqueeze(-3) of a 2-D tensor is the first position; a view shares its base\'s version counter (torch 1.13 probed)', () => {
    expect(ops.unsqueeze(f32([2, 3]), -3).shape).toEqual([1, 2, 3]);
    const x = new Tensor('float32', [2, 3]);
    const v = ops.view(x, [3, 2]);
    x.add_(1);
    expect(v._version).toBe(1);
    expect(ops.view(tensor([1.5, 2], { requiresGrad: true }), [2, 1]).gradFn?.name).toBe('ViewBackward0');
  });
  test('the RNN cell names its node by its nonlinearity', () => {
    const h = tensor([[0.5]], { dtype: 'float32', requiresGrad: true });
    const W = tensor([[1]], { dtype: 'float32' });
    expect(['tanh', 'relu'].map((nl) => ops.rnnCell(h, h, W, null, nl as 'tanh' | 'relu').gradFn?.name)).toEqual(['RnnTanhCellBackward', 'RnnReluCellBackward']);
  });
  test('squeeze of a dim that is not 1 is the tensor itself; transpose, narrow, cat, index_select and split record torch\'s grad_fn names (1.13 and 2.6 probed)', () => {
    const x = f32([2, 3]);
    expect(ops.squeeze(x, 0)).toBe(x);
    const y = tensor([[1.5, 2]], { requiresGrad: true });
    expect([ops.transpose(y, 0, 1), ops.narrow(y, 1, 0, 1), ops.cat([y, y], 0), ops.indexSelect(y, 0, [0]), ops.split(y, [1])[0]].map((t) => t.gradFn?.name))
      .toEqual(['TransposeBackward0', 'SliceBackward0', 'CatBackward0', 'IndexSelectBackward0', 'SplitWithSizesBackward0']);
  });
});
