/**
 * The uncoalesced sparse COO gradient of `nn.Embedding(sparse=True)` (spec §2.4): `indices` is an
 * int64 tensor (1, nnz) of row numbers in input order, `values` is (nnz, D), `size` is [V, D].
 * Accumulating two gradients concatenates them (no coalescing), as PyTorch does.
 */
import { Tensor } from "./tensor.js";
export class SparseCooTensor {
    indices;
    values;
    size;
    constructor(indices, values, size) {
        this.indices = indices;
        this.values = values;
        this.size = size;
    }
    get dtype() {
        return this.values.dtype;
    }
    get shape() {
        return this.size;
    }
    /** The number of stored (uncoalesced) rows. */
    nnz() {
        return this.indices.shape[1];
    }
    toDense() {
        const [rows, cols] = this.size;
        const out = new Tensor(this.values.dtype, [rows, cols]);
        const idx = this.indices.data;
        const v = this.values.data;
        for (let k = 0; k < idx.length; k++) {
            const r = Number(idx[k]);
            for (let j = 0; j < cols; j++)
                out.data[r * cols + j] = (out.data[r * cols + j] + v[k * cols + j]);
        }
        return out;
    }
    /** `a + b` of two sparse gradients: indices and values concatenated, a's first. */
    add(other) {
        const n = this.nnz() + other.nnz();
        const indices = new Tensor('int64', [1, n]);
        indices.data.set(this.indices.data, 0);
        indices.data.set(other.indices.data, this.nnz());
        const values = new Tensor(this.values.dtype, [n, this.size[1]]);
        values.data.set(this.values.data, 0);
        values.data.set(other.values.data, this.values.data.length);
        return new SparseCooTensor(indices, values, this.size);
    }
}
