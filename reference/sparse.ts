/**
 * The uncoalesced sparse COO gradient of `nn.Embedding(sparse=True)` (docs/spec.md §2.4): `indices` is an
 * int64 tensor (1, nnz) of row numbers in input order, `values` is (nnz, D), `size` is [V, D].
 * Accumulating two gradients concatenates them (no coalescing), as PyTorch does.
 */
import { Tensor } from './tensor.ts';

export class SparseCooTensor {
  constructor(
    readonly indices: Tensor,
    readonly values: Tensor,
    readonly size: readonly [number, number],
  ) {}

  get dtype() {
    return this.values.dtype;
  }
  get shape(): readonly number[] {
    return this.size;
  }
  /** The number of stored (uncoalesced) rows. */
  nnz(): number {
    return this.indices.shape[1];
  }

  toDense(): Tensor {
    const [rows, cols] = this.size;
    const out = new Tensor(this.values.dtype, [rows, cols]);
    const idx = this.indices.data as BigInt64Array;
    const v = this.values.data as Float32Array | Float64Array;
    const o = out.data as Float32Array | Float64Array;
    idx.forEach((row, k) => {
      const r = Number(row);
      for (let j = 0; j < cols; j++) o[r * cols + j] += v[k * cols + j];
    });
    return out;
  }

  // ---- what the autograd engine asks of a gradient (as Tensor) ------------------------------------
  /** sparse + sparse stays sparse (concatenated); sparse + dense is dense. */
  _plusGrad(g: Tensor | SparseCooTensor): Tensor | SparseCooTensor {
    return g instanceof SparseCooTensor ? this.add(g) : this.toDense()._plusGrad(g);
  }
  /** A sparse gradient is stored in `.grad` as it is. */
  _copyAsGrad(): SparseCooTensor {
    return this;
  }

  /** `a + b` of two sparse gradients: indices and values concatenated, a's first. */
  add(other: SparseCooTensor): SparseCooTensor {
    const n = this.nnz() + other.nnz();
    const indices = new Tensor('int64', [1, n]);
    (indices.data as BigInt64Array).set(this.indices.data as BigInt64Array, 0);
    (indices.data as BigInt64Array).set(other.indices.data as BigInt64Array, this.nnz());
    const values = new Tensor(this.values.dtype, [n, this.size[1]]);
    (values.data as Float64Array).set(this.values.data as Float64Array, 0);
    (values.data as Float64Array).set(other.values.data as Float64Array, this.values.data.length);
    return new SparseCooTensor(indices, values, this.size);
  }
}
