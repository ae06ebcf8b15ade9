/**
 * The single tolerance table (DESIGN.md "Tolerances", spec §6.3-§6.4), keyed by dtype and by what
 * is compared. Forward values start from torch.testing.assert_close's defaults; float32 gradients
 * use rtol 1e-5 / atol 1e-5 (spec §6.2: measured float32-vs-float64 gradient error 7.4e-6 on
 * gradients up to 34 for L=30, 2-layer bidirectional, which the float32 defaults pass only barely).
 * Everything else (integers, bool, Embedding forward, packing, copy semantics) is exact.
 * A per-case override must carry its reason next to it.
 */
import type { DType } from '../../reference/index.ts';
export interface Tolerance {
    rtol: number;
    atol: number;
}
export type Quantity = 'forward' | 'gradient';
export declare const EXACT: Tolerance;
export declare const TOLERANCES: Record<'float32' | 'float64', Record<Quantity, Tolerance>>;
/** max_norm's renormalised rows: torch's float32 norm is not reproducible bitwise (spec §2.3, §6.3). */
export declare const RENORM: Record<'float32' | 'float64', Tolerance>;
export declare function tolerance(dtype: DType, quantity: Quantity): Tolerance;
