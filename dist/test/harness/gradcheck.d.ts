/**
 * Gradient check by the one-direction identity of jax's check_vjp: for random directions v (on
 * the inputs) and u (on the outputs), <J v, u> must equal <v, J^T u>. J v comes from central
 * differences in float64; J^T u from the reference's backward. Expected values therefore never
 * come from the code under test alone: the left side only evaluates the forward pass.
 *
 * Precision: with eps = 1e-6 in float64, truncation error is O(eps^2 f''') ~ 1e-12 and rounding
 * O(2^-52 |f| / eps) ~ 1e-10 relative, so rtol 1e-6 leaves a margin of about 10^4.
 */
import { Tensor } from '../../reference/index.ts';
export interface VjpResult {
    input: number;
    /** <J v, u> by central differences. */
    numerical: number;
    /** <v, J^T u> by backward. */
    analytical: number;
}
/**
 * Checks every float64 input of `f` separately. `f` must be deterministic (inject dropout masks).
 * Inputs must be float64 leaves that require grad; their `.grad` is reset.
 */
export declare function checkVjp(f: (inputs: Tensor[]) => Tensor[], inputs: Tensor[], options: {
    seed: number;
    eps?: number;
    rtol?: number;
    atol?: number;
}): VjpResult[];
