import { Tensor } from './tensor.ts';
export declare class PackedSequence {
    readonly data: Tensor;
    /** int64, one entry per time step. */
    readonly batchSizes: Tensor;
    readonly sortedIndices: Tensor | null;
    readonly unsortedIndices: Tensor | null;
    /** `PackedSequence(data, batch_sizes, sorted_indices=None, unsorted_indices=None)`. */
    constructor(data: Tensor, batchSizes: Tensor | readonly number[], sortedIndices?: Tensor | null, unsortedIndices?: Tensor | null);
    /** Destructures like the namedtuple: `const [data, batchSizes] = packed`. */
    [Symbol.iterator](): Generator<Tensor | null>;
}
export declare function numbers(t: Tensor): number[];
/** x[..., i, ...] along `dim` (a copy, differentiable). */
export declare function select(x: Tensor, dim: number, i: number): Tensor;
/**
 * `x.index_select(dim, index)` with 1.13's CPU messages: along dim 1 (of a tensor of 2 or more
 * dims) an index out of range is a RuntimeError naming it, elsewhere an IndexError.
 */
export declare function indexSelectAsTorch(x: Tensor, dim: number, index: readonly number[]): Tensor;
/** `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`. */
export declare function packPaddedSequence(input: Tensor, lengths: readonly number[] | Tensor, options?: {
    batchFirst?: boolean;
    enforceSorted?: boolean;
}): PackedSequence;
/** `pad_sequence(sequences, batch_first=False, padding_value=0.0)`: (T_max, B, *) or (B, T_max, *). */
export declare function padSequence(sequences: readonly Tensor[], options?: {
    batchFirst?: boolean;
    paddingValue?: number;
}): Tensor;
/** `pack_sequence(sequences, enforce_sorted=True)` = pack_padded_sequence(pad_sequence(sequences), lengths). */
export declare function packSequence(sequences: readonly Tensor[], options?: {
    enforceSorted?: boolean;
}): PackedSequence;
/**
 * `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)`:
 * returns [padded, lengths], both in the original (unsorted) batch order; lengths is int64.
 */
export declare function padPackedSequence(sequence: PackedSequence, options?: {
    batchFirst?: boolean;
    paddingValue?: number;
    totalLength?: number | null;
}): [Tensor, Tensor];
/**
 * `unpad_sequence(padded_sequences, lengths, batch_first=False)`: sequence b is padded[:len_b, b].
 * Unlike 1.13, which transposes its argument in place when batch_first=False (§5), this leaves it alone.
 */
export declare function unpadSequence(padded: Tensor, lengths: readonly number[] | Tensor, options?: {
    batchFirst?: boolean;
}): Tensor[];
/** `unpack_sequence(packed_sequences)`: the original sequences, in the original order. */
export declare function unpackSequence(packed: PackedSequence): Tensor[];
