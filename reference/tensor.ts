/**
 * The Tensor: a dtype, a shape and a contiguous row-major typed array, plus the autograd fields
 * of a torch.Tensor (requires_grad, grad, grad_fn, is_leaf, _version).
 *
 * Semantics follow docs/spec.md §1.4-§1.5: `detach()` shares the storage and
 * the version counter, `clone()` copies, `.grad` accumulates across backward calls, only floating
 * tensors may require grad, and an in-place op on a leaf that requires grad is refused.
 * The typed array is `data`, so a Tensor is also a plain `{dtype, shape, data}` of the adapter contract.
 */
import { allocate, castElement, fillElement, isFloatingPoint, pyScalar, type DType, type Scalar, type Storage } from './dtype.ts';
import { IndexError, RuntimeError, ValueError } from './errors.ts';
import { warn } from './warnings.ts';
import { attach, runBackward, isGradEnabled, type Node } from './autograd.ts';
import { torchAtLeast } from './version.ts';
import type { SparseCooTensor } from './sparse.ts';

export type Device = 'cpu';

/** Shared by a tensor and its detached aliases; in-place ops bump it (`t._version`). */
export interface VersionCounter {
  value: number;
}

export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export class Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Row-major elements; aliased by `detach()` and `asTensor()`. */
  readonly data: Storage;
  readonly device: Device = 'cpu';
  /** Set by `pinMemory: true`; rnnspec has no accelerator, so pinning is only recorded. */
  readonly pinned: boolean;
  /** The autograd node that produced this tensor; null for leaves. */
  gradFn: Node | null = null;
  /** Which of gradFn's outputs this tensor is (0 but for ops with several outputs, like split). */
  outputNr = 0;
  private _requiresGrad = false;
  private _grad: Tensor | SparseCooTensor | null = null;
  readonly _versionCounter: VersionCounter;

  constructor(
    dtype: DType,
    shape: readonly number[],
    data?: Storage,
    options: { versionCounter?: VersionCounter; pinned?: boolean } = {},
  ) {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
      }
    }
    const n = numelOf(shape);
    this.dtype = dtype;
    this.shape = Object.freeze([...shape]);
    this.data = data ?? allocate(dtype, n);
    if (this.data.length !== n) throw new RuntimeError(`rnnspec: storage of ${this.data.length} elements for shape [${shape.join(', ')}]`);
    this._versionCounter = options.versionCounter ?? { value: 0 };
    this.pinned = options.pinned ?? false;
  }

  // ---- shape ----------------------------------------------------------------------------------
  numel(): number {
    return this.data.length;
  }
  dim(): number {
    return this.shape.length;
  }
  size(d?: number): number | readonly number[] {
    if (d === undefined) return this.shape;
    const n = this.shape.length;
    if (n === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
    if (d < -n || d >= n) throw new IndexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
    return this.shape[d < 0 ? d + n : d];
  }
  isPinned(): boolean {
    return this.pinned;
  }

  // ---- autograd fields ------------------------------------------------------------------------
  get _version(): number {
    return this._versionCounter.value;
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(value: boolean) {
    this.requiresGrad_(value);
  }
  /** `requires_grad_()`: floating leaves only (docs/spec.md §1.5). */
  requiresGrad_(value = true): this {
    if (!this.isLeaf) {
      if (value) return this;
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (value && !isFloatingPoint(this.dtype)) {
      throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    }
    this._requiresGrad = value;
    return this;
  }
  /** Used by autograd to mark a computed result. */
  _setRequiresGradUnchecked(value: boolean): void {
    this._requiresGrad = value;
  }
  get grad(): Tensor | SparseCooTensor | null {
    if (!this.isLeaf) {
      warn(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.",
      );
    }
    return this._grad;
  }
  set grad(g: Tensor | SparseCooTensor | null) {
    this._grad = g;
  }

  /** `backward(gradient)`: accumulates d(self)/d(leaf) . gradient into every leaf's `.grad`. */
  backward(gradient?: Tensor, options: { retainGraph?: boolean } = {}): void {
    if (!this.requiresGrad) {
      throw new RuntimeError('element 0 of tensors does not require grad and does not have a grad_fn');
    }
    if (gradient === undefined && this.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    if (gradient !== undefined && gradient.shape.join() !== this.shape.join()) {
      throw new RuntimeError(
        `Mismatch in shape: grad_output[0] has a shape of torch.Size([${gradient.shape.join(', ')}]) and output[0] has a shape of torch.Size([${this.shape.join(', ')}]).`,
      );
    }
    const seed = gradient ?? new Tensor(this.dtype, this.shape, allocate(this.dtype, 1).fill(1 as never));
    runBackward(this, seed, options.retainGraph ?? false);
  }

  // ---- what the autograd engine asks of a gradient (SparseCooTensor has the same three) --------
  /** A dense tensor is its own dense form. */
  toDense(): Tensor {
    return this;
  }
  /** this + g as a new tensor (a sparse g is densified first). */
  _plusGrad(g: Tensor | SparseCooTensor): Tensor {
    const other = g.toDense();
    const out = new Tensor(this.dtype, this.shape);
    const a = this.data as Float64Array, b = other.data as Float64Array, o = out.data as Float64Array;
    for (let i = 0; i < o.length; i++) o[i] = a[i] + b[i];
    return out;
  }
  /** The copy a leaf's `.grad` starts as. */
  _copyAsGrad(): Tensor {
    return new Tensor(this.dtype, this.shape, this.data.slice() as Storage);
  }

  // ---- copies and aliases (docs/spec.md §1.4) ---------------------------------------------------------
  /** A new leaf sharing storage and version counter, outside the graph. */
  detach(): Tensor {
    return new Tensor(this.dtype, this.shape, this.data, { versionCounter: this._versionCounter });
  }
  /** A copy; differentiable (CloneBackward0) when self requires grad. */
  clone(): Tensor {
    const out = new Tensor(this.dtype, this.shape, this.data.slice() as Storage);
    return attach(out, 'CloneBackward0', [this], [], (g) => [g]); // d clone(x)/dx = I
  }
  /** `Tensor.to(dtype)`: self when the dtype matches, else a converted, differentiable copy. */
  to(dtype: DType): Tensor {
    if (dtype === this.dtype) return this;
    const out = new Tensor(dtype, this.shape);
    for (let i = 0; i < this.data.length; i++) out.data[i] = castElement(this.data[i], this.dtype, dtype) as never;
    return attach(out, 'ToCopyBackward0', [this], [], (g) => [g.to(this.dtype)]); // gradient cast back
  }

  // ---- elements -------------------------------------------------------------------------------
  /** The value of a one-element tensor (bigint for int64, boolean for bool). */
  item(): number | bigint | boolean {
    if (this.numel() !== 1) {
      // 1.13's Python binding checks first; 2.x leaves it to ATen's item()
      if (!torchAtLeast('2.6')) throw new ValueError('only one element tensors can be converted to Python scalars');
      throw new RuntimeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    return this.dtype === 'bool' ? this.data[0] !== 0 : this.data[0];
  }
  /** Nested arrays of `item()` values, like `Tensor.tolist()`. */
  tolist(): unknown {
    const values = Array.from(this.data as ArrayLike<Scalar>, (v) => (this.dtype === 'bool' ? v !== 0 : v));
    const build = (dim: number, offset: number): unknown => {
      if (dim === this.shape.length) return values[offset];
      const stride = numelOf(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  // ---- in-place ops (not differentiable; they bump the version counter) -----------------------
  private checkInplace(): void {
    if (this._requiresGrad && isGradEnabled()) {
      if (this.isLeaf) throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
      throw new RuntimeError('rnnspec: in-place operations on non-leaf tensors that require grad are not implemented by the reference autograd');
    }
  }
  /** Applies `f` to every element in place and bumps `_version`, like any ATen in-place op. */
  _applyInplace(f: (v: Scalar, i: number) => Scalar): this {
    this.checkInplace();
    for (let i = 0; i < this.data.length; i++) this.data[i] = castElement(f(this.data[i], i), this.dtype, this.dtype) as never;
    this._versionCounter.value++;
    return this;
  }
  /** `fill_(value)`: the value converted as at::fill_ converts a Python scalar, overflow-checked. */
  fill_(value: number | bigint | boolean): this {
    const element = fillElement(pyScalar(value), this.dtype);
    return this._applyInplace(() => element);
  }
  zero_(): this {
    return this.fill_(0);
  }
  mul_(factor: number): this {
    return this._applyInplace((v) => (typeof v === 'bigint' ? v * BigInt(factor) : v * factor));
  }
  add_(other: number | Tensor): this {
    if (other instanceof Tensor) {
      if (other.numel() !== this.numel()) throw new RuntimeError(`rnnspec: add_ needs the same shape, got [${other.shape}] and [${this.shape}]`);
      return this._applyInplace((v, i) => (typeof v === 'bigint' ? v + BigInt(other.data[i]) : v + Number(other.data[i])));
    }
    return this._applyInplace((v) => (typeof v === 'bigint' ? v + BigInt(other) : v + other));
  }
  copy_(src: Tensor): this {
    if (src.numel() !== this.numel()) throw new RuntimeError(`rnnspec: copy_ needs the same number of elements, got ${src.numel()} and ${this.numel()}`);
    return this._applyInplace((_, i) => castElement(src.data[i], src.dtype, this.dtype));
  }

  toString(): string {
    return `tensor(${JSON.stringify(this.tolist(), (_, v) => (typeof v === 'bigint' ? Number(v) : v))}, dtype=${this.dtype})`;
  }
}
