import { Tensor } from '../tensor.ts';
/** A tensor of `shape` over the same storage and version counter (`Tensor.view`). */
export declare function view(x: Tensor, shape: readonly number[]): Tensor;
export declare function unsqueeze(x: Tensor, dim: number): Tensor;
export declare function squeeze(x: Tensor, dim: number): Tensor;
/** Swaps dims d0 and d1 (a contiguous copy). */
export declare function transpose(x: Tensor, d0: number, d1: number): Tensor;
/** x[..., start:start+length, ...] along `dim` (a copy). */
export declare function narrow(x: Tensor, dim: number, start: number, length: number): Tensor;
/** Concatenation along `dim`; every other size must agree. */
export declare function cat(xs: readonly Tensor[], dim: number): Tensor;
/** Stacks equal-shaped tensors along a new `dim`. */
export declare function stack(xs: readonly Tensor[], dim: number): Tensor;
/** x.index_select(dim, index): the slices at `index`, in that order. */
export declare function indexSelect(x: Tensor, dim: number, index: readonly number[]): Tensor;
