/**
 * The uncoalesced sparse COO gradient of `nn.Embedding(sparse=True)` (spec §2.4): `indices` is an
 * int64 tensor (1, nnz) of row numbers in input order, `values` is (nnz, D), `size` is [V, D].
 * Accumulating two gradients concatenates them (no coalescing), as PyTorch does.
 */
import { Tensor } from './tensor.ts';
export declare class SparseCooTensor {
    readonly indices: Tensor;
    readonly values: Tensor;
    readonly size: readonly [number, number];
    constructor(indices: Tensor, values: Tensor, size: readonly [number, number]);
    get dtype(): import("./dtype.ts").DType;
    get shape(): readonly number[];
    /** The number of stored (uncoalesced) rows. */
    nnz(): number;
    toDense(): Tensor;
    /** `a + b` of two sparse gradients: indices and values concatenated, a's first. */
    add(other: SparseCooTensor): SparseCooTensor;
}
