/**
 * Shape ops used by nn.RNN and packed sequences, each with its gradient: view (shares storage),
 * transpose, narrow, cat, stack, split, indexSelect, unsqueeze, squeeze. All but view and split return copies.
 */
import { attach, attachOutputs } from '../autograd.ts';
import { IndexError, RuntimeError } from '../errors.ts';
import { Tensor, numelOf } from '../tensor.ts';
import { torchAtLeast } from '../version.ts';

function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** [outer, size, inner] around `dim`: element (o, i, j) is at (o * size + i) * inner + j. */
function aroundDim(shape: readonly number[], dim: number): [number, number, number] {
  return [numelOf(shape.slice(0, dim)), shape[dim], numelOf(shape.slice(dim + 1))];
}

/** A tensor of `shape` over the same storage and version counter (`Tensor.view`). */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const known = shape.filter((d) => d !== -1);
  const full = shape.map((d) => (d === -1 ? x.numel() / Math.max(numelOf(known), 1) : d));
  if (numelOf(full) !== x.numel() || !full.every(Number.isInteger)) {
    throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${x.numel()}`);
  }
  const out = new Tensor(x.dtype, full, x.data, { versionCounter: x._versionCounter });
  // d view(x)/dx: the same gradient, in x's shape
  return attach(out, 'ViewBackward0', [x], [], (g) => [view(g, x.shape)]);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.dim() + 1);
  return view(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

export function squeeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.dim());
  return x.shape[d] === 1 ? view(x, [...x.shape.slice(0, d), ...x.shape.slice(d + 1)]) : x;
}

/** Swaps dims d0 and d1 (a contiguous copy). */
export function transpose(x: Tensor, d0: number, d1: number): Tensor {
  const a = wrapDim(d0, x.dim()), b = wrapDim(d1, x.dim());
  const shape = [...x.shape];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  const out = new Tensor(x.dtype, shape);
  const inStrides = strides(x.shape);
  const outIdx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < out.numel(); i++) {
    let src = 0;
    for (let k = 0; k < shape.length; k++) {
      const kk = k === a ? b : k === b ? a : k;
      src += outIdx[k] * inStrides[kk];
    }
    out.data[i] = x.data[src];
    for (let k = shape.length - 1; k >= 0 && ++outIdx[k] === shape[k]; k--) outIdx[k] = 0;
  }
  // the gradient of a transpose is the transpose of the gradient
  return attach(out, 'TransposeBackward0', [x], [], (g) => [transpose(g, a, b)]);
}

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let k = shape.length - 2; k >= 0; k--) s[k] = s[k + 1] * shape[k + 1];
  return s;
}

/** x.narrow(dim, start, length): x[..., start:start+length, ...] along `dim` (a copy); a negative start counts from the end. */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.dim() === 0) throw new RuntimeError('narrow() cannot be applied to a 0-dim tensor.');
  if (torchAtLeast('2.6') && length < 0) throw new RuntimeError('narrow(): length must be non-negative.');
  const d = wrapDim(dim, x.dim());
  const [outer, size, inner] = aroundDim(x.shape, d);
  start = wrapStart(start, size);
  if (length < 0 || start + length > size) {
    throw new RuntimeError(`start (${start}) + length (${length}) exceeds dimension size (${size}).`);
  }
  const shape = [...x.shape];
  shape[d] = length;
  const out = new Tensor(x.dtype, shape);
  for (let o = 0; o < outer; o++) {
    out.data.set(x.data.subarray((o * size + start) * inner, (o * size + start + length) * inner) as never, o * length * inner);
  }
  // d narrow(x)/dx: the gradient placed back at [start, start+length), zeros elsewhere (narrow is a slice in ATen)
  return attach(out, 'SliceBackward0', [x], [], (g) => {
    const gx = new Tensor(g.dtype, x.shape);
    for (let o = 0; o < outer; o++) {
      gx.data.set(g.data.subarray(o * length * inner, (o + 1) * length * inner) as never, (o * size + start) * inner);
    }
    return [gx];
  });
}

/** narrow's start from the end when negative: 2.x allows [-size, size]; 1.13 wraps it as a dim of `size` (ATen, both probed). */
function wrapStart(start: number, size: number): number {
  if (!torchAtLeast('2.6')) return start === size ? start : wrapDim(start, size);
  if (start < -size || start > size) throw new IndexError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
  return start < 0 ? start + size : start;
}

/** Concatenation along `dim`; every other size must agree. */
export function cat(xs: readonly Tensor[], dim: number): Tensor {
  if (xs.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  const d = wrapDim(dim, xs[0].dim());
  const shape = [...xs[0].shape];
  shape[d] = xs.reduce((n, x) => n + x.shape[d], 0);
  xs.forEach((x, i) => {
    if (x.dim() !== shape.length) throw new RuntimeError(`Tensors must have same number of dimensions: got ${shape.length} and ${x.dim()}`);
    const k = x.shape.findIndex((s, k) => k !== d && s !== shape[k]);
    if (k !== -1) throw new RuntimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${shape[k]} but got size ${x.shape[k]} for tensor number ${i} in the list.`);
    if (x.dtype !== xs[0].dtype) throw new RuntimeError(`rnnspec: cat of ${xs[0].dtype} and ${x.dtype} tensors (the reference does not promote dtypes)`);
  });
  const out = new Tensor(xs[0].dtype, shape);
  const [outer, total, inner] = aroundDim(shape, d);
  let offset = 0;
  for (const x of xs) {
    const n = x.shape[d];
    for (let o = 0; o < outer; o++) {
      out.data.set(x.data.subarray(o * n * inner, (o + 1) * n * inner) as never, (o * total + offset) * inner);
    }
    offset += n;
  }
  // d cat/dx_k: the slice of the gradient that x_k filled
  return attach(out, 'CatBackward0', xs, [], (g) => {
    let start = 0;
    return xs.map((x) => {
      const piece = narrowNoGrad(g, d, start, x.shape[d]);
      start += x.shape[d];
      return piece;
    });
  });
}

function narrowNoGrad(x: Tensor, dim: number, start: number, length: number): Tensor {
  return narrow(x.detach(), dim, start, length);
}

/**
 * `x.split(sizes, dim=0)`: consecutive row blocks of sizes[i] rows, each a view of x's storage
 * sharing its version counter (one node with one output per block, SplitWithSizesBackward0).
 */
export function split(x: Tensor, sizes: readonly number[]): readonly Tensor[] {
  if (x.dim() === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total !== x.shape[0]) {
    throw new RuntimeError(`split_with_sizes expects split_sizes to sum exactly to ${x.shape[0]} (input tensor's size at dimension 0), but got split_sizes=[${sizes.join(', ')}]`);
  }
  const row = numelOf(x.shape.slice(1));
  let start = 0;
  const blocks = sizes.map((n) => {
    const block = new Tensor(x.dtype, [n, ...x.shape.slice(1)], x.data.subarray(start * row, (start + n) * row), { versionCounter: x._versionCounter });
    start += n;
    return block;
  });
  // d split/dx: each block's gradient in its rows, zeros where no gradient arrived
  return attachOutputs(blocks, 'SplitWithSizesBackward0', [x], [], (grads) => {
    const gx = new Tensor(x.dtype, x.shape);
    let offset = 0;
    grads.forEach((g, i) => {
      if (g !== null) gx.data.set(g.data as never, offset);
      offset += sizes[i] * row;
    });
    return [gx];
  });
}

/** Stacks equal-shaped tensors along a new `dim`. */
export function stack(xs: readonly Tensor[], dim: number): Tensor {
  if (xs.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  return cat(xs.map((x) => unsqueeze(x, dim)), dim);
}

/**
 * index_select's index checks with ATen's CPU messages (torch 1.13 and 2.6 probed). For x of 2 or
 * more dims: an empty indexed axis refuses any index; an index out of range along dim 1, or along any
 * dim of an empty x, is a RuntimeError naming it. Any other index out of range is an IndexError.
 */
export function checkIndexSelect(x: Tensor, d: number, index: ReadonlyArray<number | bigint>): void {
  const size = x.shape[d];
  if (x.dim() >= 2 && index.length > 0 && size === 0) throw new RuntimeError('index_select(): self indexing axis dim should be positive');
  const bad = index.find((i) => !Number.isInteger(Number(i)) || Number(i) < 0 || Number(i) >= size);
  if (bad === undefined) return;
  if (x.dim() >= 2 && (d === 1 || x.numel() === 0)) throw new RuntimeError(`INDICES element is out of DATA bounds, id=${bad} axis_dim=${size}`);
  throw new IndexError('index out of range in self');
}

/** x.index_select(dim, index): the slices at `index`, in that order. */
export function indexSelect(x: Tensor, dim: number, index: readonly number[]): Tensor {
  const d = wrapDim(dim, x.dim());
  const [outer, size, inner] = aroundDim(x.shape, d);
  checkIndexSelect(x, d, index);
  const shape = [...x.shape];
  shape[d] = index.length;
  const out = new Tensor(x.dtype, shape);
  const n = index.length;
  for (let o = 0; o < outer; o++) {
    index.forEach((i, k) => {
      out.data.set(x.data.subarray((o * size + i) * inner, (o * size + i + 1) * inner) as never, (o * n + k) * inner);
    });
  }
  // d index_select/dx: each gradient slice added back at its index
  return attach(out, 'IndexSelectBackward0', [x], [], (g) => {
    const gx = new Tensor(g.dtype, x.shape);
    const gv = g.data as Float64Array, gxv = gx.data as Float64Array;
    for (let o = 0; o < outer; o++) {
      index.forEach((i, k) => {
        for (let j = 0; j < inner; j++) gxv[(o * size + i) * inner + j] += gv[(o * n + k) * inner + j];
      });
    }
    return [gx];
  });
}

