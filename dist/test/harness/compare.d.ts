/**
 * The one comparison helper: shape, then dtype, then values, with one failure format
 *   output[2,0,3] = 0.1201 but should be 0.1302 (atol 1e-5, rtol 1.3e-6) [rnn case=bidir_2layer impl=reference]
 * and the headroom of every comparison: worst |a - e| / (atol + rtol * |e|), so a pass at 0.98 of
 * its budget is visible. NaN equals only NaN; infinities only themselves; with `signedZeros`
 * +0 and -0 differ (copy semantics).
 */
import type { Tolerance } from './tolerances.ts';
/** `{dtype, shape, data}`: what the adapter contract, the fixtures and rnnspec's Tensor all have. */
export interface PlainTensor {
    dtype: string;
    shape: readonly number[];
    data: ArrayLike<number | bigint>;
}
export interface CompareOptions {
    /** Name of the compared value in messages, e.g. `output` or `grad.weight_ih_l0`. */
    name: string;
    tolerance: Tolerance;
    /** Appended in brackets, e.g. `rnn case=bidir_2layer impl=reference`. */
    context?: string;
    signedZeros?: boolean;
}
export interface Comparison {
    ok: boolean;
    /** worst |a-e| / (atol + rtol |e|) over all elements; 0 when equal, Infinity on a mismatch that no tolerance covers. */
    headroom: number;
    /** The largest |a - e| over finite pairs. */
    maxAbsError: number;
    message: string;
}
export declare function compareTensors(actual: PlainTensor, expected: PlainTensor, options: CompareOptions): Comparison;
/** Asserts (throws with the one failure format) and returns the comparison for headroom records. */
export declare function expectClose(actual: PlainTensor, expected: PlainTensor, options: CompareOptions): Comparison;
