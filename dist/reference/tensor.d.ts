/**
 * The Tensor: a dtype, a shape and a contiguous row-major typed array, plus the autograd fields
 * of a torch.Tensor (requires_grad, grad, grad_fn, is_leaf, _version).
 *
 * Semantics follow shared/spec/pytorch-semantics.md §1.4-§1.5: `detach()` shares the storage and
 * the version counter, `clone()` copies, `.grad` accumulates across backward calls, only floating
 * tensors may require grad, and an in-place op on a leaf that requires grad is refused.
 * The typed array is `data`, so a Tensor is also a plain `{dtype, shape, data}` of the adapter contract.
 */
import { type DType, type Scalar, type Storage } from './dtype.ts';
import { type Node } from './autograd.ts';
import type { SparseCooTensor } from './sparse.ts';
export type Device = 'cpu';
/** Shared by a tensor and its detached aliases; in-place ops bump it (`t._version`). */
export interface VersionCounter {
    value: number;
}
export declare function numelOf(shape: readonly number[]): number;
export declare class Tensor {
    readonly dtype: DType;
    readonly shape: readonly number[];
    /** Row-major elements; aliased by `detach()` and `asTensor()`. */
    readonly data: Storage;
    readonly device: Device;
    /** Set by `pinMemory: true`; rnnspec has no accelerator, so pinning is only recorded. */
    readonly pinned: boolean;
    /** The autograd node that produced this tensor; null for leaves. */
    gradFn: Node | null;
    private _requiresGrad;
    private _grad;
    readonly _versionCounter: VersionCounter;
    constructor(dtype: DType, shape: readonly number[], data?: Storage, options?: {
        versionCounter?: VersionCounter;
        pinned?: boolean;
    });
    numel(): number;
    dim(): number;
    size(d?: number): number | readonly number[];
    isPinned(): boolean;
    get _version(): number;
    get isLeaf(): boolean;
    get requiresGrad(): boolean;
    set requiresGrad(value: boolean);
    /** `requires_grad_()`: floating leaves only (spec §1.5). */
    requiresGrad_(value?: boolean): this;
    /** Used by autograd to mark a computed result. */
    _setRequiresGradUnchecked(value: boolean): void;
    get grad(): Tensor | SparseCooTensor | null;
    set grad(g: Tensor | SparseCooTensor | null);
    /** `backward(gradient)`: accumulates d(self)/d(leaf) . gradient into every leaf's `.grad`. */
    backward(gradient?: Tensor, options?: {
        retainGraph?: boolean;
    }): void;
    /** A new leaf sharing storage and version counter, outside the graph. */
    detach(): Tensor;
    /** A copy; differentiable (CloneBackward0) when self requires grad. */
    clone(): Tensor;
    /** `Tensor.to(dtype)`: self when the dtype matches, else a converted, differentiable copy. */
    to(dtype: DType): Tensor;
    /** The value of a one-element tensor (bigint for int64, boolean for bool). */
    item(): number | bigint | boolean;
    /** Nested arrays of `item()` values, like `Tensor.tolist()`. */
    tolist(): unknown;
    private checkInplace;
    /** Applies `f` to every element in place and bumps `_version`, like any ATen in-place op. */
    _applyInplace(f: (v: Scalar, i: number) => Scalar): this;
    fill_(value: number | bigint | boolean): this;
    zero_(): this;
    mul_(factor: number): this;
    add_(other: number | Tensor): this;
    copy_(src: Tensor): this;
    toString(): string;
}
