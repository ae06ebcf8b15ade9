/**
 * The embedding error table of docs/spec.md §2.6: every row a JavaScript caller
 * can reach, matched by Python exception type (`name`) and exact text. Rows the spec elides (`…`)
 * and the checks PyTorch makes on the way to them were probed in PyTorch 1.13 (Debian
 * python3-torch 1.13.1); their Python spelling is in each case's name.
 */
import { asTorch } from '../torch-version.ts';
import { describe, expect, it } from 'vitest';
import { Tensor, ops, tensor, type DType } from '../../../reference/index.ts';
import { Embedding } from '../../../reference/embedding.ts';
import { embedding, embeddingRenorm_ } from '../../../reference/functional.ts';

const W = () => tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32' });
const W4 = () => tensor([[1, 2], [3, 4], [5, 6], [7, 8]], { dtype: 'float32' });
const idx = (...v: number[]) => tensor(v);
const any = (x: unknown) => x as never; // a JavaScript caller without TypeScript's types

const EMPTY =
  'empty() received an invalid combination of arguments - got (tuple, dtype=NoneType, device=NoneType), but expected one of:\n' +
  ' * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n' +
  ' * (tuple of SymInts size, *, torch.memory_format memory_format, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n';
const INDICES = (got: string, fn = 'embedding', arg = 1) =>
  `Expected tensor for argument #${arg} 'indices' to have one of the following scalar types: Long, Int; but got ${got} instead (while checking arguments for ${fn})`;

type Row = [string, () => unknown, string, string];

const table: Row[] = [
  // padding_idx range (module and F.embedding)
  ['Embedding(3, 2, padding_idx=3)', () => new Embedding(3, 2, { paddingIdx: 3 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  ['Embedding(3, 2, padding_idx=-4)', () => new Embedding(3, 2, { paddingIdx: -4 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  ['Embedding(1, 2, padding_idx=True): True compares as 1', () => new Embedding(1, 2, { paddingIdx: true }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  ['F.embedding(i, w, padding_idx=3)', () => embedding(idx(0), W(), { paddingIdx: 3 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  ['F.embedding(i, w, padding_idx=-4)', () => embedding(idx(0), W(), { paddingIdx: -4 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  ['from_pretrained(w 2x2, padding_idx=2)', () => Embedding.fromPretrained(tensor([[1, 2], [3, 4]], { dtype: 'float32' }), { paddingIdx: 2 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
  // padding_idx of the wrong type
  ['Embedding(3, 2, padding_idx=2.5)', () => new Embedding(3, 2, { paddingIdx: 2.5 }), 'IndexError', 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)'],
  ['Embedding(3, 2, padding_idx=-1.5) (stored 1.5)', () => new Embedding(3, 2, { paddingIdx: -1.5 }), 'IndexError', 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)'],
  ['Embedding(0, 3, padding_idx=0)', () => new Embedding(0, 3, { paddingIdx: 0 }), 'IndexError', 'index 0 is out of bounds for dimension 0 with size 0'],
  ['F.embedding(i, w, padding_idx=2.5)', () => embedding(idx(0), W(), { paddingIdx: 2.5 }), 'TypeError', "embedding(): argument 'padding_idx' (position 3) must be int, not float"],
  ['Embedding(3, 2, _weight=w, padding_idx=2.5)(i)', () => new Embedding(3, 2, { _weight: W(), paddingIdx: 2.5 }).forward(idx(0)), 'TypeError', "embedding(): argument 'padding_idx' (position 3) must be int, not float"],
  ['Embedding(3, 2, padding_idx=True)(i)', () => new Embedding(3, 2, { paddingIdx: true }).forward(idx(0)), 'TypeError', "embedding(): argument 'padding_idx' (position 3) must be int, not bool"],
  ['Embedding(3, 2, padding_idx=False)(i)', () => new Embedding(3, 2, { paddingIdx: false }).forward(idx(0)), 'TypeError', "embedding(): argument 'padding_idx' (position 3) must be int, not bool"],
  ['F.embedding(i, w, padding_idx=True)', () => embedding(idx(0), W(), { paddingIdx: true }), 'TypeError', "embedding(): argument 'padding_idx' (position 3) must be int, not bool"],
  // indices out of range
  ['F.embedding([3], w 3x2)', () => embedding(idx(3), W()), 'IndexError', 'index out of range in self'],
  ['F.embedding([-1], w 3x2): no negative wrap', () => embedding(idx(-1), W()), 'IndexError', 'index out of range in self'],
  ['F.embedding(int32 [5], w)', () => embedding(tensor([5], { dtype: 'int32' }), W()), 'IndexError', 'index out of range in self'],
  // an empty table: index_select's own messages (torch 1.13 and 2.6 probed)
  ['F.embedding([5], w 3x0)', () => embedding(idx(5), new Tensor('float32', [3, 0])), 'RuntimeError', 'INDICES element is out of DATA bounds, id=5 axis_dim=3'],
  ['F.embedding([-1], w 3x0)', () => embedding(idx(-1), new Tensor('float32', [3, 0])), 'RuntimeError', 'INDICES element is out of DATA bounds, id=-1 axis_dim=3'],
  ['F.embedding([5], w 0x2)', () => embedding(idx(5), new Tensor('float32', [0, 2])), 'RuntimeError', 'index_select(): self indexing axis dim should be positive'],
  ['F.embedding([10], w 4x2, max_norm=1.)', () => embedding(idx(10), W4(), { maxNorm: 1 }), 'IndexError', 'select(): index 10 out of range for tensor of size [4, 2] at dimension 0'],
  ['F.embedding([-5], w 4x2, max_norm=1.)', () => embedding(idx(-5), W4(), { maxNorm: 1 }), 'IndexError', 'select(): index -5 out of range for tensor of size [4, 2] at dimension 0'],
  ['F.embedding([-1], w 4x2, max_norm=1.)', () => embedding(idx(-1), W4(), { maxNorm: 1 }), 'IndexError', 'index out of range in self'],
  // index dtypes
  ...([
    ['float32', 'torch.FloatTensor'],
    ['float64', 'torch.DoubleTensor'],
    ['uint8', 'torch.ByteTensor'],
    ['int16', 'torch.ShortTensor'],
    ['int8', 'torch.CharTensor'],
    ['bool', 'CPUBoolType'],
  ] as const).map(([dtype, got]): Row => [`F.embedding(${dtype} indices, w)`, () => embedding(tensor([0], { dtype: dtype as DType }), W()), 'RuntimeError', INDICES(got)]),
  ['F.embedding(torch.tensor([]), w): an empty list is float32', () => embedding(tensor([]), W()), 'RuntimeError', INDICES('torch.FloatTensor')],
  ['F.embedding(float indices, w, max_norm=1.): checked by the renorm', () => embedding(tensor([0], { dtype: 'float32' }), W(), { maxNorm: 1 }), 'RuntimeError', INDICES('torch.FloatTensor', 'embedding_renorm_', 2)],
  ['F.embedding(bool indices, w, max_norm=1.)', () => embedding(tensor([true]), W(), { maxNorm: 1 }), 'RuntimeError', INDICES('CPUBoolType', 'embedding_renorm_', 2)],
  // indices that are not tensors
  ['F.embedding([0], w)', () => embedding(any([0]), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not list"],
  ['F.embedding(0, w)', () => embedding(any(0), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not int"],
  ['F.embedding(0.5, w)', () => embedding(any(0.5), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not float"],
  ['F.embedding(True, w)', () => embedding(any(true), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not bool"],
  ['F.embedding(None, w)', () => embedding(any(null), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not NoneType"],
  ['F.embedding(np.array([0]), w)', () => embedding(any(new BigInt64Array(1)), W()), 'TypeError', "embedding(): argument 'indices' (position 2) must be Tensor, not numpy.ndarray"],
  ['F.embedding([0], w, max_norm=1.)', () => embedding(any([0]), W(), { maxNorm: 1 }), 'AttributeError', "'list' object has no attribute 'contiguous'"],
  // other arguments
  ['F.embedding(i, [[1.]])', () => embedding(idx(0), any([[1]])), 'TypeError', "embedding(): argument 'weight' (position 1) must be Tensor, not list"],
  ['F.embedding(i, w, scale_grad_by_freq=1)', () => embedding(idx(0), W(), { scaleGradByFreq: any(1) }), 'TypeError', "embedding(): argument 'scale_grad_by_freq' (position 4) must be bool, not int"],
  ['F.embedding(i, w, sparse=1)', () => embedding(idx(0), W(), { sparse: any(1) }), 'TypeError', "embedding(): argument 'sparse' (position 5) must be bool, not int"],
  // weight shape and dtype
  ['F.embedding(i, w 1-D)', () => embedding(idx(0), tensor([1, 2, 3], { dtype: 'float32' })), 'RuntimeError', "'weight' must be 2-D"],
  ['F.embedding(i, w 3-D)', () => embedding(idx(0), new Tensor('float32', [3, 2, 1])), 'RuntimeError', "'weight' must be 2-D"],
  ['F.embedding(w, i): arguments swapped', () => embedding(W(), idx(0)), 'RuntimeError', "'weight' must be 2-D"],
  ['F.embedding(i, w 1-D, max_norm=1.)', () => embedding(idx(0), tensor([1, 2, 3], { dtype: 'float32' }), { maxNorm: 1 }), 'RuntimeError', "Expected 2-dimensional tensor, but got 1-dimensional tensor for argument #1 'self' (while checking arguments for embedding_renorm_)"],
  ['F.embedding(i, 0-d w, padding_idx=1)', () => embedding(idx(0), tensor(1.5), { paddingIdx: 1 }), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
  ['F.embedding(i, int64 w, max_norm=1.)', () => embedding(idx(1), tensor([[1, 2], [3, 4]]), { maxNorm: 1 }), 'RuntimeError', 'norm(): input dtype should be either floating point or complex. Got Long instead.'],
  ['F.embedding(i, int32 w, max_norm=1.)', () => embedding(idx(1), tensor([[1, 2], [3, 4]], { dtype: 'int32' }), { maxNorm: 1 }), 'RuntimeError', 'norm(): input dtype should be either floating point or complex. Got Int instead.'],
  // probed in 1.13 and 2.6 alike: F.embedding(torch.tensor([0]), [[1.]], max_norm=1.); torch.embedding_renorm_([[1.]], torch.tensor([0]), 1., 2.)
  ['F.embedding(i, list w, max_norm=1.)', () => embedding(idx(0), any([[1]]), { maxNorm: 1 }), 'AttributeError', "'list' object has no attribute 'detach'"],
  ['F.embedding(i, list w, padding_idx=1)', () => embedding(idx(0), any([[1], [2]]), { paddingIdx: 1 }), 'AttributeError', "'list' object has no attribute 'size'"],
  ['torch.embedding_renorm_(list, i, 1., 2.)', () => embeddingRenorm_(any([[1]]), idx(0), 1, 2), 'TypeError', "embedding_renorm_(): argument 'input' (position 1) must be Tensor, not list"],
  ['torch.embedding_renorm_(w, list, 1., 2.)', () => embeddingRenorm_(W(), any([0]), 1, 2), 'TypeError', "embedding_renorm_(): argument 'indices' (position 2) must be Tensor, not list"],
  // rnnspec refuses an in-place renorm of a non-leaf that requires grad with its own text
  ['torch.embedding_renorm_(non-leaf requiring grad, ...)', () => embeddingRenorm_(ops.mulScalar(tensor([[1, 2]], { dtype: 'float32', requiresGrad: true }), 2), idx(0), 1, 2), 'RuntimeError', 'rnnspec: embedding_renorm_ on a non-leaf tensor that requires grad is not implemented (PyTorch has no derivative for it)'],
  ['torch.embedding_renorm_(leaf requiring grad, ...)', () => embeddingRenorm_(tensor([[1, 2]], { dtype: 'float32', requiresGrad: true }), idx(0), 1, 2), 'RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.'],
  // construction
  ['Embedding(3, 2, _weight=w 2x3)', () => new Embedding(3, 2, { _weight: tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }) }), 'AssertionError', 'Shape of weight does not match num_embeddings and embedding_dim'],
  ['Embedding(1, 3, _weight=int64 w 1x2): the shape is checked first', () => new Embedding(1, 3, { _weight: tensor([[1, 2]]) }), 'AssertionError', 'Shape of weight does not match num_embeddings and embedding_dim'],
  ['Embedding(1, 2, _weight=[[1., 2.]])', () => new Embedding(1, 2, { _weight: any([[1, 2]]) }), 'AttributeError', "'list' object has no attribute 'shape'"],
  ['from_pretrained(1-D)', () => Embedding.fromPretrained(tensor([1, 2, 3], { dtype: 'float32' })), 'AssertionError', 'Embeddings parameter is expected to be 2-dimensional'],
  ['from_pretrained([[1., 2.]])', () => Embedding.fromPretrained(any([[1, 2]])), 'AttributeError', "'list' object has no attribute 'dim'"],
  ['from_pretrained(int64 w), freeze=True', () => Embedding.fromPretrained(tensor([[1, 2]])), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients'],
  ['Embedding(1, 2, _weight=int64 w)', () => new Embedding(1, 2, { _weight: tensor([[1, 2]]) }), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients'],
  ...(['int64', 'int32', 'bool'] as const).map((dtype): Row => [`Embedding(3, 2, dtype=${dtype})`, () => new Embedding(3, 2, { dtype }), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients']),
  ['Embedding(-1, 3)', () => new Embedding(-1, 3), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [-1, 3]'],
  ['Embedding(3, -2)', () => new Embedding(3, -2), 'RuntimeError', 'Trying to create tensor with negative dimension -2: [3, -2]'],
  ['Embedding(-1, -2)', () => new Embedding(-1, -2), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [-1, -2]'],
  ['Embedding(-1, 2, dtype=torch.int64): the size is checked first', () => new Embedding(-1, 2, { dtype: 'int64' }), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [-1, 2]'],
  ['Embedding(3.5, 2)', () => new Embedding(3.5, 2), 'TypeError', EMPTY],
  ['Embedding(3.5, 2.5)', () => new Embedding(3.5, 2.5), 'TypeError', EMPTY],
  ['Embedding(nan, 2)', () => new Embedding(NaN, 2), 'TypeError', EMPTY],
  ['Embedding(inf, 2)', () => new Embedding(Infinity, 2), 'TypeError', EMPTY],
  ['Embedding(True, 2)', () => new Embedding(any(true), 2), 'TypeError', EMPTY],
  ['Embedding(3, 2.5)', () => new Embedding(3, 2.5), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type float at pos 2"],
  ['Embedding(-1, 2.5): the parser runs before the allocator', () => new Embedding(-1, 2.5), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type float at pos 2"],
  ['Embedding(3, None)', () => new Embedding(3, any(null)), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type NoneType at pos 2"],
  ['Embedding(3.5, 2, padding_idx=5): padding is checked first', () => new Embedding(3.5, 2, { paddingIdx: 5 }), 'AssertionError', 'Padding_idx must be within num_embeddings'],
];

describe('docs/spec.md §2.6 embedding errors of PyTorch 1.13', () => {
  it.each(table)('%s raises %s', asTorch('1.13', (_python, fn, name, message) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error, 'expected an exception').toBeInstanceOf(Error);
    expect({ name: (error as Error).name, message: (error as Error).message }).toEqual({ name, message });
  }));

  it('sparse + scale_grad_by_freq is accepted by the forward and raises at backward', asTorch('1.13', () => {
    const weight = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32', requiresGrad: true });
    const out = embedding(idx(1, 2), weight, { sparse: true, scaleGradByFreq: true });
    expect(out.shape).toEqual([2, 2]);
    expect(() => ops.sum(out).backward()).toThrow(
      expect.objectContaining({ name: 'RuntimeError', message: 'embedding_backward: scale_grad_by_freq not supported with sparse gradients' }),
    );
  }));

  it('errors are instances of the reference error classes', async () => {
    const { PyTypeError, AssertionError, IndexError } = await import('../../../reference/index.ts');
    expect(() => embedding(any([0]), W())).toThrow(PyTypeError);
    expect(() => new Embedding(3, 2, { paddingIdx: 3 })).toThrow(AssertionError);
    expect(() => embedding(idx(3), W())).toThrow(IndexError);
  });

  it('padding_idx 0 on an empty (0, D) table is no error: F.embedding only asserts a positive one (torch 1.13 probed)', () => {
    expect(embedding(tensor([], { dtype: 'int64' }), new Tensor('float32', [0, 2]), { paddingIdx: 0 }).shape).toEqual([0, 2]);
  });
});
